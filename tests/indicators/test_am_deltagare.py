"""am_deltagare_snitt, am_deltagare_sista_dag, am_nya_deltagare on a hand-built data set.

Persons: p1 K, p2 M, p3 K, p4 M. Insatser (2024):
  i1 p1 Jobbspår  A  X      2024-02-10 – 2024-03-10
  i2 p1 Praktik   B  blank  2024-03-05 – (ongoing)
  i3 p2 Jobbspår  A  X      2024-03-31 – 2024-04-20
  i4 p3 Jobbspår  B  blank  2024-01-01 – 2024-02-29
  i5 p4 Praktik   A  blank  2024-03-15 – 2024-03-15
  i6 p3 OSA       C  Y      2024-06-30 – (ongoing)   ← sets the data end 2024-06-30
Data end 2024-06-30: June is the last whole month; 2024-07 is I.U.
"""

from __future__ import annotations

import math

import pytest

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value

REGISTER = {"p1": "K", "p2": "M", "p3": "K", "p4": "M"}


def _ins(iid: str, pid: str, typ: str, enhet: str, arende: str | None, start: str, slut: str | None) -> dict:
    row = {"insats_id": iid, "person_id": pid, "insatstyp": typ, "enhet": enhet, "arendetyp": arende}
    return row | {"start_datum": start, "slut_datum": slut, "avslutsorsak": "ovrigt" if slut else None}


INSATSER = [
    _ins("i1", "p1", "Jobbspår", "A", "X", "2024-02-10", "2024-03-10"),
    _ins("i2", "p1", "Praktik", "B", None, "2024-03-05", None),
    _ins("i3", "p2", "Jobbspår", "A", "X", "2024-03-31", "2024-04-20"),
    _ins("i4", "p3", "Jobbspår", "B", None, "2024-01-01", "2024-02-29"),
    _ins("i5", "p4", "Praktik", "A", None, "2024-03-15", "2024-03-15"),
    _ins("i6", "p3", "OSA", "C", "Y", "2024-06-30", None),
]


@pytest.fixture(scope="module")
def result():
    con = stored_db(register=REGISTER, insatser=INSATSER)
    return compute(
        con,
        periods=["2024-03", "2024-Q1", "2024-06", "2024-07"],
        indicators=["am_deltagare_snitt", "am_deltagare_sista_dag", "am_nya_deltagare"],
    )


def test_deltagare_snitt_march(result) -> None:
    # March: 31 days. p1 is in progress every day (i1 1–10 and i2 5–31 overlap: counted once) = 31
    # person-days; p2 on Mar 31 = 1; p4 on Mar 15 = 1; p3's i4 ended Feb 29 = 0. T = 33/31.
    t = value(result, "am_deltagare_snitt", "2024-03")
    assert (t.taljare, t.namnare) == (33, 31)
    assert t.varde == pytest.approx(33 / 31)
    assert value(result, "am_deltagare_snitt", "2024-03", "K").varde == pytest.approx(31 / 31)
    assert value(result, "am_deltagare_snitt", "2024-03", "M").varde == pytest.approx(2 / 31)
    # insatstyp: Jobbspår p1 Mar 1–10 (10) + p2 (1) = 11; Praktik p1 Mar 5–31 (27) + p4 (1) = 28
    by_typ = groups(result, "am_deltagare_snitt", "2024-03", "T", "insatstyp")
    assert by_typ == pytest.approx({"Jobbspår": 11 / 31, "Praktik": 28 / 31})
    # enhet: A = p1 10 + p2 1 + p4 1 = 12; B = p1 27
    assert groups(result, "am_deltagare_snitt", "2024-03", "T", "enhet") == pytest.approx(
        {"A": 12 / 31, "B": 27 / 31}
    )


def test_deltagare_snitt_quarter(result) -> None:
    # Q1 2024 = 31 + 29 + 31 = 91 days. p1: Feb 10 – Mar 31 = 20 + 31 = 51 days (i1 and i2 merged);
    # p3: Jan 1 – Feb 29 = 60; p2: 1; p4: 1. T = 113/91; K = (51 + 60)/91; M = 2/91
    t = value(result, "am_deltagare_snitt", "2024-Q1")
    assert (t.taljare, t.namnare) == (113, 91)
    assert value(result, "am_deltagare_snitt", "2024-Q1", "K").taljare == 111
    assert value(result, "am_deltagare_snitt", "2024-Q1", "M").varde == pytest.approx(2 / 91)


def test_deltagare_sista_dag(result) -> None:
    # Mar 31: p1 (i2 ongoing) and p2 (i3 starts that day) → T 2, K 1, M 1
    assert value(result, "am_deltagare_sista_dag", "2024-03").varde == 2
    assert value(result, "am_deltagare_sista_dag", "2024-03", "K").varde == 1
    assert value(result, "am_deltagare_sista_dag", "2024-03", "M").varde == 1
    assert groups(result, "am_deltagare_sista_dag", "2024-03", "T", "insatstyp") == {
        "Praktik": 1,
        "Jobbspår": 1,
    }
    assert groups(result, "am_deltagare_sista_dag", "2024-03", "T", "enhet") == {"B": 1, "A": 1}
    # blank ärendetyp is the group `saknas`
    assert groups(result, "am_deltagare_sista_dag", "2024-03", "T", "arendetyp") == {"saknas": 1, "X": 1}
    # Jun 30: p1 (i2 still ongoing) and p3 (i6 starts that day) → both women
    assert value(result, "am_deltagare_sista_dag", "2024-06", "K").varde == 2
    assert value(result, "am_deltagare_sista_dag", "2024-06", "M").varde == 0


def test_nya_deltagare(result) -> None:
    # starts in March: p1 (i2 Mar 5), p2 (i3 Mar 31, the last day), p4 (i5) → T 3, K 1, M 2
    assert value(result, "am_nya_deltagare", "2024-03").varde == 3
    assert value(result, "am_nya_deltagare", "2024-03", "K").varde == 1
    assert value(result, "am_nya_deltagare", "2024-03", "M").varde == 2
    assert groups(result, "am_nya_deltagare", "2024-03", "T", "insatstyp") == {"Jobbspår": 1, "Praktik": 2}
    assert groups(result, "am_nya_deltagare", "2024-03", "T", "enhet") == {"A": 2, "B": 1}
    # Q1: p1 (two starts, counted once), p2, p3 (Jan 1, the first day), p4 → T 4, K 2, M 2
    assert value(result, "am_nya_deltagare", "2024-Q1").varde == 4
    assert value(result, "am_nya_deltagare", "2024-Q1", "K").varde == 2


def test_after_data_end_is_not_computed(result) -> None:
    for ind in ("am_deltagare_snitt", "am_deltagare_sista_dag", "am_nya_deltagare"):
        assert math.isnan(value(result, ind, "2024-07").varde)
