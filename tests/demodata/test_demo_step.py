"""The demo step generates into the demo's export folder and reports where the files are."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from uppfolj import demo, workspace
from uppfolj.demo import DemoContext
from uppfolj.demodata.demo_step import generate_demo_data


def test_demo_step_is_registered_first() -> None:
    assert "uppfolj.demodata.demo_step" in demo.step_modules()
    # only this module is imported: demo.steps() would import every feature's step
    step = next(s for s in demo._STEPS if s.name == "Demodata")
    assert step.order == 10
    assert DemoContext.__dataclass_fields__["households"].default == 14_000


def test_demo_step_writes_the_export(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws", kommun_namn="Demokommun", kommun_kod="0000")
    ctx = DemoContext(ws, tmp_path / "export", Console(file=None, quiet=True), households=300)
    generate_demo_data(ctx)
    assert (tmp_path / "export" / "bistand_manad.csv").exists()
    assert (tmp_path / "export" / "facit.json").exists()
    labels = dict(ctx.results)
    assert labels["Exportfiler (syntetiska)"] == str(tmp_path / "export")
