"""Write a `Report` as an Excel workbook (XlsxWriter): a title sheet and one sheet per section.

Each table is an Excel table (filter buttons, banded rows, every header set) whose numbers are real
numbers with Swedish display formats (`#,##0` shows `1 621` in a Swedish Excel); shares are stored as
fractions with a % format (0,049 shows `4,9 %`); months are dates shown `jan 2024`; the unit of a column
is in its header (`Budget helår (tkr)`). Hidden values are the text `..` and values that cannot be
computed the text `I.U.`, never 0. The header rows of each data sheet are frozen. Charts are inserted as
the same PNG images as in the Word document, with their data as a table beside them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from uppfolj import fmt
from uppfolj.outputs.charts import render_png
from uppfolj.outputs.model import (
    Chart,
    Column,
    Figure,
    Paragraph,
    Report,
    Section,
    Status,
    Table,
    month_of,
    rounding_differs,
    source_lines,
)

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: a month shown `jan 2024` in every Excel language (41D is the Swedish locale id; Excel and LibreOffice both
#: read it, LibreOffice does not read the tag form `[$-sv-SE]`)
MONTH_FORMAT = "[$-41D]mmm yyyy"
#: the unit a column kind adds to its header
#: Excel's default column width, in characters of the default font
DEFAULT_WIDTH = 8.43
#: the least width, in characters, a text block is wrapped to
TEXT_WIDTH = 90

UNITS = {"percent": "%", "kr": "kr", "tkr": "tkr", "mnkr": "mnkr"}
#: the header of a column the report leaves untitled (Excel would otherwise call it `Column1`)
UNTITLED = "Avser"


def num_format(column: Column) -> str:
    places = column.places
    base = "#,##0" + ("." + "0" * places if places else "")
    if column.kind == "percent":
        return ("0." + "0" * places if places else "0") + " %"
    return base


def header(column: Column) -> str:
    """The column title with its unit, `Budget helår (tkr)`, unless the title already names it."""
    title = column.title.strip() or UNTITLED
    unit = UNITS.get(column.kind)
    if unit is None or f"({unit})" in title or title.endswith(f" {unit}"):
        return title
    return f"{title} ({unit})"


class _Formats:
    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.title = wb.add_format({"bold": True, "font_size": 16})
        self.bold = wb.add_format({"bold": True})
        self.note = wb.add_format({"italic": True, "font_size": 8})
        # text blocks: wrapped inside a merged cell as wide as the sheet's tables, so a printed or
        # PDF-converted sheet is not shrunk to fit one long unbroken line
        self.note_block = wb.add_format({"italic": True, "font_size": 8, "text_wrap": True, "valign": "top"})
        self.text_block = wb.add_format({"text_wrap": True, "valign": "top"})
        self.table_title = wb.add_format({"bold": True, "font_size": 11})
        self.text = wb.add_format({"text_wrap": False})
        self.special = wb.add_format({"align": "right"})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
        self.month = wb.add_format({"num_format": MONTH_FORMAT, "align": "left"})
        self._numbers: dict[str, Any] = {}
        self._status: dict[str, Any] = {}

    def number(self, column: Column) -> Any:
        key = num_format(column)
        if key not in self._numbers:
            self._numbers[key] = self.wb.add_format({"num_format": key})
        return self._numbers[key]

    def status(self, colour: str) -> Any:
        if colour not in self._status:
            self._status[colour] = self.wb.add_format({"bg_color": "#" + colour, "border": 1})
        return self._status[colour]


def sheet_name(section: Section, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", section.sheet or section.title)[:31] or "Blad"
    name, i = base, 2
    while name.lower() in used:
        suffix = f" ({i})"
        name = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(name.lower())
    return name


def _write_cell(ws: Worksheet, row: int, col: int, value: Any, column: Column, f: _Formats) -> None:
    if isinstance(value, Status):
        ws.write_string(row, col, value.text, f.status(value.colour))
        return
    if isinstance(value, Figure):
        if value.hidden:
            ws.write_string(row, col, fmt.HIDDEN, f.special)
            return
        if value.missing:
            ws.write_string(row, col, fmt.NO_DATA, f.special)
            return
        column = value.column(column)
        value = value.value
    if value is None:
        if column.numeric:
            ws.write_string(row, col, fmt.NO_DATA, f.special)
        else:
            ws.write_blank(row, col, None)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), f.date)
    elif isinstance(value, str):
        month = month_of(value)
        if month is not None:
            ws.write_datetime(row, col, dt.datetime.combine(month, dt.time()), f.month)
        else:
            ws.write_string(row, col, value, f.special if column.numeric else f.text)
    elif column.numeric:
        number = float(value) / 100 if column.kind == "percent" else float(value)
        ws.write_number(row, col, number, f.number(column))
    else:
        ws.write(row, col, value)


class _SheetWriter:
    def __init__(self, wb: Workbook, ws: Worksheet, f: _Formats, counter: list[int]) -> None:
        self.wb, self.ws, self.f, self.counter = wb, ws, f, counter
        self.row = 0
        self.widths: dict[int, int] = {}
        #: the row of the sheet's first table header (frozen with everything above it)
        self.first_header: int | None = None
        #: text blocks, laid out by `finish` once the column widths are known: (row, text, is a note)
        self.texts: list[tuple[int, str, bool]] = []

    def _width(self, col: int, text: str) -> None:
        self.widths[col] = min(max(self.widths.get(col, 8), len(text) + 2), 60)

    def notes(self, lines: list[str]) -> None:
        for line in lines:
            self.texts.append((self.row, line, True))
            self.row += 1

    def paragraph(self, text: str) -> None:
        self.texts.append((self.row, text, False))
        self.row += 1

    def finish(self) -> None:
        """Set the column widths and write the text blocks across them, wrapped, each row as high as its
        lines (about one character per unit of column width at 11 pt, 1,3 at the notes' 8 pt)."""
        for col, width in self.widths.items():
            self.ws.set_column(col, col, width)
        widths = [self.widths.get(c, DEFAULT_WIDTH) for c in range(max(self.widths, default=0) + 1)]
        while sum(widths) < TEXT_WIDTH:  # too narrow to read: run on over empty columns of default width
            widths.append(DEFAULT_WIDTH)
        last = len(widths) - 1
        for row, text, note in self.texts:
            per_line = sum(widths) * (1.3 if note else 1.0)
            lines = max(1, math.ceil(len(text) / per_line))
            cell = self.f.note_block if note else self.f.text_block
            if last > 0:
                self.ws.merge_range(row, 0, row, last, "", cell)
            self.ws.write_string(row, 0, text, cell)
            self.ws.set_row(row, lines * (11 if note else 15))

    def table(self, table: Table) -> None:
        self.ws.write_string(self.row, 0, table.title, self.f.table_title)
        self.row += 1
        first = self.row
        if self.first_header is None:
            self.first_header = first
        self.counter[0] += 1
        self.ws.add_table(
            first,
            0,
            first + max(len(table.rows), 1),
            len(table.columns) - 1,
            {
                "name": f"Tabell{self.counter[0]}",
                "style": "Table Style Light 9",
                "columns": [{"header": _unique_header(table.columns, i)} for i in range(len(table.columns))],
                "autofilter": True,
            },
        )
        for c, col in enumerate(table.columns):
            self._width(c, header(col))
        if not table.rows:
            self.ws.write_string(first + 1, 0, "Inget att redovisa.", self.f.note)
        for r, values in enumerate(table.rows, start=first + 1):
            for c, (value, col) in enumerate(zip(values, table.columns, strict=True)):
                _write_cell(self.ws, r, c, value, col, self.f)
                if isinstance(value, str | Status):
                    self._width(c, value if isinstance(value, str) else value.text)
        self.row = first + max(len(table.rows), 1) + 1
        rounding = [fmt.ROUNDING_NOTE] if rounding_differs(table) else []
        self.notes(table.notes + rounding + source_lines(table.sources))
        self.row += 1

    def chart(self, chart: Chart) -> None:
        self.ws.write_string(self.row, 0, f"Diagram: {chart.title}", self.f.table_title)
        self.row += 1
        png = render_png(chart)
        self.ws.insert_image(
            self.row, 0, "diagram.png", {"image_data": io.BytesIO(png), "x_scale": 0.8, "y_scale": 0.8}
        )
        # the rows the image covers: its height (PNG header bytes 20–23) × 0.8, in rows of 20 px
        self.row += -(-int.from_bytes(png[20:24], "big") * 4 // 5 // 20) + 1
        self.notes([chart.description])
        self.row += 1
        unit = f" ({chart.data_unit})" if chart.data_unit else ""
        columns = [Column(chart.x_title)] + [
            Column(name + unit, "decimal" if chart.y_scale == 1 else "count") for name, _ in chart.series
        ]
        rows: list[list[Any]] = []
        for i, label in enumerate(chart.x_labels):
            rows.append([label] + [Figure(values[i]) for _, values in chart.series])
        self.table(Table(f"Data till diagrammet: {chart.title}", columns, rows, sources=chart.sources))


def _unique_header(columns: list[Column], i: int) -> str:
    title = header(columns[i])
    earlier = [header(c) for c in columns[:i]]
    return title if title not in earlier else f"{title} ({earlier.count(title) + 1})"


def _title_sheet(wb: Workbook, report: Report, f: _Formats) -> None:
    ws = wb.add_worksheet("Titel")
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 60)
    ws.write_string(0, 0, report.title, f.title)
    if report.subtitle:
        ws.write_string(1, 0, report.subtitle)
    rows = [
        ("Kommun", report.kommun),
        ("Nämnd", report.namnd),
        ("Period", report.period),
        ("Datum", report.created.isoformat()),
        ("Dataunderlag", f"ögonblicksbild {report.snapshot_id}"),
    ]
    for i, (label, value) in enumerate(rows, start=3):
        ws.write_string(i, 0, label, f.bold)
        ws.write_string(i, 1, value)
    legend = f"{fmt.HIDDEN_TEXT} {fmt.NO_DATA_TEXT}"
    contents = "Innehåll: " + ", ".join(s.title for s in report.sections)
    for row, text in ((len(rows) + 4, legend), (len(rows) + 5, contents)):
        ws.merge_range(row, 0, row, 1, "", f.note_block)
        ws.write_string(row, 0, text, f.note_block)
        ws.set_row(row, 11 * max(1, math.ceil(len(text) / ((18 + 60) * 1.3))))
    _print_setup(ws, False)


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    """A4, one page wide, so a printed or PDF-converted sheet keeps its columns together."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)


def write_xlsx(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": f"{report.title} {report.period}", "author": report.namnd})
    f = _Formats(wb)
    _title_sheet(wb, report, f)
    used = {"titel"}
    counter = [0]
    for section in report.sections:
        ws = wb.add_worksheet(sheet_name(section, used))
        w = _SheetWriter(wb, ws, f, counter)
        ws.write_string(0, 0, section.title, f.title)
        w.row = 2
        for block in section.blocks:
            if isinstance(block, Paragraph):
                w.paragraph(block.text)
                w.row += 1
            elif isinstance(block, Table):
                w.table(block)
            else:
                w.chart(block)
        w.finish()
        if w.first_header is not None:
            ws.freeze_panes(w.first_header + 1, 0)
        _print_setup(ws, section.landscape)
    wb.close()
    return path
