"""`uppfolj mal`: goal follow-up for a year, printed and written as XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uppfolj.cli.common import ArbetsytaOption, console, console_err, workspace
from uppfolj.errors import UppfoljError

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 170


def register(app: typer.Typer) -> None:
    @app.command("mal")
    def mal(
        ar: Annotated[
            int | None,
            typer.Option(
                "--ar",
                help="Året som följs upp (standard: det senaste hela året i datalagret).",
                show_default=False,
            ),
        ] = None,
        ut: Annotated[
            Path | None,
            typer.Option(
                "--ut",
                help="Excelfil att skriva måltabellen till (standard: rapporter/maluppfoljning-ÅR.xlsx).",
                show_default=False,
            ),
        ] = None,
        kontrollera: Annotated[
            bool,
            typer.Option("--kontrollera", help="Kontrollera bara målfilen och de manuella värdena."),
        ] = False,
        exempel: Annotated[
            bool,
            typer.Option(
                "--exempel",
                help="Kopiera demokommunens målfil och manuella värden till arbetsytan (skriver inte över).",
            ),
        ] = False,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Måluppföljning: nämndmål och indikatorer med målvärde och bedömning, ur arbetsytans mal.yaml och
        manuella_varden.csv."""
        from uppfolj.goals.followup import (
            default_xlsx,
            default_year,
            follow_up,
            goal_path,
            manual_path,
            title,
        )
        from uppfolj.goals.goalfile import load_goals
        from uppfolj.goals.manual import load_manual
        from uppfolj.goals.render import print_table
        from uppfolj.goals.samples import copy_samples
        from uppfolj.goals.xlsx import write_xlsx

        ws = workspace(arbetsyta)
        if exempel:
            for path in copy_samples(ws.root):
                console.print(f"Skrev {path}.")
            return
        if kontrollera:
            manual, manual_problems = load_manual(manual_path(ws))
            _, goal_problems = load_goals(goal_path(ws), manual.names)
            for p in manual_problems.warnings + goal_problems.warnings:
                console_err.print(f"[yellow]Varning:[/] {p}")
            console.print(f"{goal_path(ws)} och {manual_path(ws)} har inga fel.")
            return
        year = ar if ar is not None else default_year(ws)
        if not 1900 <= year <= 2100:
            raise UppfoljError(
                f"--ar {year} är inget rimligt år; skriv året med fyra siffror, t.ex. --ar 2024."
            )
        with console.status(f"Beräknar indikatorerna för {year - 2}–{year} …"):
            table, warnings = follow_up(ws, year)
        for p in warnings:
            console_err.print(f"[yellow]Varning:[/] {p}")
        print_table(console, table, title(ws, year))
        path = write_xlsx(table, ut or default_xlsx(ws, year), title(ws, year))
        console.print(f"Måltabellen skrevs till {path}.")
