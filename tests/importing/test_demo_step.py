"""The demo's import step (order 20) imports the export folder and reports where the rejects are."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from tests.importing.helpers import stored, write_csv
from uppfolj import demo
from uppfolj.demo import DemoContext
from uppfolj.workspace import Workspace


def test_import_step_is_registered_and_imports(ws: Workspace, export: Path) -> None:
    assert "uppfolj.importing.demo_step" in demo.step_modules()
    from uppfolj.importing.demo_step import import_demo

    step = next(s for s in demo._STEPS if s.name == "Import")
    assert step.order == 20 and step.run is import_demo

    write_csv(export, "befolkning.csv", [["ar", "kon", "antal"], ["2024", "T", "160000"], ["2024", "X", "1"]])
    out = io.StringIO()
    ctx = DemoContext(ws, export, Console(file=out, width=120))
    import_demo(ctx)
    assert stored(ws, "SELECT ar, kon, antal FROM befolkning") == [(2024, "T", 160000)]
    label, path = ctx.results[-1]
    assert label == "Avvisade rader från importen"
    assert Path(path) == ws.rejects_dir / "import-1.csv" and Path(path).exists()
    assert "befolkning.csv" in out.getvalue()
