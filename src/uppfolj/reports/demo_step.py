"""Demo step 50: write every committee report for the latest complete periods of the demo data, and show
the forecast's backtest."""

from __future__ import annotations

from uppfolj import fmt
from uppfolj.demo import DemoContext, demo_step
from uppfolj.forecast import evaluate
from uppfolj.outputs.tables import figure
from uppfolj.reports import demo_annual  # noqa: F401  (registers the annual report's inputs step)
from uppfolj.reports.context import ReportContext
from uppfolj.reports.latest import latest_periods
from uppfolj.reports.registry import CONFIDENTIAL_DIR, reports


def plan_households(ctx: DemoContext, rctx: ReportContext, month: str) -> None:
    """The demo municipality's budgeted number of households for the report year, which no export carries:
    assumed to be the previous year's mean per month (a usual planning basis), written to uppfolj.yaml."""
    ws = ctx.workspace
    year = int(month[:4])
    planned = ws.config.ovrigt.setdefault("budgeterade_hushall", {})
    if year in planned or str(year) in planned:
        return
    frame = rctx.compute(["eb_hushall_snitt"], [str(year - 1)], [])
    mean = figure(frame, "eb_hushall_snitt", str(year - 1))
    if mean.missing or mean.hidden:
        return
    planned[year] = round(float(mean.value or 0))
    ws.save_config()
    rctx.config = ws.config
    ctx.console.print(
        f"Budgeterat antal hushåll {year} (antaget: snittet per månad {year - 1}): {fmt.number(planned[year])}, "
        f"sparat som budgeterade_hushall i uppfolj.yaml."
    )


@demo_step(50, "Rapporter")
def write_reports(ctx: DemoContext) -> None:
    ws = ctx.workspace
    with ws.store().connect() as con:
        latest = latest_periods(con)
        rctx = ReportContext.for_workspace(ws, con)
        if latest.month:
            plan_households(ctx, rctx, latest.month)
        for report in reports().values():
            period = latest.of_kind(report.period_kind)
            if period is None:
                ctx.console.print(f"{report.title}: ingen hel period i demodata, hoppar över.")
                continue
            with ctx.console.status(f"{report.title} {period} …"):
                paths = report.write(rctx, period, ws.reports_dir)
            for path in paths:
                kind = path.suffix.lstrip(".").upper()
                if path.parent.name == CONFIDENTIAL_DIR:
                    kind = f"arbetslista, sekretess, {kind}"
                ctx.results.append((f"{report.title} {period} ({kind})", str(path)))
        for bt in evaluate(con, ws.config.verksamhet_bistand, ws.config):
            ctx.console.print(
                f"Prognosens träffsäkerhet {bt.year}: augusti {fmt.percent(bt.error_percent(bt.august), 2)}, "
                f"oktober {fmt.percent(bt.error_percent(bt.october), 2)} av årsbudgeten."
            )
