"""Standard errors for stacked estimating equations (M-estimation, sandwich variance).

Weighting estimators solve mean(psi(theta)) = 0 jointly with their propensity (and outcome) models, so the
standard error accounts for the fitted models: V = A⁻¹ B A⁻ᵀ / n with A the Jacobian of mean(psi) and
B = mean(psi psiᵀ). The estimators give A analytically (a million rows make finite differences slow);
`numeric_jacobian` checks those derivations in the tests.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def sandwich_cov(values: np.ndarray, jacobian: np.ndarray, cluster: np.ndarray | None = None) -> np.ndarray:
    """`values`: psi per row (n × p) at the solution; `jacobian`: d mean(psi) / d theta (p × p).

    With `cluster` (a code per row), psi is summed within clusters before the outer product and the meat is
    scaled by G/(G−1) (G clusters), the usual small-sample factor of cluster-robust variances; copies of a row
    in its own cluster then leave the variance unchanged.
    """
    n = values.shape[0]
    if cluster is not None:
        codes, index = np.unique(cluster, return_inverse=True)
        sums = np.zeros((len(codes), values.shape[1]))
        np.add.at(sums, index, values)
        groups = len(codes)
        meat = sums.T @ sums / n * (groups / (groups - 1) if groups > 1 else 1.0)
    else:
        meat = values.T @ values / n
    inv = np.linalg.inv(jacobian)
    return np.asarray(inv @ meat @ inv.T / n, dtype=float)


def numeric_jacobian(psi: Callable[[np.ndarray], np.ndarray], theta: np.ndarray) -> np.ndarray:
    """Central differences of mean(psi) (for checking analytic Jacobians)."""
    p = len(theta)
    jac = np.empty((p, p))
    for j in range(p):
        h = 1e-6 * max(1.0, abs(float(theta[j])))
        up = theta.copy()
        down = theta.copy()
        up[j] += h
        down[j] -= h
        jac[:, j] = (psi(up).mean(axis=0) - psi(down).mean(axis=0)) / (2 * h)
    return jac
