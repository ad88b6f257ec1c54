"""Generate `docs/cli.md`, the command reference, from the commands' own `--help` (run `make docs`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import typer
from typer.main import get_command
from typer.testing import CliRunner

HEADER = """# Kommandoreferens

Genererad från kommandonas egen hjälptext (`uppfolj KOMMANDO --help`) av `make docs`; redigera inte för hand.
"""

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _commands(app: typer.Typer) -> list[list[str]]:
    root = get_command(app)
    out: list[list[str]] = []

    def walk(cmd: object, path: list[str]) -> None:
        sub = getattr(cmd, "commands", None)
        if path:
            out.append(path)
        if isinstance(sub, dict):
            for name in sorted(sub):
                walk(sub[name], [*path, name])

    walk(root, [])
    return out


def render(app: typer.Typer) -> str:
    runner = CliRunner()
    env = {"COLUMNS": "100", "TERMINAL_WIDTH": "100", "NO_COLOR": "1", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    parts = [HEADER]
    for path in [[], *_commands(app)]:
        result = runner.invoke(app, [*path, "--help"], env=env, terminal_width=100)
        text = _ANSI.sub("", result.output).rstrip()
        text = "\n".join(line.rstrip() for line in text.splitlines())
        title = "uppfolj " + " ".join(path) if path else "uppfolj"
        parts.append(f"## `{title}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def main() -> None:
    from uppfolj.cli import build_app

    os.environ.setdefault("COLUMNS", "100")
    target = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
    target.write_text(render(build_app()), encoding="utf-8")
    print(f"Skrev {target}")


if __name__ == "__main__":
    main()
