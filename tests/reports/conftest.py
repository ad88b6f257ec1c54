"""Hand-built stored databases and readers for the generated documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest
from docx import Document

from uppfolj.contract import TABLES, ColType

_SQL = {
    ColType.PNR: "VARCHAR",
    ColType.TEXT: "VARCHAR",
    ColType.CODE: "VARCHAR",
    ColType.DATE: "DATE",
    ColType.MONTH: "DATE",
    ColType.YEAR: "INTEGER",
    ColType.INTEGER: "BIGINT",
    ColType.SEK: "DECIMAL(18,2)",
}


def build_store(
    con: duckdb.DuckDBPyConnection, register: dict[str, str], **tables: list[dict[str, Any]]
) -> None:
    """Create the stored tables (contract columns, pseudonyms) and `_personregister` (person_id → kon)."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS _personregister (person_id VARCHAR, fodelsear INTEGER, kon VARCHAR)"
    )
    for pid, kon in register.items():
        con.execute("INSERT INTO _personregister VALUES (?, 1980, ?)", [pid, kon])
    for name, rows in tables.items():
        cols = [(c.stored_name, _SQL[c.type]) for c in TABLES[name].columns]
        con.execute(f"CREATE TABLE {name} ({', '.join(f'{n} {t}' for n, t in cols)})")
        for row in rows:
            assert not set(row) - {n for n, _ in cols}, row
            con.execute(
                f"INSERT INTO {name} VALUES ({', '.join('?' for _ in cols)})", [row.get(n) for n, _ in cols]
            )


@pytest.fixture
def store() -> Callable[..., duckdb.DuckDBPyConnection]:
    def make(register: dict[str, str], **tables: list[dict[str, Any]]) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:")
        build_store(con, register, **tables)
        return con

    return make


def docx_tables(path: Path) -> dict[str, list[list[str]]]:
    """Every table of a generated DOCX keyed by the bold title paragraph just before it."""
    doc = Document(str(path))
    out: dict[str, list[list[str]]] = {}
    body = doc.element.body
    last_title = ""
    tables = iter(doc.tables)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text:
                last_title = text
        elif tag == "tbl":
            table = next(tables)
            out[last_title] = [[c.text for c in row.cells] for row in table.rows]
    return out


def xlsx_tables(path: Path) -> dict[str, list[list[Any]]]:
    """Every Excel table of a generated XLSX keyed by its title (the cell above it)."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, list[list[Any]]] = {}
    for ws in wb.worksheets:
        for table in ws.tables.values():
            (c1, r1), (c2, r2) = _bounds(table.ref)
            title = ws.cell(r1 - 1, 1).value
            out[str(title)] = [[ws.cell(r, c).value for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]
    return out


def _bounds(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(ref)
    return (int(c1 or 1), int(r1 or 1)), (int(c2 or 1), int(r2 or 1))


@pytest.fixture
def read_docx() -> Callable[[Path], dict[str, list[list[str]]]]:
    return docx_tables


@pytest.fixture
def read_xlsx() -> Callable[[Path], dict[str, list[list[Any]]]]:
    return xlsx_tables


@pytest.fixture
def fill_store() -> Callable[..., None]:
    """`fill_store(con, register, **tables)`: the stored tables in a given (e.g. snapshot) connection."""
    return build_store
