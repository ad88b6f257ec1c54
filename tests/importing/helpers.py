"""Helpers for the import tests: writing export files, running an import, reading what came out.

The personnummer helpers are written independently of `uppfolj.importing.pnr` (plain Python Luhn), so the
tests do not check the code against itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path

from uppfolj.importing import ImportResult, run_import
from uppfolj.importing.rejects import read_rejects
from uppfolj.workspace import Workspace

#: the import date of every test (the century rule of 10-digit numbers depends on it)
TODAY = dt.date(2026, 11, 24)

# Published or hand-checked valid numbers (Luhn worked by hand in test_pnr.py):
PNR_MAN = "19121212-1212"  # Skatteverket's example; 9th digit 1 → man
PNR_MAN2 = "19811228-9874"  # 9th digit 7 → man
PNR_WOMAN = "20170102-2384"  # 9th digit 8 → woman
PNR_SAMORDNING = "19701063-2391"  # Skatteverket's samordningsnummer example (day 63 = 3rd)


def luhn_digit(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def make_pnr(born: dt.date, serial: int) -> str:
    """A valid 12-digit personnummer `YYYYMMDD-NNNC` for a birth date and a 3-digit serial."""
    nine = f"{born:%y%m%d}{serial:03d}"
    return f"{born:%Y%m%d}-{serial:03d}{luhn_digit(nine)}"


def pseudonym(ws: Workspace, pnr12: str) -> str:
    """HMAC-SHA256(workspace key, 12 digits) hex, first 20 characters, computed here with `hmac`."""
    digits = pnr12.replace("-", "").replace("+", "")
    return hmac.new(ws.secret_key(), digits.encode(), hashlib.sha256).hexdigest()[:20]


def write_csv(
    folder: Path, name: str, rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8"
) -> Path:
    path = folder / name
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def do_import(ws: Workspace, folder: Path, **kwargs: object) -> ImportResult:
    return run_import(ws, folder, today=TODAY, **kwargs)


def rejects(result: ImportResult) -> list[tuple[str, int, str, str, str]]:
    """(fil, rad, kolumn, regel, varde) for every line of the rejects file, in file order."""
    return [
        (r["fil"], int(r["rad"]), r["kolumn"], r["regel"], r["varde"])
        for r in read_rejects(result.rejects_file)
    ]


def stored(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    con = ws.store().connect()
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
