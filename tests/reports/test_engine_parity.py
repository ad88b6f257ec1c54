"""Every figure in every generated document equals the indicator engine's published value.

Each report is built as a model; every `Figure` cell carries its reference into the engine's result
(indikator, period, kon, grupptyp, grupp). The test asks the engine itself for each referenced value
(`compute(..., publish=True)`, one call per indicator and period) and checks the cell as read back from the
DOCX (python-docx, the Swedish text) and from the XLSX (openpyxl, the number, or `..` / `I.U.`), hidden
cells included.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pandas as pd
import pytest
from docx import Document

from uppfolj import fmt
from uppfolj.indicators import compute
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.outputs.model import Chart, Column, Figure, Report, Table, display
from uppfolj.outputs.write import write_report
from uppfolj.reports.ar import make as ar
from uppfolj.reports.context import ReportContext
from uppfolj.reports.manad import make as manad
from uppfolj.reports.utbildningsniva import make as utbildningsniva
from uppfolj.workspace import Config

#: ej verkställda is not here: its figures are counted from the quarter's list of decisions with the totals
#: the law requires public (tests/reports/test_ej_verkstallda.py checks them by hand and against the engine)
BUILDERS = {
    "manad": (lambda ctx: manad.build(ctx, "2024-09")),
    "ar": (lambda ctx: ar.build(ctx, "2023")),
    "utbildningsniva": (lambda ctx: utbildningsniva.build(ctx, "2023")),
}


class Engine:
    """The engine's published values, asked for one (indicator, period) at a time."""

    def __init__(self, con: duckdb.DuckDBPyConnection, config: Config) -> None:
        self.con, self.config = con, config
        self.cache: dict[tuple[str, str], pd.DataFrame] = {}

    def value(self, ref: tuple[str, str, str, str, str]) -> tuple[float | None, bool]:
        indicator, period, kon, grupptyp, grupp = ref
        if indicator not in CATALOGUE:
            return None, False
        key = (indicator, period)
        if key not in self.cache:
            self.cache[key] = compute(
                self.con, periods=[period], indicators=[indicator], config=self.config, publish=True
            )
        f = self.cache[key]
        same = f[(f["kon"] == kon) & (f["grupptyp"] == grupptyp)]
        rows = same[same["grupp"].astype(str) == grupp]
        if rows.empty:
            return self._absent(f, kon, grupptyp, grupp, same, CATALOGUE[indicator]), False
        row = rows.iloc[0]
        if int(row["undertryckt"]):
            return None, True
        return (None if pd.isna(row["varde"]) else float(row["varde"])), False

    @staticmethod
    def _absent(
        f: pd.DataFrame, kon: str, grupptyp: str, grupp: str, same: pd.DataFrame, definition: Any
    ) -> float | None:
        """A group with no row in a computed breakdown: nobody in it, so a count is 0, a share within a
        group that has persons of this sex is 0 %, and any other ratio has nothing to be computed from."""
        total = f[(f["kon"] == kon) & (f["grupptyp"] == "")]
        computed = not total.empty and (total["varde"].notna().any() or (total["undertryckt"] == 1).any())
        if not grupptyp or not computed:
            return None
        if not definition.figure.is_ratio:
            return 0.0
        if definition.shares_within_group:
            base = grupp.split("×")[0] + "×" if "×" in grupp else ""
            if same["grupp"].astype(str).str.startswith(base).any():
                return 0.0
        return None


def _tables(report: Report) -> list[tuple[int, Table]]:
    """(section index, table) in document order; charts carry no Figure cells in the Word document."""
    return [(i, b) for i, s in enumerate(report.sections) for b in s.blocks if isinstance(b, Table)]


def _xlsx_tables(path: Path, report: Report) -> list[list[list[Any]]]:
    """The XLSX tables that correspond to the model's tables (a chart's extra data table skipped)."""
    wb = openpyxl.load_workbook(path)
    out = []
    for i, section in enumerate(report.sections):
        ws = wb.worksheets[i + 1]
        found = sorted(ws.tables.values(), key=lambda t: int(t.name.removeprefix("Tabell")))
        blocks = [b for b in section.blocks if isinstance(b, Table | Chart)]
        assert len(found) == len(blocks)
        for table, block in zip(found, blocks, strict=True):
            if isinstance(block, Table):
                out.append([[c.value for c in row] for row in ws[table.ref]])
    return out


@pytest.mark.parametrize("threshold", [0, 4])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_documents_equal_the_engine(
    full_store: duckdb.DuckDBPyConnection, tmp_path: Path, name: str, threshold: int
) -> None:
    config = Config(smatal_grans=threshold)
    report = BUILDERS[name](ReportContext(full_store, config, "000001", dt.date(2024, 10, 10)))
    docx_path, xlsx_path = write_report(report, tmp_path)
    # the first is the title page, the last the appendix of definitions
    doc_tables = Document(str(docx_path)).tables[1:-1]
    tables = _tables(report)
    assert len(doc_tables) == len(tables)
    xl_tables = _xlsx_tables(xlsx_path, report)
    engine = Engine(full_store, config)
    checked = hidden = 0
    for (_, table), doc_table, xl_table in zip(tables, doc_tables, xl_tables, strict=True):
        doc_rows = [[c.text for c in r.cells] for r in doc_table.rows][1:]
        for r, row in enumerate(table.rows):
            for c, (cell, col) in enumerate(zip(row, table.columns, strict=True)):
                if not isinstance(cell, Figure) or cell.ref is None:
                    continue
                value, is_hidden = engine.value(cell.ref)
                expected = Figure(
                    None if value is None else value / cell.scale, is_hidden, cell.kind, cell.decimals
                )
                assert doc_rows[r][c] == display(expected, col), (name, table.title, cell.ref)
                got = xl_table[r + 1][c]
                if is_hidden:
                    assert got == fmt.HIDDEN
                    hidden += 1
                elif value is None:
                    assert got == fmt.NO_DATA
                else:
                    # a share is stored as a fraction (Excel's % format shows it as a percentage)
                    share = (cell.kind or col.kind) == "percent"
                    expected_number = value / cell.scale / (100 if share else 1)
                    assert math.isclose(got, expected_number, rel_tol=1e-9), (name, cell.ref, got, value)
                checked += 1
    assert checked > 0
    if threshold == 4 and name != "ar":
        assert hidden > 0  # small numbers in this store: protection shows in the documents


def test_display_of_a_hidden_figure_is_never_zero() -> None:
    assert display(Figure(None, hidden=True), Column("x", "count")) == ".."
    assert display(Figure(None), Column("x", "count")) == "I.U."
