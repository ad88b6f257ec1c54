"""Seeded bootstrap that resamples persons: for estimates without an analytic standard error."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: fixed seed: the same data gives the same interval in every process
SEED = 20040101
DRAWS = 200


def bootstrap_se(
    n: int,
    statistic: Callable[[np.ndarray], float],
    *,
    draws: int = DRAWS,
    seed: int = SEED,
    strata: np.ndarray | None = None,
) -> float:
    """Standard deviation of `statistic(rows)` over `draws` resamples of row indices (within strata)."""
    rng = np.random.default_rng(seed)
    values = np.empty(draws)
    groups = [np.arange(n)] if strata is None else [np.flatnonzero(strata == s) for s in np.unique(strata)]
    for b in range(draws):
        rows = np.concatenate([g[rng.integers(0, len(g), len(g))] for g in groups])
        values[b] = statistic(np.sort(rows))
    values = values[np.isfinite(values)]
    return float(np.std(values, ddof=1)) if len(values) > 1 else float("nan")
