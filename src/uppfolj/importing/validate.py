"""Validate one staged file: type its columns, apply the rules, and leave the clean rows for the store.

Everything here is SQL on the staging connection (in memory, never the store), so the clear personnummer
never leave it: they are replaced by pseudonyms before a clean table is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from uppfolj.contract import ColType, Table
from uppfolj.importing import pnr
from uppfolj.importing.convert import convert_sql, stored_type
from uppfolj.importing.headers import HeaderMatch
from uppfolj.importing.readers import RawFile
from uppfolj.importing.rules import (
    HOUSEHOLD_MONTHS,
    RULES,
    Check,
    Configured,
    Level,
    RuleContext,
    missing_columns,
    required_column_message,
)
from uppfolj.importing.sql import lit, q, scalar, trimmed

PROBLEMS_DDL = """
CREATE TEMP TABLE IF NOT EXISTS problems (
    fil VARCHAR, rad BIGINT, kolumn VARCHAR, regel VARCHAR, niva VARCHAR, meddelande VARCHAR, varde VARCHAR
);
CREATE TEMP TABLE IF NOT EXISTS persons (person_id VARCHAR, fodelsear INTEGER, kon VARCHAR);
"""


@dataclass
class FileOutcome:
    """Counts for one file, and the name of its clean staged table (None when the whole file was rejected)."""

    file: str
    table: str
    read: int
    rejected: int = 0
    warnings: int = 0
    clean: str | None = None
    unknown_columns: list[str] = field(default_factory=list)
    detected: str = ""

    @property
    def stored(self) -> int:
        return self.read - self.rejected


def clean_name(table: Table) -> str:
    return f"clean_{table.name}"


#: text columns holding identifiers: stored as given, except that an id which is itself a personnummer is
#: replaced by a keyed pseudonym (`pnr.build_id_lookup`)
_ID_COLUMNS = frozenset({"hushall_id", "ansokan_id", "insats_id", "beslut_id"})


def _trimmed(match: HeaderMatch, col: str) -> str:
    """The cell's text with surrounding blanks removed; NULL when blank or when the file lacks the column."""
    if col not in match.columns:
        return "NULL::VARCHAR"
    return trimmed(f"c{match.columns[col]}")


def _stage_typed(raw: RawFile, table: Table, match: HeaderMatch) -> str:
    """One pass over the raw rows: trimmed text `r__col`, stored value `v__col`, personnummer status `s__col`."""
    parts = [f"{raw.rad_sql} AS _rad"]
    joins = []
    for i, col in enumerate(table.columns):
        text = q("r__" + col.name)
        parts.append(f"{_trimmed(match, col.name)} AS {text}")
        if col.type is ColType.PNR:
            alias = f"p{i}"
            cell = f"c{match.columns[col.name]}" if col.name in match.columns else "NULL::VARCHAR"
            joins.append(f"LEFT JOIN _pnr AS {alias} ON {alias}.raw = {cell}")
            parts += [f"{alias}.pid AS {q('v__' + col.name)}", f"{alias}.status AS {q('s__' + col.name)}"]
        elif col.name in _ID_COLUMNS and col.name in match.columns:
            alias = f"i{i}"
            joins.append(f"LEFT JOIN _idpnr AS {alias} ON {alias}.raw = c{match.columns[col.name]}")
            value = f"coalesce({alias}.pid, {convert_sql(col, text)})"
            parts.append(f"({value})::{stored_type(col)} AS {q('v__' + col.name)}")
        else:
            value = convert_sql(col, text)
            if col.type is ColType.TEXT and col.name not in _ID_COLUMNS:
                # free text and categories never need a personnummer: one typed into them is masked
                value = pnr.mask_text_sql(value)
            parts.append(f"({value})::{stored_type(col)} AS {q('v__' + col.name)}")
    return f"SELECT {', '.join(parts)} FROM {raw.table} {' '.join(joins)}"


def _insert(con: duckdb.DuckDBPyConnection, file: str, rule_id: str, level: Level, check: Check) -> None:
    con.execute(
        f"INSERT INTO problems SELECT {lit(file)}, _rad, {lit(check.column)}, {lit(rule_id)}, {lit(level.value)}, "
        f"{check.message}, {check.value} FROM {check.source} WHERE {check.where}"
    )


def _clean_sql(table: Table, summed: bool) -> str:
    if summed:
        # household-months occurring twice: one row, amounts summed, the larger antal_barn, the first row's
        # other values (without such duplicates the plain select below gives the same rows, faster)
        return (
            f"SELECT {q('v__hushall_id')} AS hushall_id, {q('v__manad')} AS manad, "
            f"arg_min({q('v__sokande_personnummer')}, _rad) AS sokande_id, "
            f"arg_min({q('v__medsokande_personnummer')}, _rad) AS medsokande_id, "
            f"max({q('v__antal_barn')}) AS antal_barn, sum({q('v__belopp')})::DECIMAL(18,2) AS belopp, "
            f"arg_min({q('v__hushallstyp')}, _rad) AS hushallstyp "
            f"FROM s GROUP BY ALL"
        )
    cols = ", ".join(f"{q('v__' + c.name)} AS {q(c.stored_name)}" for c in table.columns)
    return f"SELECT {cols} FROM s"


def validate_file(
    con: duckdb.DuckDBPyConnection,
    file: str,
    table: Table,
    raw: RawFile,
    match: HeaderMatch,
    *,
    today: dt.date,
    pseudo: pnr.Pseudonymiser,
    units: str | None,
    configured: Configured | None = None,
) -> FileOutcome:
    con.execute(PROBLEMS_DDL)
    outcome = FileOutcome(file, table.name, 0, unknown_columns=match.unknown, detected=raw.detected)
    missing = missing_columns(table, set(match.columns))
    if missing:
        found = [h for h in raw.headers if h.strip()]
        con.execute(
            "INSERT INTO problems VALUES (?, 1, ?, 'obligatorisk_kolumn', 'fil', ?, '')",
            [file, ", ".join(missing), required_column_message(table, missing, found)],
        )
        outcome.read = outcome.rejected = int(scalar(con, f"SELECT count(*) FROM {raw.table}"))
        for statement in raw.cleanup:
            con.execute(statement)
        return outcome

    pnr_cols = [c.name for c in table.pnr_columns if c.name in match.columns]
    source = " UNION ALL ".join(
        f"SELECT DISTINCT c{match.columns[c]} AS raw FROM {raw.table}" for c in pnr_cols
    )
    pnr.build_lookup(con, f"({source or 'SELECT NULL::VARCHAR AS raw'})", "_pnr", today, pseudo)
    id_cols = [c.name for c in table.columns if c.name in _ID_COLUMNS and c.name in match.columns]
    id_source = " UNION ALL ".join(
        f"SELECT DISTINCT c{match.columns[c]} AS raw FROM {raw.table}" for c in id_cols
    )
    pnr.build_id_lookup(con, f"({id_source or 'SELECT NULL::VARCHAR AS raw'})", "_idpnr", pseudo)
    con.execute(f"CREATE OR REPLACE TEMP TABLE t AS {_stage_typed(raw, table, match)}")
    for statement in raw.cleanup:
        con.execute(statement)

    outcome.read = int(scalar(con, "SELECT count(*) FROM t"))
    ctx = RuleContext(table, frozenset(match.columns), units, configured or Configured())
    for rule in RULES.values():
        if rule.phase == 1:
            for check in rule.checks(ctx):
                _insert(con, file, rule.id, rule.level, check)
    # the rows that passed so far: a view, so phase 2 reads only the columns it needs
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _bad AS SELECT DISTINCT rad FROM problems "
        f"WHERE fil = {lit(file)} AND niva = 'rad'"
    )
    con.execute("CREATE OR REPLACE TEMP VIEW s AS SELECT t.* FROM t ANTI JOIN _bad ON t._rad = _bad.rad")
    for rule in RULES.values():
        if rule.phase != 2:
            continue
        for statement in rule.prepare(ctx) if rule.prepare else []:
            con.execute(statement)
        for check in rule.checks(ctx):
            _insert(con, file, rule.id, rule.level, check)
            if rule.level is Level.ROW:
                con.execute(
                    f"INSERT INTO _bad SELECT DISTINCT rad FROM problems WHERE fil = {lit(file)} "
                    f"AND regel = {lit(rule.id)}"
                )

    for col in table.pnr_columns:
        con.execute(
            f"INSERT INTO persons SELECT DISTINCT p.pid, p.fodelsear, p.kon FROM _pnr p "
            f"SEMI JOIN s ON s.{q('v__' + col.name)} = p.pid"
        )
    name = clean_name(table)
    summed = table.name == "bistand_manad" and bool(
        scalar(
            con, f"SELECT count(*) FROM problems WHERE fil = {lit(file)} AND regel = 'hushallsmanad_dubblett'"
        )
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {_clean_sql(table, summed)}")
    con.execute("DROP VIEW s")
    con.execute("DROP TABLE t")
    con.execute("DROP TABLE _bad")
    con.execute("DROP TABLE _pnr")
    con.execute(f"DROP TABLE IF EXISTS {HOUSEHOLD_MONTHS}")
    counts = con.execute(
        f"""SELECT count(DISTINCT rad) FILTER (WHERE niva = 'rad'),
                   count(DISTINCT rad) FILTER (WHERE niva = 'varning'
                       AND rad NOT IN (SELECT rad FROM problems WHERE fil = {lit(file)} AND niva = 'rad'))
            FROM problems WHERE fil = {lit(file)}"""
    ).fetchall()[0]
    outcome.rejected = int(counts[0])
    outcome.warnings = int(counts[1])
    outcome.clean = name
    return outcome
