"""`uppfolj uppdrag ...`: the committee's assignment register (create, edit, status, close, lists, CSV)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from uppfolj.cli.common import ArbetsytaOption, console, workspace
from uppfolj.errors import UppfoljError

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 180

_TEXT = {
    "titel": "Uppdragets rubrik.",
    "beslut_datum": "Beslutsdatum, ÅÅÅÅ-MM-DD.",
    "paragraf": "Beslutsparagraf, t.ex. '§ 122'.",
    "givare": "Vem som gav uppdraget, t.ex. Arbetsmarknadsnämnden.",
    "ansvarig": "Ansvarig tjänsteperson eller funktion.",
    "aterrapport_datum": "Datum för återrapportering, ÅÅÅÅ-MM-DD.",
    "slutkriterium": "Mätbart slutkriterium: när är uppdraget klart?",
}

Opt = Annotated[str | None, typer.Option(show_default=False)]


def _register(arbetsyta: Path | None):  # type: ignore[no-untyped-def]
    from uppfolj.uppdrag.register import Register

    return Register.for_workspace(workspace(arbetsyta).root)


def _today(idag: str | None) -> dt.date:
    from uppfolj.uppdrag.fields import parse_date

    return parse_date(idag, "beslut_datum") if idag else dt.date.today()


def _table(items: list, today: dt.date, title: str) -> Table:
    from uppfolj.uppdrag.report import list_rows

    tab = Table(title=title)
    for name in ("Diarienummer", "Uppdrag", "Beslut", "Ansvarig", "Återrapportering", "Status"):
        tab.add_column(name, no_wrap=name in ("Diarienummer", "Återrapportering", "Status"))
    for row in list_rows(items, today):
        style = "red" if row[-1].startswith("Försenat") else None
        tab.add_row(*row, style=style)
    return tab


def register(app: typer.Typer) -> None:
    up = typer.Typer(
        help="Nämndens uppdrag: register med slutkriterium, återrapportering och historik.",
        no_args_is_help=True,
    )
    app.add_typer(up, name="uppdrag")
    _write_commands(up)
    _status_commands(up)
    _read_commands(up)


def _write_commands(up: typer.Typer) -> None:
    @up.command("ny")
    def ny(
        diarienummer: Annotated[str, typer.Option(help="Diarienummer, t.ex. AMN 2024/123.")],
        titel: Annotated[str, typer.Option(help=_TEXT["titel"])],
        beslut_datum: Annotated[str, typer.Option("--beslutsdatum", help=_TEXT["beslut_datum"])],
        paragraf: Annotated[str, typer.Option(help=_TEXT["paragraf"])],
        givare: Annotated[str, typer.Option("--givet-av", help=_TEXT["givare"])],
        ansvarig: Annotated[str, typer.Option(help=_TEXT["ansvarig"])],
        aterrapport_datum: Annotated[
            str, typer.Option("--aterrapportering", help=_TEXT["aterrapport_datum"])
        ],
        slutkriterium: Annotated[str, typer.Option(help=_TEXT["slutkriterium"])],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Registrera ett nytt uppdrag (alla fält krävs, även ett mätbart slutkriterium)."""
        u = _register(arbetsyta).create(
            {
                "diarienummer": diarienummer,
                "titel": titel,
                "beslut_datum": beslut_datum,
                "paragraf": paragraf,
                "givare": givare,
                "ansvarig": ansvarig,
                "aterrapport_datum": aterrapport_datum,
                "slutkriterium": slutkriterium,
            }
        )
        console.print(f"Registrerade {u.diarienummer}: {u.titel} (återrapportering {u.aterrapport_datum}).")

    @up.command("andra")
    def andra(
        diarienummer: Annotated[str, typer.Argument(help="Uppdragets diarienummer.")],
        titel: Annotated[str | None, typer.Option(help=_TEXT["titel"], show_default=False)] = None,
        beslut_datum: Annotated[
            str | None, typer.Option("--beslutsdatum", help=_TEXT["beslut_datum"], show_default=False)
        ] = None,
        paragraf: Annotated[str | None, typer.Option(help=_TEXT["paragraf"], show_default=False)] = None,
        givare: Annotated[
            str | None, typer.Option("--givet-av", help=_TEXT["givare"], show_default=False)
        ] = None,
        ansvarig: Annotated[str | None, typer.Option(help=_TEXT["ansvarig"], show_default=False)] = None,
        aterrapport_datum: Annotated[
            str | None,
            typer.Option("--aterrapportering", help=_TEXT["aterrapport_datum"], show_default=False),
        ] = None,
        slutkriterium: Annotated[
            str | None, typer.Option(help=_TEXT["slutkriterium"], show_default=False)
        ] = None,
        kommentar: Annotated[str, typer.Option(help="Varför ändringen görs (sparas i historiken).")] = "",
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Ändra fält i ett uppdrag; ändringen sparas i historiken."""
        values = {
            k: v
            for k, v in {
                "titel": titel,
                "beslut_datum": beslut_datum,
                "paragraf": paragraf,
                "givare": givare,
                "ansvarig": ansvarig,
                "aterrapport_datum": aterrapport_datum,
                "slutkriterium": slutkriterium,
            }.items()
            if v is not None
        }
        if not values:
            raise UppfoljError("Ange minst ett fält att ändra, t.ex. --aterrapportering 2025-06-30.")
        reg = _register(arbetsyta)
        before = len(reg.history(diarienummer))
        reg.edit(diarienummer, values, comment=kommentar)
        changed = len(reg.history(diarienummer)) > before
        console.print(f"Ändrade {diarienummer}." if changed else f"{diarienummer}: inga ändrade värden.")


def _status_commands(up: typer.Typer) -> None:
    @up.command("status")
    def status(
        diarienummer: Annotated[str, typer.Argument(help="Uppdragets diarienummer.")],
        ny_status: Annotated[
            str, typer.Argument(help="givet, pagaende, aterrapporterat eller avslutat.", show_default=False)
        ],
        kommentar: Annotated[
            str, typer.Option(help="Kommentar (krävs vid avslut: hur slutkriteriet uppfylldes).")
        ] = "",
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Ändra status: givet → pagaende → aterrapporterat → avslutat (tillbaka till pagaende vid återremiss)."""
        from uppfolj.uppdrag.model import STATUS_TEXT

        u = _register(arbetsyta).set_status(diarienummer, ny_status.strip().lower(), comment=kommentar)
        console.print(f"{u.diarienummer} är nu {STATUS_TEXT[u.status].lower()}.")

    @up.command("avsluta")
    def avsluta(
        diarienummer: Annotated[str, typer.Argument(help="Uppdragets diarienummer.")],
        kommentar: Annotated[str, typer.Option(help="Hur slutkriteriet uppfylldes.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Avsluta ett återrapporterat uppdrag och skriv hur slutkriteriet uppfylldes."""
        u = _register(arbetsyta).close(diarienummer, kommentar)
        console.print(f"{u.diarienummer} är avslutat.")


def _read_commands(up: typer.Typer) -> None:
    @up.command("lista")
    def lista(
        forsenade: Annotated[
            bool, typer.Option("--forsenade", help="Bara försenade återrapporteringar.")
        ] = False,
        kommande: Annotated[
            int | None,
            typer.Option(
                "--kommande", help="Bara återrapporteringar inom så många dagar.", show_default=False
            ),
        ] = None,
        alla: Annotated[bool, typer.Option("--alla", help="Även avslutade uppdrag.")] = False,
        idag: Annotated[
            str | None,
            typer.Option(
                "--idag", help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD).", show_default=False
            ),
        ] = None,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Lista uppdragen: öppna (standard), försenade eller med återrapportering snart."""
        from uppfolj.uppdrag.model import AVSLUTAT

        reg = _register(arbetsyta)
        today = _today(idag)
        if forsenade:
            items, title = reg.overdue(today), f"Försenade återrapporteringar per {today.isoformat()}"
        elif kommande is not None:
            items = reg.upcoming(today, kommande)
            title = f"Återrapporteringar {today.isoformat()} – {(today + dt.timedelta(days=kommande)).isoformat()}"
        else:
            items = [u for u in reg.all() if alla or u.status != AVSLUTAT]
            title = "Uppdrag" if alla else "Öppna uppdrag"
        if not items:
            console.print(f"{title}: inga.")
            return
        console.print(_table(items, today, title))

    @up.command("visa")
    def visa(
        diarienummer: Annotated[str, typer.Argument(help="Uppdragets diarienummer.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Visa ett uppdrag med hela dess historik."""
        from uppfolj.uppdrag.model import FIELDS, STATUS_TEXT
        from uppfolj.uppdrag.report import event_text

        reg = _register(arbetsyta)
        u = reg.get(diarienummer)
        for name, label in FIELDS.items():
            console.print(f"[bold]{label}:[/] {u.value(name)}")
        console.print(f"[bold]Status:[/] {STATUS_TEXT[u.status]}")
        if u.avslut:
            console.print(f"[bold]Slutkriteriet uppfyllt:[/] {u.avslut}")
        tab = Table(title="Historik")
        for name in ("Tid", "Av", "Händelse"):
            tab.add_column(name)
        for ev in reg.history(diarienummer):
            tab.add_row(ev.tid.replace("T", " "), ev.av, event_text(ev))
        console.print(tab)

    @up.command("import")
    def importera(
        fil: Annotated[
            Path, typer.Argument(help="CSV-fil (; eller ,) med kolumnerna från `uppdrag export`.")
        ],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Importera uppdrag från CSV: nya registreras, befintliga ändras. Allt eller inget."""
        from uppfolj.uppdrag.csvio import import_csv

        if not fil.exists():
            raise UppfoljError(f"Filen {fil} finns inte.")
        events = import_csv(_register(arbetsyta), fil)
        console.print(f"Importerade {fil}: {len(events)} ändringar sparade i historiken.")

    @up.command("export")
    def exportera(
        fil: Annotated[Path, typer.Argument(help="CSV-fil att skriva (öppnas direkt i Excel).")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Skriv hela registret som CSV."""
        from uppfolj.uppdrag.csvio import export_csv

        console.print(f"Skrev {export_csv(_register(arbetsyta), fil)}.")
