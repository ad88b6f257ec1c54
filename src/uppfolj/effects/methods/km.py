"""Kaplan–Meier curves (`km`): the declaration only; the class is imported when the estimator is made."""

from uppfolj.effects.methods import EstimatorType

ESTIMATOR = EstimatorType(
    name="km",
    description="Kaplan–Meier-kurvor med log-rank-test",
    cls="uppfolj.effects.survival:KaplanMeier",
    options={"event": "event"},
    order=60,
)
