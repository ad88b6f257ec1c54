"""The result every estimator returns: estimate, standard error, interval, sizes, warnings, diagnostics.

Attributes are English like all code; `to_dict()` gives the Swedish keys users see in `--format json`, the API
and reports (`skattning`, `medelfel`, `ki_undre`, …).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from scipy import stats

from uppfolj import fmt
from uppfolj.effects.decision import mde


def normal_interval(estimate: float, se: float, level: float = 0.95) -> tuple[float, float]:
    """Two-sided normal confidence interval; NaN bounds when the standard error is missing."""
    if not math.isfinite(se):
        return (math.nan, math.nan)
    z = float(stats.norm.ppf(0.5 + level / 2))
    return (estimate - z * se, estimate + z * se)


@dataclass
class EffectResult:
    """One effect estimate with everything that must travel with it."""

    method: str
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    n_treated: int
    n_control: int
    warnings: list[str] = field(default_factory=list)
    diagnostics: dict[str, Any] = field(default_factory=dict)
    #: how the standard error was obtained, e.g. "analytisk (Abadie–Imbens)" or "bootstrap, 200 dragningar"
    se_method: str = ""

    @property
    def p_value(self) -> float:
        if not (math.isfinite(self.se) and self.se > 0):
            return math.nan
        return float(2 * stats.norm.sf(abs(self.estimate / self.se)))

    @property
    def mde(self) -> float:
        """Minimum detectable effect: 80 % power at the 5 % level."""
        return mde(self.se)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metod": self.method,
            "skattning": _clean(self.estimate),
            "medelfel": _clean(self.se),
            "minsta_upptackbara_effekt": _clean(self.mde),
            "ki_undre": _clean(self.ci_low),
            "ki_ovre": _clean(self.ci_high),
            "p_varde": _clean(self.p_value),
            "n_behandlade": int(self.n_treated),
            "n_jamforelse": int(self.n_control),
            "medelfel_metod": self.se_method,
            "varningar": list(self.warnings),
            "diagnostik": _jsonable(self.diagnostics),
        }

    @property
    def summary(self) -> pd.DataFrame:
        """One-row table with the estimate and its interval (numbers, not formatted)."""
        return pd.DataFrame(
            [
                {
                    "metod": self.method,
                    "skattning": self.estimate,
                    "medelfel": self.se,
                    "ki_undre": self.ci_low,
                    "ki_ovre": self.ci_high,
                    "p_varde": self.p_value,
                    "n_behandlade": self.n_treated,
                    "n_jamforelse": self.n_control,
                }
            ]
        )

    def text(self, decimals: int = 2) -> str:
        """Swedish one-paragraph summary; never a bare point estimate."""
        lines = [
            f"Metod: {self.method}",
            f"Skattad effekt: {fmt.number(self.estimate, decimals)} "
            f"(95 % konfidensintervall {fmt.number(self.ci_low, decimals)} till "
            f"{fmt.number(self.ci_high, decimals)}; medelfel {fmt.number(self.se, decimals)})",
            f"Behandlade: {fmt.number(self.n_treated)}; jämförelsepersoner: {fmt.number(self.n_control)}",
            f"Minsta effekt som data kan upptäcka (80 % styrka, 5 % nivå): {fmt.number(self.mde, decimals)}",
        ]
        if self.warnings:
            lines.append("Varningar:")
            lines.extend(f"  – {w}" for w in self.warnings)
        else:
            lines.append("Inga varningar.")
        return "\n".join(lines)


def _clean(value: float) -> float | None:
    return float(value) if value is not None and math.isfinite(float(value)) else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, pd.DataFrame):
        return [_jsonable(r) for r in value.to_dict(orient="records")]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value
