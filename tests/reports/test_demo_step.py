"""Demo step 50 writes every report for the latest complete periods and lists their paths."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from uppfolj import workspace
from uppfolj.demo import DemoContext
from uppfolj.reports.demo_step import write_reports


def test_demo_step_writes_all_reports(
    tmp_path: Path, fill_store: Callable[..., None], full_tables: Any
) -> None:
    ws = workspace.create(tmp_path / "ws")
    register, tables = full_tables
    with ws.store().new_snapshot(copy_from_current=True) as con:
        fill_store(con, register, **tables)
    ctx = DemoContext(ws, tmp_path / "export", Console(file=io.StringIO()))
    write_reports(ctx)
    names = sorted(Path(path).name for _, path in ctx.results)
    # payments end 2024-09; decisions reach 2024-10-02 (so 2024-Q3 is complete); insatser end 2024-02-15,
    # so the latest whole year is 2023
    assert names == [
        "arsredovisning-2023.docx",
        "arsredovisning-2023.xlsx",
        "ej-verkstallda-2024-Q3-SEKRETESS-arbetslista.csv",
        "ej-verkstallda-2024-Q3-SEKRETESS-arbetslista.xlsx",
        "ej-verkstallda-2024-Q3.docx",
        "ej-verkstallda-2024-Q3.xlsx",
        "manadsrapport-2024-09.docx",
        "manadsrapport-2024-09.xlsx",
        "utbildningsniva-2023.docx",
        "utbildningsniva-2023.xlsx",
    ]
    assert all(Path(p).exists() for _, p in ctx.results)
    # the planned households for 2024: the 2023 mean per month, eleven households every month
    assert workspace.open_workspace(ws.root).config.ovrigt["budgeterade_hushall"] == {2024: 11}
