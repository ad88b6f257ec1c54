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


@pytest.fixture
def full_store(store: Callable[..., duckdb.DuckDBPyConnection]) -> duckdb.DuckDBPyConnection:
    """A small store with every table the four reports read: payments 2023-01 … 2024-09 for eleven
    households, insatser, SoL decisions and ekonomi."""
    register, tables = full_data()
    return store(register, **tables)


def full_data() -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    """The register and tables of `full_store`."""
    months = [f"{y}-{m:02d}-01" for y in (2023, 2024) for m in range(1, 13)][:21]  # 2023-01 … 2024-09
    payments = [
        {
            "hushall_id": f"h{i}",
            "manad": mon,
            "sokande_id": f"p{i}",
            "antal_barn": i % 3,
            "belopp": 4000 + 100 * i,
        }
        for i in range(1, 12)
        for mon in months
    ]
    insatser = [
        {
            "insats_id": f"i{i}",
            "person_id": f"p{i}",
            "insatstyp": "Praktik" if i % 2 else "Arbetsträning",
            "enhet": "Verkstan" if i % 3 else "Caféet",
            "arendetyp": "EB" if i % 2 else "AF",
            "start_datum": f"2023-0{1 + i % 8}-01",
            "slut_datum": "2024-02-15" if i % 4 else None,
            "avslutsorsak": "arbete_utan_stod" if i % 4 else None,
        }
        for i in range(1, 12)
    ]
    sol = [
        {
            "beslut_id": f"B{i}",
            "person_id": f"p{i}",
            "beslut_datum": f"2024-0{1 + i % 5}-10",
            "insatstyp": "Sysselsättning",
        }
        for i in range(1, 8)
    ]
    sol[0]["erbjudande_datum"] = "2024-10-02"  # the data reach past the quarter's end
    ekonomi = [
        {"manad": mon, "verksamhet": "Ekonomiskt bistånd", "budget": 50_000, "utfall": 48_000}
        for mon in months
    ]
    register = {f"p{i}": "K" if i % 2 else "M" for i in range(1, 12)}
    return register, {
        "bistand_manad": payments,
        "insatser": insatser,
        "sol_beslut": sol,
        "ekonomi": ekonomi,
    }


@pytest.fixture
def full_tables() -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    return full_data()


#: households of the demo municipality the document tests render (small: the reports, not the figures,
#: are under test)
DEMO_HOUSEHOLDS = 600


@pytest.fixture(scope="session")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `rapporter/` folder of a demo workspace made by every registered demo step (`uppfolj demo`)."""
    import io

    from rich.console import Console

    from uppfolj import workspace
    from uppfolj.demo import DemoContext, steps

    root = tmp_path_factory.mktemp("demo") / "arbetsyta"
    ws = workspace.create(root, kommun_namn="Demokommun", kommun_kod="0000")
    ctx = DemoContext(ws, root / "export", Console(file=io.StringIO()), households=DEMO_HOUSEHOLDS)
    for step in steps():
        step.run(ctx)
    return ws.reports_dir
