"""Assessment: is one indicator's target met, and is a nämndmål uppnått (the rule of docs/mal.md)?

Indicator: a value target with direction `hogre` is met when the value is at least the target, with `lagre`
when it is at most the target; a relative target is met when the value is strictly better than the year
before (an unchanged value is not met). Without a shown value (missing `I.U.` or hidden `..` by
small-number protection) there is nothing to assess: *ej bedömt*. A hidden value is never assessed, so the
assessment cannot reveal which side of the target a hidden figure lies.

Nämndmål: of the indicators assessed (met or not met), share met ≥ `rule.uppnatt` → uppnått, ≥ `rule.delvis`
→ delvis uppnått, else ej uppnått; fewer than `rule.minsta_antal` assessed → ej bedömt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from uppfolj.goals.model import Rule, Target

MET = "uppfyllt"
NOT_MET = "ej uppfyllt"
NOT_ASSESSED = "ej bedömt"

UPPNATT = "uppnått"
DELVIS = "delvis uppnått"
EJ_UPPNATT = "ej uppnått"
EJ_BEDOMT = "ej bedömt"

#: float noise allowance when comparing a share with a threshold
_EPS = 1e-9


@dataclass(frozen=True)
class Value:
    """One shown figure: `value` None or NaN = not computed (`I.U.`); `hidden` = `..`."""

    value: float | None
    hidden: bool = False

    @property
    def usable(self) -> bool:
        return not self.hidden and self.value is not None and not math.isnan(self.value)


@dataclass(frozen=True)
class Outcome:
    status: str
    #: why it was not assessed (Swedish), empty when assessed
    reason: str = ""

    @property
    def assessed(self) -> bool:
        return self.status in (MET, NOT_MET)

    def text(self) -> str:
        return f"{self.status.capitalize()} ({self.reason})" if self.reason else self.status.capitalize()


def _better(value: float, than: float, direction: str, *, strict: bool) -> bool:
    if direction == "hogre":
        return value > than if strict else value >= than
    return value < than if strict else value <= than


def assess_indicator(target: Target | None, current: Value, previous: Value | None = None) -> Outcome:
    """The outcome of one indicator for the target's year; `previous` is the year before (relative
    targets)."""
    if target is None:
        return Outcome(NOT_ASSESSED, "inget målvärde")
    if current.hidden:
        return Outcome(NOT_ASSESSED, "värdet är dolt")
    if not current.usable:
        return Outcome(NOT_ASSESSED, "inget värde")
    assert current.value is not None
    if target.value is not None:
        met = _better(current.value, target.value, target.direction, strict=False)
        return Outcome(MET if met else NOT_MET)
    if previous is None or previous.hidden or not previous.usable:
        return Outcome(NOT_ASSESSED, "inget värde året före")
    assert previous.value is not None
    met = _better(current.value, previous.value, target.direction, strict=True)
    return Outcome(MET if met else NOT_MET)


def assess_goal(outcomes: list[Outcome], rule: Rule) -> str:
    """The nämndmål's assessment from its indicators' outcomes by `rule`."""
    assessed = [o for o in outcomes if o.assessed]
    if not assessed or len(assessed) < rule.minsta_antal:
        return EJ_BEDOMT
    share = sum(o.status == MET for o in assessed) / len(assessed)
    if share >= rule.uppnatt - _EPS:
        return UPPNATT
    if share >= rule.delvis - _EPS:
        return DELVIS
    return EJ_UPPNATT
