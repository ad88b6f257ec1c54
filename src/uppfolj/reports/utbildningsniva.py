"""Genomlysning av utbildningsnivå: the survey of a year's participants in labour-market measures
(issue 4, item 4): time in insats per ärendetyp (mean and median), education level per ärendetyp and
per unit, and placements per unit and per ärendetyp, all with K/M/T.

The catalogue has no enhet × ärendetyp breakdown, so placements are shown per unit (new participants in
the year, `am_nya_deltagare` by enhet) and per ärendetyp (participants on the year's last day,
`am_deltagare_sista_dag` by arendetyp); nothing is computed outside the indicator engine.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from uppfolj.outputs.model import Cell, Column, Paragraph, Report, Section, Table
from uppfolj.outputs.tables import KON_TITLES, KONS, figure, group_table, groups, source
from uppfolj.outputs.write import write_report
from uppfolj.reports.common import require_data, year_label
from uppfolj.reports.context import ReportContext

SUN_LEVELS = {
    "1": "Förgymnasial < 9 år",
    "2": "Förgymnasial 9 (10) år",
    "3": "Gymnasial ≤ 2 år",
    "4": "Gymnasial 3 år",
    "5": "Eftergymnasial < 3 år",
    "6": "Eftergymnasial ≥ 3 år",
    "7": "Forskarutbildning",
    "US": "Uppgift saknas",
}
PAIR = "×"


def _level_sort(level: str) -> int:
    keys = list(SUN_LEVELS)
    return keys.index(level) if level in keys else len(keys)


def pair_table(
    frame: pd.DataFrame, ctx: ReportContext, title: str, period: str, first: str, first_title: str
) -> Table:
    """am_utbildningsniva by `first`×utbildningsniva: one row per (group, level), K/M/T shares in %."""
    grupptyp = f"{first}{PAIR}utbildningsniva"
    pairs = [g.split(PAIR, 1) for g in groups(frame, "am_utbildningsniva", grupptyp)]
    pairs.sort(key=lambda p: (p[0] == "saknas", p[0], _level_sort(p[1])))
    rows: list[list[Cell]] = []
    for group, level in pairs:
        g = f"{group}{PAIR}{level}"
        rows.append(
            [group, SUN_LEVELS.get(level, level)]
            + [figure(frame, "am_utbildningsniva", period, k, grupptyp, g) for k in KONS]
        )
    return Table(
        title,
        [Column(first_title), Column("Utbildningsnivå (SUN 2020)")]
        + [Column(KON_TITLES[k], "percent") for k in KONS],
        rows,
        sources=[source("am_utbildningsniva", ctx.ends)],
        notes=["Andel av gruppens deltagare (personer med insats någon dag under året) per utbildningsnivå."],
    )


def level_table(frame: pd.DataFrame, ctx: ReportContext, period: str) -> Table:
    levels = sorted(groups(frame, "am_utbildningsniva", "utbildningsniva"), key=_level_sort)
    rows: list[list[Cell]] = [
        [SUN_LEVELS.get(lv, lv)]
        + [figure(frame, "am_utbildningsniva", period, k, "utbildningsniva", lv) for k in KONS]
        for lv in levels
    ]
    return Table(
        f"Deltagare per utbildningsnivå {period}",
        [Column("Utbildningsnivå (SUN 2020)")] + [Column(KON_TITLES[k], "percent") for k in KONS],
        rows,
        sources=[source("am_utbildningsniva", ctx.ends)],
    )


def build(ctx: ReportContext, year: str) -> Report:
    period = str(year_label(year))
    require_data(ctx, period, ("insatser",))
    time = ctx.compute(["am_tid_medel", "am_tid_median"], [period], ["arendetyp"])
    levels = ctx.compute(
        ["am_utbildningsniva"],
        [period],
        ["utbildningsniva", "arendetyp×utbildningsniva", "enhet×utbildningsniva"],
    )
    placements = ctx.compute(["am_nya_deltagare", "am_deltagare_sista_dag"], [period], ["enhet", "arendetyp"])
    sections = [
        Section(
            "Tid i insats",
            [
                Paragraph(
                    f"Tid i insats för insatser som avslutades under {period}, räknat i dagar från start till "
                    f"slut (båda dagarna inräknade)."
                ),
                group_table(
                    time,
                    f"Tid i insats, medel (dagar), {period}",
                    "am_tid_medel",
                    period,
                    "arendetyp",
                    "Ärendetyp",
                    ctx.ends,
                ),
                group_table(
                    time,
                    f"Tid i insats, median (dagar), {period}",
                    "am_tid_median",
                    period,
                    "arendetyp",
                    "Ärendetyp",
                    ctx.ends,
                ),
            ],
        ),
        Section(
            "Utbildningsnivå",
            [
                level_table(levels, ctx, period),
                pair_table(
                    levels, ctx, f"Utbildningsnivå per ärendetyp {period}", period, "arendetyp", "Ärendetyp"
                ),
                pair_table(levels, ctx, f"Utbildningsnivå per enhet {period}", period, "enhet", "Enhet"),
            ],
        ),
        Section(
            "Placeringar",
            [
                group_table(
                    placements,
                    f"Nya deltagare per enhet {period}",
                    "am_nya_deltagare",
                    period,
                    "enhet",
                    "Enhet",
                    ctx.ends,
                ),
                group_table(
                    placements,
                    f"Inskrivna deltagare per ärendetyp, årets sista dag, {period}",
                    "am_deltagare_sista_dag",
                    period,
                    "arendetyp",
                    "Ärendetyp",
                    ctx.ends,
                ),
            ],
        ),
    ]
    return Report(
        "Genomlysning av utbildningsnivå",
        ctx.config.kommun_namn,
        ctx.config.namnd,
        period,
        ctx.created,
        ctx.snapshot_id,
        sections,
        f"utbildningsniva-{period}",
        subtitle="Deltagare i arbetsmarknadsinsatser: tid i insats, utbildningsnivå och placeringar",
    )


def write(ctx: ReportContext, year: str, folder: Path) -> list[Path]:
    return write_report(build(ctx, year), folder, ctx.template)
