"""Print the goal table in the terminal (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from uppfolj.goals.table import NAMNDMAL, GoalTable
from uppfolj.goals.xlsx import LEGEND, headers

_STYLES = {"uppnått": "green", "delvis uppnått": "yellow", "ej uppnått": "red"}


def print_table(console: Console, table: GoalTable, title: str) -> None:
    tab = Table(title=title, show_lines=False)
    for i, name in enumerate(headers(table)[:-1]):
        tab.add_column(name, justify="right" if 3 <= i < 3 + len(table.years) else "left")
    omrade = kmal = None
    for r in table.rows:
        if r.malomrade != omrade:
            omrade, kmal = r.malomrade, None
            tab.add_section()
            tab.add_row(f"[bold]Målområde: {r.malomrade}[/]")
        if r.kommunmal != kmal:
            kmal = r.kommunmal
            tab.add_row(f"[italic]Kommunövergripande mål: {r.kommunmal}[/]")
        if r.kind == NAMNDMAL:
            style = _STYLES.get(r.bedomning.lower(), "dim")
            tab.add_row(
                f"[bold]{r.namndmal}[/]", *([""] * (len(table.years) + 3)), f"[{style}]{r.bedomning}[/]"
            )
        else:
            tab.add_row("", r.indikator, r.kon, *r.shown, r.malvarde, r.bedomning)
    console.print(tab)
    sources = dict.fromkeys(
        f"{r.indikator}: {r.kalla}" for r in table.rows if r.kalla and "uppfolj" not in r.kalla
    )
    for s in sources:
        console.print(f"[dim]Källa {s}[/]")
    console.print(f"[dim]{table.rule_text}[/]")
    console.print(f"[dim]{LEGEND}[/]")
