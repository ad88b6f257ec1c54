"""Difference in differences on a pre and a post outcome per person (two periods).

The estimate is the difference between the groups in the change from before to after; with covariates, the
regression of the change on treatment and covariates (OLS), with a heteroskedasticity-robust (HC1) standard
error. Parallel trends cannot be checked with two periods: the result says so in its warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm

from uppfolj.effects.design import Design, build_design, numeric_column
from uppfolj.effects.estimators import Core, Estimator
from uppfolj.errors import UppfoljError


class DifferenceInDifferences(Estimator):
    method = "Skillnad-i-skillnader (före/efter)"
    supports_cluster = True

    def __init__(self, outcome_before: str | None = None, adjust: bool = True) -> None:
        self.outcome_before = outcome_before
        self.adjust = adjust
        self._pre: np.ndarray | None = None

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
    ) -> DifferenceInDifferences:
        if not self.outcome_before:
            raise UppfoljError(
                "Skillnad-i-skillnader behöver utfallet före insatsen. Ange kolumnen med --utfall-fore."
            )
        self._pre = numeric_column(data, self.outcome_before, source)
        design = build_design(
            data, treatment=treatment, outcome=outcome, covariates=covariates, source=source
        )
        self.fit_design(design)
        return self

    def _estimate(self, design: Design) -> Core:
        if self._pre is None or len(self._pre) != len(design.y):
            raise UppfoljError("Skillnad-i-skillnader behöver utfallet före insatsen (--utfall-fore).")
        change = design.y - self._pre
        t = design.treated.astype(float)
        exog = (
            np.column_stack([np.ones(len(t)), t, design.x])
            if self.adjust
            else np.column_stack([np.ones(len(t)), t])
        )
        if design.cluster is None:
            fit = sm.OLS(change, exog).fit(cov_type="HC1")
            se_method = "analytisk (OLS, robust HC1)"
        else:
            fit = sm.OLS(change, exog).fit(cov_type="cluster", cov_kwds={"groups": design.cluster})
            se_method = f"analytisk (OLS, klusterrobust CR1, {len(np.unique(design.cluster))} kluster)"
        return Core(
            estimate=float(fit.params[1]),
            se=float(fit.bse[1]),
            n_treated=design.n_treated,
            n_control=design.n_control,
            weight=np.ones(len(t)),
            se_method=se_method,
            extra={
                "forandring_behandlade": float(change[design.treated].mean()),
                "forandring_jamforelse": float(change[~design.treated].mean()),
                "kovariatjusterad": self.adjust,
            },
            warnings=[
                "Skillnad-i-skillnader förutsätter att grupperna hade utvecklats lika utan insatsen "
                "(parallella trender); med bara en mätning före kan det inte prövas."
            ],
        )
