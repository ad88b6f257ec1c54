"""`uppfolj rapport ...`: the committee reports, each written as DOCX + XLSX into the workspace's rapporter/.

One command per report of `uppfolj.reports.registry.reports()`, with the period option its kind asks for; what
it prints about each product it writes (public or confidential) is the report's own declaration.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from uppfolj import workspace
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.reports.registry import ReportType, reports

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 80


def _run(arbetsyta: Path | None, label: str, report: ReportType) -> None:
    from uppfolj.reports.context import ReportContext

    ws = workspace.open_workspace(arbetsyta)
    with console.status("Skriver rapporten …"), ws.store().connect() as con:
        ctx = ReportContext.for_workspace(ws, con)
        products = report.write_products(ctx, label, ws.reports_dir)
    for product, paths in products:
        console.print(product.heading)
        for path in paths:
            console.print(f"  {path}", soft_wrap=True)


def _command(report: ReportType) -> Callable[..., None]:
    def command(period: str, arbetsyta: ArbetsytaOption = None) -> None:
        _run(arbetsyta, period, report)

    # the option is the report's own (`--manad`, `--kvartal`, `--ar`), so its annotation is set here
    command.__annotations__ = {
        "period": Annotated[str, typer.Option(report.option, help=report.option_help)],
        "arbetsyta": ArbetsytaOption,
        "return": None,
    }
    command.__doc__ = report.help
    return command


def register(app: typer.Typer) -> None:
    rapport = typer.Typer(help="Nämndrapporter i Word och Excel.", no_args_is_help=True)
    app.add_typer(rapport, name="rapport")
    for report in reports().values():
        rapport.command(report.key)(_command(report))
