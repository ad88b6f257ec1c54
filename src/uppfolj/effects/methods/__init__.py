"""The estimators in one registry, by the names the CLI and reports use (`--metod`).

Each module of this package declares one estimator, `ESTIMATOR = EstimatorType(...)`: its name, its Swedish
description, the class (imported only when the estimator is made, so listing the names stays cheap) and
the CLI options it reads. `estimators()` finds them; the command line builds its `--metod` choices from it
and `make docs` lists them in docs/metoder-effekt.md (tests check both). A new estimator is its class plus
its declaration module here, and nothing else.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
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
    #: place among the `--metod` choices, lowest first
    order: int

    def make(self, **given: Any) -> Estimator:
        module, name = self.cls.split(":")
        cls = getattr(importlib.import_module(module), name)
        made: Estimator = cls(**{argument: given[option] for option, argument in self.options.items()})
        return made


@functools.cache
def estimators() -> dict[str, EstimatorType]:
    """The estimators declared by the modules of this package, in their order (the `--metod` choices)."""
    import uppfolj.effects.methods as package

    found: list[EstimatorType] = []
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        declared = getattr(importlib.import_module(info.name), "ESTIMATOR", None)
        if isinstance(declared, EstimatorType):
            found.append(declared)
    return {e.name: e for e in sorted(found, key=lambda e: (e.order, e.name))}


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
    kind = estimators().get(method)
    if kind is None:
        from uppfolj.errors import UppfoljError

        raise UppfoljError(f"Okänd metod '{method}'. Välj en av: {', '.join(estimators())}.")
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
