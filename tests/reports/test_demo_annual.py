"""The demo's yearly report shows every section: demo step 47 gives a small hand-built workspace its
budgeted volumes, Kolada values (marked as generated for the demo), a control plan with results and an
action plan, and the årsredovisning written for the workspace carries them all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from rich.console import Console

from uppfolj import workspace
from uppfolj.demo import DemoContext
from uppfolj.kolada.report import DEMO_NOTE
from uppfolj.reports.ar import make as ar
from uppfolj.reports.context import ReportContext
from uppfolj.reports.demo_annual import annual_inputs


def test_demo_yearly_report_has_every_section(
    tmp_path: Path, fill_store: Callable[..., None], full_tables: Any
) -> None:
    register, tables = full_tables
    ws = workspace.create(tmp_path / "ws", kommun_namn="Demokommun")
    tables["ansokningar"] = [
        {
            "ansokan_id": f"a{i}",
            "hushall_id": f"h{i % 11 + 1}",
            "inkom_datum": f"2023-{i % 12 + 1:02d}-05",
            "beslut_datum": f"2023-{i % 12 + 1:02d}-15",
            "beslut": "bifall",
            "kanal": "e_tjanst" if i % 3 else "papper",
        }
        for i in range(60)
    ]
    tables["befolkning"] = [{"ar": y, "kon": "T", "antal": 1000} for y in (2022, 2023)]
    with ws.store().new_snapshot(copy_from_current=True) as con:
        fill_store(con, register, **tables)
    annual_inputs(DemoContext(ws, tmp_path / "export", Console(quiet=True)))

    assert (ws.root / "internkontroll.yaml").exists() and (ws.root / "atgardsplan.csv").exists()
    with ws.store().connect() as con:
        path = ar.write(ReportContext.for_workspace(ws, con), "2023", ws.reports_dir)[0]
    text = [p.text for p in Document(str(path)).paragraphs]
    for title in ("Åtgärdsplan för ekonomi i balans", "Internkontroll", "Jämförelse med andra kommuner"):
        assert title in text, title
    assert DEMO_NOTE in text
    assert any(
        p.startswith("I kontrollen Korrekta uppgifter i ansökan om ekonomiskt bistånd var ") for p in text
    )
    # the own municipality's key figure from its data: 11 households × 12 months × (4 000 + 100 i) kr paid
    # in 2023 = 12 × (44 000 + 6 600) = 607 200 kr over 1 000 inhabitants = 607 kr per inhabitant
    assert any("Kostnad för ekonomiskt bistånd, kr/inv 2023: Demokommun hade 607 kr" in p for p in text), text
