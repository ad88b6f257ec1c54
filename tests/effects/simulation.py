"""A seeded monthly panel with a known effect profile, for the dynamic design.

Persons enter a spell of ekonomiskt bistånd at month 0. Each month m of the spell, a person not yet treated
starts the insats with probability g(a, m), then leaves the spell with probability h(a, m), times the effect
multiplier when treated: 0.3 in the first four months after the start (lock-in) and 2.0 after that (gain).
`a` (employability) is observed and drives both, so the design is confounded by a and by m only.

The true effect of starting at u rather than waiting is computed with common random numbers: each treated
person's path is simulated again from u with the start at u blocked (the person may still start later), as
Sianesi's estimand prescribes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_U = 18
HORIZON = 12


def _expit(v: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-v))


def multiplier(months_since_start: np.ndarray) -> np.ndarray:
    return np.where(months_since_start < 4, 0.3, 2.0)


def _run(
    a: np.ndarray, u_exit: np.ndarray, v_start: np.ndarray, blocked: np.ndarray, never_from: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Simulate every person; returns (start month or -1, exit month = last paid month, or large).

    A start is blocked in month `blocked` (or, with `never_from`, in every month from `blocked` on).
    """
    n, months = u_exit.shape
    start = np.full(n, -1)
    exit_month = np.full(n, 10_000)
    in_spell = np.ones(n, dtype=bool)
    for m in range(months):
        no_start = (m >= blocked) & (blocked >= 0) if never_from else (blocked == m)
        at_risk = in_spell & (start < 0) & (m <= MAX_U) & ~no_start
        g = _expit(-2.6 - 0.7 * a + 0.04 * m)
        starts = at_risk & (v_start[:, m] < g)
        start[starts] = m
        h = _expit(-2.0 + 0.7 * a - 0.03 * m)
        h = np.where(start >= 0, np.minimum(0.95, h * multiplier(m - start)), h)
        leaves = in_spell & (u_exit[:, m] < h)
        exit_month[leaves] = m
        in_spell &= ~leaves
    return start, exit_month


def simulate(n: int, seed: int, never: bool = False) -> tuple[pd.DataFrame, np.ndarray]:
    """(risk-set panel with outcomes y1..y12, true ATT(τ) for τ = 1..12).

    The truth compares starting at u with waiting (Sianesi), or with `never` with no start at all from u on
    (the estimand of the comparison censored at later treatment).
    """
    rng = np.random.default_rng(seed)
    months = MAX_U + HORIZON + 2
    a = rng.normal(size=n)
    u_exit = rng.random((n, months))
    v_start = rng.random((n, months))
    start, exit_actual = _run(a, u_exit, v_start, np.full(n, -1))
    _, exit_cf = _run(a, u_exit, v_start, start, never_from=never)  # start blocked at the actual start month
    taus = np.arange(1, HORIZON + 1)
    # risk set: months 0..start for the treated, 0..min(exit, MAX_U) for the others (start ≤ exit always)
    last = np.where(start >= 0, start, np.minimum(exit_actual, MAX_U))
    person = np.repeat(np.arange(n), last + 1)
    u = np.arange(len(person)) - np.repeat(np.cumsum(last + 1) - (last + 1), last + 1)
    panel = pd.DataFrame(
        {"person": person, "u": u, "behandlad": (start[person] == u).astype(int), "a": a[person]}
    )
    for tau in taus:
        panel[f"y{tau}"] = (exit_actual[person] < u + tau).astype(float)
    treated = start >= 0
    y1 = exit_actual[treated][:, None] < start[treated][:, None] + taus[None, :]
    y0 = exit_cf[treated][:, None] < start[treated][:, None] + taus[None, :]
    truth = (y1.astype(float) - y0.astype(float)).mean(axis=0)
    return panel, truth


def simulate_two(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Two insatstyper: the evaluated one (A, as above) and another (B) that persons may start before, after
    or instead of A; B doubles the exit hazard from its start on. Returns (risk-set panel for A with
    `annan_insats_start` = 1 in the month a person starts B, truth of "start A now versus not now" (B and a
    later A allowed), truth of "start A now versus no insats of any type through u+τ").

    Both truths use common random numbers: each A-treated person's path is simulated again from the start
    month u with A blocked at u (first truth), or with every start of A or B blocked from u on (second).
    """
    rng = np.random.default_rng(seed)
    months = MAX_U + HORIZON + 2
    a = rng.normal(size=n)
    u_exit = rng.random((n, months))
    v_a = rng.random((n, months))
    v_b = rng.random((n, months))

    def run(block_a_at: np.ndarray, block_all_from: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        start_a = np.full(n, -1)
        start_b = np.full(n, -1)
        exit_month = np.full(n, 10_000)
        in_spell = np.ones(n, dtype=bool)
        for m in range(months):
            blocked_all = (block_all_from >= 0) & (m >= block_all_from)
            at_risk_a = in_spell & (start_a < 0) & (m <= MAX_U) & (block_a_at != m) & ~blocked_all
            starts_a = at_risk_a & (v_a[:, m] < _expit(-2.6 - 0.7 * a + 0.04 * m))
            start_a[starts_a] = m
            # B: more likely for the more employable; not in the month A starts
            at_risk_b = in_spell & (start_b < 0) & ~starts_a & (m <= MAX_U + HORIZON) & ~blocked_all
            starts_b = at_risk_b & (v_b[:, m] < _expit(-2.8 + 0.5 * a))
            start_b[starts_b] = m
            h = _expit(-2.0 + 0.7 * a - 0.03 * m)
            h = np.where(start_a >= 0, np.minimum(0.95, h * multiplier(m - start_a)), h)
            h = np.where(start_b >= 0, np.minimum(0.95, h * 2.0), h)
            leaves = in_spell & (u_exit[:, m] < h)
            exit_month[leaves] = m
            in_spell &= ~leaves
        return start_a, start_b, exit_month

    none = np.full(n, -1)
    start, start_b, exit_actual = run(none, none)
    _, _, exit_wait = run(start, none)
    _, _, exit_none = run(none, start)
    taus = np.arange(1, HORIZON + 1)
    last = np.where(start >= 0, start, np.minimum(exit_actual, MAX_U))
    person = np.repeat(np.arange(n), last + 1)
    u = np.arange(len(person)) - np.repeat(np.cumsum(last + 1) - (last + 1), last + 1)
    panel = pd.DataFrame(
        {
            "person": person,
            "u": u,
            "behandlad": (start[person] == u).astype(int),
            "annan_insats_start": (start_b[person] == u).astype(int),
            "tidigare_b": ((start_b[person] >= 0) & (start_b[person] < u)).astype(float),
            "a": a[person],
        }
    )
    for tau in taus:
        panel[f"y{tau}"] = (exit_actual[person] < u + tau).astype(float)
    treated = start >= 0
    s = start[treated][:, None] + taus[None, :]
    y1 = (exit_actual[treated][:, None] < s).astype(float)
    wait = (exit_wait[treated][:, None] < s).astype(float)
    nothing = (exit_none[treated][:, None] < s).astype(float)
    return panel, (y1 - wait).mean(axis=0), (y1 - nothing).mean(axis=0)
