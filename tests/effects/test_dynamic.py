"""The dynamic design recovers a planted effect profile; the static never-treated comparison does not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.effects.simulation import HORIZON, simulate, simulate_two
from uppfolj.effects.dynamic import DynamicEffect

OUTCOMES = [f"y{t}" for t in range(1, HORIZON + 1)]
REPLICATIONS = 20


@pytest.fixture(scope="module")
def errors() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dynamic, static, truths = [], [], []
    for r in range(REPLICATIONS):
        panel, truth = simulate(3000, seed=1000 + r)
        est = DynamicEffect(draws=0).fit(panel, covariates=["a"], outcomes=OUTCOMES).effects_
        never = DynamicEffect(draws=0, comparison="aldrig_behandlade").fit(
            panel, covariates=["a"], outcomes=OUTCOMES
        )
        dynamic.append(est["skattning"].to_numpy() - truth)
        static.append(never.effects_["skattning"].to_numpy() - truth)
        truths.append(truth)
    return np.array(dynamic), np.array(static), np.array(truths)


def test_planted_profile_is_lock_in_then_gain(errors) -> None:
    truth = errors[2].mean(axis=0)
    assert (truth[:4] < 0).all() and (truth[7:] > 0).all()


def test_dynamic_estimator_recovers_every_att_tau(errors) -> None:
    dynamic = errors[0]
    mc_se = dynamic.std(axis=0, ddof=1) / np.sqrt(REPLICATIONS)
    assert (np.abs(dynamic.mean(axis=0)) <= 3 * mc_se).all()


def test_never_treated_comparison_is_biased(errors) -> None:
    # never-treated persons are selected on leaving early, so they look better: the effect is understated
    static = errors[1]
    mc_se = static.std(axis=0, ddof=1) / np.sqrt(REPLICATIONS)
    assert (static.mean(axis=0) < -3 * mc_se).all()
    assert (static.mean(axis=0) < -0.1).all()


@pytest.mark.slow
def test_bootstrap_is_seeded_and_matches_the_monte_carlo_spread(errors) -> None:
    panel, _ = simulate(3000, seed=1000)
    first = DynamicEffect(draws=60).fit(panel, covariates=["a"], outcomes=OUTCOMES[:4]).effects_
    second = DynamicEffect(draws=60).fit(panel, covariates=["a"], outcomes=OUTCOMES[:4]).effects_
    pd.testing.assert_frame_equal(first, second)
    # the bootstrap SE estimates the sampling SD seen across the replications (same n = 3 000)
    mc_sd = errors[0][:, :4].std(axis=0, ddof=1)
    ratio = first["medelfel"].to_numpy() / mc_sd
    assert ((ratio > 0.6) & (ratio < 1.6)).all()


def test_censored_comparison_recovers_the_effect_against_no_treatment() -> None:
    # estimand: start at u versus no start at all through u+τ (Vikström 2017), not "start later"
    errors = []
    for r in range(REPLICATIONS):
        panel, truth = simulate(3000, seed=2000 + r, never=True)
        est = DynamicEffect(draws=0, comparison="obehandlade_under_uppfoljningen").fit(
            panel, covariates=["a"], outcomes=OUTCOMES
        )
        errors.append(est.effects_["skattning"].to_numpy() - truth)
    err = np.array(errors)
    mc_se = err.std(axis=0, ddof=1) / np.sqrt(REPLICATIONS)
    assert (np.abs(err.mean(axis=0)) <= 3 * mc_se).all()


def test_each_comparison_recovers_its_own_estimand_with_two_insatstyper() -> None:
    """Persons may start another insatstyp before, after or instead of the evaluated one. "ej_annu" estimates
    start now versus not now (the other insats and a later start allowed); "ingen_insats" estimates start now
    versus no insats at all through u+τ (comparison persons censored at any start, inverse-probability-of-
    censoring weights, same-month starters of the other type left out)."""
    waits, nones, truth_wait, truth_none = [], [], [], []
    for r in range(REPLICATIONS):
        panel, wait, none = simulate_two(3000, seed=3000 + r)
        covariates = ["a", "tidigare_b"]
        for comparison, store in (("ej_annu_behandlade", waits), ("ingen_insats", nones)):
            est = DynamicEffect(draws=0, comparison=comparison).fit(
                panel, covariates=covariates, outcomes=OUTCOMES
            )
            store.append(est.effects_["skattning"].to_numpy())
        truth_wait.append(wait)
        truth_none.append(none)
    for est, truth in ((waits, truth_wait), (nones, truth_none)):
        err = np.array(est) - np.array(truth)
        mc_se = err.std(axis=0, ddof=1) / np.sqrt(REPLICATIONS)
        assert (np.abs(err.mean(axis=0)) <= 3 * mc_se).all()
    # the two estimands differ (by 0.07 at 12 months): "ej_annu" misses the no-insats truth
    wrong = np.array(waits) - np.array(truth_none)
    mc_se = wrong.std(axis=0, ddof=1) / np.sqrt(REPLICATIONS)
    assert (np.abs(wrong.mean(axis=0)) > 3 * mc_se).any()


def test_household_bootstrap_draws_whole_households() -> None:
    """Every person gets a partner with identical rows in the same household: drawing households gives exactly
    the standard error of the panel without partners (the same draws), drawing persons takes the partners as
    independent and gives about 1/√2 of it."""
    panel, _ = simulate(1500, seed=77)
    outcomes = OUTCOMES[:6]
    alone = DynamicEffect(draws=40).fit(panel, covariates=["a"], outcomes=outcomes).effects_
    partner = panel.assign(person=panel["person"] + 100_000)
    couples = pd.concat([panel, partner], ignore_index=True)
    households = DynamicEffect(draws=40).fit(
        couples.assign(kluster=couples["person"] % 100_000), covariates=["a"], outcomes=outcomes
    )
    persons = DynamicEffect(draws=40).fit(couples, covariates=["a"], outcomes=outcomes).effects_
    np.testing.assert_allclose(households.effects_["skattning"], alone["skattning"], rtol=1e-9)
    np.testing.assert_allclose(households.effects_["medelfel"], alone["medelfel"], rtol=1e-9)
    ratio = persons["medelfel"].to_numpy() / alone["medelfel"].to_numpy()
    assert abs(ratio.mean() - 1 / np.sqrt(2)) < 0.1
    assert "dragningar av hushåll" in households.result_for("y6").se_method
