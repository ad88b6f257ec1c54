"""Propensity-score matching (`psm`): the declaration only; the class is imported when the estimator is made."""

from uppfolj.effects.methods import EstimatorType

ESTIMATOR = EstimatorType(
    name="psm",
    description=(
        "matchning på logit av propensity score (k närmaste, caliper 0,2 SD, med eller utan återläggning)"
    ),
    cls="uppfolj.effects.estimators:PropensityScoreMatching",
    options={"k": "k", "caliper": "caliper", "replacement": "replacement"},
    order=10,
)
