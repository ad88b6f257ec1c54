"""`uppfolj rapport ...`: the committee reports, each written as DOCX + XLSX into the workspace's rapporter/.

One command per entry of `uppfolj.reports.registry.REPORTS`, with the period option its kind asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from uppfolj import workspace
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.reports.registry import REPORTS, ReportType


def _run(arbetsyta: Path | None, label: str, report: ReportType) -> None:
    from uppfolj.reports.context import ReportContext

    ws = workspace.open_workspace(arbetsyta)
    with console.status("Skriver rapporten …"), ws.store().connect() as con:
        ctx = ReportContext.for_workspace(ws, con)
        if report.worklist:
            products = report.load().write_products(ctx, label, ws.reports_dir)
        else:
            paths = report.write(ctx, label, ws.reports_dir)
    if not report.worklist:
        console.print("Skrev:")
        for path in paths:
            console.print(f"  {path}")
        return
    from uppfolj.reports.ej_verkstallda.worklist import CONFIDENTIAL

    console.print("Nämndrapport till nämnden och kommunfullmäktige (offentlig, kan läggas i protokollet):")
    for path in products.committee:
        console.print(f"  {path}", soft_wrap=True)
    console.print(
        f"Arbetslista, en rad per beslut, för förvaltningen och IVO:s e-tjänst ({CONFIDENTIAL}; "
        "bifoga den inte till protokollet):"
    )
    for path in products.worklist:
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
    for report in REPORTS.values():
        rapport.command(report.key)(_command(report))
