"""Every `uppfolj rapport` command is described in docs/rapporter.md (the commands are the registry's:
tests/core/test_registries.py checks both against `uppfolj.reports.registry.reports()`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from uppfolj.cli import rapport_cmd


def test_every_report_command_is_documented() -> None:
    app = typer.Typer()
    rapport_cmd.register(app)
    group: Any = typer.main.get_group(app).commands["rapport"]
    names = sorted(group.commands)
    assert names == ["ar", "ej-verkstallda", "manad", "utbildningsniva"]
    text = (Path(__file__).parents[2] / "docs" / "rapporter.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`uppfolj rapport {name} " in text, name
