"""The dynamic design's analysis data, on a hand-built store worked out by hand."""

from __future__ import annotations

import math

import duckdb
import pytest

from uppfolj.effects.analysis_data import build_analysis_data
from uppfolj.errors import UppfoljError


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y}-{m:02d}-01")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute(
        "CREATE TABLE bistand_manad (hushall_id VARCHAR, manad DATE, sokande_id VARCHAR, medsokande_id VARCHAR,"
        " antal_barn BIGINT, belopp DECIMAL(18,2), hushallstyp VARCHAR)"
    )
    rows = []
    # A: a lone month at the data start (left-censored spell), then a spell 2023-06..2023-11
    for month in ["2023-01-01", *_months("2023-06", "2023-11")]:
        rows.append(("h1", month, "A", None, 1, 5000))
    # B: 2023-05..2024-12, still going at the data end
    for month in _months("2023-05", "2024-12"):
        rows.append(("h2", month, "B", None, 0, 6000))
    # D: spell starting 2023-02, within the first G+1 = 3 months of data: left out
    for month in _months("2023-02", "2023-04"):
        rows.append(("h3", month, "D", None, 0, 4000))
    c.executemany("INSERT INTO bistand_manad VALUES (?, ?, ?, ?, ?, ?, NULL)", rows)
    c.execute("CREATE TABLE _personregister (person_id VARCHAR, fodelsear INTEGER, kon VARCHAR)")
    c.executemany(
        "INSERT INTO _personregister VALUES (?, ?, ?)", [("A", 1990, "K"), ("B", 1980, "M"), ("D", 1970, "M")]
    )
    c.execute(
        "CREATE TABLE insatser (insats_id VARCHAR, person_id VARCHAR, insatstyp VARCHAR, enhet VARCHAR,"
        " start_datum DATE, slut_datum DATE, avslutsorsak VARCHAR)"
    )
    c.executemany(
        "INSERT INTO insatser VALUES (?, ?, ?, 'E1', ?, ?, NULL)",
        [("i1", "A", "Jobbspår", "2023-08-15", None), ("i2", "B", "Jobbspår", "2023-03-01", "2023-09-30")],
    )
    c.execute("CREATE TABLE eb_avslut (hushall_id VARCHAR, manad DATE, avslutsorsak VARCHAR)")
    c.execute("INSERT INTO eb_avslut VALUES ('h1', '2023-11-01', 'arbete')")
    return c


def test_risk_set_and_treatment(con: duckdb.DuckDBPyConnection) -> None:
    data = build_analysis_data(con, "Jobbspår")
    panel = data.panel
    a = panel[panel.person == "A"]
    # A's spell starts 2023-06; Jobbspår starts 2023-08 → u = 0, 1, 2 with the start at u = 2
    assert a["u"].tolist() == [0, 1, 2]
    assert a["behandlad"].tolist() == [0, 0, 1]
    b = panel[panel.person == "B"]
    # B: spell 2023-05..2024-12 = 20 months (u 0..19); in an earlier Jobbspår until 2023-09 → u 0..4 left out
    assert b["u"].tolist() == list(range(5, 20))
    assert b["behandlad"].sum() == 0
    assert "D" not in set(panel.person)
    assert data.info["behandlade"] == 1


def test_covariates_and_outcomes(con: duckdb.DuckDBPyConnection) -> None:
    panel = build_analysis_data(con, "Jobbspår").panel
    a2 = panel[(panel.person == "A") & (panel.u == 2)].iloc[0]  # month 2023-08
    assert a2["alder"] == 2023 - 1990
    assert a2["kvinna"] == 1
    assert a2["betalningar_24"] == 3  # 2023-01, 2023-06, 2023-07
    assert a2["antal_barn"] == 1
    assert a2["ingen_betalning_0"] == 0  # paid in 2023-08
    assert a2["ingen_betalning_6"] == 1  # 2024-02: A's last payment was 2023-11
    assert math.isnan(a2["ingen_betalning_24"])  # 2025-08 is after the data end 2024-12
    assert a2["manader_kvar_24"] == 4  # 2023-08..2023-11
    assert a2["arbete_studier_12"] == 1  # ended 2023-11 with eb_avslut 'arbete'
    assert math.isnan(a2["placebo_betalningar"])  # 2020-08..2021-07 is before the data start
    b5 = panel[(panel.person == "B") & (panel.u == 5)].iloc[0]  # 2023-10
    assert b5["tidigare_insatser"] == 1
    assert b5["ingen_betalning_6"] == 0
    assert math.isnan(b5["manader_kvar_24"])  # still in the spell at the data end, 15 < 24 months seen


def test_unknown_insatstyp_lists_the_known(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(UppfoljError, match="Insatstyper som finns: Jobbspår"):
        build_analysis_data(con, "Praktik")
