"""Demo step 10: generate the demo municipality into the demo's export folder."""

from __future__ import annotations

from uppfolj import fmt
from uppfolj.demo import DemoContext, demo_step
from uppfolj.demodata.generate import generate


@demo_step(10, "Demodata")
def generate_demo_data(ctx: DemoContext) -> None:
    summary = generate(ctx.export_dir, households=ctx.households, start="2019-01", end="2024-12", seed=1)
    ctx.console.print(
        f"Syntetisk kommun: {fmt.number(summary.households)} hushåll, i snitt "
        f"{fmt.number(summary.households_per_month)} med utbetalning per månad, {fmt.number(summary.insatser)} insatser."
    )
    ctx.results.append(("Exportfiler (syntetiska)", str(ctx.export_dir)))
    ctx.results.append(("Planterade effekter", str(ctx.export_dir / "facit.json")))
