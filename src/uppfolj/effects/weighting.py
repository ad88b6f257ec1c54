"""Estimating equations of the weighting estimators for the ATT, with their analytic Jacobians.

Notation: D the scaled design with a constant (n × p), t treatment 0/1, e = expit(Dβ), odds = e/(1−e) = exp(Dβ).

IPW, θ = (β, μ1, μ0):
    ψβ = D (t − e);  ψμ1 = t (y − μ1);  ψμ0 = (1 − t) odds (y − μ0);  ATT = μ1 − μ0.
AIPW, θ = (β, α, μ1, μ0), r = y − Dα (outcome regression fitted among comparisons):
    ψβ as above;  ψα = D (1 − t) r;  ψμ1 = t (r − μ1);  ψμ0 = (1 − t) odds (r − μ0);  ATT = μ1 − μ0.
The second is doubly robust: consistent when either the propensity or the outcome model is right.
"""

from __future__ import annotations

import numpy as np

from uppfolj.effects.propensity import expit


def ipw_psi(theta: np.ndarray, d: np.ndarray, t: np.ndarray, y: np.ndarray) -> np.ndarray:
    p = d.shape[1]
    beta, m1, m0 = theta[:p], theta[p], theta[p + 1]
    lin = d @ beta
    out = np.empty((len(t), p + 2))
    out[:, :p] = d * (t - expit(lin))[:, None]
    out[:, p] = t * (y - m1)
    out[:, p + 1] = (1 - t) * np.exp(lin) * (y - m0)
    return out


def ipw_jacobian(theta: np.ndarray, d: np.ndarray, t: np.ndarray, y: np.ndarray) -> np.ndarray:
    n, p = d.shape
    beta, m0 = theta[:p], theta[p + 1]
    lin = d @ beta
    e = expit(lin)
    odds_c = (1 - t) * np.exp(lin)
    jac = np.zeros((p + 2, p + 2))
    jac[:p, :p] = -(d * (e * (1 - e))[:, None]).T @ d / n
    jac[p, p] = -t.mean()
    jac[p + 1, :p] = (odds_c * (y - m0)) @ d / n
    jac[p + 1, p + 1] = -odds_c.mean()
    return jac


def aipw_psi(theta: np.ndarray, d: np.ndarray, t: np.ndarray, y: np.ndarray) -> np.ndarray:
    p = d.shape[1]
    beta, alpha, m1, m0 = theta[:p], theta[p : 2 * p], theta[2 * p], theta[2 * p + 1]
    lin = d @ beta
    r = y - d @ alpha
    out = np.empty((len(t), 2 * p + 2))
    out[:, :p] = d * (t - expit(lin))[:, None]
    out[:, p : 2 * p] = d * ((1 - t) * r)[:, None]
    out[:, 2 * p] = t * (r - m1)
    out[:, 2 * p + 1] = (1 - t) * np.exp(lin) * (r - m0)
    return out


def aipw_jacobian(theta: np.ndarray, d: np.ndarray, t: np.ndarray, y: np.ndarray) -> np.ndarray:
    n, p = d.shape
    beta, alpha, m0 = theta[:p], theta[p : 2 * p], theta[2 * p + 1]
    lin = d @ beta
    e = expit(lin)
    r = y - d @ alpha
    odds_c = (1 - t) * np.exp(lin)
    k = 2 * p + 2
    jac = np.zeros((k, k))
    jac[:p, :p] = -(d * (e * (1 - e))[:, None]).T @ d / n
    jac[p : 2 * p, p : 2 * p] = -(d * (1 - t)[:, None]).T @ d / n
    jac[2 * p, p : 2 * p] = -(t @ d) / n
    jac[2 * p, 2 * p] = -t.mean()
    jac[2 * p + 1, :p] = (odds_c * (r - m0)) @ d / n
    jac[2 * p + 1, p : 2 * p] = -(odds_c @ d) / n
    jac[2 * p + 1, 2 * p + 1] = -odds_c.mean()
    return jac
