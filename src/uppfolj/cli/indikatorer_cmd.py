"""`uppfolj indikatorer`: list the catalogue, or compute indicators for periods and store the run."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from uppfolj.cli.common import ArbetsytaOption, console, console_err
from uppfolj.errors import UppfoljError

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 60


class Format(StrEnum):
    tabell = "tabell"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class Per(StrEnum):
    manad = "manad"
    kvartal = "kvartal"
    tertial = "tertial"
    halvar = "halvar"
    ar = "ar"


class Motor(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


def _split(text: str | None) -> list[str] | None:
    if text is None:
        return None
    items = [t.strip() for t in text.split(",") if t.strip()]
    return items or None


def _print_catalogue() -> None:
    from uppfolj.indicators.catalogue import CATALOGUE, SECTION_NAMES

    section = None
    for ind in CATALOGUE.values():
        if ind.area != section:
            section = ind.area
            console.print(f"\n[bold]{SECTION_NAMES.get(section, section)}[/]")
        breakdown = "/".join(ind.kon)
        groups = f"; grupper: {', '.join(ind.grupptyper)}" if ind.grupptyper else ""
        console.print(f"[bold]{ind.id}[/] (v{ind.version}) {ind.name}  [{ind.unit}; kön {breakdown}{groups}]")
        console.print(f"    {ind.definition}")
        if ind.coverage_text:
            console.print(f"    [dim]{ind.coverage_text}[/]")


def _table(frame: object) -> Table:
    import pandas as pd

    from uppfolj.indicators.catalogue import CATALOGUE
    from uppfolj.indicators.output import shown_value

    assert isinstance(frame, pd.DataFrame)
    tab = Table()
    for col, justify in (("Indikator", "left"), ("Period", "left"), ("Kön", "left"), ("Grupp", "left")):
        tab.add_column(col, justify=justify)  # type: ignore[arg-type]
    tab.add_column("Värde", justify="right")
    for r in frame.itertuples(index=False):
        group = f"{r.grupptyp!s}: {r.grupp!s}" if r.grupptyp else ""
        name = CATALOGUE[str(r.indikator)].name if str(r.indikator) in CATALOGUE else str(r.indikator)
        tab.add_row(name, str(r.period), str(r.kon), group, shown_value(r.indikator, r.varde, r.undertryckt))
    return tab


def register(app: typer.Typer) -> None:
    @app.command("indikatorer")
    def indikatorer(
        lista: Annotated[
            bool, typer.Option("--lista", help="Visa indikatorkatalogen med definitioner.")
        ] = False,
        period: Annotated[
            list[str] | None,
            typer.Option(
                "--period",
                "-p",
                help="Period: 2024-09, 2024-Q3, 2024-T2, 2024-H1, 2024 eller 2024-01--2024-08. Kan upprepas.",
            ),
        ] = None,
        fran: Annotated[
            str | None, typer.Option("--fran", help="Första perioden i en serie (med --till, --per).")
        ] = None,
        till: Annotated[str | None, typer.Option("--till", help="Sista perioden i en serie.")] = None,
        per: Annotated[Per, typer.Option("--per", help="Periodtyp i serien.")] = Per.manad,
        indikator: Annotated[
            str | None,
            typer.Option("--indikator", "-i", help="Indikatorer, kommaseparerade (standard: alla)."),
        ] = None,
        kon: Annotated[
            str | None, typer.Option("--kon", help="Kön att visa, t.ex. K,M,T (standard: alla).")
        ] = None,
        grupp: Annotated[
            str | None,
            typer.Option(
                "--grupp",
                help="Grupperingar att visa utöver totalen, t.ex. insatstyp,enhet (standard: alla).",
            ),
        ] = None,
        format: Annotated[Format, typer.Option("--format", "-f", help="Utformat.")] = Format.tabell,
        ut: Annotated[Path | None, typer.Option("--ut", help="Skriv till fil (krävs för xlsx).")] = None,
        publicering: Annotated[
            bool, typer.Option("--publicering", help="Tillämpa röjandeskydd (små tal döljs som ..).")
        ] = False,
        motor: Annotated[Motor, typer.Option("--motor", help="Beräkningsmotor.")] = Motor.duckdb,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Beräkna nämndens indikatorer för valda perioder, med könsuppdelning och röjandeskydd."""
        if lista:
            _print_catalogue()
            return
        from uppfolj.indicators.engine import compute
        from uppfolj.indicators.output import csv_text, json_text, write_xlsx
        from uppfolj.indicators.periods import periods_between
        from uppfolj.indicators.runs import same_as_before, save_run
        from uppfolj.workspace import open_workspace

        if period and (fran or till):
            raise UppfoljError("Ange antingen --period eller --fran/--till, inte båda.")
        if fran or till:
            if not (fran and till):
                raise UppfoljError(
                    "--fran och --till anges tillsammans, t.ex. --fran 2024-01 --till 2024-12."
                )
            labels = [p.label for p in periods_between(fran, till, per.value)]
        elif period:
            labels = list(period)
        else:
            raise UppfoljError("Ange perioder med --period (t.ex. --period 2024) eller --fran/--till/--per.")
        if format is Format.xlsx and ut is None:
            raise UppfoljError("Formatet xlsx skrivs till en fil: ange --ut FIL.xlsx.")

        from uppfolj.indicators.catalogue import resolve

        ids = _split(indikator)
        defs = resolve(ids)
        ws = open_workspace(arbetsyta)
        store = ws.store()
        snapshot = store.current()
        con = store.connect(snapshot)
        try:
            with Progress(
                TextColumn("[bold]Beräknar[/] {task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=console_err,
                transient=True,
            ) as bar:
                task = bar.add_task("indikatorer", total=len(defs))
                frame = compute(
                    con,
                    periods=labels,
                    indicators=[d.id for d in defs],
                    config=ws.config,
                    kon=_split(kon),
                    grupptyper=_split(grupp),
                    engine=motor.value,
                    publish=publicering,
                    progress=lambda _id: bar.advance(task),
                )
        finally:
            con.close()
        params = {
            "perioder": labels,
            "kon": _split(kon),
            "grupp": _split(grupp),
            "publicering": publicering,
            "uppehall_manader": ws.config.uppehall_manader,
            "smatal_grans": ws.config.smatal_grans,
        }
        snapshot_id = snapshot.snapshot_id if snapshot else ""
        folder = save_run(ws.runs_dir, frame, snapshot_id=snapshot_id, defs=defs, params=params)
        if format is Format.xlsx:
            assert ut is not None
            write_xlsx(frame, ut)
            console.print(f"Skrev {ut}.")
        elif format is Format.tabell:
            console.print(_table(frame))
        else:
            text = csv_text(frame) if format is Format.csv else json_text(frame)
            if ut is not None:
                ut.write_text(text, encoding="utf-8")
                console_err.print(f"Skrev {ut}.")
            else:
                typer.echo(text, nl=False)
        same = same_as_before(folder)
        note = {
            True: " (identisk med förra körningen)",
            False: " (skiljer sig från förra körningen!)",
            None: "",
        }
        console_err.print(f"Körningen sparades i {folder}{note[same]}.")
