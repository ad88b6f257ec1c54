"""The full-year forecast and its backtest on hand-built monthly series whose forecast is worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pytest

from uppfolj.errors import UppfoljError
from uppfolj.forecast import evaluate, forecast, full_year_forecast, parse_month, recorded_forecast
from uppfolj.workspace import Config

EB = "Ekonomiskt bistånd"


def _db(
    households: dict[tuple[int, int], int],
    cost: dict[tuple[int, int], float],
    booking: float = 1.0,
    budget_month: float = 1_000_000.0,
    last: tuple[int, int] = (2024, 8),
) -> duckdb.DuckDBPyConnection:
    """bistand_manad with `households[(y, m)]` households each paid `cost[(y, m)]`; ekonomi utfall =
    booking × paid, for months up to `last`; budget `budget_month` every month of 2023-2024."""
    con = duckdb.connect()
    con.execute("CREATE TABLE bistand_manad (hushall_id VARCHAR, manad DATE, belopp DECIMAL(18,2))")
    con.execute(
        "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2), "
        "prognos_helar DECIMAL(18,2))"
    )
    for (y, m), n in households.items():
        if (y, m) > last:
            continue
        rows = [(f"h{i}", dt.date(y, m, 1), cost[(y, m)]) for i in range(n)]
        con.executemany("INSERT INTO bistand_manad VALUES (?, ?, ?)", rows)
    for y in (2023, 2024):
        for m in range(1, 13):
            paid = households[(y, m)] * cost[(y, m)] * booking if (y, m) <= last else None
            con.execute(
                "INSERT INTO ekonomi VALUES (?, ?, ?, ?, NULL)", [dt.date(y, m, 1), EB, budget_month, paid]
            )
    return con


def _flat(
    h2023: int = 100, h2024: int = 110
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], float]]:
    households = {(2023, m): h2023 for m in range(1, 13)} | {(2024, m): h2024 for m in range(1, 13)}
    cost = {(y, m): 10_000.0 for y in (2023, 2024) for m in range(1, 13)}
    return households, cost


def test_level_carries_the_trend() -> None:
    households, cost = _flat()
    con = _db(households, cost)
    # 2024 Jan–Aug: 110 households × 10 000 kr × 8 = 8 800 000; the 2023 season is flat (factor 1), so each of
    # Sep–Dec is 110 × 10 000 = 1 100 000 → 4 400 000; full year 13 200 000.
    f = forecast(con, EB, dt.date(2024, 8, 1), Config())
    assert f.method == "hushall_x_kostnad"
    assert f.utfall_ytd == pytest.approx(8_800_000)
    assert f.remaining == pytest.approx(4_400_000)
    assert f.full_year == pytest.approx(13_200_000)
    assert f.reference_years == [2023]


def test_season_from_the_year_before() -> None:
    households, cost = _flat()
    households[(2023, 12)] = 150  # December 2023: 150 households, 1.5 × the Jun–Aug level of 100
    households[(2024, 12)] = 165
    cost[(2023, 11)] = 12_000.0  # November 2023: cost 1.2 × the Jun–Aug level
    con = _db(households, cost)
    # Sep, Oct: 110 × 10 000 = 1 100 000 each; Nov: 110 × 12 000 = 1 320 000; Dec: 165 × 10 000 = 1 650 000
    # remaining 1 100 000 × 2 + 1 320 000 + 1 650 000 = 5 170 000; full year 8 800 000 + 5 170 000 = 13 970 000
    assert full_year_forecast(con, EB, "2024-08", Config()) == pytest.approx(13_970_000)


def test_booking_factor_scales_payments_to_the_ledger() -> None:
    households, cost = _flat()
    con = _db(households, cost, booking=0.9)
    # ledger = 0.9 × payments: ytd 0.9 × 8 800 000 = 7 920 000; remaining 0.9 × 4 400 000 = 3 960 000
    assert full_year_forecast(con, EB, "2024-08", Config()) == pytest.approx(11_880_000)


def test_other_verksamhet_uses_its_own_utfall_season() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2))"
    )
    for m in range(1, 13):
        con.execute(
            "INSERT INTO ekonomi VALUES (?, 'AMA', 500, ?)", [dt.date(2023, m, 1), 300 if m == 12 else 100]
        )
    for m in range(1, 11):
        con.execute("INSERT INTO ekonomi VALUES (?, 'AMA', 500, 200)", [dt.date(2024, m, 1)])
    # level Aug–Oct 2024 = 200; 2023 factors: Nov 100/100 = 1, Dec 300/100 = 3 → 200 + 600; ytd 10 × 200
    f = forecast(con, "AMA", dt.date(2024, 10, 1), Config())
    assert f.method == "utfall"
    assert f.full_year == pytest.approx(2000 + 800)


def test_too_short_history_is_not_guessed() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2))"
    )
    for m in range(1, 9):
        con.execute("INSERT INTO ekonomi VALUES (?, 'AMA', 500, 100)", [dt.date(2024, m, 1)])
    f = forecast(con, "AMA", dt.date(2024, 8, 1), Config())
    assert math.isnan(f.full_year)
    assert "för kort historik" in f.reason
    f = forecast(con, "AMA", dt.date(2024, 9, 1), Config())
    assert "utfall saknas" in f.reason


def test_backtest_error_as_percent_of_budget() -> None:
    households, cost = _flat()
    households[(2024, 11)] = 120  # November 2024 rises unforeseen: 10 more households × 10 000 kr
    con = _db(households, cost, last=(2024, 12))
    (bt,) = evaluate(con, EB, Config())  # 2023 has no reference year, so only 2024 is evaluated
    assert bt.year == 2024
    # outcome: 110 × 10 000 × 11 + 120 × 10 000 = 13 300 000; both forecasts say 13 200 000 (flat season)
    assert bt.outcome == pytest.approx(13_300_000)
    # |13 200 000 − 13 300 000| / budget 12 000 000 = 0.8333 %
    assert bt.error_percent(bt.august) == pytest.approx(100_000 / 12_000_000 * 100)
    assert bt.error_percent(bt.october) == pytest.approx(100_000 / 12_000_000 * 100)


def test_bad_month_is_a_swedish_error() -> None:
    with pytest.raises(UppfoljError, match="ÅÅÅÅ-MM"):
        parse_month("augusti")


def test_december_is_the_outcome_and_recorded_forecast_is_read() -> None:
    households, cost = _flat()
    con = _db(households, cost, last=(2024, 12))
    f = forecast(con, EB, dt.date(2024, 12, 1), Config())
    # 110 households × 10 000 kr × 12 months, nothing left to forecast
    assert (f.method, f.remaining, f.full_year) == ("helar", 0.0, pytest.approx(13_200_000))
    assert math.isnan(recorded_forecast(con, EB, dt.date(2024, 8, 1)))
    con.execute("UPDATE ekonomi SET prognos_helar = 13000000 WHERE manad = DATE '2024-08-01'")
    assert recorded_forecast(con, EB, dt.date(2024, 8, 1)) == 13_000_000
