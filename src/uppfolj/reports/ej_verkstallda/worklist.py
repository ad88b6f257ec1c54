"""The restricted worklist: one row per decision, for the administration and the IVO e-service.

Written as XLSX and CSV into their own folder (`sekretess/` beside the committee report), with the
confidentiality marking in the file names, on top of the sheet and in its printed page header. Never part
of the committee report. Persons are given by their pseudonymous reference (`uppfolj.personref`), never by
personnummer; the case system finds a decision by its own id.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import xlsxwriter

from uppfolj.personref import person_ref
from uppfolj.private import private_dir, private_file
from uppfolj.reports.ej_verkstallda import CONFIDENTIAL
from uppfolj.reports.ej_verkstallda.counts import TYPES, band_of
from uppfolj.reports.ej_verkstallda.data import QuarterData
from uppfolj.reports.ej_verkstallda.reasons import category_of, code_text
from uppfolj.reports.registry import CONFIDENTIAL_DIR

#: the worklist's folder inside the report folder, and the part of its file names that marks it
FOLDER = CONFIDENTIAL_DIR
MARK = "SEKRETESS"
SEX = {"K": "Kvinna", "M": "Man"}
STILL = {"ej_verkstallt": "Ej verkställt", "avbrott": "Avbrott, ej återupptaget"}


@dataclass(frozen=True)
class Field:
    header: str
    kind: Literal["text", "date", "int"] = "text"
    width: int = 14


FIELDS = (
    Field("Kvartal", width=9),
    Field("Kommunkod", width=10),
    Field("Beslut-id", width=18),
    Field("Person (pseudonym)", width=16),
    Field("Kön", width=8),
    Field("Insatstyp", width=22),
    Field("Lagrum", width=9),
    Field("Beslutsdatum", "date", 12),
    Field("Typ", width=24),
    Field("Avbrottsdatum", "date", 13),
    Field("Tid sedan beslut eller avbrott", width=20),
    Field("Dagar", "int", 7),
    Field("Erbjudandedatum", "date", 15),
    Field("Orsak", width=34),
    Field("Orsakskategori", width=34),
    Field("Orsak, fritext", width=34),
    Field("Läge vid kvartalets slut", width=28),
    Field("Datum för verkställighet eller avslut", "date", 16),
)


def stem(quarter: str) -> str:
    return f"ej-verkstallda-{quarter}-{MARK}-arbetslista"


def rows(data: QuarterData, kommunkod: str) -> list[list[object]]:
    """The decisions reported on the quarter's last day, then those reported the quarter before that have
    since been resolved; values as Python dates, ints and Swedish text, in the order of FIELDS."""

    def common(r: dict[Any, Any]) -> list[object]:
        return [
            data.quarter,
            kommunkod,
            str(r["beslut_id"]),
            person_ref(r["person_id"]),
            SEX.get(str(r["kon"]), "Uppgift saknas"),
            r["insatstyp"],
            r["lagrum"] or "",
            r["beslut_datum"],
            TYPES[str(r["typ"])],
            r["avbrott_datum"] if r["typ"] == "avbrott" else None,
        ]

    def reason(r: dict[Any, Any]) -> list[object]:
        code = r["orsakskod"]
        return [code_text(code), category_of(code).title, r["orsak"] or ""]

    out: list[list[object]] = []
    for r in data.current.to_dict("records"):
        band = band_of(int(r["manader"]))
        out.append(
            [*common(r), band, int(r["dagar"]), r["erbjudande_datum"], *reason(r), STILL[str(r["typ"])], None]
        )
    for r in data.resolved.to_dict("records"):
        out.append([*common(r), "", None, r["erbjudande_datum"], *reason(r), r["utfall"], r["datum"]])
    return out


def write_csv(table: list[list[object]], path: Path) -> Path:
    """`;`-separated, UTF-8 with BOM (Excel opens it right), dates `YYYY-MM-DD`."""

    def text(value: object) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow([f.header for f in FIELDS])
        w.writerows([[text(v) for v in row] for row in table])
    return path


def write_xlsx(table: list[list[object]], path: Path, heading: str, about: str) -> Path:
    """One sheet: the marking, a heading and an explanation on top, then the list as an Excel table with
    real dates and numbers, frozen under its header; the marking is also in the printed page header."""
    top = 4  # the table's header row
    wb = xlsxwriter.Workbook(str(path))
    mark = wb.add_format({"bold": True, "font_size": 14, "font_color": "#C00000"})
    bold = wb.add_format({"bold": True, "font_size": 12})
    date = wb.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
    whole = wb.add_format({"num_format": "#,##0"})
    ws = wb.add_worksheet("Arbetslista")
    ws.write_string(0, 0, f"{MARK} – {CONFIDENTIAL}", mark)
    ws.write_string(1, 0, heading, bold)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.merge_range(2, 0, 2, 9, about, wrap)  # over the columns of the first printed page
    ws.set_row(2, 48)
    for col, f in enumerate(FIELDS):
        ws.set_column(col, col, f.width, date if f.kind == "date" else whole if f.kind == "int" else None)
    data_rows = table or [[None] * len(FIELDS)]
    ws.add_table(
        top,
        0,
        top + len(data_rows),
        len(FIELDS) - 1,
        {"columns": [{"header": f.header} for f in FIELDS], "style": "Table Style Light 9"},
    )
    for i, row in enumerate(table, start=top + 1):
        for col, (f, value) in enumerate(zip(FIELDS, row, strict=True)):
            if value is None or value == "":
                ws.write_blank(i, col, None)
            elif f.kind == "date" and isinstance(value, dt.date):
                ws.write_datetime(i, col, dt.datetime.combine(value, dt.time()), date)
            elif f.kind == "int" and isinstance(value, int):
                ws.write_number(i, col, value, whole)
            else:
                ws.write_string(i, col, str(value))
    ws.freeze_panes(top + 1, 0)
    ws.repeat_rows(top)
    ws.repeat_columns(2, 2)  # the decision id on every printed page
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_print_scale(70)
    ws.set_header(f'&L&"Calibri,Bold"{MARK} – {CONFIDENTIAL}&R{heading}')
    ws.set_footer("&CSida &P av &N")
    wb.close()
    return path


def write(
    data: QuarterData,
    folder: Path,
    *,
    kommun: str,
    kommunkod: str,
    namnd: str,
    created: dt.date,
    snapshot: str,
) -> list[Path]:
    """Write the worklist (XLSX, CSV) into `folder/sekretess/`; return the two paths."""
    target = private_dir(Path(folder) / FOLDER)  # person-level: owner-only, whatever the caller's umask
    table = rows(data, kommunkod)
    heading = f"Ej verkställda beslut {data.quarter}: arbetslista, en rad per beslut"
    about = (
        f"{kommun}, {namnd}. Beslut som rapporteras per {data.day.isoformat()} och beslut som rapporterades "
        f"per {data.previous_day.isoformat()} men sedan verkställts eller avslutats. Underlag för "
        f"förvaltningen och för rapporteringen i IVO:s e-tjänst; ska inte bifogas nämndens protokoll. "
        f"Skapad {created.isoformat()}, ögonblicksbild {snapshot}."
    )
    name = stem(data.quarter)
    return [
        private_file(write_xlsx(table, target / f"{name}.xlsx", heading, about)),
        private_file(write_csv(table, target / f"{name}.csv")),
    ]
