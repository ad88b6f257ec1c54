"""Benchmark: effect estimation on 100 000 treated and 1 000 000 comparison persons.

Propensity-score matching (sorted search, k = 1 and k = 5 with a caliper) and IPW / AIPW (sandwich standard
errors), each with its diagnostics (balance, common support, E-value) and a placebo test on a pre-treatment
outcome. Prints wall and CPU time per step and the process's peak memory (max RSS). On a shared machine the
wall time includes waiting for a core; the CPU time is what the work costs. Target: ≤ 120 s on 2 cores.

    .venv/bin/python benchmarks/effects.py [--treated 100000] [--comparison 1000000]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from uppfolj.effects import AIPW, IPW, PropensityScoreMatching

TRUE_EFFECT = 1000.0


def make_data(n_treated: int, n_comparison: int, seed: int = 1) -> pd.DataFrame:
    """Ten covariates; treatment (a logit draw) more likely for the young, low-educated and low earners."""
    rng = np.random.default_rng(seed)
    n = n_treated + n_comparison
    age = rng.integers(18, 65, n).astype(float)
    educ = rng.integers(6, 18, n).astype(float)
    woman = (rng.random(n) < 0.5).astype(float)
    foreign = (rng.random(n) < 0.3).astype(float)
    married = (rng.random(n) < 0.4).astype(float)
    children = rng.poisson(1.0, n).astype(float)
    earn1 = np.maximum(0, rng.normal(20000, 12000, n))
    earn2 = np.maximum(0, 0.7 * earn1 + rng.normal(6000, 8000, n))
    zero1 = (earn1 == 0).astype(float)
    zero2 = (earn2 == 0).astype(float)
    x = np.column_stack([age, educ, woman, foreign, married, children, earn1, earn2, zero1, zero2])
    lin = -0.04 * age - 0.15 * educ + 0.5 * foreign - 0.00006 * earn2 + 0.4 * zero2
    # intercept chosen so that the expected number treated is n_treated; treatment is then a logit draw
    share = n_treated / n
    intercept = brentq(lambda c: float(np.mean(1 / (1 + np.exp(-(c + lin))))) - share, -30, 30)
    treated = (rng.random(n) < 1 / (1 + np.exp(-(intercept + lin)))).astype(float)
    y = (
        5000
        + 0.8 * earn2
        + 300 * educ
        - 50 * age
        + 2000 * woman
        + rng.normal(0, 8000, n)
        + TRUE_EFFECT * treated
    )
    pre = 0.9 * earn1 + rng.normal(0, 3000, n)  # placebo: measured before, no effect possible
    cols = ["age", "educ", "woman", "foreign", "married", "children", "earn1", "earn2", "zero1", "zero2"]
    data = pd.DataFrame(x, columns=cols)
    data["treat"] = treated
    data["y"] = y
    data["pre"] = pre
    return data


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--treated", type=int, default=100_000)
    parser.add_argument("--comparison", type=int, default=1_000_000)
    args = parser.parse_args()
    start = time.perf_counter()
    data = make_data(args.treated, args.comparison)
    cov = [c for c in data.columns if c not in ("treat", "y", "pre")]
    placebo_cov = [c for c in cov if c not in ("earn1", "zero1")]
    n_t = int(data["treat"].sum())
    print(f"data: {n_t:,} treated, {len(data) - n_t:,} comparison, {time.perf_counter() - start:.1f} s")
    total = time.perf_counter()
    cpu = time.process_time()
    for name, est in [
        ("PSM k=1", PropensityScoreMatching(k=1)),
        ("PSM k=5 caliper 0.1", PropensityScoreMatching(k=5, caliper=0.1)),
        ("IPW", IPW()),
        ("AIPW", AIPW()),
    ]:
        t0 = time.perf_counter()
        c0 = time.process_time()
        res = est.fit(
            data,
            treatment="treat",
            outcome="y",
            covariates=cov,
            placebo_outcome="pre",
            placebo_covariates=placebo_cov,
        ).result_
        worst = res.diagnostics["balans"]["smd_efter"].abs().max()
        print(
            f"{name:20s} {time.perf_counter() - t0:6.1f} s wall {time.process_time() - c0:6.1f} s CPU  estimate {res.estimate:8.1f} (true {TRUE_EFFECT:.0f})"
            f"  SE {res.se:6.1f}  max |SMD| after {worst:.3f}  placebo failed: {res.diagnostics['placebo']['misslyckat']}"
            f"  peak {peak_mib():,.0f} MiB"
        )
    print(
        f"estimation total: {time.perf_counter() - total:.1f} s wall, {time.process_time() - cpu:.1f} s CPU; "
        f"peak memory (max RSS): {peak_mib():,.0f} MiB"
    )


if __name__ == "__main__":
    main()
