"""Options and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from uppfolj.workspace import Workspace, open_workspace

console = Console(highlight=False)
console_err = Console(stderr=True, highlight=False)

ArbetsytaOption = Annotated[
    Path | None,
    typer.Option(
        "--arbetsyta",
        "-a",
        help="Arbetsytans mapp (standard: miljövariabeln UPPFOLJ_ARBETSYTA, annars ./uppfolj-data).",
        show_default=False,
    ),
]


def workspace(path: Path | None) -> Workspace:
    return open_workspace(path)
