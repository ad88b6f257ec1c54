"""`uppfolj demo`: create a workspace, generate the demo municipality and run every registered step."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from uppfolj import workspace
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.demo import DemoContext, steps
from uppfolj.errors import WorkspaceError

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 40


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        arbetsyta: ArbetsytaOption = None,
        hushall: Annotated[int, typer.Option(help="Antal hushåll i demokommunen.")] = 14000,
    ) -> None:
        """Skapa en demoarbetsyta med en syntetisk kommun och kör hela flödet."""
        root = workspace.resolve_path(arbetsyta)
        try:
            ws = workspace.open_workspace(root)
            console.print(f"Använder befintlig arbetsyta {root}.")
        except WorkspaceError:
            ws = workspace.create(root, kommun_namn="Demokommun", kommun_kod="0000")
            console.print(f"Skapade arbetsytan {root}.")
        ctx = DemoContext(ws, root / "export", console, households=hushall)
        ctx.results.append(("Arbetsyta", str(root)))
        for step in steps():
            started = time.perf_counter()
            console.rule(f"[bold]{step.name}")
            step.run(ctx)
            console.print(f"[dim]{step.name}: {time.perf_counter() - started:.1f} s[/]")
        console.rule("[bold]Klart")
        for label, value in ctx.results:
            console.print(f"[bold]{label}:[/] {value}")
