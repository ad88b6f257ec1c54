"""The report model: what a committee document contains, independent of the file format.

A `Report` has a title page (committee, period, date, data snapshot) and `Section`s. A section holds
blocks: `Paragraph`, `Table` and `Chart`. Every table and chart names its `Source`s (indicator, plain
definition, origin, data end; id and definition version for the appendix), which the writers print under
it (`source_lines`). A table may mark its total row, so the writers can say when rounded rows do not add
up to the rounded total (`rounding_differs`).

Cell values in a table are plain Python values (text, numbers, dates) or a `Figure` for an indicator value
that may be hidden by small-number protection (`..`) or not computed (`I.U.`), or a `Status` for an
assessment whose colour is always accompanied by its text.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

from uppfolj import fmt

#: How a column's numbers are shown. Values are stored in the unit shown (tkr columns hold thousands).
Kind = Literal["text", "count", "decimal", "percent", "kr", "tkr", "mnkr", "date", "status"]


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = "text"
    decimals: int | None = None

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "date", "status")

    @property
    def places(self) -> int:
        if self.decimals is not None:
            return self.decimals
        return {"percent": 1, "decimal": 1, "mnkr": 1}.get(self.kind, 0)


@dataclass(frozen=True)
class Figure:
    """An indicator value as published: hidden (`..`), not computed (`I.U.`), or a number."""

    value: float | None
    hidden: bool = False
    #: overrides the column's kind/decimals for this cell (tables mixing counts and percentages)
    kind: str | None = None
    decimals: int | None = None
    #: where the value comes from: (indikator, period, kon, grupptyp, grupp) of the engine's result, and the
    #: divisor applied (1000 for tkr); lets tests trace every cell back to the engine
    ref: tuple[str, str, str, str, str] | None = None
    scale: float = 1.0

    def shown_as(self, kind: str, decimals: int) -> Figure:
        return replace(self, kind=kind, decimals=decimals)

    def column(self, column: Column) -> Column:
        if self.kind is None and self.decimals is None:
            return column
        kind: Any = self.kind or column.kind
        return Column(column.title, kind, self.decimals)

    @property
    def missing(self) -> bool:
        return self.value is None or (isinstance(self.value, float) and math.isnan(self.value))


@dataclass(frozen=True)
class Status:
    """An assessment shown as text on a coloured background (the text carries the meaning)."""

    text: str
    #: hex colour without '#', e.g. 'C6EFCE'
    colour: str


@dataclass(frozen=True)
class Source:
    """Where a figure comes from.

    Under a table the reader sees plain Swedish: the indicator's name and its one-sentence definition
    (`plain`), where the data come from (`origin`) and the data end. The indicator id and its definition
    version are technical references and go only to the report's appendix *Definitioner och underlag*.
    """

    indicator: str
    name: str = ""
    version: str = ""
    data_end: str = ""
    #: the catalogue's one-sentence definition for a reader without the catalogue
    plain: str = ""
    #: which export the data come from, in plain Swedish (e.g. `utbetalningar i verksamhetssystemet ...`)
    origin: str = ""

    @property
    def where(self) -> str:
        """`utbetalningar ... i verksamhetssystemet, uppgifter t.o.m. december 2024`."""
        end = f"uppgifter t.o.m. {fmt.data_end(self.data_end)}" if self.data_end else ""
        return ", ".join(x for x in (self.origin, end) if x)


def source_lines(sources: list[Source]) -> list[str]:
    """The lines under a table or chart: each indicator's plain definition (`Namn: mening.`), then one
    `Källa:` line naming each distinct source and data end once. No ids, no definition versions."""
    lines: list[str] = []
    seen: set[str] = set()
    for s in sources:
        if s.plain and s.indicator not in seen:
            seen.add(s.indicator)
            lines.append(f"{s.name or s.indicator}: {s.plain}")
    wheres = list(dict.fromkeys(s.where for s in sources if s.where))
    if wheres:
        text = "; ".join(wheres)
        lines.append(f"Källa: {text[:1].upper()}{text[1:]}.")
    return lines


Cell = str | int | float | dt.date | Figure | Status | None


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: index of the row that is the sum of the other rows (e.g. `Totalt` last: -1); the writers check that
    #: its rounded value agrees with the rounded rows and otherwise say so under the table
    total_row: int | None = None

    def __post_init__(self) -> None:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.title!r}: row {i} has {len(row)} cells, {len(self.columns)} columns"
                )


@dataclass
class Chart:
    """A line, bar or stacked bar chart drawn as a PNG; `description` is its text alternative (shown under
    it). `stacked` draws one horizontal bar per x label with the series as its segments (shares of a
    whole); a missing value leaves its segment out."""

    title: str
    x_labels: list[str]
    series: list[tuple[str, list[float | None]]]
    y_label: str
    description: str
    kind: Literal["line", "bar", "stacked"] = "line"
    sources: list[Source] = field(default_factory=list)
    #: divide values by this for the axis (1e6 for mnkr)
    y_scale: float = 1.0
    #: unit of the unscaled values, shown in the XLSX data table's headers (e.g. `kr`)
    data_unit: str = ""
    #: the header of the x labels in the XLSX data table
    x_title: str = "Period"


@dataclass
class Paragraph:
    text: str
    #: non-empty for drafted analysis text: the paragraph's stable name within its report (e.g. `ekonomi`,
    #: `mal.1`). Text the analyst has written for the report's period under this key replaces the drafted
    #: text; paragraphs without a key are fixed text.
    key: str = ""


@dataclass
class Heading(Paragraph):
    """A subheading inside a section (a målområde, a nämndmål); written as a heading one level below the
    section's, and as a plain line where a writer has no headings."""

    level: int = 2


Block = Paragraph | Table | Chart


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    #: short name for the XLSX sheet (max 31 characters); defaults to the title
    sheet: str = ""
    #: print this section on landscape pages (wide lists)
    landscape: bool = False


@dataclass
class Report:
    title: str
    kommun: str
    namnd: str
    period: str
    created: dt.date
    snapshot_id: str
    sections: list[Section]
    #: file stem, e.g. `manadsrapport-2024-09`
    stem: str
    subtitle: str = ""


def display(value: Cell, column: Column) -> str:
    """The cell as the DOCX shows it, with Swedish formats from `uppfolj.fmt`."""
    if isinstance(value, Status):
        return value.text
    if isinstance(value, Figure):
        if value.hidden:
            return fmt.HIDDEN
        if value.missing:
            return fmt.NO_DATA
        column = value.column(column)
        value = value.value
    if value is None:
        return fmt.NO_DATA if column.numeric else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if column.kind == "percent":
        return fmt.percent(value, column.places)
    if column.numeric:
        return fmt.number(value, column.places)
    return str(value)


#: column kinds whose rows add up to a total (a share, a mean or a median does not)
ADDITIVE: tuple[str, ...] = ("count", "kr", "tkr", "mnkr")


def rounding_differs(table: Table) -> bool:
    """True when, in some additive column, the rows add up exactly to the total row but their shown
    (rounded) values do not add up to the shown total: the table needs `fmt.ROUNDING_NOTE`."""
    if table.total_row is None or len(table.rows) < 2:
        return False
    total_at = table.total_row % len(table.rows)
    for i, column in enumerate(table.columns):
        parts = [row[i] for j, row in enumerate(table.rows) if j != total_at]
        total = table.rows[total_at][i]
        col = total.column(column) if isinstance(total, Figure) else column
        if col.kind not in ADDITIVE:
            continue
        found = [number_of(v) for v in parts]
        whole = number_of(total)
        exact = [v for v in found if v is not None]
        if whole is None or len(exact) < len(found):
            continue
        if abs(sum(exact) - whole) > 1e-6 * max(1.0, abs(whole)):
            continue  # the rows are not the parts of this total (e.g. a person in two groups)
        shown = sum((fmt.rounded(v, col.places) for v in exact), Decimal(0))
        if shown != fmt.rounded(whole, col.places):
            return True
    return False


def month_of(text: str) -> dt.date | None:
    """The first day of a month label `2024-09` (the reports' month periods), else None."""
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        month = int(text[5:])
        return dt.date(int(text[:4]), month, 1) if 1 <= month <= 12 else None
    return None


def number_of(value: Cell) -> float | None:
    """The numeric value of a cell, or None when it is hidden, missing or not a number."""
    if isinstance(value, Figure):
        return None if value.hidden or value.missing else float(value.value)  # type: ignore[arg-type]
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    return None
