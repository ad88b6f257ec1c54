"""The goal file: a valid file becomes the model; a broken one gives every problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from uppfolj.goals.goalfile import load_goals, parse_goals
from uppfolj.goals.model import Rule, Target
from uppfolj.goals.problems import FEL, VARNING, GoalFileError

VALID = """\
bedomning:
  uppnatt_andel: 0.8
  delvis_andel: 0.4
  minsta_antal: 2
malomraden:
  - namn: Hög egenförsörjningsgrad
    kommunmal:
      - namn: Fler i arbete
        namndmal:
          - namn: Färre med långvarigt bistånd
            indikatorer:
              - id: eb_langvarigt_andel
                riktning: lagre
                kon: K
                mal:
                  2023: 30
                  2024: 28,5
                  2025: lagre
                  2026: {varde: 25}
              - id: am_andel_arbete_studier
                riktning: hogre
                period: H2
                mal:
                  2024: {riktning: hogre}
              - id: nki_bemotande
                namn: Nöjda med bemötandet
                riktning: hogre
                enhet: "%"
                decimaler: 0
                mal:
                  2024: 80
"""


def test_valid_file_becomes_the_model() -> None:
    goals, problems = parse_goals(VALID, manual={"nki_bemotande": "NKI"})
    assert problems.items == []
    assert goals.rule == Rule(0.8, 0.4, 2)
    omrade = goals.omraden[0]
    assert omrade.name == "Hög egenförsörjningsgrad"
    nmal = omrade.kommunmal[0].namndmal[0]
    assert nmal.name == "Färre med långvarigt bistånd"
    lang, am, nki = nmal.indicators
    assert (lang.id, lang.kon, lang.period, lang.line) == ("eb_langvarigt_andel", "K", "ar", 12)
    assert lang.targets == {
        2023: Target(2023, "lagre", 30.0),
        2024: Target(2024, "lagre", 28.5),  # decimal comma read as 28.5
        2025: Target(2025, "lagre", None),  # relative: lower than 2024
        2026: Target(2026, "lagre", 25.0),
    }
    assert am.period_label(2024) == "2024-H2"
    assert am.targets[2024].relative
    assert (nki.name, nki.unit, nki.decimals) == ("Nöjda med bemötandet", "%", 0)


BROKEN = """\
bedomning:
  uppnatt_andel: 0.4
  delvis_andel: 0.6
malomraden:
  - namn: Hög egenförsörjningsgrad
    kommunmal:
      - namn: Fler i arbete
        namndmal:
          - namn: Färre med långvarigt bistånd
            indikatorer:
              - id: eb_langvarig_andel
                riktning: lagre
              - id: eb_vantetid_median
                riktning: lägre
                kon: K
                mal:
                  tjugo: 12
                  2024: snabbt
              - id: am_andel_arbete_studier
                riktnig: hogre
                period: vecka
          - indikatorer:
              - id: eb_langvarigt_andel
                riktning: lagre
                period: H1
"""


def test_broken_file_gives_every_problem_with_its_line() -> None:
    _, problems = parse_goals(BROKEN, file="mal.yaml")
    found = [(p.level, p.line) for p in problems.items]
    # worked out from BROKEN line by line
    assert sorted(found) == [
        (FEL, 3),  # delvis_andel 0.6 > uppnatt_andel 0.4, on the delvis_andel line
        (FEL, 11),  # eb_langvarig_andel: typo
        (FEL, 14),  # riktning "lägre" is not hogre/lagre
        (FEL, 15),  # eb_vantetid_median has only T
        (FEL, 17),  # "tjugo" is no year
        (FEL, 18),  # "snabbt" is neither a number nor a direction
        (FEL, 19),  # am_andel_arbete_studier has no riktning (its mapping starts on line 19)
        (FEL, 21),  # period "vecka"
        (FEL, 22),  # the second nämndmål has no namn
        (FEL, 25),  # eb_langvarigt_andel is computed for calendar years only
        (VARNING, 20),  # unknown key riktnig
    ]
    messages = {p.line: p.message for p in problems.items}
    assert "Menade du 'eb_langvarigt_andel'?" in messages[11]
    assert "Menade du 'riktning'?" in messages[20]
    assert "delvis_andel (0.6) är större än uppnatt_andel (0.4)" in messages[3]
    assert "går för: ar" in messages[25]


def test_load_raises_one_error_listing_all_blocking_problems(tmp_path: Path) -> None:
    path = tmp_path / "mal.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(GoalFileError) as err:
        load_goals(path)
    assert len(err.value.problems) == 10
    text = str(err.value)
    assert "har 10 fel som måste rättas" in text
    assert f"{path}, rad 11: Indikatorn 'eb_langvarig_andel' finns varken i katalogen" in text
    assert "riktnig" not in text  # a warning does not block and is not in the error


def test_yaml_syntax_error_has_its_line() -> None:
    _, problems = parse_goals("malomraden:\n  - namn: [oavslutad\n  - namn: x\n")
    assert [(p.level, p.line) for p in problems.items] == [(FEL, 3)]
    assert "YAML" in problems.items[0].message


def test_duplicate_keys_and_years_are_errors() -> None:
    text = VALID.replace(
        "                  2024: 28,5\n", "                  2024: 28,5\n                  2024: 27\n"
    )
    text = text.replace("  minsta_antal: 2\n", "  minsta_antal: 2\n  minsta_antal: 3\n")
    _, problems = parse_goals(text, manual={"nki_bemotande": "NKI"})
    assert [(p.level, p.line) for p in problems.items] == [(FEL, 5), (FEL, 19)]


def test_missing_goal_file_says_what_to_do(tmp_path: Path) -> None:
    from uppfolj.errors import UppfoljError

    with pytest.raises(UppfoljError, match="Målfilen .* finns inte"):
        load_goals(tmp_path / "mal.yaml")
