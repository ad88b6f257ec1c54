"""End to end: a store with a planted effect → analysis data → dynamic estimates → report."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from tests.effects.synthetic_store import make_store
from uppfolj.effects.store_analysis import StoreEffect, analyse_insatstyp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def planted() -> tuple[StoreEffect, np.ndarray]:
    con = duckdb.connect()
    truth = make_store(con, 4000, seed=11)
    effect = analyse_insatstyp(con, "Jobbspår", draws=40)
    return effect, truth


def test_planted_effect_inside_every_interval(planted) -> None:
    effect, truth = planted
    for tau in (6, 12):
        res = effect.results[f"ingen_betalning_{tau}"]
        assert res.ci_low < truth[tau] < res.ci_high, (tau, truth[tau], res.to_dict())
    curve = effect.curve
    inside = (curve["ki_undre"] < truth) & (truth < curve["ki_ovre"])
    # 25 intervals of 95 %: allow the odd miss, never a systematic one
    assert inside.sum() >= 22


def test_lock_in_then_gain_is_visible(planted) -> None:
    effect, truth = planted
    curve = effect.curve
    assert truth[2] < 0 and truth[12] > 0  # the planted profile
    assert curve.loc[2, "ki_ovre"] < 0  # lock-in detected
    assert curve.loc[12, "skattning"] > 0


def test_static_comparison_understates(planted) -> None:
    effect, _ = planted
    assert effect.static["ingen_betalning_12"] < effect.results["ingen_betalning_12"].ci_low
