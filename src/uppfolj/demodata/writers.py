"""Incremental writers: CSV appended chunk by chunk, XLSX streamed row by row (constant memory).

Both are byte-for-byte reproducible: CSV has no timestamps, and the XLSX document properties carry a fixed
creation time (XlsxWriter already stamps its zip members with a fixed date).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

import xlsxwriter

from uppfolj.demodata.formats import FileFormat

#: the creation time written into every XLSX (a fixed value keeps the files identical run to run)
XLSX_CREATED = dt.datetime(2025, 1, 15, 8, 0, 0)


class TableWriter:
    """Write one table's file; `write(rows)` may be called many times."""

    def __init__(self, folder: Path, fmt: FileFormat) -> None:
        self.fmt = fmt
        self.path = folder / fmt.file
        self.rows = 0
        self._fh: IO[str] | None = None
        self._book: xlsxwriter.Workbook | None = None
        if fmt.kind == "csv":
            self._fh = open(self.path, "w", encoding=fmt.encoding, newline="")  # noqa: SIM115 (closed in close())
            self._csv = csv.writer(self._fh, delimiter=fmt.delimiter, lineterminator="\r\n")
            self._csv.writerow(fmt.headers)
        else:
            self._book = xlsxwriter.Workbook(str(self.path), {"constant_memory": True})
            self._book.set_properties({"created": XLSX_CREATED, "author": "uppfolj demodata"})
            self._sheet = self._book.add_worksheet("Export")
            self._date = self._book.add_format({"num_format": "yyyy-mm-dd"})
            self._bold = self._book.add_format({"bold": True})
            for col, header in enumerate(fmt.headers):
                self._sheet.write_string(0, col, header, self._bold)
            self._sheet.set_column(0, len(fmt.headers) - 1, 16)

    def write(self, rows: Iterable[list[object]]) -> None:
        if self._fh is not None:
            for row in rows:
                self._csv.writerow(row)
                self.rows += 1
            return
        for row in rows:
            self.rows += 1
            for col, value in enumerate(row):
                self._cell(self.rows, col, value)

    def _cell(self, r: int, c: int, value: object) -> None:
        if value is None or value == "":
            return
        if isinstance(value, dt.date):
            self._sheet.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), self._date)
        elif isinstance(value, bool):
            self._sheet.write_string(r, c, str(value))
        elif isinstance(value, int | float):
            self._sheet.write_number(r, c, value)
        else:
            self._sheet.write_string(r, c, str(value))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._book is not None:
            self._book.close()
            self._book = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
