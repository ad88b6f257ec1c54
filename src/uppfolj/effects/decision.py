"""Figures for the decision: the minimum detectable effect and Holm's adjustment over the secondary outcomes.

Minimum detectable effect (MDE): the smallest true effect a two-sided test at the 5 % level detects with 80 %
power, (z₀.₉₇₅ + z₀.₈₀) × SE = 2.80 × SE (Bloom 1995). The primary outcome is egen försörjning 12 months
after the start; the other outcomes get Holm-adjusted p-values (Holm 1979), which keep the chance of any false
finding among them at 5 %.
"""

from __future__ import annotations

import math

from scipy import stats

from uppfolj import fmt

LEVEL = 0.05
POWER = 0.80
#: an effect on a share this large (5 procentenheter) matters for a committee's choice of insats
RELEVANT_SHARE = 0.05


def mde(se: float, level: float = LEVEL, power: float = POWER) -> float:
    if not math.isfinite(se):
        return math.nan
    return float((stats.norm.ppf(1 - level / 2) + stats.norm.ppf(power)) * se)


def holm(p_values: dict[str, float]) -> dict[str, float]:
    """Holm-adjusted p-values: the i-th smallest of m gets max over j ≤ i of min(1, (m − j + 1) p_(j))."""
    finite = sorted(((p, k) for k, p in p_values.items() if math.isfinite(p)), key=lambda pk: pk[0])
    m = len(finite)
    adjusted: dict[str, float] = {k: math.nan for k, p in p_values.items() if not math.isfinite(p)}
    running = 0.0
    for i, (p, key) in enumerate(finite):
        running = max(running, min(1.0, (m - i) * p))
        adjusted[key] = running
    return adjusted


def cannot_tell_warning(value_mde: float) -> str | None:
    """A plain warning when the data cannot detect an effect of a relevant size on a share."""
    if not math.isfinite(value_mde) or value_mde <= RELEVANT_SHARE:
        return None
    return (
        f"Data räcker bara för att upptäcka effekter större än {fmt.number(100 * value_mde, 0)} procentenheter "
        f"(med 80 % sannolikhet). En effekt på {fmt.number(100 * RELEVANT_SHARE, 0)} procentenheter, som är "
        "stor för en arbetsmarknadsinsats, kan alltså finnas utan att synas här; ett intervall som innehåller 0 "
        "betyder då inte att insatsen saknar effekt."
    )
