"""Write one report as both DOCX and XLSX (same content) into a folder and return the paths."""

from __future__ import annotations

from pathlib import Path

from uppfolj.outputs.docx_writer import write_docx
from uppfolj.outputs.model import Report
from uppfolj.outputs.xlsx_writer import write_xlsx


def write_report(report: Report, folder: Path, template: Path | None = None) -> list[Path]:
    """`template`: the municipality's Word reference document (`outputs.template.template_path`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_docx(report, folder / f"{report.stem}.docx", template),
        write_xlsx(report, folder / f"{report.stem}.xlsx"),
    ]
