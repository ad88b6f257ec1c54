"""The rejects file `avvisade/import-<nr>.csv`: one line per problem of a rejected row (and per warning).

Semicolon-separated UTF-8 with BOM, so Swedish Excel opens it with å, ä and ö intact. Values are masked
before they reach this file (personnummer as `19121212-****`).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import duckdb

COLUMNS = ("fil", "rad", "kolumn", "regel", "meddelande", "varde")


def write_rejects(stage: duckdb.DuckDBPyConnection, folder: Path, stem: str) -> Path:
    """`<folder>/<stem>.csv` (`import-7`, or `provkorning-20241130-101500` for a dry run)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.csv"
    tmp = folder / f".{stem}.csv.tmp"
    cursor = stage.execute(
        "SELECT fil, rad, kolumn, regel, meddelande, varde FROM problems ORDER BY fil, rad, kolumn, regel"
    )
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(COLUMNS)
        while batch := cursor.fetchmany(10_000):
            writer.writerows(batch)
    os.replace(tmp, path)
    return path


def read_rejects(path: Path) -> list[dict[str, str]]:
    """The rows of a rejects file (for tests and the web)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))
