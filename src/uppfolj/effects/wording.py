"""Effects in words a committee reads: procentenheter and months instead of proportions, one drafted Swedish
sentence per result, and the interval's meaning in plain words.

"Bland deltagarna i Jobbspår hade 7 procentenheter fler egen försörjning efter 12 månader än jämförbara
personer som inte började just då (95 % KI 4–11)."
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from uppfolj import fmt
from uppfolj.effects.outcomes import EXIT_PHRASES
from uppfolj.effects.result import EffectResult

#: outcome → (what is more or less of, in the sentence; "fler" or "kortare" wording)
_PHRASES = {
    "arbete_studier_12": "som gick till arbete eller studier inom 12 månader",
    "manader_kvar_24": "tid kvar i bistånd (räknat över högst 24 månader)",
    "bistand_kr_24": "utbetalt ekonomiskt bistånd under de 24 månaderna efter starten",
}
_COMPARED = {
    "ej_annu_behandlade": "jämförbara personer som inte började just då",
    "ingen_insats": "jämförbara personer som inte fick någon insats",
    "obehandlade_under_uppfoljningen": "jämförbara personer som inte började insatsen",
}


#: outcomes that are not shares, with their unit
_UNITS = {"manader_kvar_24": "månader", "bistand_kr_24": "kronor"}


def is_share(outcome: str) -> bool:
    return outcome not in _UNITS


def unit(outcome: str) -> str:
    return _UNITS.get(outcome, "procentenheter")


def decimals(outcome: str) -> int:
    """Decimals a table shows: whole kronor, one decimal for procentenheter and months."""
    return 0 if unit(outcome) == "kronor" else 1


def scaled(outcome: str, value: float) -> float:
    """Proportions as procentenheter (× 100); months as they are."""
    return value * 100 if is_share(outcome) else value


def _what(outcome: str) -> str:
    match = re.fullmatch(r"ingen_betalning_(\d+)", outcome)
    if match:
        return f"egen försörjning efter {match.group(1)} månader"
    return _PHRASES.get(outcome, outcome)


def _interval(outcome: str, low: float, high: float) -> str:
    places = 1 if unit(outcome) == "månader" else 0
    sep = "–" if low >= 0 else " till "  # "4–11", but "−2,2 till −0,3"
    return f"95 % KI {fmt.number(low, places)}{sep}{fmt.number(high, places)}"


def _points(value: float, places: int) -> str:
    """The amount in procentenheter as rounded for the reader: "1 procentenhet", "7 procentenheter"."""
    text = fmt.number(value, places)
    return f"{text} procentenhet" if text == "1" else f"{text} procentenheter"


def _cannot_tell(low: float, high: float) -> str:
    if math.isfinite(low) and low <= 0 <= high:
        return (
            " Intervallet innehåller 0, så data kan inte skilja effekten från ingen effekt; det betyder inte att "
            "insatsen saknar effekt."
        )
    return ""


def exit_sentence(cause: str, row: Mapping[Any, Any], insatstyp: str, comparison: str) -> str:
    """One drafted sentence for a competing exit τ months after the start: both groups' shares (cumulative
    incidences) and their difference with its interval. `row`: tau, andel_deltagare, andel_jamforelse,
    skattning, ki_undre, ki_ovre (shares)."""
    est, low, high = (100 * float(row[k]) for k in ("skattning", "ki_undre", "ki_ovre"))
    direction = "fler" if est >= 0 else "färre"
    # a difference that rounds to 0 reads "ingen skillnad", not "0 procentenheter fler"
    difference = "ingen skillnad" if fmt.number(abs(est), 0) == "0" else f"{_points(abs(est), 0)} {direction}"
    return (
        f"Efter {int(row['tau'])} månader hade {fmt.percent(100 * row['andel_deltagare'], 0)} av deltagarna i "
        f"{insatstyp} {EXIT_PHRASES[cause]}, mot {fmt.percent(100 * row['andel_jamforelse'], 0)} av "
        f"{_COMPARED.get(comparison, 'jämförbara personer')}: {difference} "
        f"({_interval(cause, low, high)}).{_cannot_tell(low, high)}"
    )


def result_sentence(outcome: str, result: EffectResult, insatstyp: str, comparison: str) -> str:
    """One drafted sentence with the effect, its interval and, when the interval contains 0, what that means."""
    est = scaled(outcome, result.estimate)
    low, high = scaled(outcome, result.ci_low), scaled(outcome, result.ci_high)
    places = 1 if unit(outcome) == "månader" else 0
    if is_share(outcome):
        direction = "fler" if est >= 0 else "färre"
        amount = f"{_points(abs(est), places)} {direction}"
    elif unit(outcome) == "kronor":
        direction = "mer" if est >= 0 else "mindre"
        amount = f"{fmt.number(abs(est), 0)} kronor {direction}"
    else:
        direction = "längre" if est >= 0 else "kortare"
        amount = f"{fmt.number(abs(est), places)} månader {direction}"
    compared = _COMPARED.get(comparison, "jämförbara personer")
    if is_share(outcome) and fmt.number(abs(est), places) == "0":
        # a difference that rounds to 0 reads "lika stor andel", not "0 procentenheter fler"
        text = (
            f"Bland deltagarna i {insatstyp} hade lika stor andel {_what(outcome)} som {compared} "
            f"({_interval(outcome, low, high)})."
        )
    else:
        text = f"Bland deltagarna i {insatstyp} hade {amount} {_what(outcome)} än {compared} ({_interval(outcome, low, high)})."
    return text + _cannot_tell(low, high)
