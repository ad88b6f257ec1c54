"""Inverse probability weighting (`ipw`): the declaration only; the class is imported when the estimator is made."""

from uppfolj.effects.methods import EstimatorType

ESTIMATOR = EstimatorType(
    name="ipw",
    description="viktning med inversen av sannolikheten för behandling",
    cls="uppfolj.effects.estimators:IPW",
    options={},
    order=30,
)
