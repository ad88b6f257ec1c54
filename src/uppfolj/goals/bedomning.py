"""The drafted assessment text (bedömning) of a nämndmål, from its indicators' outcomes against their
targets and the year before, in the style of a verksamhetsberättelse:

    Nämndmålet bedöms delvis uppnått. Bedömningen baseras på nämndindikatorerna: en av två bedömda
    indikatorer når sitt mål för 2024. Andel vuxna med långvarigt bistånd var 33,6 % och når därmed
    målvärdet högst 36,0 %; det är en minskning med 0,5 procentenheter jämfört med 2023. ...

A text written in the goal file (`bedomningstext`) replaces the drafted one; either way the report prints
it as the keyed paragraph `mal.<id>`, which the analyst can replace for the report's period.
"""

from __future__ import annotations

import re

from uppfolj.goals.assess import EJ_BEDOMT, MET, NOT_ASSESSED
from uppfolj.goals.table import NAMNDMAL, GoalTable, Row
from uppfolj.outputs.wording import change_text, number_word, value_text

_UNIT_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def plain_name(name: str) -> str:
    """The indicator's name without a trailing unit in parentheses: `Andel e-ansökningar (%)` → `Andel
    e-ansökningar`."""
    return _UNIT_SUFFIX.sub("", name).strip() or name


def _count_sentence(met: int, assessed: int, year: int) -> str:
    if assessed == 1:
        return f"den enda bedömda indikatorn {'når' if met else 'når inte'} sitt mål för {year}"
    if met == assessed == 2:
        return f"båda bedömda indikatorerna når sina mål för {year}"
    if met == assessed:
        return f"samtliga {number_word(assessed)} bedömda indikatorer når sina mål för {year}"
    if met == 1:
        return f"en av {number_word(assessed)} bedömda indikatorer når sitt mål för {year}"
    if met == 0:
        return f"ingen av de {number_word(assessed)} bedömda indikatorerna når sitt mål för {year}"
    return f"{number_word(met)} av {number_word(assessed)} bedömda indikatorer når sina mål för {year}"


def indicator_sentence(row: Row, year: int) -> str:
    """One sentence on one indicator: its value, against the target, and against the year before."""
    name = plain_name(row.indikator)
    current, previous = row.values[-1], row.values[-2] if len(row.values) > 1 else None
    if current.hidden:
        return f"{name} redovisas inte för {year} eftersom underlaget är för litet (röjandeskydd)."
    if not current.usable or current.value is None:
        return f"{name} saknar värde för {year} och kan inte bedömas."
    shown = value_text(current.value, row.unit, row.decimals)
    if " " in shown and row.unit != "%" and name.endswith(shown.split(" ", 1)[1]):
        shown = shown.split(" ", 1)[0]  # `Utslussade … per mnkr var 3,9`, not `3,9 per mnkr`
    text = f"{name} var {shown}"
    target, outcome = row.target, row.outcome
    if target is None:
        text += f" (inget målvärde för {year})"
    elif target.relative:
        if outcome is not None and outcome.status == NOT_ASSESSED:
            text += f"; målet är ett bättre värde än {year - 1}, som saknas, så indikatorn bedöms inte"
        else:
            better = "högre" if target.direction == "hogre" else "lägre"
            met = outcome is not None and outcome.status == MET
            text += f" och är {'därmed' if met else 'inte'} {better} än {year - 1}, som målet anger"
    else:
        met = outcome is not None and outcome.status == MET
        text += f" och når {'därmed' if met else 'inte'} målvärdet {row.malvarde}"
    if previous is not None and previous.usable and previous.value is not None:
        change = change_text(current.value, previous.value, row.unit, row.decimals, str(year - 1))
        text += ("; värdet är " if change.startswith("oförändrat") else "; det är ") + change
    elif previous is not None and not previous.hidden:
        text += f"; värde för {year - 1} saknas"
    return text + "."


def draft(goal: Row, indicators: list[Row], year: int) -> str:
    """The drafted assessment of the nämndmål `goal` from its followed-up indicator rows."""
    verdict = goal.bedomning.lower()
    own = [r for r in indicators if r.outcome is not None]
    assessed = [r for r in own if r.outcome is not None and r.outcome.assessed]
    met = sum(1 for r in assessed if r.outcome is not None and r.outcome.status == MET)
    if verdict == EJ_BEDOMT:
        opening = (
            f"Nämndmålet kan inte bedömas för {year}: ingen av nämndindikatorerna har både ett målvärde och "
            f"ett redovisningsbart värde."
            if not assessed
            else f"Nämndmålet kan inte bedömas för {year}: för få indikatorer har ett redovisningsbart värde."
        )
    else:
        opening = (
            f"Nämndmålet bedöms {verdict}. Bedömningen baseras på nämndindikatorerna: "
            f"{_count_sentence(met, len(assessed), year)}."
        )
    return " ".join([opening, *(indicator_sentence(r, year) for r in own)])


def assessments(table: GoalTable) -> list[tuple[Row, str, bool]]:
    """Per nämndmål (in the table's order): its row, its text, and whether the text is written (True) or
    drafted."""
    out: list[tuple[Row, str, bool]] = []
    rows = table.rows
    for i, row in enumerate(rows):
        if row.kind != NAMNDMAL:
            continue
        following = []
        for r in rows[i + 1 :]:
            if r.kind == NAMNDMAL:
                break
            following.append(r)
        if row.written:
            out.append((row, row.written, True))
        else:
            out.append((row, draft(row, following, table.year), False))
    return out
