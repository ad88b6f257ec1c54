"""Find personnummer in export files and search a workspace's bytes for them in every written form."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import openpyxl

_PNR = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+]?(\d{4})(?!\d)")
_RUN = re.compile(rb"[0-9+\-]{10,}")


def numbers_in_exports(folder: Path) -> set[str]:
    """Every personnummer-like value in the export files, as written (10 or 12 digits)."""
    found: set[str] = set()
    for path in folder.iterdir():
        if path.suffix.lower() in (".csv", ".txt", ".tsv"):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
        elif path.suffix.lower() == ".xlsx":
            wb = openpyxl.load_workbook(path, read_only=True)
            text = "\n".join(
                ";".join("" if v is None else str(v) for v in row)
                for row in wb.worksheets[0].iter_rows(values_only=True)
            )
            wb.close()
        else:
            continue
        for match in _PNR.finditer(text):
            digits = match.group(1) + match.group(2)
            month, day = int(digits[-8:-6]), int(digits[-6:-4])
            if 1 <= month <= 12 and (
                1 <= day <= 31 or 61 <= day <= 91
            ):  # a birth date, not an id like H0000000001
                found.add(digits)
    return found


def written_forms(digits: str) -> set[str]:
    """10- and 12-digit forms, with and without `-` (and `+` for the 10-digit form)."""
    forms: set[str] = set()
    twelve = [digits] if len(digits) == 12 else ["19" + digits, "20" + digits]
    for nr in twelve:
        forms |= {nr, nr[:8] + "-" + nr[8:]}
        ten = nr[2:]
        forms |= {ten, ten[:6] + "-" + ten[6:], ten[:6] + "+" + ten[6:]}
    return forms


_BINARY = (".duckdb", ".wal")


def find_in_tree(root: Path, numbers: set[str]) -> list[tuple[str, str]]:
    """(file, form) for every written form of `numbers` found in the bytes of any file under `root`.

    One exception, in DuckDB files only: a bare 10-digit form inside a longer run of digits is not counted.
    DuckDB stores strings back to back, so numeric ids (`1000052`, `1000053`) form runs such as
    `10000521000053` that contain 10-digit numbers nobody wrote. `find_in_store_values` covers that case by
    comparing every stored text value with the numbers.
    """
    forms = {f.encode() for n in numbers for f in written_forms(n)}
    hits: list[tuple[str, str]] = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        binary = path.suffix in _BINARY
        data = path.read_bytes()
        for run in _RUN.finditer(data):
            chunk = run.group(0)
            for size in (10, 11, 12, 13):
                for start in range(len(chunk) - size + 1):
                    window = chunk[start : start + size]
                    if window not in forms:
                        continue
                    if binary and size == 10 and window.isdigit() and _inside_digits(chunk, start, size):
                        continue
                    hits.append((str(path.relative_to(root)), window.decode()))
    return hits


def _inside_digits(chunk: bytes, start: int, size: int) -> bool:
    before = chunk[start - 1 : start]
    after = chunk[start + size : start + size + 1]
    return before.isdigit() or after.isdigit()


def find_in_store_values(con: duckdb.DuckDBPyConnection, numbers: set[str]) -> list[tuple[str, str]]:
    """(table.column, value) for every stored text value that contains a written form of `numbers`."""
    forms = sorted({f for n in numbers for f in written_forms(n)})
    con.execute("CREATE OR REPLACE TEMP TABLE _forms (form VARCHAR)")
    con.executemany("INSERT INTO _forms VALUES (?)", [[f] for f in forms])
    columns = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = 'main' AND data_type = 'VARCHAR'"
    ).fetchall()
    hits: list[tuple[str, str]] = []
    for table, column in columns:
        rows = con.execute(
            f'SELECT DISTINCT t."{column}" FROM "{table}" t JOIN _forms f ON contains(t."{column}", f.form)'
        ).fetchall()
        hits += [(f"{table}.{column}", "masked") for _ in rows]
    return hits
