"""Print the goal table in the terminal (Rich): one table per målområde, nämndmål rows in bold with their
assessment, indicator rows indented under them (narrow enough for an 80-column terminal)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from uppfolj.goals.table import NAMNDMAL, GoalTable, Row
from uppfolj.goals.xlsx import LEGEND

_STYLES = {"uppnått": "green", "delvis uppnått": "yellow", "ej uppnått": "red"}


def _new_table(table: GoalTable, omrade: str) -> Table:
    tab = Table(title=f"Målområde: {omrade}", title_justify="left", title_style="bold")
    tab.add_column("Nämndmål / nämndindikator", ratio=1)
    tab.add_column("Kön")
    for y in table.years:
        tab.add_column(str(y), justify="right", no_wrap=True)
    tab.add_column(f"Mål {table.year}")
    tab.add_column("Bedömning")
    return tab


def print_table(console: Console, table: GoalTable, title: str) -> None:
    console.print(f"[bold]{title}[/]")
    blanks = [""] * (len(table.years) + 2)
    tab: Table | None = None
    omrade = kmal = None
    previous: Row | None = None
    for r in table.rows:
        if r.malomrade != omrade or tab is None:
            if tab is not None:
                console.print(tab)
            omrade, kmal = r.malomrade, None
            tab = _new_table(table, r.malomrade)
        if r.kommunmal != kmal:
            kmal = r.kommunmal
            tab.add_row(f"[italic]Kommunövergripande mål: {r.kommunmal}[/]", *blanks, "")
        if r.kind == NAMNDMAL:
            style = _STYLES.get(r.bedomning.lower(), "dim")
            tab.add_row(f"[bold]{r.namndmal}[/]", *blanks, f"[{style}]{r.bedomning}[/]")
        else:
            # the name once per indicator: its K/M rows follow directly under its T row
            same = (
                previous is not None and previous.kind != NAMNDMAL and previous.indikator_id == r.indikator_id
            )
            name = "" if same and r.kon != "T" else f"  {r.indikator}"
            tab.add_row(name, r.kon, *r.shown, r.malvarde, r.bedomning)
        previous = r
    if tab is not None:
        console.print(tab)
    sources = dict.fromkeys(
        f"{r.indikator}: {r.kalla}" for r in table.rows if r.kalla and "uppfolj" not in r.kalla
    )
    for s in sources:
        console.print(f"[dim]Källa {s}[/]")
    console.print(f"[dim]{table.rule_text}[/]")
    console.print(f"[dim]{LEGEND}[/]")
