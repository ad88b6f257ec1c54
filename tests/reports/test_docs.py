"""Every `uppfolj rapport` command is described in docs/rapporter.md."""

from __future__ import annotations

from pathlib import Path

import typer

from uppfolj.cli import rapport_cmd


def test_every_report_command_is_documented() -> None:
    app = typer.Typer()
    rapport_cmd.register(app)
    group = typer.main.get_group(app)
    names = sorted(group.commands["rapport"].commands)  # type: ignore[attr-defined]
    assert names == ["ar", "ej-verkstallda", "manad", "utbildningsniva"]
    text = (Path(__file__).parents[2] / "docs" / "rapporter.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`uppfolj rapport {name} " in text, name
