"""Manual values: figures no export carries (user surveys, sick leave, e-commerce compliance, time studies),
kept in the workspace's `manuella_varden.csv` and followed up exactly like computed indicators.

Columns `indikator, namn, period, kon, varde, kalla`; separator `;` or `,`; decimal comma or point; `varde`
blank = no value (`I.U.`), `..` = hidden at the source. Every problem is collected with its row and column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from uppfolj.goals.model import KON
from uppfolj.goals.problems import Problems, suggestion
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.indicators.periods import Period
from uppfolj.schema import RESULT_COLUMNS

MANUAL_FILE = "manuella_varden.csv"
MANUAL_COLUMNS = ("indikator", "namn", "period", "kon", "varde", "kalla")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class ManualValues:
    """`frame`: the result columns plus `kalla`; `names`: id → Swedish name."""

    frame: pd.DataFrame
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> ManualValues:
        return cls(pd.DataFrame(columns=[*RESULT_COLUMNS, "kalla"]))


def _number(text: str) -> float | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("−", "-").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return None if math.isnan(value) or math.isinf(value) else value


def parse_manual(text: str, *, file: str = MANUAL_FILE) -> tuple[ManualValues, Problems]:
    problems = Problems(file)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in MANUAL_COLUMNS if c not in header]
    if missing:
        problems.error(
            1,
            f"Kolumnerna {', '.join(missing)} saknas. Första raden ska vara {';'.join(MANUAL_COLUMNS)}; "
            f"nu står {';'.join(header) or '(ingenting)'}.",
        )
        return ManualValues.empty(), problems
    col = {c: header.index(c) for c in MANUAL_COLUMNS}
    rows: list[dict[str, object]] = []
    names: dict[str, str] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for line, raw in enumerate(reader, start=2):
        if not any(c.strip() for c in raw):
            continue
        cells = {c: (raw[i].strip() if i < len(raw) else "") for c, i in col.items()}
        if len(raw) > len(header):
            problems.warning(
                line,
                f"raden har {len(raw)} fält men rubrikraden {len(header)}; de sista läses inte. Sätt text "
                f'som innehåller {delimiter!r} inom citattecken ("...").',
            )
        row = _row(cells, line, problems)
        if row is None:
            continue
        key = (str(row["indikator"]), str(row["period"]), str(row["kon"]))
        if key in seen:
            problems.error(
                line, f"{key[0]} {key[1]} kön {key[2]} står redan på rad {seen[key]}; ta bort den ena raden."
            )
            continue
        seen[key] = line
        names.setdefault(key[0], cells["namn"] or key[0])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*RESULT_COLUMNS, "kalla"]) if rows else ManualValues.empty().frame
    return ManualValues(frame, names), problems


def _row(cells: dict[str, str], line: int, problems: Problems) -> dict[str, object] | None:
    before = len(problems.errors)
    ind = cells["indikator"]
    if not _ID.match(ind):
        problems.error(
            line,
            f"kolumn indikator: {ind!r} är inget giltigt id; använd små bokstäver a–z, siffror och _, "
            f"t.ex. nki_bemotande.",
        )
    elif ind in CATALOGUE:
        problems.error(
            line,
            f"kolumn indikator: {ind!r} är en beräknad indikator i katalogen; manuella värden behöver ett "
            f"eget id.",
        )
    try:
        period = Period.parse(cells["period"]).label
    except Exception:
        period = ""
        problems.error(
            line,
            f"kolumn period: {cells['period']!r} är ingen period; skriv t.ex. 2024, 2024-H1 eller 2024-09.",
        )
    kon = cells["kon"].upper() or "T"
    if kon not in KON:
        problems.error(
            line, f"kolumn kon: {cells['kon']!r} går inte; skriv K, M eller T.{suggestion(kon, KON)}"
        )
    text = cells["varde"]
    hidden = text == ".."
    value: float | None = None
    if text and not hidden:
        value = _number(text)
        if value is None:
            problems.error(
                line,
                f"kolumn varde: {text!r} är inget tal; skriv t.ex. 72 eller 5,4 (tomt = inget värde, .. = dolt).",
            )
    if not cells["kalla"]:
        problems.warning(line, "kolumn kalla är tom; skriv varifrån värdet kommer, det visas i måltabellen.")
    if len(problems.errors) > before:
        return None
    return {
        "indikator": ind,
        "period": period,
        "kon": kon,
        "grupptyp": "",
        "grupp": "",
        "varde": math.nan if value is None else value,
        "taljare": math.nan,
        "namnare": math.nan,
        "undertryckt": int(hidden),
        "kalla": cells["kalla"],
    }


def load_manual(path: Path) -> tuple[ManualValues, Problems]:
    """Read the workspace's manual values; a missing file means none. Blocking problems raise one error."""
    if not path.exists():
        return ManualValues.empty(), Problems(str(path))
    values, problems = parse_manual(path.read_text(encoding="utf-8-sig"), file=str(path))
    problems.raise_if_blocking("Filen med manuella värden")
    return values, problems
