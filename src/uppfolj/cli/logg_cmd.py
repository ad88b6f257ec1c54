"""`uppfolj logg`: the web dashboard's audit log (verify the keyed chain)."""

from __future__ import annotations

import typer

from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.errors import UppfoljError
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.workspace import open_workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 160


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Granskningsloggen för webbgränssnittet.", no_args_is_help=True)
    app.add_typer(group, name="logg")

    @group.command("verifiera")
    def verify(arbetsyta: ArbetsytaOption = None) -> None:
        """Kontrollera loggkedjan: varje post ska hänga ihop med den förra och med loggnyckeln."""
        ws = open_workspace(arbetsyta)
        audit = AuditLog(WebDB.of(ws))
        broken = audit.verify()
        if broken is not None:
            raise UppfoljError(
                f"Loggkedjan är bruten vid rad {broken} i {audit.db.path}: posten eller en post före den "
                f"har ändrats, tagits bort eller lagts till utanför uppfolj, eller så hör filen "
                f"{audit.key_path.name} inte till loggen. Jämför med säkerhetskopian."
            )
        console.print(f"Loggkedjan är intakt ({len(audit.all_entries())} poster).")
