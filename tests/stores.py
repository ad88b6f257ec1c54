"""Hand-built stores for every part's tests: one place that writes tables in the stored schema.

`fill_store(con, register, **tables)` creates the given tables with their stored columns and types
(`uppfolj.schema.STORED_TABLES`: contract columns, pseudonym ids instead of personnummer, months as
first-of-month DATE, amounts DECIMAL(18,2)) and fills `_personregister` (person_id → kon). Rows are dicts
(or, for large synthetic stores, a pandas frame); missing columns are NULL; dates are ISO strings and a month
may be given as `2024-03`. `stored_db(...)`
does so in an in-memory database; `stored_workspace(root, ...)` in a new workspace's first snapshot (the
root fixture `stored_workspace` in tests/conftest.py hands out the latter).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from uppfolj.contract import TABLES, ColType
from uppfolj.schema import PERSON_REGISTER, STORED_TABLES
from uppfolj.workspace import Workspace, create


def create_table(
    con: duckdb.DuckDBPyConnection, name: str, rows: list[dict[str, Any]] | pd.DataFrame
) -> None:
    """Create `name` with its stored columns (if not there) and add the rows: dicts, or a frame for large
    synthetic stores (written in one statement; its columns cast to the stored types)."""
    cols = STORED_TABLES[name]
    con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(f'{n} {t}' for n, t in cols)})")
    known = {n for n, _ in cols}
    if isinstance(rows, pd.DataFrame):
        unknown = set(rows.columns) - known
        assert not unknown, f"{name}: unknown columns {unknown}"
        con.register("_rows", rows)
        select = ", ".join(f"{n if n in rows.columns else 'NULL'}::{t} AS {n}" for n, t in cols)
        con.execute(f"INSERT INTO {name} SELECT {select} FROM _rows")
        con.unregister("_rows")
        return
    kinds = {c.stored_name: c.type for c in TABLES[name].columns}
    for row in rows:
        unknown = set(row) - known
        assert not unknown, f"{name}: unknown columns {unknown}"
        values = []
        for col_name, _ in cols:
            value = row.get(col_name)
            if value is not None and kinds[col_name] is ColType.MONTH and len(str(value)) == 7:
                value = f"{value}-01"
            values.append(value)
        marks = ", ".join("?" for _ in cols)
        con.execute(f"INSERT INTO {name} VALUES ({marks})", values)


#: a person of `_personregister`: the sex (born 1980), or (sex, birth year)
Person = str | tuple[str, int]


def fill_store(
    con: duckdb.DuckDBPyConnection,
    register: dict[str, Person] | None = None,
    **tables: list[dict[str, Any]] | pd.DataFrame,
) -> None:
    """Create the stored tables and `_personregister` (person_id → kon, or (kon, fodelsear)) in `con`; a
    large register may also be given as the table `_personregister` (a frame)."""
    columns = ", ".join(f"{n} {t}" for n, t in STORED_TABLES[PERSON_REGISTER])
    con.execute(f"CREATE TABLE IF NOT EXISTS {PERSON_REGISTER} ({columns})")
    for pid, person in (register or {}).items():
        kon, born = (person, 1980) if isinstance(person, str) else person
        con.execute(f"INSERT INTO {PERSON_REGISTER} VALUES (?, ?, ?)", [pid, born, kon])
    for name, rows in tables.items():
        create_table(con, name, rows)


def stored_db(
    register: dict[str, Person] | None = None, **tables: list[dict[str, Any]]
) -> duckdb.DuckDBPyConnection:
    """An in-memory stored database with the given tables and `_personregister`."""
    con = duckdb.connect(":memory:")
    fill_store(con, register, **tables)
    return con


def stored_workspace(
    root: Path, register: dict[str, Person] | None = None, **tables: list[dict[str, Any]]
) -> Workspace:
    """A new workspace at `root` whose current snapshot holds the given tables (and the import log)."""
    ws = create(root, kommun_namn="Testkommun")
    with ws.store().new_snapshot() as con:
        fill_store(con, register, **tables)
    return ws
