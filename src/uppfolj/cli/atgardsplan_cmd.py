"""`uppfolj atgardsplan`: follow up the action plan for a budget in balance."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from uppfolj import fmt
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.errors import UppfoljError
from uppfolj.workspace import open_workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 130

if TYPE_CHECKING:
    pass


def register(app: typer.Typer) -> None:
    @app.command("atgardsplan")
    def atgardsplan(arbetsyta: ArbetsytaOption = None) -> None:
        """Visa åtgärdsplanen: förväntad och uppnådd effekt per åtgärd och verksamhet."""
        from uppfolj.atgardsplan.followup import by_activity, summary_sentence, totals
        from uppfolj.atgardsplan.plan import STATUSES, find_plan, read_measures

        ws = open_workspace(arbetsyta)
        path = find_plan(ws.root)
        if path is None:
            raise UppfoljError(
                f"Ingen åtgärdsplan i {ws.root}. Lägg den som atgardsplan.xlsx eller atgardsplan.csv "
                f"(kolumner: atgard_id, atgard, verksamhet, forvantad_effekt_tkr, uppnadd_effekt_tkr, status)."
            )
        measures = read_measures(path)
        table = Table(title=f"Åtgärdsplan ({path.name})")
        for col in ("Id", "Åtgärd", "Verksamhet", "Förväntad (tkr)", "Uppnådd (tkr)", "Status"):
            table.add_column(col, justify="right" if "tkr" in col else "left")
        for m in measures:
            table.add_row(
                m.id,
                m.text,
                m.activity,
                fmt.number(m.expected_tkr),
                fmt.number(m.achieved_tkr),
                STATUSES[m.status],
            )
        expected, achieved = totals(measures)
        table.add_row("", "[bold]Summa[/]", "", fmt.number(expected), fmt.number(achieved), "")
        console.print(table)
        act = Table(title="Per verksamhet")
        for col in ("Verksamhet", "Förväntad (tkr)", "Uppnådd (tkr)", "Andel uppnådd"):
            act.add_column(col)
        for r in by_activity(measures).to_dict("records"):
            act.add_row(
                r["verksamhet"],
                fmt.number(r["forvantad_tkr"]),
                fmt.number(r["uppnadd_tkr"]),
                fmt.percent(r["andel"]),
            )
        console.print(act)
        console.print(summary_sentence(measures))
