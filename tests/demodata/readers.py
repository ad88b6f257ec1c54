"""Independent readers for the generated files (the test's own, not the importer's or the generator's)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl

#: how each file is written, as documented in docs/demodata.md
CSV_FILES = {
    "bistand_manad.csv": ("cp1252", ";"),
    "ekonomi.csv": ("cp1252", ";"),
    "befolkning.csv": ("cp1252", ";"),
    "ansokningar.csv": ("utf-8-sig", ";"),
    "insatser.csv": ("utf-8-sig", ";"),
    "personer.csv": ("utf-8-sig", "\t"),
    "eb_avslut.csv": ("utf-8", ","),
}


def read_rows(folder: Path, name: str) -> tuple[list[str], list[list[object]]]:
    """Header and rows of one file; XLSX cells keep their Python types (dates as datetime)."""
    path = folder / name
    if name.endswith(".xlsx"):
        wb = openpyxl.load_workbook(path, read_only=True)
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
        return [str(h) for h in rows[0]], rows[1:]
    encoding, delimiter = CSV_FILES[name]
    with open(path, encoding=encoding, newline="") as fh:
        data = list(csv.reader(fh, delimiter=delimiter))
    return data[0], [list(r) for r in data[1:]]


def as_date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    text = str(value)
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def month_key(text: str) -> tuple[int, int] | None:
    """`2021-03`, `202103` → (2021, 3); anything else None."""
    digits = text.replace("-", "")
    if len(digits) != 6 or not digits.isdigit():
        return None
    year, month = int(digits[:4]), int(digits[4:])
    return (year, month) if 1 <= month <= 12 else None


def luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(ten):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p // 10 + p % 10
    return total % 10 == 0


def pnr_status(text: str) -> str:
    """'ok', 'format', 'datum' or 'kontrollsiffra', checked independently of uppfolj."""
    digits = text.replace("-", "").replace("+", "")
    if not digits.isdigit() or len(digits) not in (10, 12) or text.count("-") + text.count("+") > 1:
        return "format"
    ten = digits[-10:]
    year = int(digits[:4]) if len(digits) == 12 else 1900 + int(ten[:2])
    if len(digits) == 10 and year < 1925:
        year += 100  # the persons generated are 18–99 years old
    month, day = int(ten[2:4]), int(ten[4:6])
    if day > 60:
        day -= 60  # samordningsnummer
    try:
        dt.date(year, month, day)
    except ValueError:
        return "datum"
    return "ok" if luhn_ok(ten) else "kontrollsiffra"
