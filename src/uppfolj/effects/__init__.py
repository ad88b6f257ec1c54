"""Effect evaluation: estimators, diagnostics, the dynamic design from the store and effect reports.

See docs/metoder-effekt.md for the methods and the published numbers they are tested against.
"""

from __future__ import annotations

from uppfolj.effects.estimators import AIPW, IPW, AbadieImbensMatching, Estimator, PropensityScoreMatching
from uppfolj.effects.result import EffectResult

__all__ = [
    "AIPW",
    "IPW",
    "AbadieImbensMatching",
    "EffectResult",
    "Estimator",
    "PropensityScoreMatching",
]
