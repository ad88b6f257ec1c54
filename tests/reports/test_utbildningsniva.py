"""Genomlysning av utbildningsnivå on hand-built insatser: the four tables with N per group, the time per
participant (two insatser of one person counted once with their days summed), and small groups hidden."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from docx import Document

from uppfolj.errors import UppfoljError
from uppfolj.reports.context import ReportContext
from uppfolj.reports.utbildningsniva import make as utbildningsniva
from uppfolj.workspace import Config

NB = "\u00a0"
REGISTER = {"p1": "K", "p2": "K", "p3": "M", "p4": "M", "p5": "M"}


def _insats(i: int, person: str, enhet: str, arende: str, start: str, slut: str | None) -> dict[str, Any]:
    return {
        "insats_id": f"i{i}",
        "person_id": person,
        "insatstyp": "Arbetsträning",
        "enhet": enhet,
        "arendetyp": arende,
        "start_datum": start,
        "slut_datum": slut,
        "avslutsorsak": "arbete_utan_stod" if slut else None,
    }


INSATSER = [
    _insats(1, "p1", "Verkstan", "EB", "2023-01-01", "2023-01-10"),  # 10 days
    _insats(2, "p1", "Caféet", "EB", "2023-03-01", "2023-03-20"),  # 20 days: p1 has 30 days in all
    _insats(3, "p2", "Verkstan", "EB", "2023-02-01", "2023-02-20"),  # 20 days
    _insats(4, "p3", "Caféet", "AF", "2023-03-01", "2023-03-31"),  # 31 days
    _insats(5, "p4", "Caféet", "AF", "2023-12-01", None),  # ongoing: 1–31 December = 31 days
    _insats(6, "p5", "Verkstan", "EB", "2022-12-22", "2023-01-10"),  # from its start: 10 + 10 = 20 days
    # a 2024 start moves the data end past 2023, so the whole year is inside the data
    _insats(7, "p5", "Verkstan", "EB", "2024-01-15", None),
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


def _pct(n: int) -> str:
    return f"{n}{NB}%"


def test_four_tables_hand_worked(con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any) -> None:
    ctx = ReportContext(con, Config(smatal_grans=0), "000004", dt.date(2024, 2, 1))
    docx_path, _ = utbildningsniva.write(ctx, "2023", tmp_path)
    docx = read_docx(docx_path)

    time = docx["Tid som deltagare per ärendetyp 2023"]
    assert time[0] == [
        "Ärendetyp", "Deltagare", "Medeltid kvinnor (dagar)", "Medeltid män (dagar)",
        "Medeltid totalt (dagar)", "Mediantid totalt (dagar)",
    ]  # fmt: skip
    # AF: p3 31, p4 31 (no women: I.U.). EB: p1 30 (two insatser, once), p2 20, p5 20 → women 25, men 20,
    # all 70 / 3 = 23,3 → 23, median 20. All five: 132 / 5 = 26,4 → 26; men (31 + 31 + 20) / 3 = 27,3 → 27;
    # median of 20, 20, 30, 31, 31 = 30
    assert time[1:] == [
        ["AF", "2", "I.U.", "31", "31", "31"],
        ["EB", "3", "25", "20", "23", "20"],
        ["Samtliga deltagare", "5", "25", "27", "26", "30"],
    ]

    levels = docx["Utbildningsnivå per ärendetyp 2023"]
    assert levels[0] == [
        "Ärendetyp", "Deltagare", "Förgymnasial 9 (10) år", "Gymnasial 3 år", "Eftergymnasial ≥ 3 år",
        "Uppgift saknas",
    ]  # fmt: skip
    # AF: p3 level 2, p4 unknown; EB: p1, p2 level 4, p5 level 6; nobody at a level is 0 %, not I.U.
    assert levels[1:] == [
        ["AF", "2", _pct(50), _pct(0), _pct(0), _pct(50)],
        ["EB", "3", _pct(0), _pct(67), _pct(33), _pct(0)],
        ["Samtliga deltagare", "5", _pct(20), _pct(40), _pct(20), _pct(20)],
    ]

    placement = docx["Placering per ärendetyp 2023"]
    # AF: both at Caféet; EB: p1 at Caféet (1 of 3) and p1, p2, p5 at Verkstan (3 of 3)
    assert placement[1:] == [
        ["AF", "Caféet", "2", _pct(100)],
        ["AF", "Samtliga enheter", "2", ""],
        ["EB", "Caféet", "1", _pct(33)],
        ["EB", "Verkstan", "3", _pct(100)],
        ["EB", "Samtliga enheter", "3", ""],
    ]

    units = docx["Utbildningsnivå per enhet 2023"]
    # Caféet: p1 (4), p3 (2), p4 (unknown); Verkstan: p1, p2 (4), p5 (6)
    assert units[1:3] == [
        ["Caféet", "3", _pct(33), _pct(33), _pct(0), _pct(33)],
        ["Verkstan", "3", _pct(0), _pct(67), _pct(33), _pct(0)],
    ]

    text = [p.text for p in Document(str(docx_path)).paragraphs]
    assert (
        "Under 2023 hade 5 personer en pågående arbetsmarknadsinsats. En deltagare hade i genomsnitt varit i "
        "insats 26 dagar (median 30 dagar). Längst tid hade deltagarna med ärendetypen AF (31 dagar i "
        "genomsnitt) och kortast de med EB (23 dagar). Kvinnorna hade i genomsnitt 25 dagar och männen 27 "
        "dagar."
    ) in text
    # the chart of education level per ärendetyp, with its text alternative under it
    assert any("Stapeldiagram: för varje ärendetyp deltagarnas fördelning" in p for p in text)


def test_small_groups_hidden(con: duckdb.DuckDBPyConnection, tmp_path: Path, read_docx: Any) -> None:
    # threshold 2: AF (2 persons) is hidden, and EB with it, since AF could be worked out as 5 − EB
    ctx = ReportContext(con, Config(smatal_grans=2), "000004", dt.date(2024, 2, 1))
    docx = read_docx(utbildningsniva.write(ctx, "2023", tmp_path)[0])
    time = {r[0]: r[1:] for r in docx["Tid som deltagare per ärendetyp 2023"][1:]}
    assert time["AF"][:1] == [".."] and time["AF"][3] == ".."
    assert time["EB"][0] == ".."
    # the total of five is shown; women (2) hidden, men (3) with them, the total mean shown
    assert time["Samtliga deltagare"] == ["5", "..", "..", "26", "30"]
    placement = {(r[0], r[1]): r[2:] for r in docx["Placering per ärendetyp 2023"][1:]}
    assert placement[("EB", "Caféet")] == ["..", ".."]  # one person
    assert placement[("EB", "Verkstan")] == ["3", ".."]  # shown, but its share of a hidden whole is not


def test_not_a_year(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(UppfoljError, match="inget år"):
        utbildningsniva.write(ReportContext(con, Config(), "1"), "2023-Q1", tmp_path)
