"""Published numbers on the NSW experiment and the PSID-1 comparison group.

Sources: LaLonde (1986); Dehejia & Wahba (1999); Imbens & Xu (2024, "LaLonde (1986) after nearly four
decades", table B1), whose matching figure is R's
    Match(Y = re78, Tr = treat, X = covars, Z = covars, M = 5, BiasAdjust = TRUE, estimand = "ATT")
with all other arguments at their defaults (Weight = 1, ties = TRUE, Var.calc = 0).
"""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from tests.effects import nsw
from uppfolj.effects import IPW, AbadieImbensMatching, PropensityScoreMatching

EXPERIMENTAL_EFFECT = 1794.34
NAIVE_PSID = -15204.78


@pytest.fixture(scope="module")
def psid() -> object:
    return nsw.psid1()


def test_experimental_benchmark() -> None:
    data = nsw.experimental()
    assert (data.treat == 1).sum() == 185 and (data.treat == 0).sum() == 260
    diff = data.re78[data.treat == 1].mean() - data.re78[data.treat == 0].mean()
    assert diff == pytest.approx(EXPERIMENTAL_EFFECT, abs=0.005)
    # robust (HC1) standard error of the difference in means, as the published 670.82
    fit = sm.OLS(data.re78, sm.add_constant(data.treat)).fit(cov_type="HC1")
    assert fit.bse["treat"] == pytest.approx(670.82, abs=0.005)


def test_psid_naive_and_ols(psid) -> None:
    assert (psid.treat == 1).sum() == 185 and (psid.treat == 0).sum() == 2490
    naive = psid.re78[psid.treat == 1].mean() - psid.re78[psid.treat == 0].mean()
    assert naive == pytest.approx(NAIVE_PSID, abs=0.005)
    fit = sm.OLS(psid.re78, sm.add_constant(psid[["treat", *nsw.COVARIATES]])).fit()
    assert fit.params["treat"] == pytest.approx(4.16, abs=0.005)


def test_abadie_imbens_matches_r_matching_to_the_cent(psid) -> None:
    res = (
        AbadieImbensMatching(m=5)
        .fit(psid, treatment="treat", outcome="re78", covariates=nsw.COVARIATES)
        .result_
    )
    assert res.estimate == pytest.approx(2255.47, abs=0.005)
    assert res.se == pytest.approx(1403.83, abs=0.005)
    assert res.n_treated == 185
    # the interval is estimate ± 1.96 SE
    assert res.ci_low == pytest.approx(2255.47 - 1.959964 * 1403.83, abs=0.05)


@pytest.mark.parametrize(
    "estimator",
    [PropensityScoreMatching(k=1), PropensityScoreMatching(k=5), IPW()],
    ids=["psm1", "psm5", "ipw"],
)
def test_propensity_methods_remove_most_of_the_naive_bias(psid, estimator) -> None:
    res = estimator.fit(psid, treatment="treat", outcome="re78", covariates=nsw.COVARIATES).result_
    assert abs(res.estimate - EXPERIMENTAL_EFFECT) < 2000
    # naive bias is 1 794 − (−15 205) ≈ 17 000; "most of it removed" = less than a fifth remains
    assert abs(res.estimate - EXPERIMENTAL_EFFECT) < 0.2 * abs(EXPERIMENTAL_EFFECT - NAIVE_PSID)
    assert np.isfinite(res.se) and res.se > 0
    assert res.ci_low < res.estimate < res.ci_high


@pytest.mark.parametrize(
    "estimator", [AbadieImbensMatching(m=5), PropensityScoreMatching(k=5)], ids=["ai5", "psm5"]
)
def test_placebo_on_re75_fails(psid, estimator) -> None:
    # re75 is measured before the programme: any "effect" on it is selection the covariates did not remove
    without_1975 = [c for c in nsw.COVARIATES if c not in ("re75", "u75")]
    res = estimator.fit(
        psid,
        treatment="treat",
        outcome="re78",
        covariates=nsw.COVARIATES,
        placebo_outcome="re75",
        placebo_covariates=without_1975,
    ).result_
    placebo = res.diagnostics["placebo"]
    assert placebo["misslyckat"] is True
    assert placebo["ki_ovre"] < 0
    assert any(w.startswith("Placebotestet misslyckades") for w in res.warnings)


def test_experimental_sample_passes_its_placebo() -> None:
    # in the experiment, treatment was randomised: re75 does not differ by more than chance
    data = nsw.experimental()
    without_1975 = [c for c in nsw.COVARIATES if c not in ("re75", "u75")]
    res = (
        AbadieImbensMatching(m=5)
        .fit(
            data,
            treatment="treat",
            outcome="re78",
            covariates=nsw.COVARIATES,
            placebo_outcome="re75",
            placebo_covariates=without_1975,
        )
        .result_
    )
    assert res.diagnostics["placebo"]["misslyckat"] is False


def test_ai_heteroskedastic_variance(psid) -> None:
    # R: Match(Y, Tr, X, M = 5, BiasAdjust = TRUE, Var.calc = 5) gives the same estimate with SE 792 (against
    # 1 404 homoskedastic): the conditional variance of each person from its 5 nearest in its own group
    res = (
        AbadieImbensMatching(m=5, heteroskedastic=True)
        .fit(psid, treatment="treat", outcome="re78", covariates=nsw.COVARIATES)
        .result_
    )
    assert res.estimate == pytest.approx(2255.47, abs=0.005)
    assert round(res.se) == 792
