"""Writing indicator results: the result CSV, JSON, XLSX and a Swedish-formatted table.

The CSV is exactly indikatorer.md "Output": columns `indikator,period,kon,grupptyp,grupp,varde,taljare,
namnare,undertryckt`, decimal point, no thousands separator, empty when not computed or hidden. Numbers are
written with at most 6 decimals and no trailing zeros, so the same result always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from uppfolj import fmt
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.schema import RESULT_COLUMNS


def plain_number(value: object) -> str:
    """`3.0` → `3`, `1.6666666667` → `1.666667`, NaN → empty. Never an exponent."""
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return ""
    text = f"{round(number, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _int(value: object) -> int:
    return int(value)  # type: ignore[call-overload]


def csv_text(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(RESULT_COLUMNS)
    for r in frame[RESULT_COLUMNS].itertuples(index=False):
        writer.writerow(
            [
                r.indikator,
                r.period,
                r.kon,
                r.grupptyp,
                r.grupp,
                plain_number(r.varde),
                plain_number(r.taljare),
                plain_number(r.namnare),
                _int(r.undertryckt),
            ]
        )
    return buf.getvalue()


def json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for r in frame[RESULT_COLUMNS].itertuples(index=False):
        rec: dict[str, Any] = {
            "indikator": r.indikator,
            "period": r.period,
            "kon": r.kon,
            "grupptyp": r.grupptyp,
            "grupp": r.grupp,
        }
        for col in ("varde", "taljare", "namnare"):
            value = float(getattr(r, col))
            rec[col] = None if math.isnan(value) else value
        rec["undertryckt"] = _int(r.undertryckt)
        out.append(rec)
    return out


def json_text(frame: pd.DataFrame) -> str:
    return json.dumps(json_records(frame), ensure_ascii=False, indent=1)


def shown_value(indikator: object, value: object, hidden: object) -> str:
    """The Swedish display of one value: `..` hidden, `I.U.` not computed, else by unit."""
    ind = CATALOGUE.get(str(indikator))
    varde = float(value)  # type: ignore[arg-type]
    undertryckt = int(hidden)  # type: ignore[call-overload]
    unit = ind.unit if ind else ""
    if unit == "%":
        return fmt.cell(varde, hidden=bool(undertryckt), unit="%")
    decimals = 0 if unit in ("antal", "kr") and (math.isnan(varde) or float(varde).is_integer()) else 1
    return fmt.cell(varde, hidden=bool(undertryckt), decimals=decimals)


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """One sheet `Indikatorer` (the result columns plus the Swedish name and the shown value) and one
    sheet `Katalog` (the definitions used)."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet("Indikatorer")
        bold = book.add_format({"bold": True})
        header = [*RESULT_COLUMNS, "namn", "visas"]
        for c, name in enumerate(header):
            sheet.write(0, c, name, bold)
        for i, r in enumerate(frame[RESULT_COLUMNS].itertuples(index=False), start=1):
            for c, col in enumerate(RESULT_COLUMNS):
                value = getattr(r, col)
                if col in ("varde", "taljare", "namnare"):
                    if not math.isnan(float(value)):
                        sheet.write_number(i, c, float(value))
                elif col == "undertryckt":
                    sheet.write_number(i, c, int(value))
                else:
                    sheet.write_string(i, c, str(value))
            ind = CATALOGUE.get(str(r.indikator))
            sheet.write_string(i, len(RESULT_COLUMNS), ind.name if ind else "")
            sheet.write_string(
                i, len(RESULT_COLUMNS) + 1, shown_value(str(r.indikator), r.varde, r.undertryckt)
            )
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(frame), 1), len(header) - 1)
        cat = book.add_worksheet("Katalog")
        for c, name in enumerate(("id", "namn", "version", "enhet", "definition")):
            cat.write(0, c, name, bold)
        used = list(dict.fromkeys(str(x) for x in frame["indikator"]))
        for i, ind_id in enumerate(used, start=1):
            ind = CATALOGUE[ind_id]
            cat.write_row(i, 0, [ind.id, ind.name, ind.version, ind.unit, ind.definition])
    finally:
        book.close()
