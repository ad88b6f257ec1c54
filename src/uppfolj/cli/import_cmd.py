"""`uppfolj import MAPP`: import the export files of a folder into the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uppfolj.cli.common import ArbetsytaOption, console, workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 20


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        mapp: Annotated[
            Path,
            typer.Argument(
                help="Mappen med exportfilerna (en fil per tabell, CSV eller XLSX; med en mappning flera filer per tabell)."
            ),
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
        mappning: Annotated[
            str | None,
            typer.Option(
                "--mappning",
                help="Mappningsfil mappningar/NAMN.yaml i arbetsytan: filnamn, kolumner, koder, konstanter "
                "och rader att hoppa över. Standard: mappning i uppfolj.yaml.",
            ),
        ] = None,
        provkor: Annotated[
            bool,
            typer.Option(
                "--provkor",
                help="Läs och kontrollera allt men lagra inget: visar en profil per fil, leveranskontrollen "
                "och skriver avvisade rader till avvisade/provkorning-*.csv.",
            ),
        ] = False,
        strikt: Annotated[
            bool,
            typer.Option(
                "--strikt",
                help="Avvisa leveransen (lagra inget) om leveranskontrollen hittar ändrade eller saknade "
                "månader eller förskjutna kodfördelningar.",
            ),
        ] = False,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Importera exportfiler: kontrollera, pseudonymisera personnummer och lagra allt eller inget."""
        from uppfolj.importing import run_import
        from uppfolj.importing.run import dry_run
        from uppfolj.importing.summary import print_dry_run, print_summary

        ws = workspace(arbetsyta)
        if provkor:
            print_dry_run(
                console, dry_run(ws, mapp, merge=tillagg, system=kalla, mapping=mappning, console=console)
            )
            return
        result = run_import(
            ws, mapp, merge=tillagg, system=kalla, mapping=mappning, strict=strikt, console=console
        )
        print_summary(console, result)
