"""Propensity scores from an unpenalised logistic regression, fitted by Newton–Raphson (numpy).

Covariates are centred and scaled before fitting (the fitted probabilities are the same; the Newton steps are
better conditioned when earnings in kronor sit beside 0/1 indicators). A plain numpy Newton–Raphson is used
rather than statsmodels because it is several times faster on a million rows and takes case weights (the
dynamic design's bootstrap); tests compare its coefficients with statsmodels' `Logit`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

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


def expit(v: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(v, -35, 35))), dtype=float)


def scaled_design(x: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    return np.column_stack([np.ones(len(x)), (x - mean) / sd])


def newton_logit(
    x: np.ndarray,
    t: np.ndarray,
    w: np.ndarray | None = None,
    max_iter: int = 30,
    start: np.ndarray | None = None,
) -> tuple[np.ndarray, bool]:
    """Unpenalised (weighted) logistic regression; returns (coef, converged). Column 0 must be the constant."""
    weight = np.ones(len(t)) if w is None else w
    if start is not None:
        beta = start.astype(float).copy()
    else:
        beta = np.zeros(x.shape[1])
        share = float(np.sum(weight * t) / np.sum(weight))
        if 0 < share < 1:
            beta[0] = np.log(share / (1 - share))
    # single-threaded BLAS: the products are tall and thin (p ≤ ~40 columns), and on a shared machine
    # threads fight for the cores (measured 8× slower under load)
    with threadpool_limits(limits=1, user_api="blas"):
        return _newton(x, t, weight, beta, max_iter)


def _newton(
    x: np.ndarray, t: np.ndarray, weight: np.ndarray, beta: np.ndarray, max_iter: int
) -> tuple[np.ndarray, bool]:
    previous = -np.inf
    for _ in range(max_iter):
        lin = x @ beta
        p = expit(lin)
        # log-likelihood; under (quasi-)separation the coefficients drift but it converges, and so do the
        # fitted probabilities, which is all the estimators use
        loglik = float(np.sum(weight * (t * lin - np.logaddexp(0.0, lin))))
        if abs(loglik - previous) < 1e-10 * (abs(loglik) + 1.0):
            return beta, True
        previous = loglik
        grad = x.T @ (weight * (t - p))
        hess = (x.T * (weight * p * (1 - p))) @ x
        step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        beta = beta + step
        if np.max(np.abs(step)) < 1e-8:
            return beta, True
    return beta, False


def fit_propensity(treated: np.ndarray, x: np.ndarray, start: np.ndarray | None = None) -> PropensityModel:
    """`start`: coefficients to begin from (a refit on a trimmed sample converges in two or three steps)."""
    design = scaled_design(x)
    coef, converged = newton_logit(design, treated.astype(float), start=start)
    if not np.isfinite(coef).all():
        raise UppfoljError(
            "Sannolikheten för behandling (propensity score) gick inte att skatta: någon kovariat skiljer "
            "behandlade och jämförelsepersoner helt åt (eller två kovariater är samma sak). Ta bort "
            "kovariaten som avgör behandlingen, eller slå ihop grupper med få personer."
        )
    return PropensityModel(score=expit(design @ coef), coef=coef, design=design, converged=converged)
