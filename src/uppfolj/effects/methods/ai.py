"""Abadie–Imbens matching (`ai`): the declaration only; the class is imported when the estimator is made."""

from uppfolj.effects.methods import EstimatorType

ESTIMATOR = EstimatorType(
    name="ai",
    description="Abadie–Imbens-matchning på kovariater med biasjustering",
    cls="uppfolj.effects.estimators:AbadieImbensMatching",
    options={"k": "m", "heteroskedastic": "heteroskedastic"},
    order=20,
)
