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
    # D: spell starting 2023-02, within the first G+1 = 3 months of data: left out (the stock)
    for month in _months("2023-02", "2023-04"):
        rows.append(("h3", month, "D", None, 0, 4000))
    # E: paid 2024-03..2024-05, then never again
    for month in _months("2024-03", "2024-05"):
        rows.append(("h4", month, "E", None, 0, 4000))
    # F: B's medsökande in 2024-10 only (one household, so one cluster with B)
    rows.append(("h2", "2024-10-01", "B", "F", 0, 6000))
    c.executemany("INSERT INTO bistand_manad VALUES (?, ?, ?, ?, ?, ?, NULL)", rows)
    c.execute("CREATE TABLE _personregister (person_id VARCHAR, fodelsear INTEGER, kon VARCHAR)")
    c.executemany(
        "INSERT INTO _personregister VALUES (?, ?, ?)",
        [("A", 1990, "K"), ("B", 1980, "M"), ("D", 1970, "M"), ("E", 1985, "K"), ("F", 1981, "K")],
    )
    c.execute(
        "CREATE TABLE insatser (insats_id VARCHAR, person_id VARCHAR, insatstyp VARCHAR, enhet VARCHAR,"
        " start_datum DATE, slut_datum DATE, avslutsorsak VARCHAR)"
    )
    c.executemany(
        "INSERT INTO insatser VALUES (?, ?, ?, 'E1', ?, ?, NULL)",
        [
            ("i1", "A", "Jobbspår", "2023-08-15", None),
            ("i2", "B", "Jobbspår", "2023-03-01", "2023-09-30"),
            ("i3", "D", "Jobbspår", "2023-04-01", None),
            ("i4", "E", "Jobbspår", "2024-07-01", None),
        ],
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
    # E: at risk 2024-03..2024-05 and the G = 2 months after the last payment, decided without looking ahead;
    # starts Jobbspår in 2024-07, the last of those months (u = 4)
    e = panel[panel.person == "E"]
    assert e["u"].tolist() == [0, 1, 2, 3, 4]
    assert e["behandlad"].tolist() == [0, 0, 0, 0, 1]
    assert data.info["behandlade"] == 2
    # households: B and F shared h2, so they are drawn together by the bootstrap; A and E are alone
    cluster = panel.groupby("person")["kluster"].first()
    assert cluster["B"] == cluster["F"] and len({cluster["A"], cluster["B"], cluster["E"]}) == 3
    # every Jobbspår start in the period, by why it is (not) in the analysis: i1 and i4 in; i2 starts when B
    # has no bistånd; i3 is in D's spell that runs from the data start
    assert data.info["tackning"] == {
        "i_analysen": 2,
        "utan_bistand": 1,
        "pagaende_vid_datastart": 1,
        "sen_start": 0,
        "upprepad": 0,
    }


def test_stock_included_counts_from_data_start(con: duckdb.DuckDBPyConnection) -> None:
    data = build_analysis_data(con, "Jobbspår", include_stock=True)
    panel = data.panel
    # D's spell 2023-02..2023-04 runs from the data start 2023-01: u counted from 2023-01, i3 starts 2023-04
    d = panel[panel.person == "D"]
    assert d["u"].tolist() == [1, 2, 3]
    assert d["behandlad"].tolist() == [0, 0, 1]
    assert d["bestand"].tolist() == [1, 1, 1]
    # A's lone month 2023-01 is a stock spell too (at risk 2023-01..2023-03); A's later spell is not stock
    a = panel[panel.person == "A"]
    assert a.loc[a.bestand == 1, "u"].tolist() == [0, 1, 2]
    assert a.loc[a.bestand == 0, "u"].tolist() == [0, 1, 2]
    assert data.info["tackning"]["i_analysen"] == 3
    assert data.info["tackning"]["pagaende_vid_datastart"] == 0


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
    # fixed window: months left is observed only when 2023-08 + 24 + G = 2025-10 is in the data, whatever its
    # value (A's spell is known to end 2023-11, but using that would make missingness depend on the value)
    assert math.isnan(a2["manader_kvar_24"])
    assert a2["arbete_studier_12"] == 1  # ended 2023-11 with eb_avslut 'arbete'
    assert math.isnan(a2["placebo_betalningar"])  # 2020-08..2021-07 is before the data start
    b5 = panel[(panel.person == "B") & (panel.u == 5)].iloc[0]  # 2023-10
    assert b5["tidigare_insatser"] == 1
    assert b5["ingen_betalning_6"] == 0
    assert math.isnan(b5["manader_kvar_24"])  # still in the spell at the data end, 15 < 24 months seen


def test_unknown_insatstyp_lists_the_known(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(UppfoljError, match="Insatstyper som finns: Jobbspår"):
        build_analysis_data(con, "Praktik")


def test_education_only_when_dated_before_the_month(con: duckdb.DuckDBPyConnection) -> None:
    # no personer table: no education at all, and a note says why
    data = build_analysis_data(con, "Jobbspår")
    assert "utb_forgymnasial" not in data.panel.columns
    assert any("saknar datum" in n for n in data.info["anteckningar"])
    con.execute(
        "CREATE TABLE personer (person_id VARCHAR, kon VARCHAR, utbildningsniva VARCHAR,"
        " fodelseland_grupp VARCHAR, invandringsar INTEGER, utbildningsniva_datum DATE)"
    )
    # A's level (förgymnasial) registered 2023-07: unknown in 2023-06, known from 2023-08
    con.execute("INSERT INTO personer VALUES ('A', 'K', '2', 'sverige', NULL, '2023-07-10')")
    panel = build_analysis_data(con, "Jobbspår").panel
    a = panel[(panel.person == "A") & (panel["manad"] >= 2023 * 12 + 5)].set_index("u")
    assert a.loc[0, "utb_okand"] == 1 and a.loc[0, "utb_forgymnasial"] == 0  # 2023-06
    assert a.loc[2, "utb_okand"] == 0 and a.loc[2, "utb_forgymnasial"] == 1  # 2023-08


def test_start_of_another_type_is_marked(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO insatser VALUES ('i5', 'E', 'Praktik', 'E1', '2024-04-10', NULL, NULL)")
    panel = build_analysis_data(con, "Jobbspår").panel
    e = panel[panel.person == "E"]
    # E starts Praktik in 2024-04 (u = 1): marked there only, and not a covariate
    assert e["annan_insats_start"].tolist() == [0, 1, 0, 0, 0]
    assert "annan_insats_start" not in build_analysis_data(con, "Jobbspår").covariates
