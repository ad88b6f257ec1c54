"""Månadsrapport: ekonomi, ekonomiskt bistånd, key indicators and labour-market measures for one month.

Content (docs/rapporter.md): a drafted opening paragraph and a summary in mnkr (the period against budget
and the same period last year, the full-year forecast and its change since the previous month); budget,
utfall and avvikelse per verksamhet year to date with the full-year forecast; households with payments per
month and on average against the budgeted number (`budgeterade_hushall_manad: {2024: [twelve numbers]}` or
`budgeterade_hushall: {2024: 1450}` in uppfolj.yaml, `household_budget`) beside the previous year,
with a drafted paragraph splitting ekonomiskt bistånd's deviation into volume and price
(`uppfolj.reports.drafting`); the rolling twelve-month cost of ekonomiskt bistånd against its budget as a
chart; the month's key indicators with K/M/T; participants and exits by outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uppfolj import fmt
from uppfolj.outputs.model import Cell, Chart, Column, Figure, Paragraph, Report, Section, Table
from uppfolj.outputs.tables import figure, group_table, groups, kon_table, source
from uppfolj.outputs.write import write_report
from uppfolj.reports.common import difference, ekonomi_table, month_index, period_label, require_data
from uppfolj.reports.context import ReportContext
from uppfolj.reports.drafting import (
    MNKR,
    Economy,
    Households,
    VolumePrice,
    bistand_paragraph,
    economy_paragraph,
    households_month_paragraph,
    measures_paragraph,
)
from uppfolj.reports.household_budget import budgeted_households, planned_household_months
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


def _value(fig: Figure) -> float | None:
    return None if fig.hidden or fig.missing else float(fig.value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Periods:
    """The labels a month's report reads: the month, the year to date, the same period a year before."""

    last: int

    @property
    def first(self) -> int:
        return self.last - self.last % 12

    @property
    def months(self) -> int:
        return self.last % 12 + 1

    @property
    def year(self) -> str:
        return str(self.last // 12)

    @property
    def month(self) -> str:
        return period_label(self.last, self.last)

    @property
    def ytd(self) -> str:
        return period_label(self.first, self.last)

    @property
    def ytd_before(self) -> str:
        return period_label(self.first - 12, self.last - 12)

    @property
    def month_before(self) -> str | None:
        """The previous month when it is in the same year (its forecast is for the same year)."""
        return period_label(self.last - 1, self.last - 1) if self.months > 1 else None

    def text(self) -> str:
        """`januari–september 2024` (`januari 2024` in January)."""
        y = self.last // 12
        if self.months == 1:
            return fmt.month(y, 1)
        return f"januari–{fmt.month(y, self.months)}"


def _economy(ctx: ReportContext, p: _Periods, households: pd.DataFrame) -> tuple[Economy, pd.DataFrame]:
    """The committee's figures for the opening paragraph and the summary table (`households`: the
    engine's `eb_hushall_snitt` for the year to date)."""
    periods = [p.year, p.ytd, p.ytd_before, p.month] + ([p.month_before] if p.month_before else [])
    frame = ctx.compute(["ek_budget", "ek_utfall", "ek_prognos_helar"], periods, ["verksamhet"])

    def total(ind: str, period: str, grupptyp: str = "", grupp: str = "") -> float | None:
        return _value(figure(frame, ind, period, "T", grupptyp, grupp))

    deviations: dict[str, float] = {}
    for name in groups(frame, "ek_budget", "verksamhet"):
        b, u = total("ek_budget", p.ytd, "verksamhet", name), total("ek_utfall", p.ytd, "verksamhet", name)
        if b is not None and u is not None:
            deviations[name] = b - u
    bistand = ctx.config.verksamhet_bistand
    average = _value(figure(households, "eb_hushall_snitt", p.ytd))
    planned = planned_household_months(ctx.config, p.last // 12, p.months)
    split = VolumePrice.of(
        total("ek_budget", p.ytd, "verksamhet", bistand),
        total("ek_utfall", p.ytd, "verksamhet", bistand),
        planned,
        None if average is None else average * p.months,
        p.months,
    )
    economy = Economy(
        period_text=p.text(),
        budget=total("ek_budget", p.ytd),
        outcome=total("ek_utfall", p.ytd),
        outcome_previous_year=total("ek_utfall", p.ytd_before),
        budget_year=total("ek_budget", p.year),
        forecast=total("ek_prognos_helar", p.month),
        forecast_previous=total("ek_prognos_helar", p.month_before) if p.month_before else None,
        first_month=p.months == 1,
        deviations=deviations,
        split_of=bistand,
        split=split,
    )
    return economy, frame


def _summary_table(ctx: ReportContext, p: _Periods, frame: pd.DataFrame) -> Table:
    """The committee's figures and ekonomiskt bistånd's in mnkr: the period, last year, the forecast."""
    bistand = ctx.config.verksamhet_bistand

    def column(grupptyp: str, grupp: str) -> list[Figure]:
        def fig(ind: str, period: str | None) -> Figure:
            if period is None:
                return Figure(None)
            return figure(frame, ind, period, "T", grupptyp, grupp, scale=MNKR)

        budget, outcome = fig("ek_budget", p.ytd), fig("ek_utfall", p.ytd)
        year, forecast = fig("ek_budget", p.year), fig("ek_prognos_helar", p.month)
        before = fig("ek_prognos_helar", p.month_before)
        return [
            budget,
            outcome,
            difference(budget, outcome),
            fig("ek_utfall", p.ytd_before),
            year,
            forecast,
            difference(year, forecast),
            difference(before, forecast),
        ]

    period, prev_year = p.text(), int(p.year) - 1
    titles = [
        f"Budget {period}",
        f"Utfall {period}",
        "Avvikelse för perioden",
        f"Utfall samma period {prev_year}",
        f"Budget helår {p.year}",
        "Prognos helår",
        "Prognostiserad avvikelse helår",
        "Prognosens förändring sedan föregående månad",
    ]
    whole, own = column("", ""), column("verksamhet", bistand)
    rows: list[list[Cell]] = [[t, a, b] for t, a, b in zip(titles, whole, own, strict=True)]
    return Table(
        f"Sammanfattning {period}",
        [Column("Belopp i mnkr"), Column("Nämnden", "mnkr"), Column(bistand, "mnkr")],
        rows,
        sources=[source(i, ctx.ends) for i in ("ek_budget", "ek_utfall", "ek_prognos_helar")],
        notes=[
            "Avvikelse = budget − utfall (eller prognos): positiv avvikelse är ett överskott. Prognosens "
            "förändring är föregående månads prognos − denna månads: positiv betyder en bättre prognos."
            + (" Januari har ingen tidigare prognos för året." if p.month_before is None else "")
        ],
    )


def _households_table(ctx: ReportContext, p: _Periods) -> Table:
    months = [period_label(mi, mi) for mi in range(p.first, p.last + 1)]
    before = [period_label(mi - 12, mi - 12) for mi in range(p.first, p.last + 1)]
    frame = ctx.compute(["eb_hushall_manad"], months + before)
    average = ctx.compute(["eb_hushall_snitt"], [p.ytd, p.ytd_before], [])
    year = p.last // 12
    rows: list[list[Cell]] = []
    for k, (label, earlier) in enumerate(zip(months, before, strict=True), start=1):
        got = figure(frame, "eb_hushall_manad", label)
        planned = Figure(budgeted_households(ctx.config, year, k))
        rows.append(
            [label, got, planned, difference(planned, got), figure(frame, "eb_hushall_manad", earlier)]
        )
    planned_sum = planned_household_months(ctx.config, p.last // 12, p.months)
    planned_avg = Figure(None if planned_sum is None else planned_sum / p.months)
    got_avg = figure(average, "eb_hushall_snitt", p.ytd).shown_as("count", 0)
    rows.append(
        [
            f"Snitt {p.text()}",
            got_avg,
            planned_avg,
            difference(planned_avg, got_avg),
            figure(average, "eb_hushall_snitt", p.ytd_before).shown_as("count", 0),
        ]
    )
    notes = ["Avvikelse = budgeterat antal − utfall (positiv = färre hushåll än budgeterat)."]
    if planned_sum is None:
        notes.append("Budgeterat antal hushåll är inte angivet för hela perioden.")
    return Table(
        "Hushåll med utbetalning per månad mot budgeterat antal",
        [
            Column("Månad"),
            Column("Hushåll", "count"),
            Column("Budgeterat", "count"),
            Column("Avvikelse", "count"),
            Column(f"Samma månad {year - 1}", "count"),
        ],
        rows,
        sources=[source("eb_hushall_manad", ctx.ends), source("eb_hushall_snitt", ctx.ends)],
        notes=notes,
    )


def _households_month(ctx: ReportContext, p: _Periods) -> str:
    """The key figures' opening: the month's households against the previous month and a year before."""
    months = [p.last, p.last - 1, p.last - 12]
    frame = ctx.compute(["eb_hushall_manad"], [period_label(mi, mi) for mi in months], [])
    now, before, year_ago = (_value(figure(frame, "eb_hushall_manad", period_label(mi, mi))) for mi in months)

    def name(mi: int) -> str:
        return fmt.month(mi // 12, mi % 12 + 1)

    return households_month_paragraph(
        name(p.last), now, [(f"i {name(p.last - 1)}", before), (f"i {name(p.last - 12)}", year_ago)]
    )


def _rolling_chart(ctx: ReportContext, last: int) -> Chart:
    ends = list(range(last - ROLLING_POINTS + 1, last + 1))
    labels = [period_label(mi - 11, mi) for mi in ends]
    frame = ctx.compute(["eb_utbetalt"], labels)
    budget_frame = ctx.compute(["ek_budget"], labels, ["verksamhet"])
    bistand = ctx.config.verksamhet_bistand
    values = [figure(frame, "eb_utbetalt", label) for label in labels]
    budget = [figure(budget_frame, "ek_budget", label, "T", "verksamhet", bistand) for label in labels]
    months = [period_label(mi, mi) for mi in ends]
    latest, planned = values[-1], budget[-1]
    shown = fmt.HIDDEN if latest.hidden else fmt.mnkr(latest.value)
    text = (
        f"Varje punkt är summan av de tolv senaste månadernas utbetalningar. "
        f"Senaste värdet ({fmt.month(last // 12, last % 12 + 1, short=True)}): {shown}"
    )
    text += (
        f", budget för samma tolv månader {fmt.mnkr(planned.value)}." if _value(planned) is not None else "."
    )
    series = [("Utbetalt", [_value(v) for v in values])]
    if any(_value(b) is not None for b in budget):
        series.append(("Budget", [_value(b) for b in budget]))
    return Chart(
        "Utbetalt ekonomiskt bistånd, rullande tolv månader",
        months,
        series,
        "mnkr",
        text,
        sources=[source("eb_utbetalt", ctx.ends), source("ek_budget", ctx.ends)],
        y_scale=1e6,
        data_unit="kr",
    )


def build(ctx: ReportContext, month: str) -> Report:
    last = month_index(month)
    p = _Periods(last)
    label, ytd, year = p.month, p.ytd, p.year
    require_data(ctx, label, ("bistand_manad", "ekonomi", "insatser"))
    key = ctx.compute(KEY_INDICATORS, [label], [])
    flows = ctx.compute(
        ["am_avslutade", "am_deltagare_sista_dag"], [label, ytd], ["avslutsorsak", "insatstyp"]
    )
    households = ctx.compute(["eb_hushall_snitt"], [ytd, p.ytd_before], [])
    economy, frame = _economy(ctx, p, households)
    planned = planned_household_months(ctx.config, p.last // 12, p.months)
    counts = Households(
        _value(figure(households, "eb_hushall_snitt", ytd)),
        None if planned is None else planned / p.months,
        _value(figure(households, "eb_hushall_snitt", p.ytd_before)),
    )
    bistand = economy.deviations.get(ctx.config.verksamhet_bistand)
    sections = [
        Section(
            "Ekonomi",
            [
                Paragraph(economy_paragraph(economy), key="ekonomi"),
                _summary_table(ctx, p, frame),
                ekonomi_table(ctx, f"Budgetuppföljning t.o.m. {label}", year, ytd, label),
            ],
        ),
        Section(
            "Ekonomiskt bistånd",
            [
                Paragraph(
                    bistand_paragraph(fmt.MONTHS[p.months - 1], counts, bistand, economy.split),
                    key="ekonomiskt_bistand",
                ),
                _households_table(ctx, p),
                _rolling_chart(ctx, last),
            ],
            sheet="Ekonomiskt bistånd",
        ),
        Section(
            "Nyckeltal för månaden",
            [
                Paragraph(_households_month(ctx, p), key="nyckeltal"),
                kon_table(key, f"Nyckeltal {label}", KEY_INDICATORS, label, ctx.ends),
            ],
            sheet="Nyckeltal",
        ),
        Section(
            "Arbetsmarknadsinsatser",
            [
                Paragraph(
                    measures_paragraph(
                        fmt.month(last // 12, p.months),
                        _value(figure(flows, "am_deltagare_sista_dag", label)),
                        _value(figure(flows, "am_avslutade", label)),
                        _value(figure(flows, "am_avslutade", ytd)),
                        _value(figure(key, "am_andel_arbete_studier", label)),
                    ),
                    key="arbetsmarknadsinsatser",
                ),
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
