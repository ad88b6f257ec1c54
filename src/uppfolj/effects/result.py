"""The result every estimator returns: estimate, standard error, interval, sizes, warnings, diagnostics.

Field names are Swedish because they are the keys users see in `--format json` and in reports.
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

    metod: str
    skattning: float
    medelfel: float
    ki_undre: float
    ki_ovre: float
    n_behandlade: int
    n_jamforelse: int
    varningar: list[str] = field(default_factory=list)
    diagnostik: dict[str, Any] = field(default_factory=dict)
    #: how the standard error was obtained, e.g. "analytisk (Abadie–Imbens)" or "bootstrap, 200 dragningar"
    medelfel_metod: str = ""

    @property
    def p_varde(self) -> float:
        if not (math.isfinite(self.medelfel) and self.medelfel > 0):
            return math.nan
        return float(2 * stats.norm.sf(abs(self.skattning / self.medelfel)))

    @property
    def mde(self) -> float:
        """Minimum detectable effect: 80 % power at the 5 % level."""
        return mde(self.medelfel)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metod": self.metod,
            "skattning": _clean(self.skattning),
            "medelfel": _clean(self.medelfel),
            "minsta_upptackbara_effekt": _clean(self.mde),
            "ki_undre": _clean(self.ki_undre),
            "ki_ovre": _clean(self.ki_ovre),
            "p_varde": _clean(self.p_varde),
            "n_behandlade": int(self.n_behandlade),
            "n_jamforelse": int(self.n_jamforelse),
            "medelfel_metod": self.medelfel_metod,
            "varningar": list(self.varningar),
            "diagnostik": _jsonable(self.diagnostik),
        }

    @property
    def summary(self) -> pd.DataFrame:
        """One-row table with the estimate and its interval (numbers, not formatted)."""
        return pd.DataFrame(
            [
                {
                    "metod": self.metod,
                    "skattning": self.skattning,
                    "medelfel": self.medelfel,
                    "ki_undre": self.ki_undre,
                    "ki_ovre": self.ki_ovre,
                    "p_varde": self.p_varde,
                    "n_behandlade": self.n_behandlade,
                    "n_jamforelse": self.n_jamforelse,
                }
            ]
        )

    def text(self, decimals: int = 2) -> str:
        """Swedish one-paragraph summary; never a bare point estimate."""
        lines = [
            f"Metod: {self.metod}",
            f"Skattad effekt: {fmt.number(self.skattning, decimals)} "
            f"(95 % konfidensintervall {fmt.number(self.ki_undre, decimals)} till "
            f"{fmt.number(self.ki_ovre, decimals)}; medelfel {fmt.number(self.medelfel, decimals)})",
            f"Behandlade: {fmt.number(self.n_behandlade)}; jämförelsepersoner: {fmt.number(self.n_jamforelse)}",
            f"Minsta effekt som data kan upptäcka (80 % styrka, 5 % nivå): {fmt.number(self.mde, decimals)}",
        ]
        if self.varningar:
            lines.append("Varningar:")
            lines.extend(f"  – {w}" for w in self.varningar)
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
