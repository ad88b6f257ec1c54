"""`uppfolj texter`: write a report and show its analysis texts (drafted or the analyst's own), which live
in the workspace's `texter/<report>.yaml` (`uppfolj.outputs.texts`, docs/rapporter.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uppfolj import workspace
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.errors import UppfoljError
from uppfolj.reports.registry import ReportType, reports

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 90


def report_type(name: str) -> ReportType:
    """The report `uppfolj rapport <name>` writes."""
    report = reports().get(name)
    if report is None:
        raise UppfoljError(f"Rapporten {name!r} finns inte. Välj bland {', '.join(reports())}.")
    return report


def show(arbetsyta: Path | None, rapport: str, period: str) -> None:
    from uppfolj.outputs.texts import TextStore
    from uppfolj.reports.context import ReportContext

    report = report_type(rapport)
    ws = workspace.open_workspace(arbetsyta)
    with console.status("Skriver rapporten …"), ws.store().connect() as con:
        paths = report.write(ReportContext.for_workspace(ws, con), period, ws.reports_dir)
    stem = paths[0].stem
    console.print(f"Skrev {paths[0]} och {paths[1].name}.")
    store = TextStore.for_workspace(ws.root)
    texts = store.load(stem)
    if not texts:
        console.print(f"Rapporten {stem} har inga analystexter.")
        return
    console.print(f"\nTexterna finns i {store.path(stem)}:")
    for t in texts.values():
        console.print(f"\n[bold]{t.section} ({t.key})[/bold], {t.status}:\n{t.text}", highlight=False)
    console.print(
        "\nSkriv din egen text under `text` och sätt `status: skriven` i filen, eller använd sidan "
        "Rapporttexter i webben. Skapa sedan rapporten igen, så används texten."
    )


def register(app: typer.Typer) -> None:
    @app.command("texter")
    def texter_cmd(
        rapport: Annotated[str, typer.Option("--rapport", help=f"Rapporten: {', '.join(reports())}.")],
        period: Annotated[
            str, typer.Option("--period", help="Rapportens period, t.ex. 2024-09, 2024-Q3 eller 2024.")
        ],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Skriv rapporten och visa dess analystexter; utkasten fylls i filen texter/<rapport>.yaml."""
        show(arbetsyta, rapport, period)
