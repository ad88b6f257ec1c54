"""Every demo report as a reader gets it, without rendering: the workbooks hold numbers as numbers, keep
their headers in view and name units; no document speaks developer (paths, ids, definition versions)
outside its appendix *Definitioner och underlag*."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from uppfolj.indicators.catalogue import CATALOGUE

pytestmark = pytest.mark.slow

APPENDIX = "Definitioner och underlag"
#: a number written as text: `1 621`, `−4 198`, `12,5`, `3 360 %` (a code with a leading zero, such as the
#: kommunkod `0180`, is text by right)
NUMBER_AS_TEXT = re.compile(
    r"^(?!0\d)(?:[−-]?\d{1,3}([ \u00a0]\d{3})*([,.]\d+)?[ \u00a0]?%?|[−-]?\d+([,.]\d+)?[ \u00a0]?%?)$"
)
#: what only a developer writes: a path, a file name, a snake_case name, a definition version
#: (a Kolada key figure's id, e.g. N31807, is how committees cite Kolada and is not a developer word)
DEVELOPER = re.compile(r"docs/|\.md\b|\.py\b|\b[a-zåäö]+_[a-zåäö0-9_]+\b|[Dd]efinition version")


def _workbooks(folder: Path) -> list[Path]:
    books = sorted(folder.rglob("*.xlsx"))  # the confidential worklist in sekretess/ too
    assert any(b.name.startswith("maluppfoljning-") for b in books)
    assert len(books) >= 5
    return books


def _header_cells(ws: Any) -> set[tuple[int, int]]:
    """(row, column) of the header cells of the sheet's Excel tables."""
    from openpyxl.utils.cell import range_boundaries

    out = set()
    for table in ws.tables.values():
        c1, r1, c2, _ = range_boundaries(table.ref)
        out |= {(r1, c) for c in range(c1, c2 + 1)}
    return out


def test_workbooks_hold_numbers_as_numbers_frozen_headers_and_units(demo_reports: Path) -> None:
    sheets = 0
    for book in _workbooks(demo_reports):
        wb = openpyxl.load_workbook(book)
        for ws in wb.worksheets:
            if ws.title == "Titel":
                continue
            numbers = any(isinstance(c.value, int | float) for row in ws.iter_rows() for c in row)
            if ws.tables or numbers:  # a data sheet (a sheet of text only, e.g. an analysis, is not)
                sheets += 1
                assert ws.freeze_panes is not None, (book.name, ws.title)
            headers = _header_cells(ws)
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and (cell.row, cell.column) not in headers:
                        assert not NUMBER_AS_TEXT.match(cell.value.strip()), (
                            book.name,
                            ws.title,
                            cell.coordinate,
                        )
                    if isinstance(cell.value, int | float) and "%" in cell.number_format:
                        # a share is a fraction (Excel shows 0,049 as 4,9 %), never 0–100 with a % format
                        assert -10 <= cell.value <= 10, (book.name, ws.title, cell.coordinate, cell.value)
                        label = f"{ws.cell(cell.row, 1).value} {ws.cell(cell.row, 2).value}"
                        header = _column_header(ws, cell, headers)
                        assert "%" in header or "%" in label, (book.name, ws.title, cell.coordinate)
            for table in ws.tables.values():
                names = [c.name for c in table.tableColumns]
                assert not any(re.fullmatch(r"Column\d+", n) for n in names), (book.name, names)
                if names[0] == "Verksamhet":  # ekonomi and action-plan tables: every column names its unit
                    assert all(n.endswith(("(tkr)", "(%)")) for n in names[1:]), names
    assert sheets >= 15


def _column_header(ws: Any, cell: Any, headers: set[tuple[int, int]]) -> str:
    rows = [r for r, c in headers if c == cell.column and r < cell.row]
    return str(ws.cell(max(rows), cell.column).value) if rows else ""


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = "\n".join(parts)
    body, _, appendix = text.partition(APPENDIX)
    assert appendix, f"{path.name} has no appendix {APPENDIX}"
    return body


def test_no_developer_words_outside_the_appendix(demo_reports: Path) -> None:
    ids = set(CATALOGUE)
    checked = 0
    for path in sorted(demo_reports.glob("*.docx")):
        text = _docx_text(path)
        assert not DEVELOPER.search(text), (path.name, DEVELOPER.search(text))
        assert not any(i in text for i in ids), path.name
        checked += 1
    for book in _workbooks(demo_reports):
        wb = openpyxl.load_workbook(book)
        for ws in wb.worksheets:
            if ws.title == APPENDIX:
                continue
            for row in ws.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, str):
                        assert not DEVELOPER.search(value), (book.name, ws.title, value)
    assert checked >= 4
