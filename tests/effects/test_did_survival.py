"""Difference in differences and Kaplan–Meier on data small enough to work out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats

from uppfolj.effects.did import DifferenceInDifferences
from uppfolj.effects.survival import KaplanMeier
from uppfolj.errors import UppfoljError


def test_did_by_hand() -> None:
    data = pd.DataFrame({"t": [1, 1, 0, 0], "fore": [1, 3, 2, 2], "efter": [4, 8, 3, 5], "x": [0, 1, 0, 1]})
    res = (
        DifferenceInDifferences("fore", adjust=False)
        .fit(data, treatment="t", outcome="efter", covariates=["x"])
        .result_
    )
    # changes: treated 3, 5 (mean 4); comparison 1, 3 (mean 2) → 4 − 2 = 2
    assert res.estimate == pytest.approx(2.0)
    # HC1: n/(n−k) · (Σe²_t/n_t² + Σe²_c/n_c²) = 4/2 · (2/4 + 2/4) = 2 → SE √2
    assert res.se == pytest.approx(math.sqrt(2))
    assert res.diagnostics["forandring_behandlade"] == pytest.approx(4.0)
    assert any("parallella trender" in w for w in res.warnings)


def test_did_needs_the_pre_outcome() -> None:
    data = pd.DataFrame({"t": [1, 0], "y": [1, 2], "x": [0, 1]})
    with pytest.raises(UppfoljError, match="--utfall-fore"):
        DifferenceInDifferences().fit(data, treatment="t", outcome="y", covariates=["x"])


def test_kaplan_meier_rmst_and_logrank_by_hand() -> None:
    data = pd.DataFrame({"t": [1, 1, 1, 0, 0, 0], "tid": [2, 4, 6, 1, 2, 3], "x": [1, 2, 3, 1, 2, 4]})
    res = KaplanMeier(draws=50).fit(data, treatment="t", outcome="tid", covariates=["x"]).result_
    # horizon = min(6, 3) = 3. Treated S: 1 on [0,2), 2/3 on [2,3) → 2 + 2/3.
    # Comparison S: 1 on [0,1), 2/3 on [1,2), 1/3 on [2,3) → 1 + 2/3 + 1/3 = 2.
    assert res.estimate == pytest.approx(2 / 3)
    # log-rank: O−E for treated = (0 − 3/6) + (1 − 2·3/5) + (0 − 2/3) = −1.3667
    # V = 1·(1/2)(1/2)·5/5 + 2·(3/5)(2/5)·3/4 + 1·(2/3)(1/3)·2/2 = 0.25 + 0.36 + 0.2222
    o_e = -0.5 - 0.2 - 2 / 3
    v = 0.25 + 0.36 + 2 / 9
    assert res.diagnostics["logrank_statistika"] == pytest.approx(o_e**2 / v, rel=1e-6)
    assert res.diagnostics["logrank_p"] == pytest.approx(stats.chi2.sf(o_e**2 / v, 1), rel=1e-6)
    assert res.diagnostics["mediantid"] == {"behandlade": 4.0, "jamforelse": 2.0}
    assert math.isfinite(res.se) and res.se > 0


def test_bootstrap_is_deterministic() -> None:
    data = pd.DataFrame(
        {"t": [1, 1, 1, 1, 0, 0, 0, 0], "tid": [2, 4, 6, 5, 1, 2, 3, 2], "x": [1, 2, 3, 4, 1, 2, 4, 3]}
    )
    first = KaplanMeier(draws=30).fit(data, treatment="t", outcome="tid", covariates=["x"]).result_
    second = KaplanMeier(draws=30).fit(data, treatment="t", outcome="tid", covariates=["x"]).result_
    assert first.se == second.se
