"""Demo step 65: BIP progression of the demo municipality, per insatstyp with röjandeskydd."""

from __future__ import annotations

from uppfolj.bip.aggregate import aggregate
from uppfolj.bip.progression import has_table
from uppfolj.bip.terminal import print_tables
from uppfolj.demo import DemoContext, demo_step

#: the indicator shown in the terminal (all are written to the CSV)
SHOWN = "motivation"


@demo_step(65, "BIP")
def bip_demo(ctx: DemoContext) -> None:
    ws = ctx.workspace
    con = ws.store().connect()
    try:
        if not has_table(con, "bip"):
            ctx.console.print("Inga BIP-mätningar i exporten; steget hoppas över.")
            return
        frame = aggregate(con, per="insatstyp", publish=True, threshold=ws.config.smatal_grans)
    finally:
        con.close()
    ws.reports_dir.mkdir(parents=True, exist_ok=True)
    path = ws.reports_dir / "bip_progression.csv"
    frame.to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")
    shown = frame[(frame["indikator"] == SHOWN) & (frame["kon"] == "T")]
    if not shown.empty:
        print_tables(shown, per="insatstyp", published=True, out=ctx.console)
    ctx.results.append(("BIP-progression per insatstyp (alla indikatorer)", str(path)))
