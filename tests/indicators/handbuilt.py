"""Hand-built stored databases for indicator tests.

`stored_db(insatser=[...], personer=[...], ...)` creates an in-memory DuckDB holding the given tables in the
stored schema (contract columns, pseudonym ids instead of personnummer, months as first-of-month DATE,
amounts DECIMAL(18,2)) plus `_personregister`. Rows are dicts; missing columns are NULL. Dates are ISO
strings. `person(pid, kon)` rows for `_personregister` are passed as `register={"p1": "K", ...}`.
"""

from __future__ import annotations

from typing import Any

import duckdb

from uppfolj.contract import TABLES, ColType

_SQL_TYPES = {
    ColType.PNR: "VARCHAR",
    ColType.TEXT: "VARCHAR",
    ColType.CODE: "VARCHAR",
    ColType.DATE: "DATE",
    ColType.MONTH: "DATE",
    ColType.YEAR: "INTEGER",
    ColType.INTEGER: "BIGINT",
    ColType.SEK: "DECIMAL(18,2)",
}


def create_table(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict[str, Any]]) -> None:
    table = TABLES[name]
    cols = [(c.stored_name, _SQL_TYPES[c.type], c.type) for c in table.columns]
    con.execute(f"CREATE TABLE {name} ({', '.join(f'{n} {t}' for n, t, _ in cols)})")
    known = {n for n, _, _ in cols}
    for row in rows:
        unknown = set(row) - known
        assert not unknown, f"{name}: unknown columns {unknown}"
        values = []
        for col_name, _, col_type in cols:
            value = row.get(col_name)
            if value is not None and col_type is ColType.MONTH and len(str(value)) == 7:
                value = f"{value}-01"
            values.append(value)
        marks = ", ".join("?" for _ in cols)
        con.execute(f"INSERT INTO {name} VALUES ({marks})", values)


def stored_db(
    register: dict[str, str] | None = None, **tables: list[dict[str, Any]]
) -> duckdb.DuckDBPyConnection:
    """An in-memory stored database with the given tables and `_personregister` (person_id → kon)."""
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE _personregister (person_id VARCHAR PRIMARY KEY, fodelsear INTEGER, kon VARCHAR)"
    )
    for pid, kon in (register or {}).items():
        con.execute("INSERT INTO _personregister VALUES (?, 1980, ?)", [pid, kon])
    for name, rows in tables.items():
        create_table(con, name, rows)
    return con


def value(
    frame: Any, indikator: str, period: str, kon: str = "T", grupptyp: str = "", grupp: str = ""
) -> Any:
    """The one result row for these keys (a pandas Series); fails when there is not exactly one."""
    rows = frame[
        (frame.indikator == indikator)
        & (frame.period == period)
        & (frame.kon == kon)
        & (frame.grupptyp == grupptyp)
        & (frame.grupp == grupp)
    ]
    assert len(rows) == 1, f"{indikator} {period} {kon} {grupptyp} {grupp}: {len(rows)} rows"
    return rows.iloc[0]


def groups(frame: Any, indikator: str, period: str, kon: str, grupptyp: str) -> dict[str, float]:
    """grupp → varde for one breakdown."""
    rows = frame[
        (frame.indikator == indikator)
        & (frame.period == period)
        & (frame.kon == kon)
        & (frame.grupptyp == grupptyp)
    ]
    return dict(zip(rows.grupp, rows.varde, strict=True))
