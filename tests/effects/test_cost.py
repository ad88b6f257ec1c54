"""Cost per effect, worked out by hand."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from uppfolj.effects.cost import cost_per_effect, cost_per_month, months_in_insats


def test_cost_per_participant_saving_and_net_cost_by_hand() -> None:
    # 9 000 kr per place-month; three participants in the insats 4, 6 and 8 months: mean 6 → 54 000 kr each.
    # The effect on bistånd paid over 24 months is −30 000 kr (30 000 kr saved per participant), so the net
    # cost per participant is 54 000 − 30 000 = 24 000 kr. With 8 procentenheter more in egen försörjning after
    # 12 months, one more self-supporting person costs 24 000 / 0.08 = 300 000 kr net.
    draws_kr = np.array([-20_000.0, -30_000.0, -40_000.0])
    draws_share = np.array([0.06, 0.08, 0.10])
    result = cost_per_effect(9_000, np.array([4.0, 6.0, 8.0]), -30_000, 0.08, draws_kr, draws_share)
    assert result.cost_per_participant == 54_000
    assert result.saved == 30_000
    assert result.net_cost == 24_000
    assert result.net_per_additional == pytest.approx(300_000)
    # per draw: (54 000 − 20 000) / 0.06 = 566 667, 24 000 / 0.08 = 300 000, 14 000 / 0.10 = 140 000;
    # percentiles 2.5 and 97.5 of three values by linear interpolation (positions 0.05 and 1.95)
    ratios = np.array([140_000.0, 300_000.0, 566_666.667])
    low = ratios[0] + 0.05 * (ratios[1] - ratios[0])
    high = ratios[1] + 0.95 * (ratios[2] - ratios[1])
    assert result.net_interval == pytest.approx((low, high), rel=1e-6)
    # savings interval from the same draws: 20 000 … 40 000 → 20 500 and 39 500
    assert result.saved_interval == pytest.approx((20_500, 39_500))


def test_no_upper_bound_when_the_effect_may_be_zero() -> None:
    result = cost_per_effect(
        9_000, np.array([6.0]), -30_000, 0.02, np.array([-30_000.0, -10_000.0]), np.array([0.05, -0.01])
    )
    assert result.net_interval is None
    assert result.net_per_additional == pytest.approx(24_000 / 0.02)


def test_months_and_cost_per_month_from_the_store() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE insatser (insats_id VARCHAR, person_id VARCHAR, insatstyp VARCHAR, enhet VARCHAR,"
        " start_datum DATE, slut_datum DATE, avslutsorsak VARCHAR)"
    )
    con.executemany(
        "INSERT INTO insatser VALUES (?, 'p', 'Jobbspår', 'E1', ?, ?, NULL)",
        [("a", "2024-01-10", "2024-03-20"), ("b", "2024-06-01", None)],
    )
    # a: January–March = 3 months; b: June to the data end 2024-12 = 7 months
    assert months_in_insats(con, ["a", "b"], "2024-12").tolist() == [3.0, 7.0]
    assert cost_per_month(con, "Jobbspår", {"Jobbspår": 8_500}) == (
        8_500.0,
        "kostnad_per_platsmanad i uppfolj.yaml",
    )
    con.execute("CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL, utfall DECIMAL)")
    con.executemany(
        "INSERT INTO ekonomi VALUES (?, 'Jobbspår', 0, ?)", [("2024-02-01", 10_000), ("2024-06-01", 20_000)]
    )
    # place-months in the months with utfall: February has a (1), June has b (1): 30 000 kr / 2 = 15 000
    assert cost_per_month(con, "Jobbspår", {}) == (15_000.0, "ekonomi, verksamhet Jobbspår")
    assert cost_per_month(con, "Praktik", {}) is None
