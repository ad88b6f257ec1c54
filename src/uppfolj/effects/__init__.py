"""Effect evaluation: estimators, diagnostics, the dynamic design from the store and effect reports.

See docs/metoder-effekt.md for the methods and the published numbers they are tested against.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AIPW",
    "IPW",
    "AbadieImbensMatching",
    "EffectResult",
    "Estimator",
    "PropensityScoreMatching",
]


def __getattr__(name: str) -> Any:
    """The estimators load on first use, so `uppfolj --help` does not import statsmodels and scikit-learn."""
    if name == "EffectResult":
        from uppfolj.effects.result import EffectResult

        return EffectResult
    if name in __all__:
        from uppfolj.effects import estimators

        return getattr(estimators, name)
    raise AttributeError(f"module 'uppfolj.effects' has no attribute {name!r}")
