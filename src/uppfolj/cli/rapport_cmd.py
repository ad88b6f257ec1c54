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


#: `uppfolj rapport texter --rapport X`: the report commands by name and their module in uppfolj.reports
REPORT_MODULES = {
    "manad": "manad",
    "ej-verkstallda": "ej_verkstallda",
    "ar": "ar",
    "utbildningsniva": "utbildningsniva",
}


def _run(arbetsyta: Path | None, label: str, writer: Writer) -> list[Path]:
    from uppfolj.reports.context import ReportContext

    ws = workspace.open_workspace(arbetsyta)
    with console.status("Skriver rapporten …"), ws.store().connect() as con:
        paths = writer(ReportContext.for_workspace(ws, con), label, ws.reports_dir)
    console.print("Skrev:")
    for path in paths:
        console.print(f"  {path}")
    return paths


def _show_texts(arbetsyta: Path | None, stem: str) -> None:
    from uppfolj.outputs.texts import TextStore

    store = TextStore.for_workspace(workspace.open_workspace(arbetsyta).root)
    texts = store.load(stem)
    if not texts:
        console.print(f"Rapporten {stem} har inga analystexter.")
        return
    console.print(f"\nTexterna finns i {store.path(stem)}:")
    for t in texts.values():
        console.print(f"\n[bold]{t.section} ({t.key})[/bold], {t.status}:\n{t.text}", highlight=False)
    console.print(
        "\nSkriv din egen text under `text` och sätt `status: skriven` i filen (eller använd sidan "
        "Rapporttexter i webben). Skapa sedan rapporten igen, så används texten."
    )


def register(app: typer.Typer) -> None:
    rapport = typer.Typer(help="Nämndrapporter i Word och Excel.", no_args_is_help=True)
    app.add_typer(rapport, name="rapport")

    @rapport.command("ej-verkstallda")
    def ej_verkstallda_cmd(
        kvartal: Annotated[str, typer.Option("--kvartal", help="Kvartal ÅÅÅÅ-QN, t.ex. 2024-Q3.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Kvartalsrapport om ej verkställda beslut enligt SoL, med lista per beslut och CSV till IVO."""
        from uppfolj.reports import ej_verkstallda

        _run(arbetsyta, kvartal, ej_verkstallda.write)

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

    @rapport.command("texter")
    def texter_cmd(
        rapport_namn: Annotated[
            str, typer.Option("--rapport", help=f"Rapporten: {', '.join(REPORT_MODULES)}.")
        ],
        period: Annotated[
            str, typer.Option("--period", help="Rapportens period, t.ex. 2024-09, 2024-Q3, 2024.")
        ],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Skriv rapporten och visa dess analystexter: utkasten fylls i filen texter/<rapport>.yaml."""
        import importlib

        from uppfolj.errors import UppfoljError

        if rapport_namn not in REPORT_MODULES:
            raise UppfoljError(
                f"Rapporten {rapport_namn!r} finns inte. Välj bland {', '.join(REPORT_MODULES)}."
            )
        module = importlib.import_module(f"uppfolj.reports.{REPORT_MODULES[rapport_namn]}")
        paths = _run(arbetsyta, period, module.write)
        _show_texts(arbetsyta, paths[0].stem)

    @rapport.command("ar")
    def ar_cmd(
        ar: Annotated[str, typer.Option("--ar", help="År ÅÅÅÅ, t.ex. 2024.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Årsredovisningens tabeller: målredovisning, nämndindikatorer, volymmått, ekonomi och Kolada."""
        from uppfolj.reports import ar as report

        _run(arbetsyta, ar, report.write)
