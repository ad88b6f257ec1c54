"""Write the goal table as XLSX (sheet `Mål <år>`): the layout committees paste into their reports."""

from __future__ import annotations

import math
from pathlib import Path

from uppfolj.goals.table import NAMNDMAL, GoalTable

#: fill colours of the assessments (green, yellow, red)
_COLOURS = {"uppnått": "#C6EFCE", "delvis uppnått": "#FFEB9C", "ej uppnått": "#FFC7CE"}
LEGEND = "I.U. = inget underlag (värdet kan inte beräknas). .. = dolt av röjandeskydd."


def headers(table: GoalTable) -> list[str]:
    return [
        "Nämndmål",
        "Nämndindikator",
        "Kön",
        *(str(y) for y in table.years),
        f"Målvärde {table.year}",
        "Bedömning",
        "Källa",
    ]


def sheet_rows(table: GoalTable) -> list[list[str]]:
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
            out.append([r.namndmal, "", "", *([""] * len(table.years)), "", r.bedomning, ""])
        else:
            out.append(["", r.indikator, r.kon, *r.shown, r.malvarde, r.bedomning, r.kalla])
    return out


def _widths(table: GoalTable) -> list[int]:
    return [36, 36, 5, *([9] * len(table.years)), 15, 22, 40]


def _lines(cells: list[str], widths: list[int]) -> int:
    """Lines a row needs when its text wraps within the column widths (characters ≈ width units)."""
    return max(1, *(math.ceil(len(text) / max(w - 2, 1)) for text, w in zip(cells, widths, strict=True)))


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
        values = range(3, 3 + len(table.years))
        rows = sheet_rows(table)
        for i, cells in enumerate(rows, start=2):
            if cells[0].startswith(("Målområde: ", "Kommunövergripande mål: ")):
                for c, text in enumerate(cells):
                    sheet.write(i, c, text or None, heading)
                continue
            for c, text in enumerate(cells):
                fmt_ = right if c in values else goal if c == 0 else plain
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
    finally:
        book.close()
    return path
