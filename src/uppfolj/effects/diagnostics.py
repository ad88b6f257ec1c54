"""Diagnostics that travel with every estimate: balance, common support, sensitivity, warnings.

Balance for the ATT uses the treated group's standard deviation as the SMD denominator (before weighting,
so the yardstick is the same before and after). Variance ratios are treated over (weighted) comparison.
The sensitivity measure is the E-value (VanderWeele & Ding 2017) for a difference in means, converted with
the standardised effect d (outcome SD over all persons) as RR ≈ exp(0.91·d).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from uppfolj import fmt
from uppfolj.effects.covariates import covariate_label

#: |SMD| above this after adjustment is imbalance (Austin 2009; Stuart 2010)
SMD_LIMIT = 0.1
#: fewer treated than this gives a warning
FEW_TREATED = 50
#: a placebo "effect" fails only when its interval excludes zero and it is at least this many treated-group
#: standard deviations of the placebo outcome (in very large samples a trivial imbalance is "significant")
PLACEBO_MIN_SMD = 0.05
#: trimming more than this share of the treated gives a warning
HEAVY_TRIMMING = 0.10


def _weighted_mean_var(v: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    sw = float(w.sum())
    if sw <= 0:
        return (math.nan, math.nan)
    mean = float(np.sum(w * v) / sw)
    var = float(np.sum(w * (v - mean) ** 2) / sw)
    return mean, var


def balance_table(
    x: np.ndarray, treated: np.ndarray, weight: np.ndarray, names: Sequence[str]
) -> pd.DataFrame:
    """SMD and variance ratio per covariate, before (all persons, unweighted) and after (with `weight`)."""
    rows = []
    t = treated
    c = ~treated
    for j, name in enumerate(names):
        v = x[:, j]
        sd_t = float(np.std(v[t], ddof=1)) if t.sum() > 1 else 0.0
        if sd_t == 0:
            sd_t = math.sqrt((float(np.var(v[t])) + float(np.var(v[c]))) / 2)
        mt0, vt0 = float(v[t].mean()), float(v[t].var())
        mc0, vc0 = float(v[c].mean()), float(v[c].var())
        mt1, vt1 = _weighted_mean_var(v[t], weight[t])
        mc1, vc1 = _weighted_mean_var(v[c], weight[c])
        rows.append(
            {
                "kovariat": name,
                "medel_behandlade": mt1,
                "medel_jamforelse_fore": mc0,
                "medel_jamforelse_efter": mc1,
                "smd_fore": (mt0 - mc0) / sd_t if sd_t > 0 else 0.0,
                "smd_efter": (mt1 - mc1) / sd_t if sd_t > 0 else 0.0,
                "varianskvot_fore": vt0 / vc0 if vc0 > 0 else math.nan,
                "varianskvot_efter": vt1 / vc1 if vc1 > 0 else math.nan,
            }
        )
    return pd.DataFrame(rows)


def common_support(score: np.ndarray, treated: np.ndarray) -> dict[str, float | int]:
    """Propensity ranges and the treated outside the comparison group's range."""
    st, sc = score[treated], score[~treated]
    outside = (st > sc.max()) | (st < sc.min())
    return {
        "ps_min_behandlade": float(st.min()),
        "ps_max_behandlade": float(st.max()),
        "ps_min_jamforelse": float(sc.min()),
        "ps_max_jamforelse": float(sc.max()),
        "utanfor_gemensamt_stod": int(outside.sum()),
    }


def e_value(estimate: float, bound_near_null: float, outcome_sd: float) -> dict[str, float]:
    """E-value for the estimate and for the confidence bound nearest the null (1 when it crosses zero)."""

    def ev(d: float) -> float:
        rr = math.exp(0.91 * abs(d))
        return rr + math.sqrt(rr * (rr - 1))

    if not (outcome_sd > 0 and math.isfinite(estimate)):
        return {"e_varde": math.nan, "e_varde_ki": math.nan}
    d = estimate / outcome_sd
    crosses = not math.isfinite(bound_near_null) or (bound_near_null * estimate <= 0)
    return {
        "e_varde": ev(d),
        "e_varde_ki": 1.0 if crosses else ev(bound_near_null / outcome_sd),
    }


def placebo_fails(estimate: float, low: float, high: float, treated_sd: float) -> bool:
    """Interval excludes zero and the estimate is material (≥ PLACEBO_MIN_SMD treated SDs)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return False
    material = treated_sd <= 0 or abs(estimate) / treated_sd >= PLACEBO_MIN_SMD
    return bool((low > 0 or high < 0) and material)


def _e_from_rr(rr: float) -> float:
    rr = 1 / rr if rr < 1 else rr
    return rr + math.sqrt(rr * (rr - 1))


def e_value_risk(treated_share: float, difference: float, bound_near_null: float) -> dict[str, float]:
    """E-value for a 0/1 outcome: risk ratio p1/p0 with p0 = p1 − difference (VanderWeele & Ding 2017)."""
    p0 = treated_share - difference
    if not (p0 > 0 and treated_share > 0 and math.isfinite(difference)):
        return {"e_varde": math.nan, "e_varde_ki": math.nan}
    crosses = not math.isfinite(bound_near_null) or (bound_near_null * difference <= 0)
    p0_bound = treated_share - bound_near_null
    return {
        "e_varde": _e_from_rr(treated_share / p0),
        "e_varde_ki": 1.0 if crosses or p0_bound <= 0 else _e_from_rr(treated_share / p0_bound),
    }


def bound_near_null(low: float, high: float) -> float:
    if not (math.isfinite(low) and math.isfinite(high)):
        return math.nan
    if low <= 0 <= high:
        return 0.0
    return low if abs(low) < abs(high) else high


def warnings_for(
    balance: pd.DataFrame | None,
    n_treated: int,
    n_trimmed: int,
    n_treated_before: int,
    placebo: dict[str, object] | None,
) -> list[str]:
    """The Swedish warning list."""
    out: list[str] = []
    if balance is not None and len(balance):
        bad = balance[balance["smd_efter"].abs() > SMD_LIMIT]
        if len(bad):
            listed = ", ".join(
                f"{covariate_label(str(r.kovariat))} ({fmt.number(r.smd_efter, 2)})" for r in bad.itertuples()
            )
            out.append(
                f"Obalans efter justering: {listed} skiljer sig mer än {fmt.number(SMD_LIMIT, 1)} "
                "standardavvikelser mellan grupperna. Jämförelsen är inte rättvis för dessa egenskaper."
            )
    if n_treated < FEW_TREATED:
        out.append(
            f"Få behandlade ({fmt.number(n_treated)} personer, färre än {FEW_TREATED}): skattningen är osäker "
            "och kan ändras mycket av enstaka personer."
        )
    if n_treated_before > 0 and n_trimmed / n_treated_before > HEAVY_TRIMMING:
        out.append(
            f"Kraftig trimning: {fmt.number(n_trimmed)} av {fmt.number(n_treated_before)} behandlade "
            f"({fmt.percent(100 * n_trimmed / n_treated_before)}) saknade jämförbara personer och togs bort. "
            "Effekten gäller bara de behandlade som fick en jämförelse."
        )
    if placebo is not None and placebo.get("misslyckat"):
        out.append(
            f"Placebotestet misslyckades: metoden hittar en 'effekt' på {placebo['utfall']} före insatsen "
            f"({fmt.number(placebo['skattning'], 2)}, 95 % KI {fmt.number(placebo['ki_undre'], 2)} till "
            f"{fmt.number(placebo['ki_ovre'], 2)}), där ingen effekt kan finnas. Jämförelsegruppen skiljer sig "
            "troligen på sätt som kovariaterna inte fångar."
        )
    return out
