"""am_avslutade, am_andel_arbete_studier, am_tid_medel, am_tid_median on a hand-built data set.

Persons: p1 K, p2 M, p3 K, p4 M. Insatser (days = slut − start + 1):
  e1 p1 Jobbspår A X      2024-02-10 – 2024-03-10 arbete_utan_stod  Feb 10→Mar 10 = 29, +1 = 30
  e2 p4 Praktik  A blank  2024-03-15 – 2024-03-15 avbrott           1
  e3 p3 Jobbspår B blank  2024-01-01 – 2024-02-29 ohalsa            59 + 1 = 60
  e4 p2 Jobbspår A X      2024-03-31 – 2024-04-20 studier           20 + 1 = 21
  e5 p2 Praktik  B X      2024-03-01 – 2024-03-30 arbete_med_stod   29 + 1 = 30 (ends the day before D)
  e6 p3 Praktik  A Y      2024-02-01 – 2024-03-01 flytt             29 + 1 = 30 (ends on March's first day)
  e7 p1 OSA      C Y      2024-06-30 – ongoing                      sets the data end 2024-06-30
"""

from __future__ import annotations

import math

import pytest

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value

REGISTER = {"p1": "K", "p2": "M", "p3": "K", "p4": "M"}


def _ins(
    iid: str,
    pid: str,
    typ: str,
    enhet: str,
    arende: str | None,
    start: str,
    slut: str | None,
    orsak: str | None,
) -> dict:
    return {
        "insats_id": iid, "person_id": pid, "insatstyp": typ, "enhet": enhet, "arendetyp": arende,
        "start_datum": start, "slut_datum": slut, "avslutsorsak": orsak,
    }  # fmt: skip


INSATSER = [
    _ins("e1", "p1", "Jobbspår", "A", "X", "2024-02-10", "2024-03-10", "arbete_utan_stod"),
    _ins("e2", "p4", "Praktik", "A", None, "2024-03-15", "2024-03-15", "avbrott"),
    _ins("e3", "p3", "Jobbspår", "B", None, "2024-01-01", "2024-02-29", "ohalsa"),
    _ins("e4", "p2", "Jobbspår", "A", "X", "2024-03-31", "2024-04-20", "studier"),
    _ins("e5", "p2", "Praktik", "B", "X", "2024-03-01", "2024-03-30", "arbete_med_stod"),
    _ins("e6", "p3", "Praktik", "A", "Y", "2024-02-01", "2024-03-01", "flytt"),
    _ins("e7", "p1", "OSA", "C", "Y", "2024-06-30", None, None),
]

IDS = ["am_avslutade", "am_andel_arbete_studier", "am_tid_medel", "am_tid_median"]


@pytest.fixture(scope="module")
def result():
    con = stored_db(register=REGISTER, insatser=INSATSER)
    return compute(con, periods=["2024-03", "2024-Q1", "2024-Q2", "2024-07"], indicators=IDS)


def test_avslutade(result) -> None:
    # March: e1, e2, e5, e6 end in March (e6 on Mar 1, e4 on Apr 20 does not) → T 4, K 2 (e1 e6), M 2
    assert value(result, "am_avslutade", "2024-03").varde == 4
    assert value(result, "am_avslutade", "2024-03", "K").varde == 2
    assert value(result, "am_avslutade", "2024-03", "M").varde == 2
    assert groups(result, "am_avslutade", "2024-03", "T", "avslutsorsak") == {
        "arbete_utan_stod": 1, "avbrott": 1, "arbete_med_stod": 1, "flytt": 1,
    }  # fmt: skip
    assert groups(result, "am_avslutade", "2024-03", "T", "insatstyp") == {"Jobbspår": 1, "Praktik": 3}
    assert groups(result, "am_avslutade", "2024-03", "T", "enhet") == {"A": 3, "B": 1}
    # Q1 adds e3 (Feb 29) → 5; Q2 only e4 → T 1, M 1, K 0
    assert value(result, "am_avslutade", "2024-Q1").varde == 5
    assert value(result, "am_avslutade", "2024-Q2", "K").varde == 0
    assert value(result, "am_avslutade", "2024-Q2", "M").varde == 1


def test_andel_arbete_studier(result) -> None:
    # March: exits to work/studies e1, e5 of 4 → 50 %; K e1 of (e1, e6) 50 %; M e5 of (e2, e5) 50 %
    t = value(result, "am_andel_arbete_studier", "2024-03")
    assert (t.varde, t.taljare, t.namnare) == (50.0, 2, 4)
    assert groups(result, "am_andel_arbete_studier", "2024-03", "T", "insatstyp") == pytest.approx(
        {"Jobbspår": 100.0, "Praktik": 100 / 3}
    )
    assert groups(result, "am_andel_arbete_studier", "2024-03", "T", "enhet") == pytest.approx(
        {"A": 100 / 3, "B": 100.0}
    )
    # Q2: e4 (studier) of 1 → 100 %; no woman ended → K not computed (no denominator)
    assert value(result, "am_andel_arbete_studier", "2024-Q2").varde == 100.0
    assert math.isnan(value(result, "am_andel_arbete_studier", "2024-Q2", "K").varde)


def test_tid_medel(result) -> None:
    # March: (30 + 1 + 30 + 30) / 4 = 91 / 4 = 22.75; K (30 + 30)/2 = 30; M (1 + 30)/2 = 15.5
    t = value(result, "am_tid_medel", "2024-03")
    assert (t.varde, t.taljare, t.namnare) == (22.75, 91, 4)
    assert value(result, "am_tid_medel", "2024-03", "K").varde == 30
    assert value(result, "am_tid_medel", "2024-03", "M").varde == 15.5
    # ärendetyp: X e1 30, e5 30 → 30; saknas e2 → 1; Y e6 → 30
    assert groups(result, "am_tid_medel", "2024-03", "T", "arendetyp") == {"X": 30, "saknas": 1, "Y": 30}
    # Praktik: (1 + 30 + 30) / 3
    assert groups(result, "am_tid_medel", "2024-03", "T", "insatstyp") == pytest.approx(
        {"Jobbspår": 30, "Praktik": 61 / 3}
    )
    # Q1: (30 + 1 + 60 + 30 + 30) / 5 = 151 / 5 = 30.2; K (30 + 60 + 30)/3 = 40
    assert value(result, "am_tid_medel", "2024-Q1").varde == pytest.approx(30.2)
    assert value(result, "am_tid_medel", "2024-Q1", "K").varde == pytest.approx(40)


def test_tid_median_with_ties(result) -> None:
    # March: 1, 30, 30, 30 → even count: (30 + 30)/2 = 30; M: 1, 30 → 15.5
    assert value(result, "am_tid_median", "2024-03").varde == 30
    assert value(result, "am_tid_median", "2024-03").namnare == 4
    assert value(result, "am_tid_median", "2024-03", "M").varde == 15.5
    # Q1: 1, 30, 30, 30, 60 → 30; K: 30, 30, 60 → 30 (the mean would be 40)
    assert value(result, "am_tid_median", "2024-Q1").varde == 30
    assert value(result, "am_tid_median", "2024-Q1", "K").varde == 30
    assert groups(result, "am_tid_median", "2024-03", "T", "insatstyp") == {"Jobbspår": 30, "Praktik": 30}
    assert value(result, "am_tid_median", "2024-Q2").varde == 21


def test_after_data_end_is_not_computed(result) -> None:
    for ind in IDS:
        assert math.isnan(value(result, ind, "2024-07").varde)
