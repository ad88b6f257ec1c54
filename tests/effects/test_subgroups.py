"""Subgroup effects and the test of difference."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tests.effects.simulation import simulate
from uppfolj.effects.subgroups import heterogeneity, subgroup_effects


def test_heterogeneity_by_hand() -> None:
    # 0.10 and 0.00, both SE 0.05: weights 400, pooled 0.05, Q = 400 × 0.05² × 2 = 2, χ²(1) → p = 0.1573,
    # the same as the z-test of the difference, 0.10 / √(2 × 0.05²) = 1.414
    assert heterogeneity([0.10, 0.0], [0.05, 0.05]) == pytest.approx(0.157299, abs=1e-6)
    assert heterogeneity([0.10, 0.0], [0.05, 0.05]) == pytest.approx(2 * stats.norm.sf(0.1 / np.sqrt(0.005)))
    assert np.isnan(heterogeneity([0.1], [0.05]))


def test_planted_difference_is_found_and_small_groups_are_not_estimated() -> None:
    panel, _ = simulate(3000, seed=5)
    rng = np.random.default_rng(1)
    persons = panel["person"].unique()
    women = set(rng.choice(persons, size=len(persons) // 2, replace=False).tolist())
    panel["kvinna"] = panel["person"].isin(women).astype(float)
    panel["alder"] = 40.0
    # planted: every woman who starts is self-supporting 12 months later; the men keep the simulated outcome
    panel.loc[(panel["kvinna"] == 1) & (panel["behandlad"] == 1), "y12"] = 1.0
    # only three treated persons aged under 30
    young = panel.index[panel["behandlad"] == 1][:3]
    panel.loc[panel["person"].isin(panel.loc[young, "person"]), "alder"] = 25.0
    result = {s["indelning"]: s for s in subgroup_effects(
        panel, ["a"], "y12", draws=30, comparison="ej_annu_behandlade", threshold=4
    )}  # fmt: skip
    sex = {g["grupp"]: g for g in result["Kön"]["grupper"]}
    assert sex["kvinnor"]["skattning"] > sex["män"]["ki_ovre"]
    assert result["Kön"]["p_skillnad"] < 0.001
    age = {g["grupp"]: g for g in result["Ålder"]["grupper"]}
    assert "skattning" not in age["under 30 år"] and "röjandeskydd" in age["under 30 år"]["ej_skattad"]
    assert "Utbildningsnivå" not in result  # no education columns in the data: no split
