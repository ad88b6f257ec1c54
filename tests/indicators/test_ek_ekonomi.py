"""ek_budget, ek_utfall, ek_avvikelse, ek_avvikelse_procent, ek_prognos_helar on a hand-built ekonomi table.

  month    Arbetsmarknadsåtgärder (AM)               Ekonomiskt bistånd (EB)
  2024-01  budget 2 000 000 utfall 1 800 000          budget 5 000 000 utfall 5 100 000
  2024-02  budget 2 000 000 utfall 2 300 000 prognos 24 500 000   5 000 000 / 4 900 000 prognos 60 000 000
  2024-03  budget 2 000 000 utfall 2 500 000          5 000 000 / 5 300 000 prognos 61 200 000
  2024-04  budget 2 000 000 utfall blank              5 000 000 / blank       (future month)
Data: 2024-01 … 2024-04; 2024-05 is after the data end.
"""

from __future__ import annotations

import math

import pytest

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value

AM, EB = "Arbetsmarknadsåtgärder", "Ekonomiskt bistånd"


def _row(manad: str, verksamhet: str, budget: int, utfall: int | None, prognos: int | None = None) -> dict:
    return {
        "manad": manad,
        "verksamhet": verksamhet,
        "budget": budget,
        "utfall": utfall,
        "prognos_helar": prognos,
    }


EKONOMI = [
    _row("2024-01", AM, 2_000_000, 1_800_000),
    _row("2024-01", EB, 5_000_000, 5_100_000),
    _row("2024-02", AM, 2_000_000, 2_300_000, 24_500_000),
    _row("2024-02", EB, 5_000_000, 4_900_000, 60_000_000),
    _row("2024-03", AM, 2_000_000, 2_500_000),
    _row("2024-03", EB, 5_000_000, 5_300_000, 61_200_000),
    _row("2024-04", AM, 2_000_000, None),
    _row("2024-04", EB, 5_000_000, None),
]
IDS = ["ek_budget", "ek_utfall", "ek_avvikelse", "ek_avvikelse_procent", "ek_prognos_helar"]


@pytest.fixture(scope="module")
def result():
    con = stored_db(ekonomi=EKONOMI)
    return compute(con, periods=["2024-Q1", "2024-T1", "2024-02", "2024-05"], indicators=IDS)


def test_budget_and_utfall(result) -> None:
    # Q1 budget: AM 3 × 2 000 000 = 6 000 000; EB 3 × 5 000 000 = 15 000 000; total 21 000 000
    assert value(result, "ek_budget", "2024-Q1").varde == 21_000_000
    assert groups(result, "ek_budget", "2024-Q1", "T", "verksamhet") == {AM: 6_000_000, EB: 15_000_000}
    # Q1 utfall: AM 1,8 + 2,3 + 2,5 = 6,6 mnkr; EB 5,1 + 4,9 + 5,3 = 15,3 mnkr
    assert value(result, "ek_utfall", "2024-Q1").varde == 21_900_000
    assert groups(result, "ek_utfall", "2024-Q1", "T", "verksamhet") == {AM: 6_600_000, EB: 15_300_000}


def test_avvikelse(result) -> None:
    # budget − utfall: AM 6,0 − 6,6 = −0,6 mnkr (over budget); EB −0,3 mnkr; total −0,9 mnkr
    assert groups(result, "ek_avvikelse", "2024-Q1", "T", "verksamhet") == {AM: -600_000, EB: -300_000}
    assert value(result, "ek_avvikelse", "2024-Q1").varde == -900_000
    # per cent of budget: AM −10 %; EB −2 %; total −900 000 / 21 000 000 = −4,2857 %
    assert groups(result, "ek_avvikelse_procent", "2024-Q1", "T", "verksamhet") == pytest.approx(
        {AM: -10.0, EB: -2.0}
    )
    t = value(result, "ek_avvikelse_procent", "2024-Q1")
    assert t.varde == pytest.approx(-100 * 900_000 / 21_000_000)
    assert (t.taljare, t.namnare) == (-900_000, 21_000_000)


def test_month_without_utfall_gives_no_utfall(result) -> None:
    # T1 = Jan–Apr: budget is there (8 + 20 mnkr) but April has no utfall → utfall and deviations I.U.
    assert value(result, "ek_budget", "2024-T1").varde == 28_000_000
    for ind in ("ek_utfall", "ek_avvikelse", "ek_avvikelse_procent"):
        assert math.isnan(value(result, ind, "2024-T1").varde)
        assert math.isnan(value(result, ind, "2024-T1", "T", "verksamhet", AM).varde)


def test_prognos_helar_is_the_recorded_one(result) -> None:
    # February: both recorded → AM 24,5 mnkr, EB 60 mnkr, total 84,5 mnkr
    assert groups(result, "ek_prognos_helar", "2024-02", "T", "verksamhet") == {
        AM: 24_500_000,
        EB: 60_000_000,
    }
    assert value(result, "ek_prognos_helar", "2024-02").varde == 84_500_000
    # Q1 → March: EB recorded 61,2 mnkr; AM recorded none → I.U., and so is the total
    assert value(result, "ek_prognos_helar", "2024-Q1", "T", "verksamhet", EB).varde == 61_200_000
    assert math.isnan(value(result, "ek_prognos_helar", "2024-Q1", "T", "verksamhet", AM).varde)
    assert math.isnan(value(result, "ek_prognos_helar", "2024-Q1").varde)


def test_after_data_end_is_not_computed(result) -> None:
    for ind in IDS:
        assert math.isnan(value(result, ind, "2024-05").varde)
