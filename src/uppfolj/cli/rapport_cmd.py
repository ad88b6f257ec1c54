"""`uppfolj rapport ...`: the committee reports, each written as DOCX + XLSX into the workspace's rapporter/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uppfolj import workspace
from uppfolj.cli.common import ArbetsytaOption, console

if TYPE_CHECKING:
    from uppfolj.reports.context import ReportContext

Writer = Callable[["ReportContext", str, Path], list[Path]]


def _run(arbetsyta: Path | None, label: str, writer: Writer) -> None:
    from uppfolj.reports.context import ReportContext

    ws = workspace.open_workspace(arbetsyta)
    with console.status("Skriver rapporten …"), ws.store().connect() as con:
        paths = writer(ReportContext.for_workspace(ws, con), label, ws.reports_dir)
    console.print("Skrev:")
    for path in paths:
        console.print(f"  {path}")


def register(app: typer.Typer) -> None:
    rapport = typer.Typer(help="Nämndrapporter i Word och Excel.", no_args_is_help=True)
    app.add_typer(rapport, name="rapport")

    @rapport.command("ej-verkstallda")
    def ej_verkstallda_cmd(
        kvartal: Annotated[str, typer.Option("--kvartal", help="Kvartal ÅÅÅÅ-QN, t.ex. 2024-Q3.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Ej verkställda beslut enligt SoL: nämndrapport (offentlig) och arbetslista per beslut (sekretess)."""
        from uppfolj.reports import ej_verkstallda
        from uppfolj.reports.context import ReportContext
        from uppfolj.reports.ej_verkstallda.worklist import CONFIDENTIAL

        ws = workspace.open_workspace(arbetsyta)
        with console.status("Skriver rapporten …"), ws.store().connect() as con:
            products = ej_verkstallda.write_products(
                ReportContext.for_workspace(ws, con), kvartal, ws.reports_dir
            )
        console.print(
            "Nämndrapport till nämnden och kommunfullmäktige (offentlig, kan läggas i protokollet):"
        )
        for path in products.committee:
            console.print(f"  {path}", soft_wrap=True)
        console.print(
            f"Arbetslista, en rad per beslut, för förvaltningen och IVO:s e-tjänst ({CONFIDENTIAL}; "
            "bifoga den inte till protokollet):"
        )
        for path in products.worklist:
            console.print(f"  {path}", soft_wrap=True)

    @rapport.command("manad")
    def manad_cmd(
        manad: Annotated[str, typer.Option("--manad", help="Månad ÅÅÅÅ-MM, t.ex. 2024-09.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Månadsrapport: budgetuppföljning med prognos, hushåll, rullande kostnad, nyckeltal och insatser."""
        from uppfolj.reports import manad as report

        _run(arbetsyta, manad, report.write)

    @rapport.command("utbildningsniva")
    def utbildningsniva_cmd(
        ar: Annotated[str, typer.Option("--ar", help="År ÅÅÅÅ, t.ex. 2023.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Genomlysning av deltagarnas tid i insats, utbildningsnivå och placeringar, per kön."""
        from uppfolj.reports import utbildningsniva as report

        _run(arbetsyta, ar, report.write)

    @rapport.command("ar")
    def ar_cmd(
        ar: Annotated[str, typer.Option("--ar", help="År ÅÅÅÅ, t.ex. 2024.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Årsredovisningens tabeller: målredovisning, nämndindikatorer, volymmått, ekonomi och Kolada."""
        from uppfolj.reports import ar as report

        _run(arbetsyta, ar, report.write)
