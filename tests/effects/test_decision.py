"""Minimum detectable effect and Holm's adjustment, worked out by hand."""

from __future__ import annotations

import math

import pytest

from uppfolj.effects.decision import cannot_tell_warning, holm, mde
from uppfolj.effects.result import EffectResult


def test_mde_is_2_8_standard_errors() -> None:
    # z(0.975) = 1.959964, z(0.80) = 0.841621: 2.801585 × SE
    assert mde(0.02) == pytest.approx(2.801585 * 0.02, abs=1e-6)
    assert math.isnan(mde(math.nan))
    res = EffectResult("m", 0.07, 0.02, 0.03, 0.11, 479, 9000)
    assert res.to_dict()["minsta_upptackbara_effekt"] == pytest.approx(0.0560317, abs=1e-6)


def test_holm_by_hand() -> None:
    # sorted 0.01, 0.02, 0.04 of m = 3: 3 × 0.01 = 0.03; max(0.03, 2 × 0.02 = 0.04) = 0.04; max(0.04, 0.04) = 0.04
    adjusted = holm({"a": 0.04, "b": 0.01, "c": 0.02})
    assert adjusted == pytest.approx({"a": 0.04, "b": 0.03, "c": 0.04})
    # monotone: a later larger raw p can never get a smaller adjusted one; capped at 1
    assert holm({"a": 0.6, "b": 0.5}) == pytest.approx({"a": 1.0, "b": 1.0})


def test_warning_when_data_cannot_tell() -> None:
    # a municipality a quarter the demo's size: SE about 5.4 pp gives an MDE of 15 pp
    text = cannot_tell_warning(mde(0.054))
    assert text is not None and "större än 15 procentenheter" in text
    assert cannot_tell_warning(mde(0.015)) is None  # MDE 4.2 pp: relevant effects can be seen


def test_drafted_sentence_in_procentenheter() -> None:
    from uppfolj.effects.wording import result_sentence

    res = EffectResult("m", 0.072, 0.018, 0.037, 0.107, 479, 9000)
    assert result_sentence("ingen_betalning_12", res, "Jobbspår", "ej_annu_behandlade") == (
        "Bland deltagarna i Jobbspår hade 7 procentenheter fler egen försörjning efter 12 månader än "
        "jämförbara personer som inte började just då (95 % KI 4–11)."
    )
    months = EffectResult("m", -1.26, 0.5, -2.24, -0.28, 479, 9000)
    assert result_sentence("manader_kvar_24", months, "Praktik", "ingen_insats") == (
        "Bland deltagarna i Praktik hade 1,3 månader kortare tid kvar i bistånd (räknat över högst 24 månader) "
        "än jämförbara personer som inte fick någon insats (95 % KI −2,2 till −0,3)."
    )
    unclear = EffectResult("m", 0.02, 0.03, -0.039, 0.079, 100, 900)
    assert "Intervallet innehåller 0" in result_sentence(
        "ingen_betalning_6", unclear, "OSA", "ej_annu_behandlade"
    )
    # 0,4 procentenheter rounds to 0: "lika stor andel", not "0 procentenheter fler"
    same = EffectResult("m", 0.004, 0.025, -0.046, 0.054, 467, 11284)
    assert result_sentence("ingen_betalning_12", same, "Arbetsträning", "ej_annu_behandlade") == (
        "Bland deltagarna i Arbetsträning hade lika stor andel egen försörjning efter 12 månader som jämförbara "
        "personer som inte började just då (95 % KI −5 till 5). Intervallet innehåller 0, så data kan inte skilja "
        "effekten från ingen effekt; det betyder inte att insatsen saknar effekt."
    )
