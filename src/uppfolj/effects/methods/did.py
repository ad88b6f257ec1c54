"""Difference in differences (`did`): the declaration only; the class is imported when the estimator is made."""

from uppfolj.effects.methods import EstimatorType

ESTIMATOR = EstimatorType(
    name="did",
    description="skillnad-i-skillnader på utfallet före och efter",
    cls="uppfolj.effects.did:DifferenceInDifferences",
    options={"outcome_before": "outcome_before"},
    order=50,
)
