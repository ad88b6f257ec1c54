"""Small helpers the reports share: periods, the ekonomi table, figures in tkr."""

from __future__ import annotations

import pandas as pd

from uppfolj.outputs.model import Cell, Column, Figure, Table
from uppfolj.outputs.tables import figure, groups, source
from uppfolj.reports.context import ReportContext

KR_PER_TKR = 1000.0


def period_label(first_mi: int, last_mi: int) -> str:
    from uppfolj.indicators.periods import Period

    return Period.of_months(first_mi, last_mi).label


def month_index(label: str) -> int:
    from uppfolj.indicators.periods import Period

    return Period.parse(label).last_mi


def year_label(text: str) -> int:
    """A calendar year given by the user (`2024`), or a Swedish error."""
    from uppfolj.errors import UppfoljError
    from uppfolj.indicators.periods import Period

    period = Period.parse(str(text))
    if period.kind != "ar":
        raise UppfoljError(f"Perioden {text!r} är inget år. Skriv året med fyra siffror, t.ex. 2024.")
    return period.year


def require_data(ctx: ReportContext, period: str, tables: tuple[str, ...]) -> None:
    """Refuse a report whose period starts after the data end of every table it reads (all would be I.U.)."""
    from uppfolj.errors import UppfoljError
    from uppfolj.indicators.periods import Period

    first = Period.parse(period).first_day.isoformat()
    ends = {t: ctx.ends[t] for t in tables if t in ctx.ends}
    if not any(end >= first[: len(end)] for end in ends.values()):
        found = ", ".join(f"{t} t.o.m. {e}" for t, e in ends.items()) or "inga av tabellerna " + ", ".join(
            tables
        )
        raise UppfoljError(
            f"Det finns inga uppgifter för {period} i datalagret ({found}). Importera nyare exportfiler med "
            f"`uppfolj import` eller välj en tidigare period."
        )


def difference(a: Figure, b: Figure) -> Figure:
    """a − b of two published figures; hidden or missing if either is."""
    if a.hidden or b.hidden:
        return Figure(None, hidden=True)
    if a.missing or b.missing:
        return Figure(None)
    return Figure(float(a.value) - float(b.value))  # type: ignore[arg-type]


def ekonomi_table(
    ctx: ReportContext,
    title: str,
    year: str,
    ytd: str | None,
    forecast_period: str | None,
    previous_year: str | None = None,
) -> Table:
    """Budget, utfall and avvikelse per verksamhet in tkr (positive avvikelse = under budget).

    With `ytd` (a range label) the year-to-date columns are shown; with `forecast_period` (the month the
    forecast is made) the full-year forecast and its deviation from the annual budget; with
    `previous_year` the utfall of that year last (the yearly report's "Bokslut" of the year before).
    """
    periods = (
        [year]
        + ([ytd] if ytd else [])
        + ([forecast_period] if forecast_period else [])
        + ([previous_year] if previous_year else [])
    )
    frame = ctx.compute(
        ["ek_budget", "ek_utfall", "ek_avvikelse", "ek_prognos_helar"], periods, ["verksamhet"]
    )
    columns = [Column("Verksamhet"), Column("Budget helår", "tkr")]
    if ytd:
        columns += [
            Column("Budget t.o.m.", "tkr"),
            Column("Utfall t.o.m.", "tkr"),
            Column("Avvikelse t.o.m.", "tkr"),
        ]
    else:
        columns += [Column("Utfall", "tkr"), Column("Avvikelse", "tkr")]
    if forecast_period:
        columns += [Column("Prognos helår", "tkr"), Column("Avvikelse helår", "tkr")]
    if previous_year:
        columns.append(Column(f"Utfall {previous_year}", "tkr"))
    rows: list[list[Cell]] = []
    names = groups(frame, "ek_budget", "verksamhet")
    own: list[str] = []
    for name in [*names, ""]:
        gt = "verksamhet" if name else ""

        def fig(ind: str, period: str, name: str = name, gt: str = gt) -> Figure:
            return figure(frame, ind, period, "T", gt, name, scale=KR_PER_TKR)

        budget = fig("ek_budget", year)
        row: list[Cell] = [name or "Totalt", budget]
        period = ytd or year
        if ytd:
            row.append(fig("ek_budget", ytd))
        row += [fig("ek_utfall", period), fig("ek_avvikelse", period)]
        if forecast_period:
            # the recorded forecast, else the system's own (the indicator's fallback fills it in)
            prognos = fig("ek_prognos_helar", forecast_period)
            if name and not prognos.missing and is_own_forecast(ctx, name, forecast_period):
                own.append(name)
            row += [prognos, difference(budget, prognos)]
        if previous_year:
            row.append(fig("ek_utfall", previous_year))
        rows.append(row)
    return Table(
        title,
        columns,
        rows,
        total_row=-1,
        sources=[source(i, ctx.ends) for i in ("ek_budget", "ek_utfall", "ek_avvikelse")]
        + ([source("ek_prognos_helar", ctx.ends)] if forecast_period else []),
        notes=[
            "Belopp i tkr. Avvikelse = budget − utfall: positiv avvikelse är ett överskott (under budget).",
            *(["Prognos helår: ekonomisystemets prognos där den finns."] if forecast_period else []),
            *(
                [
                    "Ekonomisystemet saknar prognos för månaden för "
                    + ", ".join(own)
                    + ". Där är prognosen beräknad: utfallet hittills och de senaste tre månadernas nivå för "
                    "resten av året, med säsongsvariationen från tidigare år."
                ]
                if own
                else []
            ),
        ],
    )


def is_own_forecast(ctx: ReportContext, verksamhet: str, month: str) -> bool:
    """True when the finance export recorded no forecast for the month, so the figure is uppfolj's own."""
    from uppfolj.forecast import parse_month, recorded_forecast

    value = recorded_forecast(ctx.con, verksamhet, parse_month(month))
    return value != value


def empty_frame() -> pd.DataFrame:
    from uppfolj.schema import RESULT_COLUMNS

    return pd.DataFrame(columns=RESULT_COLUMNS)
