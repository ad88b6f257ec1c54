"""`uppfolj mappning ...`: mapping files for a municipality's own export shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uppfolj.cli.common import ArbetsytaOption, console, workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 30


def register(app: typer.Typer) -> None:
    mappning = typer.Typer(help="Mappningsfiler för kommunens egna exportfiler.", no_args_is_help=True)
    app.add_typer(mappning, name="mappning")

    @mappning.command("foresla")
    def foresla(
        mapp: Annotated[Path, typer.Argument(help="Mappen med kommunens exportfiler.")],
        namn: Annotated[
            str, typer.Option("--namn", help="Mappningens namn: skrivs till mappningar/NAMN.yaml.")
        ] = "forslag",
        skriv_over: Annotated[
            bool, typer.Option("--skriv-over", help="Ersätt en befintlig mappning med samma namn.")
        ] = False,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Föreslå en mappningsfil utifrån filernas rubriker och värden; varje gissning märks GRANSKA."""
        from uppfolj.errors import UppfoljError
        from uppfolj.importing.mapping import mapping_path, parse_mapping
        from uppfolj.importing.propose import propose

        ws = workspace(arbetsyta)
        target = mapping_path(ws.root, namn)
        if target.exists() and not skriv_over:
            raise UppfoljError(
                f"Mappningen {target} finns redan. Välj ett annat namn med --namn eller ange --skriv-over."
            )
        text = propose(mapp)
        parse_mapping(text, target, namn)  # the proposal is a valid mapping as written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        reviews = text.count("GRANSKA") - 1
        console.print(f"Skrev förslaget {target} med {reviews} rader att granska (märkta GRANSKA).")
        console.print(f"Provkör det med `uppfolj import {mapp} --mappning {namn} --provkor`.")
