"""`uppfolj anvandare`: accounts for the web dashboard (add, list, deactivate, new password)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.errors import UppfoljError
from uppfolj.web.audit import AuditLog, cli_actor
from uppfolj.web.db import WebDB
from uppfolj.web.users import ROLE_TITLES, Users
from uppfolj.workspace import open_workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 150


def read_password() -> str:
    """From standard input when it is piped (first line), else asked for twice without echo."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Lösenord", hide_input=True, confirmation_prompt="Upprepa lösenordet")
    return password


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Användarkonton för webbgränssnittet.", no_args_is_help=True)
    app.add_typer(group, name="anvandare")

    @group.command("lagg-till")
    def add(
        namn: Annotated[str, typer.Argument(help="Användarnamn (a–z, siffror, . _ -).")],
        roll: Annotated[str, typer.Option("--roll", help="admin, analytiker eller lasare.")],
        enhet: Annotated[str | None, typer.Option("--enhet", help="Knyt en läsare till en enhet.")] = None,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Lägg till en användare. Lösenordet frågas efter, eller läses från standard in."""
        ws = open_workspace(arbetsyta)
        db = WebDB.of(ws)
        user = Users(db).add(namn, roll, read_password(), enhet)
        AuditLog(db).write(cli_actor(), "anvandare", f"lade till {user.namn} ({user.roll})", "lokal")
        extra = f", enhet {user.enhet}" if user.enhet else ""
        console.print(
            f"Användaren [bold]{user.namn}[/] är tillagd som {ROLE_TITLES[user.roll].lower()}{extra}."
        )

    @group.command("lista")
    def list_users(arbetsyta: ArbetsytaOption = None) -> None:
        """Visa alla användare med roll, enhet och status."""
        ws = open_workspace(arbetsyta)
        tab = Table(title="Användare")
        for col in ("Namn", "Roll", "Enhet", "Status"):
            tab.add_column(col)
        for u in Users(WebDB.of(ws)).all():
            tab.add_row(u.namn, ROLE_TITLES[u.roll], u.enhet or "–", "aktiv" if u.aktiv else "avstängd")
        console.print(tab)

    @group.command("stang-av")
    def deactivate(
        namn: Annotated[str, typer.Argument(help="Användarnamn.")], arbetsyta: ArbetsytaOption = None
    ) -> None:
        """Stäng av en användare (kontot och loggposterna finns kvar)."""
        ws = open_workspace(arbetsyta)
        db = WebDB.of(ws)
        Users(db).set_active(namn, False)
        AuditLog(db).write(cli_actor(), "anvandare", f"stängde av {namn}", "lokal")
        console.print(f"Användaren {namn} är avstängd.")

    @group.command("nytt-losenord")
    def new_password(
        namn: Annotated[str, typer.Argument(help="Användarnamn.")], arbetsyta: ArbetsytaOption = None
    ) -> None:
        """Sätt ett nytt lösenord (frågas efter, eller läses från standard in)."""
        ws = open_workspace(arbetsyta)
        db = WebDB.of(ws)
        users = Users(db)
        if users.get(namn) is None:
            raise UppfoljError(f"Användaren {namn} finns inte. Se `uppfolj anvandare lista`.")
        users.set_password(namn, read_password())
        AuditLog(db).write(cli_actor(), "anvandare", f"nytt lösenord för {namn}", "lokal")
        console.print(f"Lösenordet för {namn} är bytt; användarens sessioner är avslutade.")
