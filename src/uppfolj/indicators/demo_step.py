"""Demo step 30: the whole catalogue for the demo data, by month for the latest full year, stored as a run."""

from __future__ import annotations

from pathlib import Path

from rich.progress import Progress

from uppfolj import fmt
from uppfolj.demo import DemoContext, demo_step
from uppfolj.indicators.catalogue import resolve
from uppfolj.indicators.engine import compute, source_bounds
from uppfolj.indicators.periods import periods_between
from uppfolj.indicators.runs import RESULT_FILE, save_run


def latest_full_year(end_mi: int) -> int:
    """The latest calendar year whose December is on or before the data end month."""
    return end_mi // 12 if end_mi % 12 == 11 else end_mi // 12 - 1


@demo_step(30, "Indikatorer")
def demo_indicators(ctx: DemoContext) -> None:
    compute_demo_indicators(ctx)


def compute_demo_indicators(ctx: DemoContext) -> Path:
    """Compute and store the run; returns the path of its CSV (the workspace's runs folder if no data)."""
    ws = ctx.workspace
    store = ws.store()
    snapshot = store.current()
    con = store.connect(snapshot)
    try:
        _, end = source_bounds(con, {"bistand"})["bistand"]
        if end is None:
            ctx.console.print("Inga biståndsdata i lagret: indikatorerna hoppas över.")
            return ws.runs_dir
        year = latest_full_year(end)
        periods = [p.label for p in periods_between(str(year), str(year), "manad")]
        defs = resolve(None)
        with Progress(console=ctx.console, transient=True) as bar:
            task = bar.add_task(f"Indikatorer {year} per månad", total=len(defs))
            frame = compute(con, periods=periods, config=ws.config, progress=lambda _id: bar.advance(task))
    finally:
        con.close()
    params = {"perioder": periods, "kon": None, "grupp": None, "publicering": False,
              "uppehall_manader": ws.config.uppehall_manader, "smatal_grans": ws.config.smatal_grans}  # fmt: skip
    folder = save_run(
        ws.runs_dir, frame, snapshot_id=snapshot.snapshot_id if snapshot else "", defs=defs, params=params
    )
    ctx.console.print(
        f"Indikatorer {year} per månad: {fmt.number(len(defs))} indikatorer, {fmt.number(len(frame))} värden."
    )
    ctx.results.append((f"Indikatorer {year} (CSV)", str(folder / RESULT_FILE)))
    return folder / RESULT_FILE
