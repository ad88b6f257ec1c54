"""Effects by subgroup (kön, age band, education level, born abroad) with a test of difference.

Each subgroup is estimated on its own part of the analysis data (its treated and its comparison persons, the
propensity model refitted), for the primary outcome. The test of difference is the usual heterogeneity test:
Q = Σ (estimate_g − pooled)² / SE_g², pooled the inverse-variance weighted mean, χ² with G − 1 degrees of
freedom (for two groups the same as the z-test of their difference). A subgroup with no more treated than the
röjandeskydd threshold is not estimated and says so.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from uppfolj.effects.dynamic import DynamicEffect

Split = Callable[[pd.DataFrame], np.ndarray]


def _age(panel: pd.DataFrame) -> np.ndarray:
    age = panel["alder"].to_numpy(dtype=float)
    return np.select([age < 30, age < 50], ["under 30 år", "30–49 år"], "50 år och äldre").astype(object)


def _education(panel: pd.DataFrame) -> np.ndarray:
    level = np.select(
        [panel["utb_forgymnasial"] == 1, panel["utb_eftergymnasial"] == 1, panel["utb_okand"] == 1],
        ["förgymnasial", "eftergymnasial", "okänd"],
        "gymnasial",
    )
    return np.asarray(level, dtype=object)


def _abroad(panel: pd.DataFrame) -> np.ndarray:
    abroad = (panel["fodd_europa"] == 1) | (panel["fodd_utanfor_europa"] == 1)
    return np.where(abroad, "född utomlands", "född i Sverige eller okänt").astype(object)


def _sex(panel: pd.DataFrame) -> np.ndarray:
    return np.where(panel["kvinna"] == 1, "kvinnor", "män").astype(object)


#: name → (columns it needs, split)
SPLITS: dict[str, tuple[tuple[str, ...], Split]] = {
    "Kön": (("kvinna",), _sex),
    "Ålder": (("alder",), _age),
    "Utbildningsnivå": (("utb_forgymnasial", "utb_eftergymnasial", "utb_okand"), _education),
    "Födelseland": (("fodd_europa", "fodd_utanfor_europa"), _abroad),
}


def heterogeneity(estimates: list[float], ses: list[float]) -> float:
    """p-value of Cochran's Q for equal effects across groups."""
    est, se = np.asarray(estimates, dtype=float), np.asarray(ses, dtype=float)
    ok = np.isfinite(est) & np.isfinite(se) & (se > 0)
    if ok.sum() < 2:
        return math.nan
    w = 1 / se[ok] ** 2
    pooled = float(np.sum(w * est[ok]) / np.sum(w))
    q = float(np.sum(w * (est[ok] - pooled) ** 2))
    return float(stats.chi2.sf(q, int(ok.sum()) - 1))


def subgroup_effects(
    panel: pd.DataFrame,
    covariates: list[str],
    outcome: str,
    *,
    draws: int,
    comparison: str,
    threshold: int,
) -> list[dict[str, Any]]:
    """One entry per split: its groups (estimate, interval, treated, or why not estimated) and the test."""
    out = []
    for name, (needed, split) in SPLITS.items():
        if not set(needed) <= set(panel.columns):
            continue
        labels = split(panel)
        groups = []
        for label in sorted(set(labels)):
            part = panel[labels == label]
            n_treated = int(part["behandlad"].sum())
            entry: dict[str, Any] = {"grupp": label}
            if n_treated <= threshold:
                entry["ej_skattad"] = f"färre än {threshold + 1} deltagare; skattas inte (röjandeskydd)"
                groups.append(entry)
                continue
            usable = [c for c in covariates if part[c].std() > 0]
            fit = DynamicEffect(draws=draws, comparison=comparison).fit(
                part, covariates=usable, outcomes=[outcome]
            )
            row = fit.effects_.iloc[0]
            # the keys users see in JSON and reports (Swedish)
            entry.update(
                {
                    "skattning": float(row.skattning),
                    "medelfel": float(row.medelfel),
                    "ki_undre": float(row.ki_undre),
                    "ki_ovre": float(row.ki_ovre),
                    "n_behandlade": int(row.n_behandlade),
                }
            )
            groups.append(entry)
        estimated = [g for g in groups if "skattning" in g]
        p = heterogeneity([g["skattning"] for g in estimated], [g["medelfel"] for g in estimated])
        out.append({"indelning": name, "grupper": groups, "p_skillnad": p})
    return out
