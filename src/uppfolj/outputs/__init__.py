"""Committee documents: a small report model and the writers that turn it into DOCX and XLSX.

`model` holds the report structure (title page, sections, tables, charts, footnotes); `docx_writer` and
`xlsx_writer` write it; `charts` draws the PNG images; `tables` builds report tables from the indicator
engine's result frame. Reports in `uppfolj.reports` only assemble a `Report` and call `write_report`.
"""

from __future__ import annotations

from uppfolj.outputs.model import (
    Chart,
    Column,
    Figure,
    Paragraph,
    Report,
    Section,
    Source,
    Status,
    Table,
)
from uppfolj.outputs.write import write_report

__all__ = [
    "Chart",
    "Column",
    "Figure",
    "Paragraph",
    "Report",
    "Section",
    "Source",
    "Status",
    "Table",
    "write_report",
]
