"""The weighting estimators' building blocks against independent computations."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from tests.effects import nsw
from uppfolj.effects.propensity import newton_logit, scaled_design
from uppfolj.effects.sandwich import numeric_jacobian
from uppfolj.effects.weighting import aipw_jacobian, aipw_psi, ipw_jacobian, ipw_psi


@pytest.fixture(scope="module")
def small() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 3))
    t = (rng.random(400) < 1 / (1 + np.exp(-(x[:, 0] - 0.5)))).astype(float)
    y = x @ np.array([1.0, -2.0, 0.5]) + 2 * t + rng.normal(size=400)
    return scaled_design(x), t, y


def test_newton_logit_equals_statsmodels() -> None:
    data = nsw.psid1()
    d = scaled_design(data[nsw.COVARIATES].to_numpy(float))
    coef, converged = newton_logit(d, data["treat"].to_numpy(float))
    reference = (
        sm.Logit(data["treat"].to_numpy(float), d).fit(disp=False, method="newton", maxiter=100).params
    )
    assert converged
    np.testing.assert_allclose(coef, reference, rtol=1e-6, atol=1e-8)


def test_ipw_jacobian_matches_finite_differences(small) -> None:
    d, t, y = small
    theta = np.concatenate([np.full(d.shape[1], 0.1), [1.0, -0.5]])
    numeric = numeric_jacobian(lambda th: ipw_psi(th, d, t, y), theta)
    np.testing.assert_allclose(ipw_jacobian(theta, d, t, y), numeric, rtol=1e-5, atol=1e-7)


def test_aipw_jacobian_matches_finite_differences(small) -> None:
    d, t, y = small
    theta = np.concatenate([np.full(d.shape[1], 0.1), np.full(d.shape[1], 0.3), [1.0, -0.5]])
    numeric = numeric_jacobian(lambda th: aipw_psi(th, d, t, y), theta)
    np.testing.assert_allclose(aipw_jacobian(theta, d, t, y), numeric, rtol=1e-5, atol=1e-7)
