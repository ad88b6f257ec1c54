"""Readers: load one export file into the staging database with every column as text.

A reader gives the file's headers and a staging table or view `<name>` with columns `c0 … cN` (VARCHAR, in
header order) holding the rows with content, and an SQL expression for the row number as the user sees it in Excel (header = row 1). Readers are
registered by kind (`csv`, `xlsx`), so adding a format is one module plus one line.

A file that cannot be read at all (empty, binary junk, truncated XLSX) raises ImportFailed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from uppfolj.errors import ImportFailed
from uppfolj.importing.sql import lit, trimmed

_SAMPLE = 1 << 16
_CHUNK = 1 << 22
#: control characters that never occur in a text export (NUL and friends): their presence means binary junk
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13))


@dataclass(frozen=True)
class RawFile:
    headers: list[str]
    table: str
    #: SQL expression for the Excel row number of a staged row
    rad_sql: str
    #: what the reader detected, for the summary (e.g. "Windows-1252, semikolon")
    detected: str
    #: SQL that removes the staged rows when the file is done
    cleanup: tuple[str, ...] = ()


Reader = Callable[[duckdb.DuckDBPyConnection, Path, str, Path], RawFile]
READERS: dict[str, Reader] = {}


def reader(kind: str) -> Callable[[Reader], Reader]:
    def decorator(func: Reader) -> Reader:
        READERS[kind] = func
        return func

    return decorator


def _unreadable(path: Path, why: str) -> ImportFailed:
    return ImportFailed(
        f"Filen {path.name} kan inte läsas: {why}. Ingenting har importerats. "
        f"Exportera filen på nytt från källsystemet (CSV eller XLSX) och försök igen."
    )


# ---- CSV ----------------------------------------------------------------------------------------------
def detect_encoding(path: Path) -> str:
    """`utf-8` (with or without BOM) when the whole file is valid UTF-8, else `cp1252`."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        try:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def detect_delimiter(header_line: str) -> str:
    """The delimiter occurring most often in the header line: `;`, tab or `,` (ties in that order)."""
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ";"


def has_empty_lines(path: Path) -> bool:
    """Whether the file has an empty line after its first line (a fast byte scan)."""
    tail = b""
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            data = tail + chunk
            if b"\n\n" in data or b"\n\r\n" in data:
                return True
            tail = data[-2:]
    return False


def fill_empty_lines(source: Path, target: Path, delimiter: str) -> None:
    """Copy a UTF-8 CSV, writing a lone delimiter for every empty line outside a quoted cell."""
    inside = False
    with (
        open(source, encoding="utf-8", newline="") as src,
        open(target, "w", encoding="utf-8", newline="") as dst,
    ):
        for line in src:
            if not inside and line in ("\n", "\r\n"):
                dst.write(delimiter + line)
            else:
                dst.write(line)
            if line.count('"') % 2:
                inside = not inside


def _transcode(path: Path, target: Path) -> None:
    """Windows-1252 → UTF-8, streamed; an undefined byte means the file is not text."""
    decoder = codecs.getincrementaldecoder("cp1252")()
    with open(path, "rb") as src, open(target, "w", encoding="utf-8", newline="") as dst:
        for chunk in iter(lambda: src.read(_CHUNK), b""):
            dst.write(decoder.decode(chunk))
        dst.write(decoder.decode(b"", final=True))


@reader("csv")
def read_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str, tmp: Path) -> RawFile:
    with open(path, "rb") as fh:
        sample = fh.read(_SAMPLE)
    if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _unreadable(path, "filen är tom")
    if any(b in _CONTROL for b in sample):
        raise _unreadable(path, "filen innehåller binära data och är ingen textfil")
    encoding = detect_encoding(path)
    source = path
    if encoding == "cp1252":
        source = tmp / f"{table}.utf8.csv"
        try:
            _transcode(path, source)
        except UnicodeDecodeError as exc:
            raise _unreadable(path, "teckenkodningen är varken UTF-8 eller Windows-1252") from exc
    with open(source, encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
    delimiter = detect_delimiter(first)
    headers = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    if not any(h.strip() for h in headers):
        raise _unreadable(path, "första raden (rubrikraden) är tom")
    if has_empty_lines(source):
        # DuckDB skips empty lines, which would shift the row numbers after them: make them blank rows
        filled = tmp / f"{table}.rader.csv"
        fill_empty_lines(source, filled, delimiter)
        source = filled
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
    base = (
        f"read_csv({lit(str(source))}, auto_detect=false, header=true, delim={lit(delimiter)}, quote='\"', "
        f"escape='\"', columns={columns}, encoding='utf-8', strict_mode=false"
    )
    try:
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {base})")
        except duckdb.Error:
            # rows with too few fields: pad them (the parallel reader cannot pad quoted line breaks)
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {base}, null_padding=true, parallel=false)"
            )
    except duckdb.Error as exc:
        line = str(exc).split("\n")[0]
        raise _unreadable(path, f"raderna kan inte tolkas som CSV ({line})") from exc
    # rows with nothing in them (Excel writes `;;;;` lines) are not rows; a view leaves the others' row ids
    cells = [f"c{i}" for i in range(len(headers))]
    content = " OR ".join(f"{trimmed(c)} IS NOT NULL" for c in cells)
    con.execute(f"ALTER TABLE {table} RENAME TO {table}_all")
    con.execute(f"CREATE TEMP VIEW {table} AS SELECT rowid + 2 AS _rad, * FROM {table}_all WHERE {content}")
    names = {";": "semikolon", "\t": "tabb", ",": "komma"}
    label = "UTF-8" if encoding == "utf-8" else "Windows-1252"
    return RawFile(
        headers,
        table,
        f"{table}._rad",
        f"{label}, {names[delimiter]}",
        (f"DROP VIEW {table}", f"DROP TABLE {table}_all"),
    )


# ---- XLSX ---------------------------------------------------------------------------------------------
def cell_text(value: object) -> str | None:
    """An Excel cell as text: dates as ISO, whole numbers without decimals, other numbers with a point."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


@reader("xlsx")
def read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, table: str, tmp: Path) -> RawFile:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if path.stat().st_size == 0:
        raise _unreadable(path, "filen är tom")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError) as exc:
        raise _unreadable(path, "filen är ingen giltig Excel-fil (skadad eller avkortad)") from exc
    try:
        if not wb.worksheets:
            raise _unreadable(path, "arbetsboken har inga blad")
        rows = wb.worksheets[0].iter_rows(values_only=True)
        try:
            header_row = next(rows, None)
            if header_row is None or not any(v is not None for v in header_row):
                raise _unreadable(path, "första bladet är tomt eller saknar rubrikrad")
            headers = [cell_text(v) or "" for v in header_row]
            width = len(headers)
            data: list[list[str | None]] = [[] for _ in range(width)]
            rads: list[int] = []
            for number, row in enumerate(rows, start=2):
                cells = [cell_text(v) for v in row[:width]]
                if not any(c is not None and c.strip() for c in cells):
                    continue
                cells += [None] * (width - len(cells))
                for i, cell in enumerate(cells):
                    data[i].append(cell)
                rads.append(number)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
            raise _unreadable(path, "filen är skadad eller avkortad") from exc
    finally:
        wb.close()
    arrays = {f"c{i}": pa.array(col, pa.string()) for i, col in enumerate(data)}
    arrays["_rad"] = pa.array(rads, pa.int64())
    con.register("_xlsx_rows", pa.table(arrays))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _xlsx_rows")
    finally:
        con.unregister("_xlsx_rows")
    return RawFile(headers, table, f"{table}._rad", "Excel", (f"DROP TABLE {table}",))
