"""Write one report as both DOCX and XLSX (same content) into a folder and return the paths.

Every report goes through here, so this is where the analyst's written text replaces drafted paragraphs:
a report written into a workspace's `rapporter/` folder gets the texts of that workspace's `texter/`
(`uppfolj.outputs.texts`), and the texts it used are kept next to it (`<stem>-texter.yaml`).
"""

from __future__ import annotations

from pathlib import Path

from uppfolj.outputs.docx_writer import write_docx
from uppfolj.outputs.model import Report
from uppfolj.outputs.texts import TextStore, workspace_of, write_used
from uppfolj.outputs.xlsx_writer import write_xlsx


def write_report(report: Report, folder: Path, template: Path | None = None) -> list[Path]:
    """`template`: the municipality's Word reference document (`outputs.template.template_path`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    root = workspace_of(folder)
    if root is not None:
        report, used = TextStore.for_workspace(root).apply(report)
        if used:
            write_used(folder, report.stem, used)
    return [
        write_docx(report, folder / f"{report.stem}.docx", template),
        write_xlsx(report, folder / f"{report.stem}.xlsx"),
    ]
