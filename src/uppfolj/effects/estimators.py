"""Estimators of the average effect on the treated (ATT), scikit-learn shaped.

Settings go in the constructor; `fit(data, treatment=..., outcome=..., covariates=...)` returns the fitted
estimator with `result_` (an `EffectResult`) and `summary`. `fit_design` does the same on arrays, for the
dynamic design that calls an estimator once per elapsed month.

| class | method | standard error |
|---|---|---|
| `PropensityScoreMatching` | k nearest on the propensity score, with replacement, optional caliper | Abadie–Imbens (score treated as known) |
| `AbadieImbensMatching` | M nearest on SD-scaled covariates, ties kept, bias-adjusted (R `Matching::Match`) | Abadie–Imbens, homoskedastic |
| `IPW` | treated weight 1, comparison e/(1−e), normalised | sandwich, propensity model stacked |
| `AIPW` | doubly robust: outcome regression among comparisons + IPW on its residuals | sandwich, both models stacked |
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from uppfolj.effects import diagnostics as diag
from uppfolj.effects.design import Design, build_design
from uppfolj.effects.matching import (
    conditional_variance,
    match_covariates,
    match_scores,
    match_scores_without_replacement,
    matching_estimate,
)
from uppfolj.effects.propensity import fit_propensity
from uppfolj.effects.result import EffectResult, normal_interval
from uppfolj.effects.sandwich import sandwich_cov
from uppfolj.effects.weighting import aipw_jacobian, aipw_psi, ipw_jacobian, ipw_psi
from uppfolj.errors import UppfoljError


@dataclass
class Core:
    """What one estimator computes on one design, before diagnostics are added."""

    estimate: float
    se: float
    n_treated: int
    n_control: int
    weight: np.ndarray  # balance weights per row: treated 1 (0 if trimmed), comparison weight
    n_trimmed: int = 0
    score: np.ndarray | None = None
    se_method: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class Estimator:
    """Base class: input handling, placebo, diagnostics and the result."""

    method: ClassVar[str] = ""
    #: whether the estimator gives cluster-robust standard errors (`clustered`)
    supports_cluster: ClassVar[bool] = False
    result_: EffectResult
    cluster: np.ndarray | None = None

    def clustered(self, codes: np.ndarray | None) -> Estimator:
        """Cluster code per row of the table to be fitted (e.g. household): cluster-robust standard errors."""
        if codes is not None and not self.supports_cluster:
            raise UppfoljError(
                f"Metoden {self.method} kan inte ge klusterrobusta medelfel. Använd ipw, aipw eller did med --kluster."
            )
        self.cluster = codes
        return self

    def fit(
        self,
        data: pd.DataFrame,
        *,
        treatment: str,
        outcome: str,
        covariates: Sequence[str],
        placebo_outcome: str | None = None,
        placebo_covariates: Sequence[str] | None = None,
        source: str = "tabellen",
    ) -> Estimator:
        design = build_design(
            data, treatment=treatment, outcome=outcome, covariates=covariates, source=source
        )
        placebo = None
        if placebo_outcome:
            pcov = list(placebo_covariates) if placebo_covariates is not None else list(covariates)
            pcov = [c for c in pcov if c != placebo_outcome]
            placebo = build_design(
                data, treatment=treatment, outcome=placebo_outcome, covariates=pcov, source=source
            )
        self.fit_design(design, placebo)
        return self

    def fit_design(self, design: Design, placebo: Design | None = None) -> Estimator:
        if self.cluster is not None:
            design = replace(design, cluster=self.cluster)
            placebo = None if placebo is None else replace(placebo, cluster=self.cluster)
        core = self._estimate(design)
        balance = diag.balance_table(design.x, design.treated, core.weight, design.covariates)
        low, high = normal_interval(core.estimate, core.se)
        diagnostics: dict[str, Any] = {"balans": balance}
        if core.score is not None:
            diagnostics["gemensamt_stod"] = diag.common_support(core.score, design.treated)
        diagnostics["trimmade"] = core.n_trimmed
        diagnostics["kansliget"] = diag.e_value(
            core.estimate, diag.bound_near_null(low, high), float(np.std(design.y, ddof=1))
        )
        placebo_info = None
        if placebo is not None:
            pcore = self._estimate(placebo)
            plow, phigh = normal_interval(pcore.estimate, pcore.se)
            placebo_info = {
                "utfall": placebo.outcome,
                "skattning": pcore.estimate,
                "medelfel": pcore.se,
                "ki_undre": plow,
                "ki_ovre": phigh,
                "misslyckat": diag.placebo_fails(
                    pcore.estimate, plow, phigh, float(np.std(placebo.y[placebo.treated], ddof=1))
                ),
            }
            diagnostics["placebo"] = placebo_info
        diagnostics.update(core.extra)
        warnings = list(core.warnings)
        warnings += diag.warnings_for(balance, core.n_treated, core.n_trimmed, design.n_treated, placebo_info)
        self.result_ = EffectResult(
            method=self.method,
            estimate=core.estimate,
            se=core.se,
            ci_low=low,
            ci_high=high,
            n_treated=core.n_treated,
            n_control=core.n_control,
            warnings=warnings,
            diagnostics=diagnostics,
            se_method=core.se_method,
        )
        return self

    @property
    def summary(self) -> pd.DataFrame:
        return self.result_.summary

    def _estimate(self, design: Design) -> Core:
        raise UppfoljError(f"Metoden {self.method} saknar skattning.")


def _convergence_warning(converged: bool) -> list[str]:
    if converged:
        return []
    return [
        "Modellen för sannolikheten att få insatsen konvergerade inte; skattningen kan vara opålitlig. "
        "Ta bort kovariater som nästan helt avgör behandlingen."
    ]


#: caliper in standard deviations of the logit of the propensity score
DEFAULT_CALIPER = 0.2


class PropensityScoreMatching(Estimator):
    """k nearest neighbours on the logit of the estimated propensity score, with replacement (or without),
    within a caliper of 0.2 SD of that logit by default (None or 0: no caliper)."""

    method = "Matchning på sannolikhet för behandling (propensity score)"

    def __init__(self, k: int = 1, caliper: float | None = DEFAULT_CALIPER, replacement: bool = True) -> None:
        if k < 1:
            raise UppfoljError("--k måste vara minst 1 (antal jämförelsepersoner per behandlad).")
        if caliper is not None and caliper < 0:
            raise UppfoljError(
                "--caliper får inte vara negativ (standardavvikelser av logit av sannolikheten; 0 = ingen caliper)."
            )
        self.k = k
        self.caliper = caliper or None
        self.replacement = replacement

    def _estimate(self, design: Design) -> Core:
        model = fit_propensity(design.treated, design.x)
        # matched on the logit of the score, where a caliper of 0.2 SD is the usual choice (Austin 2011)
        logit = np.log(model.score / (1 - model.score))
        match = match_scores if self.replacement else match_scores_without_replacement
        matches = match(logit, design.treated, self.k, self.caliper)
        keep_t = np.zeros(len(design.y), dtype=bool)
        keep_t[matches.matched_treated] = True
        est = matching_estimate(design.y, design.treated, matches)
        weight = np.where(design.treated, keep_t.astype(float), est.control_weight)
        return Core(
            estimate=est.estimate,
            se=est.se,
            n_treated=int(keep_t.sum()),
            n_control=int((est.control_weight > 0).sum()),
            weight=weight,
            n_trimmed=len(matches.unmatched_treated),
            score=model.score,
            se_method="analytisk (Abadie–Imbens, sannolikheten behandlad som känd)",
            extra={"k": self.k, "caliper": self.caliper, "aterlaggning": self.replacement},
            warnings=_convergence_warning(model.converged),
        )


class AbadieImbensMatching(Estimator):
    """Abadie–Imbens covariate matching as R's `Match(..., M, BiasAdjust=TRUE)` with its other defaults."""

    method = "Matchning på kovariater med biasjustering (Abadie–Imbens)"

    def __init__(
        self, m: int = 1, bias_adjust: bool = True, ties: bool = True, heteroskedastic: bool = False
    ) -> None:
        if m < 1:
            raise UppfoljError("--k måste vara minst 1 (antal jämförelsepersoner per behandlad).")
        self.m = m
        self.bias_adjust = bias_adjust
        self.ties = ties
        self.heteroskedastic = heteroskedastic

    def _estimate(self, design: Design) -> Core:
        matches = match_covariates(design.x, design.treated, self.m, ties=self.ties)
        sigma2 = (
            conditional_variance(design.x, design.y, design.treated, self.m) if self.heteroskedastic else None
        )
        est = matching_estimate(
            design.y, design.treated, matches, z=design.x if self.bias_adjust else None, sigma2_rows=sigma2
        )
        weight = np.where(design.treated, 1.0, est.control_weight)
        return Core(
            estimate=est.estimate,
            se=est.se,
            n_treated=design.n_treated,
            n_control=int((est.control_weight > 0).sum()),
            weight=weight,
            se_method="analytisk (Abadie–Imbens, "
            + (f"heteroskedastisk, {self.m} grannar)" if self.heteroskedastic else "homoskedastisk)"),
            extra={
                "m": self.m,
                "biasjusterad": self.bias_adjust,
                "skattning_utan_biasjustering": est.estimate_unadjusted,
            },
        )


def _trim_to_support(score: np.ndarray, treated: np.ndarray) -> np.ndarray:
    """Keep comparison persons and the treated inside the comparison group's propensity range."""
    sc = score[~treated]
    return ~treated | ((score >= sc.min()) & (score <= sc.max()))


class IPW(Estimator):
    """Inverse probability weighting for the ATT: comparison weights e/(1−e), normalised (Hájek)."""

    supports_cluster = True

    method = "Viktning med sannolikhet för behandling (IPW)"

    def _estimate(self, design: Design) -> Core:
        first = fit_propensity(design.treated, design.x)
        keep = _trim_to_support(first.score, design.treated)
        d = design.subset(keep)
        model = fit_propensity(d.treated, d.x, start=first.coef)
        t = d.treated.astype(float)
        y = d.y
        dm = model.design
        odds = model.score / (1 - model.score)
        mu1 = float(y[d.treated].mean())
        mu0 = float(np.sum(odds * (1 - t) * y) / np.sum(odds * (1 - t)))
        p = dm.shape[1]
        theta = np.concatenate([model.coef, [mu1, mu0]])
        cov = sandwich_cov(ipw_psi(theta, dm, t, y), ipw_jacobian(theta, dm, t, y), d.cluster)
        se = math.sqrt(cov[p, p] + cov[p + 1, p + 1] - 2 * cov[p, p + 1])
        weight = np.zeros(len(design.y))
        weight[keep] = np.where(d.treated, 1.0, odds)
        return _weighting_core(mu1 - mu0, se, design, d, keep, weight, first.score, model.converged, odds)


def _weighting_core(
    estimate: float,
    se: float,
    design: Design,
    d: Design,
    keep: np.ndarray,
    weight: np.ndarray,
    score: np.ndarray,
    converged: bool,
    odds: np.ndarray,
) -> Core:
    wc = odds[~d.treated]
    ess = float(wc.sum() ** 2 / np.sum(wc**2))
    return Core(
        estimate=estimate,
        se=se,
        n_treated=d.n_treated,
        n_control=d.n_control,
        weight=weight,
        n_trimmed=int((design.treated & ~keep).sum()),
        score=score,
        se_method="analytisk (sandwich, modellen för sannolikheten inräknad"
        + (f"; klusterrobust, {len(np.unique(d.cluster))} kluster)" if d.cluster is not None else ")"),
        extra={
            "effektiv_storlek_jamforelse": ess,
            "storsta_viktandel": float(wc.max() / wc.sum()),
        },
        warnings=_convergence_warning(converged),
    )


class AIPW(Estimator):
    """Doubly robust ATT: regression of the outcome among comparisons, residuals weighted by e/(1−e)."""

    supports_cluster = True

    method = "Dubbelt robust skattning (AIPW)"

    def _estimate(self, design: Design) -> Core:
        first = fit_propensity(design.treated, design.x)
        keep = _trim_to_support(first.score, design.treated)
        d = design.subset(keep)
        model = fit_propensity(d.treated, d.x, start=first.coef)
        t = d.treated.astype(float)
        y = d.y
        dm = model.design
        c = ~d.treated
        alpha, *_ = np.linalg.lstsq(dm[c], y[c], rcond=None)
        resid = y - dm @ alpha
        odds = model.score / (1 - model.score)
        mu1 = float(resid[d.treated].mean())
        mu0 = float(np.sum(odds * (1 - t) * resid) / np.sum(odds * (1 - t)))
        p = dm.shape[1]
        theta = np.concatenate([model.coef, alpha, [mu1, mu0]])
        cov = sandwich_cov(aipw_psi(theta, dm, t, y), aipw_jacobian(theta, dm, t, y), d.cluster)
        i, j = 2 * p, 2 * p + 1
        se = math.sqrt(cov[i, i] + cov[j, j] - 2 * cov[i, j])
        weight = np.zeros(len(design.y))
        weight[keep] = np.where(d.treated, 1.0, odds)
        return _weighting_core(mu1 - mu0, se, design, d, keep, weight, first.score, model.converged, odds)
