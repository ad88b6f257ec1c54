"""Månadsrapport: ekonomi, ekonomiskt bistånd, key indicators and labour-market measures for one month.

Content (issue 4, item 1): budget, utfall and avvikelse per verksamhet year to date with the full-year
forecast; households with payments per month against the budgeted number (configuration
`budgeterade_hushall: {2024: 1450}` in uppfolj.yaml, since no export carries it); the rolling
twelve-month cost of ekonomiskt bistånd as a chart; the month's key indicators with K/M/T; participants
and exits by outcome.
"""

from __future__ import annotations

from pathlib import Path

from uppfolj import fmt
from uppfolj.outputs.model import Cell, Chart, Column, Figure, Paragraph, Report, Section, Table
from uppfolj.outputs.tables import figure, group_table, kon_table, source
from uppfolj.outputs.write import write_report
from uppfolj.reports.common import difference, ekonomi_table, month_index, period_label, require_data
from uppfolj.reports.context import ReportContext
from uppfolj.reports.sections import sections_for

KEY_INDICATORS = [
    "eb_hushall_manad",
    "eb_vuxna",
    "eb_barn_manad",
    "eb_belopp_per_hushall",
    "eb_hushall_over_24_man",
    "eb_vantetid_median",
    "eb_andel_e_ansokan",
    "am_deltagare_sista_dag",
    "am_nya_deltagare",
    "am_avslutade",
    "am_andel_arbete_studier",
    "sol_ej_verkstallda",
]
ROLLING_POINTS = 24


def budgeted_households(ctx: ReportContext, year: int) -> float | None:
    value = (ctx.config.ovrigt.get("budgeterade_hushall") or {}).get(year)
    if value is None:
        value = (ctx.config.ovrigt.get("budgeterade_hushall") or {}).get(str(year))
    return None if value is None else float(value)


def _households_table(ctx: ReportContext, last: int) -> Table:
    first = last - last % 12
    months = [period_label(mi, mi) for mi in range(first, last + 1)]
    frame = ctx.compute(["eb_hushall_manad"], months)
    budget = budgeted_households(ctx, last // 12)
    rows: list[list[Cell]] = []
    for label in months:
        got = figure(frame, "eb_hushall_manad", label)
        planned = Figure(budget)
        rows.append([label, got, planned, difference(planned, got)])
    notes = ["Avvikelse = budgeterat antal − utfall (positiv = färre hushåll än budgeterat)."]
    if budget is None:
        notes.append("Budgeterat antal hushåll saknas: ange budgeterade_hushall per år i uppfolj.yaml.")
    return Table(
        "Hushåll med utbetalning per månad mot budgeterat antal",
        [
            Column("Månad"),
            Column("Hushåll", "count"),
            Column("Budgeterat", "count"),
            Column("Avvikelse", "count"),
        ],
        rows,
        sources=[source("eb_hushall_manad", ctx.ends)],
        notes=notes,
    )


def _rolling_chart(ctx: ReportContext, last: int) -> Chart:
    ends = list(range(last - ROLLING_POINTS + 1, last + 1))
    labels = [period_label(mi - 11, mi) for mi in ends]
    frame = ctx.compute(["eb_utbetalt"], labels)
    values = [figure(frame, "eb_utbetalt", label) for label in labels]
    months = [period_label(mi, mi) for mi in ends]
    latest = values[-1]
    shown = fmt.HIDDEN if latest.hidden else fmt.mnkr(latest.value)
    text = (
        f"Varje punkt är summan av de tolv senaste månadernas utbetalningar. "
        f"Senaste värdet ({months[-1]}): {shown}."
    )
    return Chart(
        "Utbetalt ekonomiskt bistånd, rullande tolv månader",
        months,
        [("Rullande tolv månader", [None if v.missing or v.hidden else v.value for v in values])],
        "mnkr",
        text,
        sources=[source("eb_utbetalt", ctx.ends)],
        y_scale=1e6,
        data_unit="kr",
    )


def build(ctx: ReportContext, month: str) -> Report:
    last = month_index(month)
    label = period_label(last, last)
    require_data(ctx, label, ("bistand_manad", "ekonomi", "insatser"))
    year = str(last // 12)
    ytd = period_label(last - last % 12, last)
    key = ctx.compute(KEY_INDICATORS, [label], [])
    flows = ctx.compute(
        ["am_avslutade", "am_deltagare_sista_dag"], [label, ytd], ["avslutsorsak", "insatstyp"]
    )
    sections = [
        Section(
            "Ekonomi",
            [
                Paragraph(
                    f"Budget och utfall per verksamhet januari–{label}, med prognos för helåret {year}."
                ),
                ekonomi_table(ctx, f"Budgetuppföljning t.o.m. {label}", year, ytd, label),
            ],
        ),
        Section(
            "Ekonomiskt bistånd",
            [_households_table(ctx, last), _rolling_chart(ctx, last)],
            sheet="Ekonomiskt bistånd",
        ),
        Section(
            "Nyckeltal för månaden",
            [kon_table(key, f"Nyckeltal {label}", KEY_INDICATORS, label, ctx.ends)],
            sheet="Nyckeltal",
        ),
        Section(
            "Arbetsmarknadsinsatser",
            [
                group_table(
                    flows,
                    f"Inskrivna deltagare {label}, sista dagen, per insatstyp",
                    "am_deltagare_sista_dag",
                    label,
                    "insatstyp",
                    "Insatstyp",
                    ctx.ends,
                ),
                group_table(
                    flows,
                    f"Avslutade insatser {label} efter orsak",
                    "am_avslutade",
                    label,
                    "avslutsorsak",
                    "Avslutsorsak",
                    ctx.ends,
                ),
                group_table(
                    flows,
                    f"Avslutade insatser {ytd} efter orsak",
                    "am_avslutade",
                    ytd,
                    "avslutsorsak",
                    "Avslutsorsak",
                    ctx.ends,
                ),
            ],
        ),
    ]
    if ctx.workspace is not None:
        sections.extend(sections_for("manad", ctx.workspace, label))
    return Report(
        "Månadsrapport",
        ctx.config.kommun_namn,
        ctx.config.namnd,
        label,
        ctx.created,
        ctx.snapshot_id,
        sections,
        f"manadsrapport-{label}",
    )


def write(ctx: ReportContext, month: str, folder: Path) -> list[Path]:
    return write_report(build(ctx, month), folder, ctx.template)
