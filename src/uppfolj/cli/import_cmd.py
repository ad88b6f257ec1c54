"""`uppfolj import MAPP`: import the export files of a folder into the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uppfolj.cli.common import ArbetsytaOption, console, workspace


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        mapp: Annotated[
            Path, typer.Argument(help="Mappen med exportfilerna (en fil per tabell, CSV eller XLSX).")
        ],
        tillagg: Annotated[
            bool,
            typer.Option(
                "--tillagg",
                help="Lägg till i de lagrade tabellerna (nyare rad vinner per nyckel) i stället för att ersätta dem.",
            ),
        ] = False,
        kalla: Annotated[
            str | None,
            typer.Option(
                "--kalla",
                help="Källsystem vars rubrikmappning (leverantorer i uppfolj.yaml) används; standard: alla.",
            ),
        ] = None,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Importera exportfiler: kontrollera, pseudonymisera personnummer och lagra allt eller inget."""
        from uppfolj.importing import run_import
        from uppfolj.importing.summary import print_summary

        ws = workspace(arbetsyta)
        result = run_import(ws, mapp, merge=tillagg, system=kalla, console=console)
        print_summary(console, result)
