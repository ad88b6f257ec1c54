"""The figures of the committee report, counted from the quarter's list of decisions.

Two kinds, kept apart on purpose:

* The counts the law requires kommunfullmäktige to be told (number of decisions, type of insats, time since
  the decision or the interruption) and the movement since the previous report. They are published as they
  are, however small, as committees publish them; none of them carries a person's sex, age or reason.
* Every other breakdown (sex, reason) goes through röjandeskydd (`uppfolj.indicators.protection`), with the
  required totals marked public so that no hidden part can be worked out from them by subtraction.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

import pandas as pd

from uppfolj.indicators.protection import protect
from uppfolj.outputs.model import Figure
from uppfolj.outputs.tables import figure
from uppfolj.reports.ej_verkstallda.data import ANDRAT, ATERUPPTAGET, AVSLUTAT, VERKSTALLT, QuarterData
from uppfolj.reports.ej_verkstallda.reasons import CATEGORIES, category_of
from uppfolj.schema import RESULT_COLUMNS

INDICATOR = "sol_ej_verkstallda"
#: the two kinds of report, with their heading in the committee report
TYPES = {"ej_verkstallt": "Ej verkställt beslut", "avbrott": "Avbrott i verkställigheten"}
#: time bands as committees report them: (heading, lowest whole months, first whole month above the band)
BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("3–6 månader", 3, 6),
    ("6–12 månader", 6, 12),
    ("12 månader eller mer", 12, None),
)
BAND_NOTE = (
    "Tid från beslutet (vid avbrott: från avbrottet) till kvartalets sista dag. 3–6 månader betyder minst 3 "
    "men mindre än 6 månader, 6–12 minst 6 men mindre än 12."
)


def band_of(months: int) -> str:
    for title, low, high in BANDS:
        if months >= low and (high is None or months < high):
            return title
    raise ValueError(f"{months} months is below the reporting limit of three months")


@dataclass
class LegalCounts:
    """Decisions per (insatstyp, typ) and time band, in the report's order."""

    rows: dict[tuple[str, str], Counter[str]]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> LegalCounts:
        rows: dict[tuple[str, str], Counter[str]] = {}
        for rec in frame.to_dict("records"):
            key = (str(rec["insatstyp"]), str(rec["typ"]))
            rows.setdefault(key, Counter())[band_of(int(rec["manader"]))] += 1
        order = list(TYPES)
        return cls(dict(sorted(rows.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1])))))

    def band_totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for counts in self.rows.values():
            total.update(counts)
        return total

    @property
    def total(self) -> int:
        return sum(self.band_totals().values())

    def by_insatstyp(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for (insatstyp, _), counts in self.rows.items():
            out[insatstyp] += sum(counts.values())
        return out

    def by_type(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for (_, typ), counts in self.rows.items():
            out[typ] += sum(counts.values())
        return out


#: the outcomes as the movement table names them (plural); the last is listed only when it occurs
MOVEMENT_TITLES = {
    VERKSTALLT: "därav verkställda",
    ATERUPPTAGET: "därav återupptagna efter avbrott",
    AVSLUTAT: "därav avslutade utan verkställighet",
    ANDRAT: "därav borttagna ur rapporteringen av annan anledning",
}


def movement(data: QuarterData) -> list[tuple[str, int]]:
    """(heading, count): reported last quarter, what became of them, new ones, reported now."""
    outcomes = Counter(str(u) for u in data.resolved["utfall"])
    rows = [(f"Rapporterade per {data.previous_day.isoformat()}", len(data.previous))]
    rows += [
        (f"– {title}", outcomes[o]) for o, title in MOVEMENT_TITLES.items() if outcomes[o] or o != ANDRAT
    ]
    rows += [
        ("Tillkomna under kvartalet", data.new),
        (f"Rapporterade per {data.day.isoformat()}", len(data.current)),
    ]
    return rows


def shown(frame: pd.DataFrame, quarter: str, kon: str, grupptyp: str, grupp: str) -> Figure:
    """One protected count of `protected_breakdowns` as a table cell. It is the report's own count (with
    the required totals public), not the engine's published value, so it carries no engine reference."""
    return replace(figure(frame, INDICATOR, quarter, kon, grupptyp, grupp), ref=None)


def protected_breakdowns(data: QuarterData, threshold: int) -> pd.DataFrame:
    """Counts by sex (total and per insatstyp) and by reason category, as indicator results
    (`indikator` … `undertryckt`) with röjandeskydd applied; the totals (T) the law requires are public."""
    from uppfolj.indicators.catalogue import CATALOGUE

    rows: list[list[object]] = []
    public: list[int] = []
    frame = data.current

    def add(kon: str, grupptyp: str, grupp: str, value: int, is_public: bool = False) -> None:
        if is_public:
            public.append(len(rows))
        rows.append([INDICATOR, data.quarter, kon, grupptyp, grupp, float(value), math.nan, math.nan, 0])

    groups = [("", "", frame)] + [
        ("insatstyp", str(g), part) for g, part in frame.groupby("insatstyp", sort=True)
    ]
    for grupptyp, grupp, part in groups:
        sexes = Counter(str(k) for k in part["kon"])
        add("T", grupptyp, grupp, len(part), is_public=True)
        for kon in ("K", "M"):
            add(kon, grupptyp, grupp, sexes[kon])
    reasons = Counter(category_of(c).key for c in frame["orsakskod"])
    for cat in CATEGORIES:
        if reasons[cat.key]:
            add("T", "orsak", cat.key, reasons[cat.key])
    result = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    return protect(result, [CATALOGUE[INDICATOR]], threshold=threshold, public=public)
