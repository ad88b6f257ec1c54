"""Write the goal table as XLSX (sheet `Mål <år>`): the layout committees paste into their reports."""

from __future__ import annotations

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


def write_xlsx(table: GoalTable, path: Path, title: str) -> Path:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet(f"Mål {table.year}")
        bold = book.add_format({"bold": True})
        head = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        heading = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        right = book.add_format({"align": "right", "valign": "top"})
        sheet.write(0, 0, title, bold)
        for c, name in enumerate(headers(table)):
            sheet.write(1, c, name, head)
        first_value = 3
        last_value = first_value + len(table.years) - 1
        for i, cells in enumerate(sheet_rows(table), start=2):
            is_heading = cells[0].startswith(("Målområde: ", "Kommunövergripande mål: "))
            for c, text in enumerate(cells):
                if is_heading:
                    sheet.write(i, c, text or None, heading)
                    continue
                fmt_ = right if first_value <= c <= last_value else wrap
                colour = _COLOURS.get(text.lower()) if c == len(cells) - 2 else None
                if colour:
                    fmt_ = book.add_format({"bg_color": colour, "bold": True, "valign": "top"})
                elif c == 0 and text:
                    fmt_ = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
                if text:
                    sheet.write_string(i, c, text, fmt_)
                else:
                    sheet.write_blank(i, c, None, fmt_)
        end = len(sheet_rows(table)) + 3
        sheet.write_string(end, 0, table.rule_text)
        sheet.write_string(end + 1, 0, LEGEND)
        widths = [40, 40, 5, *([10] * len(table.years)), 16, 24, 40]
        for c, w in enumerate(widths):
            sheet.set_column(c, c, w)
        sheet.freeze_panes(2, 0)
    finally:
        book.close()
    return path
