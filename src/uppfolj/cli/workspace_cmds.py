"""`uppfolj init` and `uppfolj status`."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from uppfolj import fmt, workspace
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.status import store_status

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 10


class StatusFormat(StrEnum):
    tabell = "tabell"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init(
        mapp: Annotated[
            Path | None, typer.Argument(help="Mapp för den nya arbetsytan (standard: --arbetsyta).")
        ] = None,
        arbetsyta: ArbetsytaOption = None,
        kommun: Annotated[str | None, typer.Option(help="Kommunens namn.")] = None,
        kommunkod: Annotated[str | None, typer.Option(help="Kommunens officiella kod, fyra siffror.")] = None,
    ) -> None:
        """Skapa en arbetsyta: inställningar, hemlig nyckel och datalager."""
        root = mapp or workspace.resolve_path(arbetsyta)
        ws = workspace.create(root, kommun_namn=kommun, kommun_kod=kommunkod)
        console.print(f"Arbetsytan är skapad i [bold]{ws.root}[/].")
        console.print(f"  Inställningar: {ws.root / workspace.CONFIG_FILE}")
        console.print(f"  Nyckel (endast läsbar för dig, säkerhetskopiera den): {ws.key_path}")
        console.print(f"Nästa steg: [bold]uppfolj import MAPP --arbetsyta {ws.root}[/]")

    @app.command("status")
    def status(
        arbetsyta: ArbetsytaOption = None,
        format: Annotated[StatusFormat, typer.Option("--format", help="Utformat.")] = StatusFormat.tabell,
    ) -> None:
        """Visa datalagrets tabeller med dataslut och de senaste importerna."""
        ws = workspace.open_workspace(arbetsyta)
        data = store_status(ws)
        if format is StatusFormat.json:
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        tab = Table(title=f"Datalager ({ws.config.kommun_namn}), ögonblicksbild {data['ogonblick']}")
        tab.add_column("Tabell")
        tab.add_column("Rader", justify="right")
        tab.add_column("Dataslut")
        for name, info in data["tabeller"].items():
            tab.add_row(name, fmt.number(info["rader"]), info["dataslut"] or "–")
        console.print(tab)
        imp = Table(title="Importer")
        for col in ("Tid", "Användare", "Fil", "Tabell", "Lästa", "Lagrade", "Avvisade"):
            imp.add_column(col, justify="right" if col in ("Lästa", "Lagrade", "Avvisade") else "left")
        for entry in data["importer"][-10:]:
            for f in entry["filer"]:
                imp.add_row(
                    entry["tid"],
                    entry["anvandare"],
                    f["fil"],
                    f["tabell"] or "–",
                    fmt.number(f["lasta"]),
                    fmt.number(f["lagrade"]),
                    fmt.number(f["avvisade"]),
                )
        console.print(imp)
        if data["importer"]:
            latest = data["importer"][-1]
            found = latest["leveranskontroll"]
            if found:
                console.print(
                    f"[yellow]Leveranskontroll vid import {latest['import_nr']}: {len(found)} avvikelser[/]"
                )
                for text in found:
                    console.print(f"  {text}")
            else:
                console.print(f"Leveranskontroll vid import {latest['import_nr']}: inga avvikelser.")
