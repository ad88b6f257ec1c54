"""Write the clean staged tables into a new snapshot of the store, and record the import.

Each imported table is replaced, or, with `tillagg`, merged: a table whose months a delivery replaces
(`Table.replaces_months`: bistand_manad, eb_avslut, ekonomi) loses the stored rows of every month the
delivery holds before the delivery's rows go in; the others are merged by the table's key, the new row
winning. So twelve monthly deliveries give the same store as the year in one file. Tables
not in the import are carried over from the current snapshot by `Store.new_snapshot(copy_from_current=True)`.
The snapshot becomes current only when everything is written, so a failed or killed import changes nothing.
"""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass
from pathlib import Path

import duckdb

from uppfolj.contract import TABLES, Table
from uppfolj.importing.convert import stored_type
from uppfolj.importing.delivery import Finding, store_findings
from uppfolj.importing.sql import q, scalar
from uppfolj.importing.validate import FileOutcome
from uppfolj.store import Store


@dataclass(frozen=True)
class ImportRecord:
    number: int
    snapshot: str
    time: dt.datetime
    user: str


def table_ddl(table: Table) -> str:
    cols = ", ".join(f"{q(c.stored_name)} {stored_type(c)}" for c in table.columns)
    return f"CREATE TABLE {q(table.name)} ({cols})"


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def _write_table(
    snap: duckdb.DuckDBPyConnection, stage: duckdb.DuckDBPyConnection, outcome: FileOutcome, merge: bool
) -> None:
    table = TABLES[outcome.table]
    name = q(table.name)
    snap.register("_incoming", stage.sql(f"SELECT * FROM {outcome.clean}").to_arrow_reader())
    try:
        exists = scalar(
            snap,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?",
            [table.name],
        )
        if merge and exists:
            snap.execute("CREATE OR REPLACE TEMP TABLE _merge AS SELECT * FROM _incoming")
            if table.replaces_months and table.period_column:
                month = f"date_trunc('month', {q(table.period_column)})"
                snap.execute(f"DELETE FROM {name} WHERE {month} IN (SELECT DISTINCT {month} FROM _merge)")
            match = " AND ".join(f"o.{q(k)} = n.{q(k)}" for k in table.stored_key)
            snap.execute(f"DELETE FROM {name} AS o USING _merge AS n WHERE {match}")
            snap.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _merge")
            snap.execute("DROP TABLE _merge")
        else:
            snap.execute(f"DROP TABLE IF EXISTS {name}")
            snap.execute(table_ddl(table))
            snap.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _incoming")
    finally:
        snap.unregister("_incoming")


def _snapshot_id(snap: duckdb.DuckDBPyConnection) -> str:
    path = scalar(snap, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()")
    stem = Path(str(path)).stem
    return stem.rsplit("-", 1)[-1]


def write_snapshot(
    store: Store,
    stage: duckdb.DuckDBPyConnection,
    outcomes: list[tuple[FileOutcome, str]],
    *,
    folder: Path,
    merge: bool,
    findings: list[Finding] | None = None,
) -> ImportRecord:
    """Write the clean tables of `outcomes` ((outcome, sha256) pairs) and the import log; switch atomically."""
    user = _current_user()
    now = dt.datetime.now().replace(microsecond=0)
    with store.new_snapshot(copy_from_current=True) as snap:
        for outcome, _sha in outcomes:
            if outcome.clean is not None:
                _write_table(snap, stage, outcome, merge)
        snap.register("_persons", stage.sql("SELECT DISTINCT * FROM persons").to_arrow_reader())
        snap.execute(
            "INSERT INTO _personregister SELECT DISTINCT p.person_id, p.fodelsear, p.kon FROM _persons p "
            "ANTI JOIN _personregister r ON p.person_id = r.person_id ORDER BY p.person_id"
        )
        snap.unregister("_persons")
        number = int(scalar(snap, "SELECT coalesce(max(import_nr), 0) + 1 FROM _importer"))
        snapshot = _snapshot_id(snap)
        snap.execute(
            "INSERT INTO _importer VALUES (?, ?, ?, ?, ?, ?)",
            [number, now, user, str(folder.resolve()), merge, snapshot],
        )
        store_findings(snap, number, findings or [])
        for outcome, sha in outcomes:
            snap.execute(
                "INSERT INTO _importfiler VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    number,
                    outcome.file,
                    outcome.table,
                    sha,
                    outcome.read,
                    outcome.stored,
                    outcome.rejected,
                    outcome.warnings,
                ],
            )
    return ImportRecord(number, snapshot, now, user)
