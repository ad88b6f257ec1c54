"""Demo step 40: copy the demo committee's goal file and manual values into the workspace and write the
goal table for the latest full year of the data."""

from __future__ import annotations

from uppfolj.demo import DemoContext, demo_step
from uppfolj.goals.followup import default_xlsx, follow_up, latest_full_year, title
from uppfolj.goals.render import print_table
from uppfolj.goals.samples import copy_samples
from uppfolj.goals.xlsx import write_xlsx


@demo_step(40, "Mål")
def goals_demo(ctx: DemoContext) -> None:
    ws = ctx.workspace
    copy_samples(ws.root)
    with ws.store().connect() as con:
        year = latest_full_year(con)
    if year is None:
        ctx.console.print("Mål: inga utbetalningar i datalagret, hoppar över måltabellen.")
        return
    with ctx.console.status(f"Måluppföljning {year} …"):
        table, warnings = follow_up(ws, year)
    for p in warnings:
        ctx.console.print(f"[yellow]Varning:[/] {p}")
    print_table(ctx.console, table, title(ws, year))
    path = write_xlsx(table, default_xlsx(ws, year), title(ws, year))
    ctx.results.append((f"Måluppföljning {year} (XLSX)", str(path)))
    ctx.results.append(("Målfil", str(ws.root / "mal.yaml")))
