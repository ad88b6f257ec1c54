"""Small SQL helpers for the import: quoting and single values."""

from __future__ import annotations

from typing import Any

import duckdb

#: blanks trimmed from every cell: spaces, tabs, line breaks, no-break and narrow no-break spaces
BLANKS = " \t\r\n\u00a0\u202f"


def trimmed(cell: str) -> str:
    """SQL for a cell's text without surrounding blanks; NULL when nothing is left."""
    return f"nullif(trim({cell}, {lit(BLANKS)}), '')"


def q(name: str) -> str:
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The first value of the first row (the result is read to the end, so the connection is free again)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None
