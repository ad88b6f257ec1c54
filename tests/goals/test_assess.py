"""Assessment rules on hand-written values: each outcome, both directions, relative targets, missing and
hidden values, and the nämndmål rule with default and custom thresholds."""

from __future__ import annotations

import math

import pytest

from uppfolj.goals.assess import (
    DELVIS,
    EJ_BEDOMT,
    EJ_UPPNATT,
    MET,
    NOT_ASSESSED,
    NOT_MET,
    UPPNATT,
    Outcome,
    Value,
    assess_goal,
    assess_indicator,
)
from uppfolj.goals.model import Rule, Target


@pytest.mark.parametrize(
    ("direction", "target", "value", "expected"),
    [
        # higher is better: met at or above the target
        ("hogre", 80.0, 80.0, MET),
        ("hogre", 80.0, 80.1, MET),
        ("hogre", 80.0, 79.9, NOT_MET),
        # lower is better: met at or below the target
        ("lagre", 28.0, 28.0, MET),
        ("lagre", 28.0, 12.5, MET),
        ("lagre", 28.0, 28.01, NOT_MET),
        # a target of zero (budget deviation: at least 0 = within budget)
        ("hogre", 0.0, -0.4, NOT_MET),
        ("hogre", 0.0, 0.0, MET),
    ],
)
def test_value_target(direction: str, target: float, value: float, expected: str) -> None:
    outcome = assess_indicator(Target(2024, direction, target), Value(value))
    assert outcome.status == expected
    assert outcome.assessed


@pytest.mark.parametrize(
    ("direction", "previous", "value", "expected"),
    [
        ("hogre", 41.5, 44.0, MET),
        ("hogre", 44.0, 41.5, NOT_MET),
        ("hogre", 44.0, 44.0, NOT_MET),  # unchanged is not an improvement
        ("lagre", 7.8, 6.9, MET),
        ("lagre", 6.9, 7.8, NOT_MET),
        ("lagre", 6.9, 6.9, NOT_MET),
    ],
)
def test_relative_target(direction: str, previous: float, value: float, expected: str) -> None:
    outcome = assess_indicator(Target(2024, direction), Value(value), Value(previous))
    assert outcome.status == expected


def test_missing_and_hidden_values_are_not_assessed() -> None:
    target = Target(2024, "hogre", 50.0)
    assert assess_indicator(target, Value(None)) == Outcome(NOT_ASSESSED, "inget värde")
    assert assess_indicator(target, Value(math.nan)) == Outcome(NOT_ASSESSED, "inget värde")
    # a hidden value is never assessed, even though the number behind it would meet the target
    assert assess_indicator(target, Value(99.0, hidden=True)) == Outcome(NOT_ASSESSED, "värdet är dolt")
    assert assess_indicator(None, Value(99.0)) == Outcome(NOT_ASSESSED, "inget målvärde")


def test_relative_target_needs_a_shown_value_the_year_before() -> None:
    target = Target(2024, "lagre")
    expected = Outcome(NOT_ASSESSED, "inget värde året före")
    assert assess_indicator(target, Value(5.0), None) == expected
    assert assess_indicator(target, Value(5.0), Value(None)) == expected
    assert assess_indicator(target, Value(5.0), Value(9.0, hidden=True)) == expected


def test_outcome_text() -> None:
    assert Outcome(MET).text() == "Uppfyllt"
    assert Outcome(NOT_MET).text() == "Ej uppfyllt"
    assert Outcome(NOT_ASSESSED, "inget värde").text() == "Ej bedömt (inget värde)"


MET_ = Outcome(MET)
NOT_ = Outcome(NOT_MET)
NONE_ = Outcome(NOT_ASSESSED, "inget värde")


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([MET_, MET_, NONE_], UPPNATT),  # 2 of 2 assessed met = 100 %
        ([MET_, NOT_], DELVIS),  # 1 of 2 = 50 % ≥ 50 %
        ([MET_, NOT_, NOT_], EJ_UPPNATT),  # 1 of 3 = 33 % < 50 %
        ([NOT_], EJ_UPPNATT),  # 0 of 1
        ([NONE_, NONE_], EJ_BEDOMT),  # none assessable
        ([], EJ_BEDOMT),
    ],
)
def test_goal_rule_default(outcomes: list[Outcome], expected: str) -> None:
    assert assess_goal(outcomes, Rule()) == expected


def test_goal_rule_custom_thresholds() -> None:
    # uppnått at ≥ 75 %, delvis at ≥ 25 %, and at least two assessed indicators
    rule = Rule(uppnatt=0.75, delvis=0.25, minsta_antal=2)
    assert assess_goal([MET_, MET_, MET_, NOT_], rule) == UPPNATT  # 3/4 = 75 %
    assert assess_goal([MET_, NOT_, NOT_, NOT_], rule) == DELVIS  # 1/4 = 25 %
    assert assess_goal([MET_, NOT_, NOT_, NOT_, NOT_], rule) == EJ_UPPNATT  # 1/5 = 20 %
    assert assess_goal([MET_, NONE_], rule) == EJ_BEDOMT  # only one assessed
    # thirds: 2 of 3 = 0.666..., threshold 2/3 written as 0.6666666667 still counts as reached
    assert assess_goal([MET_, MET_, NOT_], Rule(uppnatt=0.6666666667)) == UPPNATT


def test_goal_rule_is_monotone_in_met_indicators() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    order = [EJ_UPPNATT, DELVIS, UPPNATT]

    @given(
        met=st.integers(0, 8),
        not_met=st.integers(1, 8),
        delvis=st.floats(0, 1),
        extra=st.floats(0, 1),
    )
    def check(met: int, not_met: int, delvis: float, extra: float) -> None:
        rule = Rule(uppnatt=delvis + (1 - delvis) * extra, delvis=delvis)
        before = assess_goal([MET_] * met + [NOT_] * not_met, rule)
        # turning one not-met indicator into met never makes the verdict worse
        after = assess_goal([MET_] * (met + 1) + [NOT_] * (not_met - 1), rule)
        assert order.index(after) >= order.index(before)

    check()
