"""Augmented inverse probability weighting (doubly robust) (`aipw`): the declaration only; the class is imported when the estimator is made."""

from uppfolj.effects.methods import EstimatorType

ESTIMATOR = EstimatorType(
    name="aipw",
    description="dubbelt robust skattning (utfallsmodell + viktning)",
    cls="uppfolj.effects.estimators:AIPW",
    options={},
    order=40,
)
