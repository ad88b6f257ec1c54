"""Diagnostics worked by hand: SMD with the treated SD, variance ratio, E-values, placebo rule, warnings."""

from __future__ import annotations

import math

import numpy as np
import pytest

from uppfolj.effects import diagnostics as diag


def test_balance_by_hand() -> None:
    x = np.array([[1.0], [3.0], [0.0], [2.0], [4.0]])
    treated = np.array([True, True, False, False, False])
    weight = np.array([1.0, 1.0, 0.0, 1.0, 1.0])
    table = diag.balance_table(x, treated, weight, ["a"])
    row = table.iloc[0]
    # treated mean 2, SD (ddof 1) √2; comparison mean 2 before, 3 after (weights drop the 0)
    assert row.smd_fore == pytest.approx(0.0)
    assert row.smd_efter == pytest.approx((2 - 3) / math.sqrt(2))
    # variances (ddof 0): treated 1; comparison before 8/3, after 1
    assert row.varianskvot_fore == pytest.approx(1 / (8 / 3))
    assert row.varianskvot_efter == pytest.approx(1.0)


def test_e_value_for_a_risk_ratio() -> None:
    # p1 = 0.6, difference 0.2 → p0 = 0.4, RR = 1.5 → E = 1.5 + √(1.5·0.5) = 2.366
    ev = diag.e_value_risk(0.6, 0.2, 0.1)
    assert ev["e_varde"] == pytest.approx(1.5 + math.sqrt(0.75))
    # bound 0.1 → p0 = 0.5, RR = 1.2 → 1.2 + √(1.2·0.2)
    assert ev["e_varde_ki"] == pytest.approx(1.2 + math.sqrt(0.24))
    assert diag.e_value_risk(0.6, 0.2, 0.0)["e_varde_ki"] == 1.0


def test_e_value_for_a_mean_difference() -> None:
    # d = 0.5 → RR = exp(0.455) = 1.5762 → E = RR + √(RR(RR−1))
    rr = math.exp(0.91 * 0.5)
    assert diag.e_value(5.0, 2.0, 10.0)["e_varde"] == pytest.approx(rr + math.sqrt(rr * (rr - 1)))


def test_placebo_rule() -> None:
    assert diag.placebo_fails(-10.0, -15.0, -5.0, 20.0)  # excludes 0, 0.5 SD
    assert not diag.placebo_fails(-10.0, -25.0, 5.0, 20.0)  # interval covers 0
    assert not diag.placebo_fails(-0.5, -0.8, -0.2, 20.0)  # "significant" but 0.025 SD: immaterial


def test_warnings_name_the_problem() -> None:
    x = np.array([[0.0], [1.0], [0.0], [0.0]])
    table = diag.balance_table(x, np.array([True, True, False, False]), np.ones(4), ["alder"])
    out = diag.warnings_for(table, n_treated=2, n_trimmed=1, n_treated_before=2, placebo=None)
    assert any(w.startswith("Obalans efter justering: Ålder") for w in out)  # the reader's name for alder
    assert any(w.startswith("Få behandlade (2 personer") for w in out)
    assert any(w.startswith("Kraftig trimning: 1 av 2") for w in out)
