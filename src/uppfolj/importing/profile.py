"""The dry run's profile of a delivery: what each file holds, read before validation.

Per table (its file or files): rows per file, which file column each contract column comes from, the file
columns nobody reads, the fill rate per column, values outside the code lists with counts and the nearest
code, and, after validation, the date range of each date column. Values shown are masked like every
other value that reaches a user (a personnummer typed into a code column is never printed).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import duckdb

from uppfolj.contract import ColType, Table
from uppfolj.importing import pnr
from uppfolj.importing.convert import code_map, code_sql
from uppfolj.importing.mapped import FILE_STRIDE
from uppfolj.importing.readers import RawFile
from uppfolj.importing.sql import q, trimmed
from uppfolj.text import normalise_header

#: how many values outside a code list are listed per column
TOP_VALUES = 10


@dataclass(frozen=True)
class OffCode:
    column: str
    value: str
    count: int
    #: the nearest valid code, or "" when none is close
    nearest: str


@dataclass
class TableProfile:
    table: str
    files: list[tuple[str, int]]
    #: contract column → the file column (or rule) it comes from
    matched: dict[str, str]
    unmatched: list[str]
    #: contract column → share of rows with a value (0–1)
    fill: dict[str, float]
    off_codes: list[OffCode]
    #: date column → (first, last) after validation
    date_ranges: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.files)


def nearest_code(value: str, codes: dict[str, str]) -> str:
    found = difflib.get_close_matches(normalise_header(value), list(codes), n=1, cutoff=0.6)
    return codes[found[0]] if found else ""


def profile_raw(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    raw: RawFile,
    files: list[str],
    origin: dict[str, str],
    unmatched: list[str],
) -> TableProfile:
    """The profile of a staged (mapped) table whose headers are contract column names."""
    counts = dict(
        con.execute(f"SELECT _rad // {FILE_STRIDE}, count(*) FROM {raw.table} GROUP BY 1").fetchall()
    )
    if len(files) == 1:
        counts = {0: sum(counts.values())}
    per_file = [(name, int(counts.get(i, 0))) for i, name in enumerate(files)]
    total = max(sum(n for _, n in per_file), 1)
    index = {h: i for i, h in enumerate(raw.headers)}
    fill: dict[str, float] = {}
    off: list[OffCode] = []
    for col in table.columns:
        if col.name not in index:
            continue
        cell = trimmed(f"c{index[col.name]}")
        filled = con.execute(f"SELECT count({cell}) FROM {raw.table}").fetchone()
        fill[col.name] = (int(filled[0]) if filled else 0) / total
        if col.type is not ColType.CODE:
            continue
        rows = con.execute(
            f"SELECT {pnr.mask_text_sql(cell)} AS v, count(*) FROM {raw.table} "
            f"WHERE {cell} IS NOT NULL AND ({code_sql(col, cell)}) IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 "
            f"LIMIT {TOP_VALUES}"
        ).fetchall()
        codes = code_map(col)
        off += [OffCode(col.name, str(v), int(n), nearest_code(str(v), codes)) for v, n in rows]
    return TableProfile(table.name, per_file, dict(origin), list(unmatched), fill, off)


def add_date_ranges(con: duckdb.DuckDBPyConnection, profile: TableProfile, table: Table, clean: str) -> None:
    for col in table.columns:
        if col.type not in (ColType.DATE, ColType.MONTH):
            continue
        row = con.execute(
            f"SELECT min({q(col.stored_name)})::VARCHAR, max({q(col.stored_name)})::VARCHAR FROM {clean}"
        ).fetchone()
        if row and row[0] is not None:
            profile.date_ranges[col.name] = (str(row[0]), str(row[1]))
