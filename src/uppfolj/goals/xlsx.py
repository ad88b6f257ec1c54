"""Write the goal table as XLSX (sheet `Mål <år>`): the layout committees paste into their reports.

The yearly values are numbers (shares as fractions with a % format, so Excel can compute with them); a
hidden value is the text `..` and one that cannot be computed `I.U.`. The unit of each indicator row is in
the column *Enhet*, since one column holds indicators of different units.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from uppfolj import fmt
from uppfolj.goals.assess import Value
from uppfolj.goals.table import NAMNDMAL, GoalTable, Row

#: fill colours of the assessments (green, yellow, red)
_COLOURS = {"uppnått": "#C6EFCE", "delvis uppnått": "#FFEB9C", "ej uppnått": "#FFC7CE"}
LEGEND = f"{fmt.NO_DATA_TEXT} {fmt.HIDDEN_TEXT}"


def headers(table: GoalTable) -> list[str]:
    return [
        "Nämndmål",
        "Nämndindikator",
        "Kön",
        "Enhet",
        *(f"Utfall {y}" for y in table.years),
        f"Målvärde {table.year}",
        "Bedömning",
        "Källa",
    ]


def cell_value(v: Value, unit: str) -> float | str:
    """A yearly value as stored: a number (a share as a fraction), `..` when hidden, `I.U.` when missing."""
    if v.hidden:
        return fmt.HIDDEN
    if v.value is None or (isinstance(v.value, float) and math.isnan(v.value)):
        return fmt.NO_DATA
    return float(v.value) / 100 if unit == "%" else float(v.value)


def number_format(unit: str, decimals: int) -> str:
    places = "." + "0" * decimals if decimals else ""
    return f"0{places} %" if unit == "%" else f"#,##0{places}"


def sheet_rows(table: GoalTable) -> list[list[Any]]:
    """The sheet's rows after the header: målområde and kommunmål headings, nämndmål rows with their
    assessment, indicator rows (one per kön)."""
    out: list[list[str]] = []
    width = len(headers(table))
    omrade = kmal = None
    for r in table.rows:
        if r.malomrade != omrade:
            omrade, kmal = r.malomrade, None
            out.append([f"Målområde: {r.malomrade}"] + [""] * (width - 1))
        if r.kommunmal != kmal:
            kmal = r.kommunmal
            out.append([f"Kommunövergripande mål: {r.kommunmal}"] + [""] * (width - 1))
        if r.kind == NAMNDMAL:
            out.append([r.namndmal, "", "", "", *([""] * len(table.years)), "", r.bedomning, ""])
        else:
            values: list[Any] = [cell_value(v, r.unit) for v in r.values] or [""] * len(table.years)
            out.append(["", r.indikator, r.kon, r.unit, *values, r.malvarde, r.bedomning, r.kalla])
    return out


def _widths(table: GoalTable) -> list[int]:
    return [36, 36, 5, 7, *([11] * len(table.years)), 15, 22, 40]


def _lines(cells: list[Any], widths: list[int]) -> int:
    """Lines a row needs when its text wraps within the column widths (characters ≈ width units)."""
    return max(1, *(math.ceil(len(str(text)) / max(w - 2, 1)) for text, w in zip(cells, widths, strict=True)))


def _indicator_rows(table: GoalTable) -> list[Row | None]:
    """The table row behind each sheet row (None for the målområde and kommunmål headings)."""
    out: list[Row | None] = []
    omrade = kmal = None
    for r in table.rows:
        if r.malomrade != omrade:
            omrade, kmal = r.malomrade, None
            out.append(None)
        if r.kommunmal != kmal:
            kmal = r.kommunmal
            out.append(None)
        out.append(r)
    return out


def write_xlsx(table: GoalTable, path: Path, title: str) -> Path:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    widths = _widths(table)
    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet(f"Mål {table.year}")
        style = {"text_wrap": True, "valign": "top"}
        head = book.add_format({**style, "bold": True, "bottom": 1})
        heading = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
        plain = book.add_format(style)
        goal = book.add_format({**style, "bold": True})
        right = book.add_format({"align": "right", "valign": "top"})
        coloured = {t: book.add_format({**style, "bold": True, "bg_color": c}) for t, c in _COLOURS.items()}
        sheet.write(0, 0, title, book.add_format({"bold": True}))
        for c, name in enumerate(headers(table)):
            sheet.write(1, c, name, head)
        values = range(4, 4 + len(table.years))
        numbers: dict[str, Any] = {}
        rows = sheet_rows(table)
        for i, (cells, row) in enumerate(zip(rows, _indicator_rows(table), strict=True), start=2):
            if row is None:
                for c, text in enumerate(cells):
                    sheet.write(i, c, text or None, heading)
                continue
            for c, text in enumerate(cells):
                fmt_ = right if c in values else goal if c == 0 else plain
                if isinstance(text, float):
                    key = number_format(row.unit, row.decimals)
                    if key not in numbers:
                        numbers[key] = book.add_format({"num_format": key, "valign": "top"})
                    sheet.write_number(i, c, text, numbers[key])
                    continue
                if c == len(cells) - 2 and text.lower() in coloured:
                    fmt_ = coloured[text.lower()]
                if text:
                    sheet.write_string(i, c, text, fmt_)
                else:
                    sheet.write_blank(i, c, None, fmt_)
            # spreadsheets do not grow a row for wrapped text written by a program: set the height
            sheet.set_row(i, 15 * _lines(cells, widths))
        end = len(rows) + 3
        sheet.write_string(end, 0, table.rule_text)
        sheet.write_string(end + 1, 0, LEGEND)
        for c, w in enumerate(widths):
            sheet.set_column(c, c, w)
        sheet.freeze_panes(2, 0)
        # printing: A4 landscape, all columns on one page width, the header row on every page
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(1)
        _definitions_sheet(book, table, head)
    finally:
        book.close()
    return path


def _definitions_sheet(book: Any, table: GoalTable, head: Any) -> None:
    """*Definitioner och underlag*: each computed indicator's catalogue id and definition version, so a
    figure can be traced and recomputed (the goal sheet itself names sources in plain Swedish)."""
    from uppfolj.indicators.catalogue import CATALOGUE

    sheet = book.add_worksheet("Definitioner och underlag")
    for c, (name, width) in enumerate(
        (("Nämndindikator", 45), ("Id i katalogen", 28), ("Version", 9), ("Definition", 90))
    ):
        sheet.write_string(0, c, name, head)
        sheet.set_column(c, c, width)
    ids = list(dict.fromkeys(r.indikator_id for r in table.rows if r.indikator_id in CATALOGUE))
    for i, ind in enumerate(ids, start=1):
        definition = CATALOGUE[ind]
        sheet.write_string(i, 0, definition.name)
        sheet.write_string(i, 1, ind)
        sheet.write_number(i, 2, definition.version)
        sheet.write_string(i, 3, definition.definition)
    sheet.freeze_panes(1, 0)
