"""Apply a mapping to a staged raw file: a view with the contract's headers, ready for validation.

The view keeps the reader's row numbers, so rejects still point at the row of the file as the user sees it
in Excel. Mapped values stay text: conversion and every validation rule run afterwards exactly as for a
contract-shaped file. A value the mapping cannot turn into the contract's form (an unlisted code with
`ovriga: avvisa`, a date in neither form) keeps its original text, so the rule that rejects it quotes what
the file said.

Several files of one table are staged one by one and joined by `union_files`; a row's number then carries
its file (`file × FILE_STRIDE + row`) until `split_file_rows` turns the rejects back into file and row.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from uppfolj.contract import ColType, Column
from uppfolj.importing.convert import code_sql, normalised_sql
from uppfolj.importing.headers import match_headers
from uppfolj.importing.mapping import REJECT_UNLISTED, MappingError, Recoding, Source, TableMapping
from uppfolj.importing.readers import RawFile
from uppfolj.importing.sql import lit, q, trimmed
from uppfolj.text import normalise_header

#: row numbers of joined files: file index × FILE_STRIDE + the row in the file
FILE_STRIDE = 1_000_000_000

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class MappedFile:
    raw: RawFile
    #: file headers that are neither mapped nor contract columns (shown as ignored)
    unknown: list[str]
    #: contract column → the file header(s) or rule it comes from (for the dry run's profile)
    origin: dict[str, str]


def _month_number_sql(text: str) -> str:
    names = " ".join(f"WHEN {lit(k)} THEN {v}" for k, v in _MONTHS.items())
    return (
        f"CASE WHEN regexp_full_match({text}, '\\d{{1,2}}') THEN try_cast({text} AS INTEGER) "
        f"ELSE CASE {normalised_sql(text)} {names} END END"
    )


def _year_month_sql(year: str, month: str, column: Column) -> str:
    y, m = trimmed(year), trimmed(month)
    number = _month_number_sql(m)
    day = " || '-01'" if column.type is ColType.DATE else ""
    return (
        f"CASE WHEN {y} IS NULL AND {m} IS NULL THEN NULL "
        f"WHEN regexp_full_match({y}, '\\d{{4}}') AND ({number}) BETWEEN 1 AND 12 "
        f"THEN {y} || '-' || lpad(({number})::VARCHAR, 2, '0'){day} ELSE concat_ws(' ', {y}, {m}) END"
    )


def _date_sql(cell: str, fmt: str) -> str:
    return f"coalesce(strftime(try_strptime({trimmed(cell)}, {lit(fmt)}), '%Y-%m-%d'), {cell})"


def recode_sql(column: Column, text: str, recoding: Recoding) -> str:
    """Case-system text → contract code; unlisted values stay (rejected later) or become the default."""
    value = trimmed(text)
    if recoding.unlisted == REJECT_UNLISTED:
        other = text
    elif column.type is ColType.CODE:
        # a value already written as a valid code stays; everything else becomes the default
        other = (
            f"CASE WHEN {value} IS NULL THEN NULL WHEN ({code_sql(column, value)}) IS NOT NULL THEN {text} "
            f"ELSE {lit(recoding.unlisted)} END"
        )
    else:
        other = f"CASE WHEN {value} IS NULL THEN NULL ELSE {lit(recoding.unlisted)} END"
    if not recoding.values:
        return other
    cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in sorted(recoding.values.items()))
    return f"CASE {normalised_sql(value)} {cases} ELSE {other} END"


class _Headers:
    def __init__(self, headers: list[str], file_name: str, mapping: TableMapping, path: str) -> None:
        self.headers = headers
        self.index: dict[str, int] = {}
        for i, header in enumerate(headers):
            self.index.setdefault(normalise_header(header), i)
        self.file_name = file_name
        self.mapping = mapping
        self.path = path

    def cell(self, header: str, line: int, what: str) -> str:
        i = self.index.get(normalise_header(header))
        if i is None:
            shown = ", ".join(h for h in self.headers if h.strip())
            raise MappingError(
                f"Filen {self.file_name} har ingen kolumn {header!r}, som mappningen {self.path} (rad {line}) "
                f"anger för {what}. Filens rubriker: {shown}. Rätta rubriken i mappningsfilen eller exportera "
                f"filen med den kolumnen. Inget har importerats."
            )
        return f"c{i}"


def _source_sql(source: Source, column: Column, headers: _Headers) -> str:
    if source.constant is not None:
        return lit(source.constant)
    if source.year is not None and source.month is not None:
        year = headers.cell(source.year, source.line, f"{column.name} (år)")
        month = headers.cell(source.month, source.line, f"{column.name} (månad)")
        return _year_month_sql(year, month, column)
    assert source.column is not None
    cell = headers.cell(source.column, source.line, column.name)
    return _date_sql(cell, source.date_format) if source.date_format else cell


def _origin(source: Source) -> str:
    if source.constant is not None:
        return f"konstant {source.constant!r}"
    if source.year is not None:
        return f"{source.year} + {source.month}"
    return str(source.column) + (f" ({source.date_format})" if source.date_format else "")


def apply_mapping(
    con: duckdb.DuckDBPyConnection,
    raw: RawFile,
    mapping: TableMapping,
    file_name: str,
    vendor: dict[str, str],
    mapping_file: str,
) -> MappedFile:
    """A view of `raw` with the contract's column names as headers, recoded and without skipped rows."""
    table = mapping.table
    headers = _Headers(raw.headers, file_name, mapping, mapping_file)
    used = {normalise_header(h) for s in mapping.sources.values() for h in s.headers}
    used |= {normalise_header(skip.column) for skip in mapping.skips}
    rest = match_headers(table, raw.headers, vendor)
    selected: list[tuple[str, str]] = []
    origin: dict[str, str] = {}
    for column in table.columns:
        source = mapping.sources.get(column.name)
        if source is not None:
            expr = _source_sql(source, column, headers)
            origin[column.name] = _origin(source)
        elif (
            column.name in rest.columns
            and normalise_header(raw.headers[rest.columns[column.name]]) not in used
        ):
            expr = f"c{rest.columns[column.name]}"
            origin[column.name] = raw.headers[rest.columns[column.name]]
        else:
            continue
        if column.name in mapping.recodings:
            expr = recode_sql(column, expr, mapping.recodings[column.name])
        selected.append((column.name, expr))
    conditions = []
    for skip in mapping.skips:
        cell = headers.cell(skip.column, skip.line, "hoppa_over")
        values = ", ".join(lit(v) for v in skip.values)
        conditions.append(f"NOT coalesce({normalised_sql(trimmed(cell))} IN ({values}), false)")
    view = f"{raw.table}_mappad"
    columns = ", ".join(f"({expr})::VARCHAR AS c{i}" for i, (_, expr) in enumerate(selected))
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {q(view)} AS SELECT {raw.rad_sql} AS _rad"
        f"{', ' if columns else ''}{columns} FROM {raw.table}{where}"
    )
    unknown = [h for h in rest.unknown if normalise_header(h) not in used]
    mapped = RawFile(
        [name for name, _ in selected],
        q(view),
        f"{q(view)}._rad",
        raw.detected,
        (f"DROP VIEW {q(view)}", *raw.cleanup),
    )
    return MappedFile(mapped, unknown, origin)


def union_files(con: duckdb.DuckDBPyConnection, parts: list[RawFile], name: str) -> RawFile:
    """One staged table of several files' mapped rows (same contract headers, missing columns NULL)."""
    headers: list[str] = []
    for part in parts:
        headers += [h for h in part.headers if h not in headers]
    selects = []
    for index, part in enumerate(parts):
        cells = ", ".join(
            f"c{part.headers.index(h)} AS c{i}" if h in part.headers else f"NULL::VARCHAR AS c{i}"
            for i, h in enumerate(headers)
        )
        selects.append(
            f"SELECT {index}::BIGINT * {FILE_STRIDE} + {part.rad_sql} AS _rad, {cells} FROM {part.table}"
        )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {' UNION ALL '.join(selects)}")
    for part in parts:
        for statement in part.cleanup:
            con.execute(statement)
    detected = "; ".join(dict.fromkeys(p.detected for p in parts))
    return RawFile(headers, name, f"{name}._rad", detected, (f"DROP TABLE {name}",))


def split_file_rows(con: duckdb.DuckDBPyConnection, label: str, files: list[str]) -> None:
    """Rejects of joined files: the joined label and encoded row → each file's own name and row."""
    names = " ".join(f"WHEN {i} THEN {lit(f)}" for i, f in enumerate(files))
    con.execute(
        f"UPDATE problems SET fil = CASE rad // {FILE_STRIDE} {names} END, rad = rad % {FILE_STRIDE} "
        f"WHERE fil = {lit(label)}"
    )
