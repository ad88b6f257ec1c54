"""The drafted analysis paragraph of the committee report, in the style committees write it.

Deterministic from the figures: the number of decisions and how many are interruptions, the insatstyper,
the time since the decision, the reasons (only the counts röjandeskydd lets through) and what became of
the decisions reported the quarter before. Numbers up to twelve are written in words, as in running text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd

from uppfolj import fmt
from uppfolj.reports.ej_verkstallda.counts import BANDS, LegalCounts, shown
from uppfolj.reports.ej_verkstallda.data import ANDRAT, ATERUPPTAGET, AVSLUTAT, VERKSTALLT, QuarterData
from uppfolj.reports.ej_verkstallda.reasons import CATEGORIES

KEY = "ejv.analys"
_WORDS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def words(n: int) -> str:
    """A count of decisions (neuter) in running text: `ett`, `elva`, `13`, `1 621`."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else fmt.number(n)


def long_date(day: dt.date) -> str:
    return f"{day.day} {fmt.MONTHS[day.month - 1]} {day.year}"


def listing(parts: list[str]) -> str:
    """`a`, `a och b`, `a, b och c`."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def _lower_first(text: str) -> str:
    """`Arbetsrehabilitering` → `arbetsrehabilitering`; `AME-plats` stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _totals(namnd: str, day: dt.date, counts: LegalCounts) -> str:
    n, interrupted = counts.total, counts.by_type()["avbrott"]
    noun = "ej verkställt beslut" if n == 1 else "ej verkställda beslut"
    text = f"{namnd} redovisar per den {long_date(day)} {words(n)} {noun} enligt socialtjänstlagen"
    if interrupted:
        text += f", varav {words(interrupted)} avser avbrott i verkställigheten"
    return text + "."


def _insatser(counts: LegalCounts) -> str:
    per = counts.by_insatstyp()
    if len(per) == 1:
        (only,) = per
        return f"{'Beslutet' if counts.total == 1 else 'Samtliga beslut'} avser {_lower_first(only)}."
    parts = [f"{_lower_first(t)} ({words(c)} beslut)" for t, c in sorted(per.items(), key=lambda kv: -kv[1])]
    return f"Besluten avser {listing(parts)}."


def _time(counts: LegalCounts) -> str:
    bands = counts.band_totals()
    present = [(title, bands[title]) for title, _, _ in BANDS if bands[title]]
    if len(present) == 1:
        title = present[0][0]
        whom = "" if counts.total == 1 else " för samtliga beslut"
        return f"Tiden sedan beslutet eller avbrottet är {title}{whom}."
    parts = [
        f"{title} för {words(c)}" + (" beslut" if i == 0 else "") for i, (title, c) in enumerate(present)
    ]
    return f"Tiden sedan beslutet eller avbrottet är {listing(parts)}."


def _reasons(data: QuarterData, breakdowns: pd.DataFrame) -> str:
    counted: list[tuple[int, int, str]] = []
    hidden: list[str] = []
    for order, cat in enumerate(CATEGORIES):
        fig = shown(breakdowns, data.quarter, "T", "orsak", cat.key)
        if fig.hidden:
            hidden.append(f"”{cat.title}”")
        elif not fig.missing and fig.value:
            counted.append((int(fig.value), order, cat.clause))
    counted.sort(key=lambda s: (-s[0], s[1]))
    parts = [
        f"för {words(n)}" + (" beslut" if i == 0 else "") + f" {clause}"
        for i, (n, _, clause) in enumerate(counted)
    ]
    sentences = []
    if parts:
        text = listing(parts)
        sentences.append(text[0].upper() + text[1:] + ".")
    if hidden and parts:
        sentences.append(
            f"Därutöver finns beslut med orsaken {listing(hidden)}; antalen redovisas inte av röjandeskyddsskäl."
        )
    elif hidden:  # naming the reasons alone could tell a reader why one person's decision waits
        sentences.append("Antalen per orsak redovisas inte av röjandeskyddsskäl.")
    return " ".join(sentences)


def _since(data: QuarterData) -> str:
    before = len(data.previous)
    previous = long_date(data.previous_day)
    if before == 0:
        text = f"Vid förra rapporteringen, per den {previous}, fanns inga ej verkställda beslut."
    else:
        text = f"Per den {previous} rapporterades {words(before)} beslut."
        outcomes = Counter(str(u) for u in data.resolved["utfall"])
        verbs = {
            VERKSTALLT: "verkställts",
            ATERUPPTAGET: "återupptagits efter avbrott",
            AVSLUTAT: "avslutats utan att verkställas",
            ANDRAT: "tagits bort ur rapporteringen av annan anledning",
        }
        parts = [f"{words(outcomes[o])} {verb}" for o, verb in verbs.items() if outcomes[o]]
        if parts:
            text += f" Av dem har {listing(parts)}."
        else:
            text += (
                " Beslutet rapporteras fortfarande." if before == 1 else " Samtliga rapporteras fortfarande."
            )
    new = data.new
    text += (
        f" Under kvartalet har {words(new)} beslut tillkommit."
        if new
        else " Inga nya beslut har tillkommit under kvartalet."
    )
    return text


def draft(namnd: str, data: QuarterData, counts: LegalCounts, breakdowns: pd.DataFrame) -> str:
    """The drafted paragraph; `breakdowns` are the protected counts of `counts.protected_breakdowns`."""
    if counts.total == 0:
        first = (
            f"{namnd} har per den {long_date(data.day)} inga ej verkställda beslut att rapportera enligt "
            "socialtjänstlagen."
        )
        return f"{first} {_since(data)}"
    sentences = [
        _totals(namnd, data.day, counts),
        _insatser(counts),
        _time(counts),
        _reasons(data, breakdowns),
    ]
    return " ".join(s for s in [*sentences, _since(data)] if s)
