"""sol_ej_verkstallda (the indicator) on the decisions of test_sol_ej_verkstallda_beslut.

Sexes: p1 K, p2 M, p3 K, p4 M, p5 K, p6 M. Data end: s16's beslut_datum 2024-07-15, so June is the last
whole month: 2024-Q2 (D = 2024-06-30) is computed, 2024-07 is I.U.
"""

from __future__ import annotations

import math

import pytest

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value
from .test_sol_ej_verkstallda_beslut import REGISTER, ROWS

ID = "sol_ej_verkstallda"


@pytest.fixture(scope="module")
def result():
    con = stored_db(register=REGISTER, sol_beslut=ROWS)
    return compute(con, periods=["2024-Q2", "2024-03", "2024-07"], indicators=[ID])


def test_quarter_end(result) -> None:
    # reported on Jun 30 (see the list test): s01 s03 s05 s07 s13 s15 (K) and s08 s10 s12 s14 (M)
    assert value(result, ID, "2024-Q2").varde == 10
    assert value(result, ID, "2024-Q2", "K").varde == 6
    assert value(result, ID, "2024-Q2", "M").varde == 4
    assert groups(result, ID, "2024-Q2", "T", "typ") == {"ej_verkstallt": 7, "avbrott": 3}
    assert groups(result, ID, "2024-Q2", "T", "tid") == {"3-6": 5, "7-9": 1, "10-12": 1, "13-17": 2, "18+": 1}
    assert groups(result, ID, "2024-Q2", "K", "tid") == {"3-6": 3, "10-12": 1, "13-17": 1, "18+": 1}
    assert groups(result, ID, "2024-Q2", "T", "insatstyp") == {"Arbetsrehabilitering": 10}


def test_month_end_d_is_the_periods_last_day(result) -> None:
    # D = 2024-03-31, D − 3 months = 2023-12-31:
    #   s05 2023-06-01: 9 months (7-9); s06 closed only 2024-05-01, after D: 14 months (13-17);
    #   s07 14 months; s12 (2024−2022)·12 + 3 − 12 = 15; s13 15; s14 2023-09-30: 6 (3-6).
    #   Interruptions s08–s11, s15 are under three months old or later than D; executed → not reported.
    assert value(result, ID, "2024-03").varde == 6
    assert value(result, ID, "2024-03", "K").varde == 3  # s05 p5, s07 p1, s13 p1
    assert groups(result, ID, "2024-03", "T", "tid") == {"3-6": 1, "7-9": 1, "13-17": 4}
    assert groups(result, ID, "2024-03", "T", "typ") == {"ej_verkstallt": 6}


def test_after_data_end_is_not_computed(result) -> None:
    assert math.isnan(value(result, ID, "2024-07").varde)
