"""The delivery check: every import compares the new delivery with what is stored, table by table and month
by month, before anything is written.

A case system's migration or a changed report definition can silently change months that are already
stored. The check finds, for the months a table already holds:
- rows, households, persons and amounts that changed by more than the tolerance;
- months that are stored but missing from a full delivery;
and, for every month of the delivery, code distributions that shifted (a code's share of the month's rows
with a code, against the same month as stored, or for a new month against the last twelve stored months,
beyond the tolerance and three binomial standard errors). A code's month is that of the date that makes it
exist (`dated_by`: an avslutsorsak by its slut_datum), else the table's period column.

Findings are shown in the import summary, `uppfolj status` and the web's Importer page, and stored with
the import (`_leveranskontroll`); `uppfolj import --strikt` refuses a delivery with findings.
Settings (`leveranskontroll` in uppfolj.yaml): `tolerans` (relative change, default 0.02), `kodtolerans`
(change of a code's share, default 0.10) and `minsta_antal` (rows a month needs for the code check, 20).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from uppfolj import fmt
from uppfolj.contract import TABLES, ColType, Column, Table
from uppfolj.importing.sql import lit, q, scalar
from uppfolj.importing.validate import FileOutcome
from uppfolj.workspace import Config

FINDINGS_DDL = """
CREATE TABLE IF NOT EXISTS _leveranskontroll (
    import_nr INTEGER, tabell VARCHAR, manad VARCHAR, matt VARCHAR, fore DOUBLE, efter DOUBLE,
    meddelande VARCHAR
)
"""


@dataclass(frozen=True)
class Settings:
    tolerance: float = 0.02
    code_tolerance: float = 0.10
    min_rows: int = 20

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        given: dict[str, Any] = config.ovrigt.get("leveranskontroll") or {}
        return cls(
            float(given.get("tolerans", cls.tolerance)),
            float(given.get("kodtolerans", cls.code_tolerance)),
            int(given.get("minsta_antal", cls.min_rows)),
        )


@dataclass(frozen=True)
class Finding:
    table: str
    #: `YYYY-MM`
    month: str
    #: what changed: rader, hushall, personer, a column's sum, manad_saknas, or kod:<column>:<code>
    measure: str
    before: float | None
    after: float | None
    message: str


_MEASURE_WORDS = {"rader": "rader", "hushall": "hushåll", "personer": "personer"}


def _measures(table: Table, alias: str) -> dict[str, str]:
    """measure → SQL aggregate over the table's rows."""
    out = {"rader": "count(*)"}
    names = {c.stored_name for c in table.columns}
    if "hushall_id" in names:
        out["hushall"] = f"count(DISTINCT {alias}.hushall_id)"
    persons = [c.stored_name for c in table.pnr_columns]
    if persons:
        out["personer"] = f"count(DISTINCT {alias}.{q(persons[0])})"
    for col in table.columns:
        if col.type is ColType.SEK:
            out[col.name] = f"sum({alias}.{q(col.stored_name)})::DOUBLE"
    return out


def _month(table: Table, alias: str, column: str | None = None) -> str:
    dated = column or table.period_column
    assert dated is not None
    return f"strftime(date_trunc('month', {alias}.{q(dated)}), '%Y-%m')"


def dated_by(table: Table, column: Column) -> str:
    """The date that places a code in a month: the date that makes the code exist where there is one
    (an insats's avslutsorsak by its slut_datum, an application's beslut by its beslut_datum), else the
    table's period. Exit reasons compared by start month would shift by themselves: of recent starts only
    the quick exits (often avbrott) have ended yet."""
    if column.required_when is not None:
        when = table.column(column.required_when)
        if when.type in (ColType.DATE, ColType.MONTH):
            return when.stored_name
    assert table.period_column is not None
    return table.column(table.period_column).stored_name


def _per_month(con: duckdb.DuckDBPyConnection, source: str, table: Table) -> dict[str, dict[str, float]]:
    measures = _measures(table, "x")
    cols = ", ".join(f"{sql} AS {q(name)}" for name, sql in measures.items())
    rows = con.execute(
        f"SELECT {_month(table, 'x')} AS m, {cols} FROM {source} AS x "
        f"WHERE x.{q(table.period_column or '')} IS NOT NULL GROUP BY 1"
    ).fetchall()
    return {r[0]: {name: float(v or 0) for name, v in zip(measures, r[1:], strict=True)} for r in rows}


def _relative(before: float, after: float) -> str:
    """`−30,0 %`: the change as a share of the stored value."""
    share = 100 * (after - before) / before
    text = fmt.percent(abs(share), 1)
    return ("+" if share > 0 else "−") + text


def _compare_months(
    table: Table,
    old: dict[str, dict[str, float]],
    new: dict[str, dict[str, float]],
    full: bool,
    settings: Settings,
) -> list[Finding]:
    found: list[Finding] = []
    for month in sorted(set(old) & set(new)):
        for measure, before in old[month].items():
            after = new[month].get(measure, 0.0)
            if before == 0 or abs(after - before) / abs(before) <= settings.tolerance:
                continue
            word = _MEASURE_WORDS.get(measure, f"summa {measure}")
            found.append(
                Finding(
                    table.name,
                    month,
                    measure,
                    before,
                    after,
                    f"{table.name} {month}: {word} {fmt.number(before)} → {fmt.number(after)} "
                    f"({_relative(before, after)}) i en månad som redan var lagrad.",
                )
            )
    if full:
        for month in sorted(set(old) - set(new)):
            rows = old[month]["rader"]
            found.append(
                Finding(
                    table.name,
                    month,
                    "manad_saknas",
                    rows,
                    0.0,
                    f"{table.name} {month}: månaden finns i datalagret ({fmt.number(rows)} rader) men saknas i "
                    f"leveransen.",
                )
            )
    return found


def _shares(
    con: duckdb.DuckDBPyConnection, source: str, table: Table, column: str, dated: str, by_month: bool
) -> tuple[dict[tuple[str, str], float], dict[str, int]]:
    """(month or '', code) → the code's share of the rows that have a code, and the month's number of such
    rows; the month is the one of the `dated` column."""
    month = _month(table, "x", dated) if by_month else "''"
    rows = con.execute(
        f"SELECT {month} AS m, x.{q(column)} AS k, count(*) AS n, "
        f"sum(count(*)) OVER (PARTITION BY {month}) AS total FROM {source} AS x "
        f"WHERE x.{q(dated)} IS NOT NULL AND x.{q(column)} IS NOT NULL GROUP BY 1, 2"
    ).fetchall()
    return {(m, k): n / total for m, k, n, total in rows}, {m: int(total) for m, _, _, total in rows}


def _recent(table: Table, dated: str) -> str:
    """The stored rows of the last twelve stored months (the reference for a new month's codes)."""
    col = q(dated)
    return (
        f"(SELECT * FROM cur.main.{q(table.name)} WHERE {col} > "
        f"(SELECT max({col}) - INTERVAL 12 MONTH FROM cur.main.{q(table.name)}))"
    )


def shifted(before: float, after: float, n: int, settings: Settings) -> bool:
    """A code's share moved by more than the tolerance, and by more than three binomial standard errors
    of a month of `n` rows (so ordinary month-to-month variation of a small month is not a finding)."""
    variance = max(before * (1 - before), 1 / n) / n
    return abs(after - before) > settings.code_tolerance and abs(after - before) > 3 * variance**0.5


def _compare_codes(
    con: duckdb.DuckDBPyConnection, table: Table, incoming: str, settings: Settings
) -> list[Finding]:
    found: list[Finding] = []
    stored = f"cur.main.{q(table.name)}"
    for col in table.columns:
        if col.type is not ColType.CODE:
            continue
        dated = dated_by(table, col)
        now, sizes = _shares(con, incoming, table, col.stored_name, dated, True)
        same_month, stored_sizes = _shares(con, stored, table, col.stored_name, dated, True)
        recent, recent_size = _shares(con, _recent(table, dated), table, col.stored_name, dated, False)
        codes = {k for _, k in now} | {k for _, k in same_month} | {k for _, k in recent}
        for month, n in sorted(sizes.items()):
            if n < settings.min_rows:
                continue
            own = stored_sizes.get(month, 0) >= settings.min_rows
            if not own and recent_size.get("", 0) < settings.min_rows:
                continue  # nothing stored to compare with
            for code in sorted(codes):
                after = now.get((month, code), 0.0)
                before = same_month.get((month, code), 0.0) if own else recent.get(("", code), 0.0)
                if not shifted(before, after, n, settings):
                    continue
                found.append(
                    Finding(
                        table.name,
                        month,
                        f"kod:{col.name}:{code}",
                        before,
                        after,
                        f"{table.name} {month} (efter {dated}): {col.name} {code!r} är "
                        f"{fmt.percent(100 * after, 1)} av raderna mot {fmt.percent(100 * before, 1)} "
                        + ("i den lagrade månaden." if own else "de senaste tolv lagrade månaderna."),
                    )
                )
    return found


def check_delivery(
    stage: duckdb.DuckDBPyConnection,
    current: Path | None,
    outcomes: list[FileOutcome],
    *,
    merge: bool,
    settings: Settings,
) -> list[Finding]:
    """Findings of the delivery's clean tables against the current snapshot (none for a first import)."""
    if current is None:
        return []
    stage.execute(f"ATTACH IF NOT EXISTS {lit(str(current))} AS cur (READ_ONLY)")
    try:
        found: list[Finding] = []
        for outcome in outcomes:
            table = TABLES[outcome.table]
            if outcome.clean is None or table.period_column is None:
                continue
            present = scalar(
                stage,
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'cur' AND table_name = ?",
                [table.name],
            )
            if not present:
                continue
            old = _per_month(stage, f"cur.main.{q(table.name)}", table)
            new = _per_month(stage, outcome.clean, table)
            found += _compare_months(table, old, new, not merge, settings)
            found += _compare_codes(stage, table, outcome.clean, settings)
        return found
    finally:
        stage.execute("DETACH DATABASE IF EXISTS cur")


def store_findings(snap: duckdb.DuckDBPyConnection, number: int, findings: list[Finding]) -> None:
    snap.execute(FINDINGS_DDL)
    for f in findings:
        snap.execute(
            "INSERT INTO _leveranskontroll VALUES (?, ?, ?, ?, ?, ?, ?)",
            [number, f.table, f.month, f.measure, f.before, f.after, f.message],
        )
