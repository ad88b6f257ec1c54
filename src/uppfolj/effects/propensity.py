"""Propensity scores from an unpenalised logistic regression (statsmodels, Newton–Raphson).

Covariates are centred and scaled before fitting (the fitted probabilities are the same; the Newton steps are
better conditioned when earnings in kronor sit beside 0/1 indicators).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationError

from uppfolj.errors import UppfoljError


@dataclass(frozen=True)
class PropensityModel:
    """Fitted model: `score` P(T=1|X) per row, `coef` on the scaled design (constant first)."""

    score: np.ndarray
    coef: np.ndarray
    design: np.ndarray  # scaled covariates with a leading constant column
    converged: bool

    def linear(self) -> np.ndarray:
        return np.asarray(self.design @ self.coef, dtype=float)


def scaled_design(x: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    return np.column_stack([np.ones(len(x)), (x - mean) / sd])


def fit_propensity(treated: np.ndarray, x: np.ndarray) -> PropensityModel:
    design = scaled_design(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            fit = sm.Logit(treated.astype(float), design).fit(method="newton", maxiter=100, disp=False)
        except (PerfectSeparationError, np.linalg.LinAlgError) as exc:
            raise UppfoljError(
                "Sannolikheten för behandling (propensity score) gick inte att skatta: någon kovariat skiljer "
                "behandlade och jämförelsepersoner helt åt (eller två kovariater är samma sak). Ta bort "
                "kovariaten som avgör behandlingen, eller slå ihop grupper med få personer."
            ) from exc
    coef = np.asarray(fit.params, dtype=float)
    score = 1.0 / (1.0 + np.exp(-(design @ coef)))
    converged = bool(fit.mle_retvals.get("converged", True))
    return PropensityModel(score=score, coef=coef, design=design, converged=converged)
