"""Demo step 45: the demo committee's assignment register, with the overdue and upcoming reports as of the
end of the demo data."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from rich.table import Table

from uppfolj.demo import DemoContext, demo_step
from uppfolj.schema import data_end
from uppfolj.uppdrag.csvio import import_csv
from uppfolj.uppdrag.register import Register
from uppfolj.uppdrag.report import list_rows


def _data_end(ctx: DemoContext) -> dt.date:
    """The data end of `bistand_manad` (today when there is none)."""
    with ctx.workspace.store().connect() as con:
        end = data_end(con, "bistand_manad")
    return end if end is not None else dt.date.today()


@demo_step(45, "Uppdrag")
def uppdrag_demo(ctx: DemoContext) -> None:
    reg = Register.for_workspace(ctx.workspace.root, user="demo")
    if not reg.all():
        source = resources.files("uppfolj.uppdrag").joinpath("demo", "uppdrag.csv")
        with resources.as_file(source) as path:
            import_csv(reg, path)
    today = _data_end(ctx)
    for title, items in (
        (f"Försenade återrapporteringar per {today.isoformat()}", reg.overdue(today)),
        ("Återrapporteringar inom 90 dagar", reg.upcoming(today, 90)),
    ):
        tab = Table(title=title)
        for name in ("Diarienummer", "Uppdrag", "Beslut", "Ansvarig", "Återrapportering", "Status"):
            tab.add_column(name)
        for row in list_rows(items, today):
            tab.add_row(*row)
        ctx.console.print(tab)
    ctx.results.append(("Uppdragsregister (händelselogg)", str(reg.path)))
