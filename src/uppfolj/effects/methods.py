"""The estimators in one registry, by the names the CLI and reports use (`--metod`).

`ESTIMATORS` maps each name to its Swedish description, the CLI options it reads and how it is made from
them; the command line builds its `--metod` choices from it and docs/metoder-effekt.md describes every
entry (a test checks both). A new estimator is its class plus one entry here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import EllipsisType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from uppfolj.effects.estimators import Estimator


@dataclass(frozen=True)
class EstimatorType:
    name: str
    #: what it does, in Swedish (shown in reports and help)
    description: str
    #: the class as `module:Class`, imported only when the estimator is made (the CLI lists names cheaply)
    cls: str
    #: the options of `make_estimator` it reads → the class's argument for each (caliper defaults to
    #: `estimators.DEFAULT_CALIPER`, 0.2 SD of the logit)
    options: dict[str, str]

    def make(self, **given: Any) -> Estimator:
        module, name = self.cls.split(":")
        cls = getattr(importlib.import_module(module), name)
        made: Estimator = cls(**{argument: given[option] for option, argument in self.options.items()})
        return made


ESTIMATORS: dict[str, EstimatorType] = {
    e.name: e
    for e in (
        EstimatorType(
            "psm",
            "matchning på logit av propensity score (k närmaste, caliper 0,2 SD, med eller utan återläggning)",
            "uppfolj.effects.estimators:PropensityScoreMatching",
            {"k": "k", "caliper": "caliper", "replacement": "replacement"},
        ),
        EstimatorType(
            "ai",
            "Abadie–Imbens-matchning på kovariater med biasjustering",
            "uppfolj.effects.estimators:AbadieImbensMatching",
            {"k": "m", "heteroskedastic": "heteroskedastic"},
        ),
        EstimatorType(
            "ipw",
            "viktning med inversen av sannolikheten för behandling",
            "uppfolj.effects.estimators:IPW",
            {},
        ),
        EstimatorType(
            "aipw",
            "dubbelt robust skattning (utfallsmodell + viktning)",
            "uppfolj.effects.estimators:AIPW",
            {},
        ),
        EstimatorType(
            "did",
            "skillnad-i-skillnader på utfallet före och efter",
            "uppfolj.effects.did:DifferenceInDifferences",
            {"outcome_before": "outcome_before"},
        ),
        EstimatorType(
            "km",
            "Kaplan–Meier-kurvor med log-rank-test",
            "uppfolj.effects.survival:KaplanMeier",
            {"event": "event"},
        ),
    )
}

#: name → description
METHODS: dict[str, str] = {name: e.description for name, e in ESTIMATORS.items()}


def make_estimator(
    method: str,
    *,
    k: int = 1,
    caliper: float | None | EllipsisType = ...,
    replacement: bool = True,
    heteroskedastic: bool = False,
    outcome_before: str | None = None,
    event: str | None = None,
) -> Estimator:
    """The estimator named `method`, given the options it reads (`caliper` left out: the estimators' default,
    imported here only, so that listing the names stays cheap)."""
    kind = ESTIMATORS.get(method)
    if kind is None:
        from uppfolj.errors import UppfoljError

        raise UppfoljError(f"Okänd metod '{method}'. Välj en av: {', '.join(ESTIMATORS)}.")
    if caliper is ...:
        from uppfolj.effects.estimators import DEFAULT_CALIPER

        caliper = DEFAULT_CALIPER
    return kind.make(
        k=k,
        caliper=caliper,
        replacement=replacement,
        heteroskedastic=heteroskedastic,
        outcome_before=outcome_before,
        event=event,
    )
