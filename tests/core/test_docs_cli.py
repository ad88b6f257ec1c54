"""docs/cli.md is generated from the commands' own help and must be current (run `make docs`)."""

from __future__ import annotations

from pathlib import Path

from uppfolj.cli import build_app
from uppfolj.docs_cli import _commands, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_command_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(build_app()), "docs/cli.md is stale: run `make docs`"


def test_every_command_is_in_the_reference_and_the_user_guide_names_the_families() -> None:
    text = DOC.read_text(encoding="utf-8")
    guide = (DOC.parent / "anvandarguide.md").read_text(encoding="utf-8")
    for path in _commands(build_app()):
        assert f"## `uppfolj {' '.join(path)}`" in text
        # every top-level command family is explained in the Swedish user guide
        assert f"uppfolj {path[0]}" in guide, path[0]
