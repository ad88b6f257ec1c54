"""The drafted assessment text per nämndmål, met / partly met / not met, against texts written by hand; a
written bedomningstext wins; and the report prints it as the keyed paragraph `mal.<id>`."""

from __future__ import annotations

import math

import pandas as pd

from uppfolj.goals.bedomning import assessments
from uppfolj.goals.goalfile import parse_goals
from uppfolj.goals.manual import ManualValues
from uppfolj.goals.report import report_sections
from uppfolj.goals.table import goal_table
from uppfolj.outputs.model import Heading, Paragraph
from uppfolj.schema import RESULT_COLUMNS

NB = "\u00a0"

GOALS = """\
malomraden:
  - namn: Medborgare
    kommunmal:
      - namn: Fler i jobb och egen försörjning
        namndmal:
          - id: egen
            namn: Fler i egen försörjning
            indikatorer:
              - id: eb_langvarigt_andel
                riktning: lagre
                mal: {2024: 36}
              - id: am_andel_arbete_studier
                riktning: hogre
                mal: {2024: 40}
          - namn: Snabbt besked
            indikatorer:
              - id: eb_vantetid_median
                riktning: lagre
                mal: {2024: 10}
          - id: ateraktualisering
            namn: Färre återkommer
            indikatorer:
              - id: eb_ej_aterakt_andel
                riktning: hogre
                mal: {2024: hogre}
              - id: eb_andel_e_ansokan
                riktning: hogre
                mal: {2024: 70}
            bedomningstext:
              2023: "Skriven för 2023, gäller inte 2024."
          - id: skriven
            namn: Skriven bedömning
            indikatorer:
              - id: eb_andel_befolkning
                riktning: lagre
                mal: {2024: 5}
            bedomningstext:
              2024: "Nämndmålet bedöms uppnått. Texten är skriven av analytikern."
"""

N = math.nan
VALUES = [
    # (indikator, period, varde, undertryckt); T only
    ("eb_langvarigt_andel", "2023", 34.1, 0),
    ("eb_langvarigt_andel", "2024", 33.6, 0),  # ≤ 36: met; 0,5 points lower than 2023
    ("am_andel_arbete_studier", "2023", 41.6, 0),
    ("am_andel_arbete_studier", "2024", 40.24, 0),  # ≥ 40: met; 41,6 → 40,2 = 1,4 points lower
    ("eb_vantetid_median", "2023", 12.0, 0),
    ("eb_vantetid_median", "2024", 12.0, 0),  # > 10: not met; unchanged
    ("eb_ej_aterakt_andel", "2023", 85.0, 0),
    ("eb_ej_aterakt_andel", "2024", 84.9, 0),  # not higher than 2023: not met
    ("eb_andel_e_ansokan", "2023", 67.1, 0),
    ("eb_andel_e_ansokan", "2024", N, 1),  # hidden: not assessed
    ("eb_andel_befolkning", "2024", 4.0, 0),
]


def _frame() -> pd.DataFrame:
    rows = [
        {"indikator": i, "period": p, "kon": "T", "grupptyp": "", "grupp": "", "varde": v,
         "taljare": N, "namnare": N, "undertryckt": u}
        for i, p, v, u in VALUES
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def _table():
    goals, problems = parse_goals(GOALS)
    assert problems.errors == []
    return goal_table(goals, 2024, _frame(), ManualValues.empty())


def test_drafted_texts_met_partly_and_not_met() -> None:
    texts = {row.goal_id: (text, written) for row, text, written in assessments(_table())}
    assert texts["egen"] == (
        "Nämndmålet bedöms uppnått. Bedömningen baseras på nämndindikatorerna: båda bedömda indikatorerna "
        "når sina mål för 2024. "
        f"Andel vuxna med långvarigt bistånd var 33,6{NB}% och når därmed målvärdet högst 36,0{NB}%; det är "
        "en minskning med 0,5 procentenheter jämfört med 2023. "
        f"Andel avslutade till arbete eller studier var 40,2{NB}% och når därmed målvärdet minst 40,0{NB}%; "
        "det är en minskning med 1,4 procentenheter jämfört med 2023.",
        False,
    )
    # the id is derived from the name when the goal file gives none
    assert texts["snabbt_besked"] == (
        "Nämndmålet bedöms ej uppnått. Bedömningen baseras på nämndindikatorerna: den enda bedömda "
        "indikatorn når inte sitt mål för 2024. Väntetid ansökan–beslut, median var 12 dagar och når inte "
        "målvärdet högst 10; värdet är oförändrat jämfört med 2023.",
        False,
    )
    # one assessed (not met), the hidden one is not assessed: 0 of 1 → ej uppnått; the 2023 text is not used
    assert texts["ateraktualisering"][0] == (
        "Nämndmålet bedöms ej uppnått. Bedömningen baseras på nämndindikatorerna: den enda bedömda "
        "indikatorn når inte sitt mål för 2024. "
        f"Andel ej återaktualiserade efter ett år var 84,9{NB}% och är inte högre än 2023, som målet anger; "
        "det är en minskning med 0,1 procentenheter jämfört med 2023. "
        "Andel e-ansökningar redovisas inte för 2024 eftersom underlaget är för litet (röjandeskydd)."
    )
    assert texts["skriven"] == ("Nämndmålet bedöms uppnått. Texten är skriven av analytikern.", True)


def test_partly_met() -> None:
    frame = _frame()
    # the second indicator of "egen" falls below 40: one of two met → delvis uppnått (rule 1.0 / 0.5)
    frame.loc[(frame["indikator"] == "am_andel_arbete_studier") & (frame["period"] == "2024"), "varde"] = 38.0
    goals, _ = parse_goals(GOALS)
    table = goal_table(goals, 2024, frame, ManualValues.empty())
    text = next(t for row, t, _ in assessments(table) if row.goal_id == "egen")
    assert text.startswith(
        "Nämndmålet bedöms delvis uppnått. Bedömningen baseras på nämndindikatorerna: en av två bedömda "
        "indikatorer når sitt mål för 2024."
    )
    assert (
        f"Andel avslutade till arbete eller studier var 38,0{NB}% och når inte målvärdet minst 40,0{NB}%; "
        "det är en minskning med 3,6 procentenheter jämfört med 2023." in text
    )


def test_report_prints_keyed_assessments_before_the_indicator_tables() -> None:
    sections = report_sections(_table())
    assert [s.title for s in sections] == ["Målredovisning", "Nämndindikatorer"]
    keyed = [b for b in sections[0].blocks if isinstance(b, Paragraph) and b.key]
    assert [b.key for b in keyed] == ["mal.egen", "mal.snabbt_besked", "mal.ateraktualisering", "mal.skriven"]
    lines = [b.text for b in sections[0].blocks if isinstance(b, Paragraph) and not b.key]
    assert "Målområde Medborgare" in lines
    assert "Nämndmål: Fler i egen försörjning (uppnått)" in lines
    # målområde and nämndmål are subheadings (Word's Rubrik 2 and 3), not body text
    headings = {b.text: b.level for b in sections[0].blocks if isinstance(b, Heading)}
    assert headings["Målområde Medborgare"] == 2
    assert headings["Nämndmål: Fler i egen försörjning (uppnått)"] == 3
