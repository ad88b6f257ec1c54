"""Nearest-neighbour matching for the average effect on the treated (ATT).

`match_covariates` reproduces R's `Matching::Match` defaults (Abadie & Imbens 2006, 2011; Sekhon 2011):
covariates centred and divided by their sample standard deviation over all persons (`Weight = 1`), M nearest
comparison persons by Euclidean distance with replacement, and ties kept: every comparison person whose squared
distance is within `distance_tolerance` (1e-5) of the M-th smallest is a match, each with weight 1/(number of
matches). `match_scores` matches on a one-dimensional score (the propensity score) by sorted search, without
a distance matrix, with an optional caliper.

`matching_estimate` computes the (optionally bias-adjusted) estimate and the Abadie–Imbens standard error
with homoskedastic conditional variance (`Var.calc = 0`), as `Match` does, or with a heteroskedastic one from
`conditional_variance` (`Var.calc = J`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from uppfolj.errors import UppfoljError

DISTANCE_TOLERANCE = 1e-5  # Match(distance.tolerance = 0.00001)
TOLERANCE = 1e-5  # Match(tolerance = 0.00001), the ridge threshold in the bias-adjustment regression


@dataclass(frozen=True)
class Matches:
    """Matched pairs: `pair_treated[i]` matched to `pair_control[i]` with weight `pair_weight[i]`.

    Indices refer to rows of the full data. The weights of one treated person sum to one.
    `unmatched_treated` are the rows of treated persons left without a match (outside the caliper).
    """

    pair_treated: np.ndarray
    pair_control: np.ndarray
    pair_weight: np.ndarray
    unmatched_treated: np.ndarray

    @property
    def matched_treated(self) -> np.ndarray:
        return np.unique(self.pair_treated)

    def control_counts(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(K, KK): per row, the sum of its weights as a match and the sum of squared weights."""
        k = np.bincount(self.pair_control, weights=self.pair_weight, minlength=n)
        kk = np.bincount(self.pair_control, weights=self.pair_weight**2, minlength=n)
        return k, kk


def sd_scale(x: np.ndarray) -> np.ndarray:
    """Centre and divide by the sample SD (N − 1), as Match's first stage; zero SD becomes the tolerance."""
    sd = x.std(axis=0, ddof=1)
    sd = np.where(sd < TOLERANCE, TOLERANCE, sd)
    return np.asarray((x - x.mean(axis=0)) / sd, dtype=float)


def match_covariates(x: np.ndarray, treated: np.ndarray, m: int, *, ties: bool = True) -> Matches:
    """M nearest comparison persons per treated person on SD-scaled covariates, with replacement."""
    xs = sd_scale(x)
    t_rows = np.flatnonzero(treated)
    c_rows = np.flatnonzero(~treated)
    m = min(m, len(c_rows))
    tree = cKDTree(xs[c_rows])
    dist, idx = tree.query(xs[t_rows], k=m)
    dist = dist.reshape(len(t_rows), m)
    idx = idx.reshape(len(t_rows), m)
    if ties:
        # everyone within the tolerance of the M-th squared distance is a match
        radius = np.sqrt(dist[:, -1] ** 2 + DISTANCE_TOLERANCE)
        found = tree.query_ball_point(xs[t_rows], r=radius, return_sorted=True)
        sizes = np.fromiter((len(f) for f in found), dtype=np.int64, count=len(found))
        pair_control = c_rows[np.concatenate([np.asarray(f, dtype=np.int64) for f in found])]
    else:
        sizes = np.full(len(t_rows), m, dtype=np.int64)
        pair_control = c_rows[np.sort(idx, axis=1).ravel()]
    pair_treated = np.repeat(t_rows, sizes)
    pair_weight = np.repeat(1.0 / sizes, sizes)
    return Matches(pair_treated, pair_control, pair_weight, np.array([], dtype=np.int64))


def match_scores(score: np.ndarray, treated: np.ndarray, k: int, caliper: float | None = None) -> Matches:
    """k nearest comparison persons on a 1-D score by sorted search (O(n log n)), with replacement.

    Equal distances are broken by the comparison person's position in the sorted order (stable), so the
    result never depends on the process. `caliper` is in standard deviations of the score (all persons); a
    match farther away is dropped, and a treated person with no match left is reported as unmatched.
    """
    t_rows = np.flatnonzero(treated)
    c_rows = np.flatnonzero(~treated)
    k = min(k, len(c_rows))
    order = np.argsort(score[c_rows], kind="stable")
    c_sorted = c_rows[order]
    s_sorted = score[c_sorted]
    s_t = score[t_rows]
    pos = np.searchsorted(s_sorted, s_t)
    # the k nearest in sorted order lie within k positions on either side of the insertion point
    offsets = np.arange(-k, k)
    cand = pos[:, None] + offsets[None, :]
    valid = (cand >= 0) & (cand < len(s_sorted))
    cand_c = np.clip(cand, 0, len(s_sorted) - 1)
    dist = np.where(valid, np.abs(s_sorted[cand_c] - s_t[:, None]), np.inf)
    pick = np.argsort(dist, axis=1, kind="stable")[:, :k]
    chosen = np.take_along_axis(cand_c, pick, axis=1)
    chosen_dist = np.take_along_axis(dist, pick, axis=1)
    keep = np.isfinite(chosen_dist)
    if caliper is not None:
        keep &= chosen_dist <= caliper * float(np.std(score, ddof=1))
    sizes = keep.sum(axis=1)
    if not sizes.any():
        raise UppfoljError(
            "Ingen behandlad person fick någon jämförelseperson inom calipern. Öka --caliper eller ta bort den."
        )
    pair_treated = np.repeat(t_rows, sizes)
    pair_control = c_sorted[chosen[keep]]
    pair_weight = np.repeat(1.0 / np.maximum(sizes, 1), sizes)
    return Matches(pair_treated, pair_control, pair_weight, t_rows[sizes == 0])


def match_scores_without_replacement(
    score: np.ndarray, treated: np.ndarray, k: int, caliper: float | None = None
) -> Matches:
    """Greedy k nearest on a 1-D score, each comparison person used at most once.

    The treated are taken in order of falling score (the hardest to match first, as MatchIt's "largest"),
    ties by row order; in k rounds each takes its nearest unused comparison person (equal distances: the lower
    score). `caliper` as in `match_scores`. A treated person with no match left is unmatched.
    """
    t_rows = np.flatnonzero(treated)
    c_rows = np.flatnonzero(~treated)
    order = np.argsort(score[c_rows], kind="stable")
    c_sorted = c_rows[order]
    s_sorted = score[c_sorted]
    used = np.zeros(len(c_sorted), dtype=bool)
    limit = np.inf if caliper is None else caliper * float(np.std(score, ddof=1))
    t_order = t_rows[np.argsort(-score[t_rows], kind="stable")]
    picked: dict[int, list[int]] = {int(t): [] for t in t_rows}
    for _ in range(k):
        for t in t_order:
            s_t = float(score[t])
            pos = int(np.searchsorted(s_sorted, s_t))
            left, right = pos - 1, pos
            while left >= 0 and used[left]:
                left -= 1
            while right < len(s_sorted) and used[right]:
                right += 1
            d_left = s_t - s_sorted[left] if left >= 0 else np.inf
            d_right = s_sorted[right] - s_t if right < len(s_sorted) else np.inf
            best, dist = (left, d_left) if d_left <= d_right else (right, d_right)
            if np.isfinite(dist) and dist <= limit:
                used[best] = True
                picked[int(t)].append(int(c_sorted[best]))
    sizes = np.array([len(picked[int(t)]) for t in t_rows])
    if not sizes.any():
        raise UppfoljError(
            "Ingen behandlad person fick någon jämförelseperson inom calipern. Öka --caliper eller ta bort den."
        )
    pair_treated = np.repeat(t_rows, sizes)
    pair_control = np.array([c for t in t_rows for c in picked[int(t)]], dtype=np.int64)
    pair_weight = np.repeat(1.0 / np.maximum(sizes, 1), sizes)
    return Matches(pair_treated, pair_control, pair_weight, t_rows[sizes == 0])


@dataclass(frozen=True)
class MatchingEstimate:
    estimate: float
    se: float
    estimate_unadjusted: float
    control_weight: np.ndarray  # K per row (zero for treated and unused comparison persons)


def _bias_coefficients(y: np.ndarray, z: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Weighted least squares of y on (1, z) among comparison persons, weights K (as Match)."""
    zz = np.column_stack([np.ones(len(z)), z])
    xw = zz * np.sqrt(weight)[:, None]
    xtx = xw.T @ xw
    if np.linalg.eigvalsh(xtx).min() <= TOLERANCE:
        xtx = xtx + np.eye(zz.shape[1]) * TOLERANCE * xw.std(axis=0, ddof=1).max()
    coef = np.linalg.solve(xtx, xw.T @ (y * np.sqrt(weight)))
    return np.asarray(coef[1:], dtype=float)


def conditional_variance(x: np.ndarray, y: np.ndarray, treated: np.ndarray, j: int) -> np.ndarray:
    """σ²(X_i) per row, heteroskedastic (Abadie & Imbens 2006; Match's Var.calc = J): J/(J+1) times the
    squared difference between Y_i and the mean Y of its J nearest neighbours in its own group, on the
    SD-scaled covariates."""
    xs = sd_scale(x)
    sigma2 = np.zeros(len(y))
    for group in (treated, ~treated):
        rows = np.flatnonzero(group)
        if len(rows) <= j:
            raise UppfoljError(
                f"För få personer i en grupp ({len(rows)}) för heteroskedastisk varians med {j} grannar."
            )
        _, idx = cKDTree(xs[rows]).query(xs[rows], k=j + 1)
        neighbours = rows[idx[:, 1:]]
        sigma2[rows] = j / (j + 1) * (y[rows] - y[neighbours].mean(axis=1)) ** 2
    return sigma2


def matching_estimate(
    y: np.ndarray,
    treated: np.ndarray,
    matches: Matches,
    z: np.ndarray | None = None,
    sigma2_rows: np.ndarray | None = None,
) -> MatchingEstimate:
    """ATT over the matched treated; with `z`, bias-adjusted by a regression among the used comparisons."""
    n = len(y)
    k, kk = matches.control_counts(n)
    pt, pc, w = matches.pair_treated, matches.pair_control, matches.pair_weight
    tau_pair = y[pt] - y[pc]
    unadjusted = float(np.sum(w * tau_pair) / np.sum(w))
    if z is not None:
        controls = np.flatnonzero((~treated) & (k > 0))
        alpha = _bias_coefficients(y[controls], z[controls], k[controls])
        tau_pair = tau_pair - (z[pt] - z[pc]) @ alpha
    sum_w = float(np.sum(w))
    est = float(np.sum(w * tau_pair) / sum_w)
    # Abadie–Imbens variance: homoskedastic conditional variance (Match, Var.calc = 0) or, with
    # `sigma2_rows`, each comparison person's own (Var.calc = J)
    eps = tau_pair - est
    sigma2: float | np.ndarray = 0.5 * float(np.sum(w * eps**2)) / sum_w
    comp = ~treated
    if sigma2_rows is not None:
        sigma2 = sigma2_rows[comp]
    n1 = len(matches.matched_treated)
    tau_i = np.bincount(pt, weights=w * tau_pair, minlength=n)[matches.matched_treated]
    var = (
        float(np.sum(sigma2 * (k[comp] ** 2 - kk[comp]))) / n1**2 + float(np.sum((tau_i - est) ** 2)) / n1**2
    )
    return MatchingEstimate(est, float(np.sqrt(var)), unadjusted, np.where(comp, k, 0.0))
