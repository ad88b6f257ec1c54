"""`uppfolj demodata`: write the synthetic municipality's export files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from uppfolj import fmt
from uppfolj.cli.common import console
from uppfolj.demodata import generate
from uppfolj.demodata.model import DEFAULT_HOUSEHOLDS

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 50


def register(app: typer.Typer) -> None:
    @app.command("demodata")
    def demodata(
        ut: Annotated[
            Path, typer.Option("--ut", help="Mapp som exportfilerna skrivs till.", show_default=False)
        ],
        hushall: Annotated[
            int, typer.Option("--hushall", help="Antal olika biståndshushåll under hela perioden.")
        ] = DEFAULT_HOUSEHOLDS,
        fran: Annotated[str, typer.Option("--fran", help="Första månad (ÅÅÅÅ-MM).")] = "2019-01",
        till: Annotated[str, typer.Option("--till", help="Sista månad (ÅÅÅÅ-MM).")] = "2024-12",
        seed: Annotated[int, typer.Option("--seed", help="Slumpfrö: samma frö ger identiska filer.")] = 1,
        smutsig: Annotated[
            bool,
            typer.Option(
                "--smutsig",
                help="Plantera kända fel och skriv de förväntade avvisningarna i forvantade_fel.json.",
            ),
        ] = False,
    ) -> None:
        """Skapa en syntetisk kommun: alla tabeller i exportkontraktet, med planterade effekter (facit.json)."""
        with Progress(
            TextColumn("Genererar hushåll"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as bar:
            task = bar.add_task("hushall", total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            summary = generate(
                ut, households=hushall, start=fran, end=till, seed=seed, dirty=smutsig, progress=step
            )
        console.print(
            f"Skrev {len(summary.files)} filer till {summary.out_dir}: {fmt.number(summary.households)} hushåll, "
            f"i snitt {fmt.number(summary.households_per_month)} hushåll med utbetalning per månad, "
            f"{fmt.number(summary.insatser)} insatser."
        )
        for name, rows in sorted(summary.rows.items()):
            console.print(f"  {name}: {fmt.number(rows)} rader")
        console.print("Planterade effekter: facit.json och facit_insatser.csv.")
        if smutsig:
            console.print("Planterade fel: forvantade_fel.json.")
