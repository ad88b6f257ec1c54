"""Årsredovisning (the yearly report's tables): målredovisning, nämndindikatorer over three years with
målvärde, volymmått over five years, and ekonomi per verksamhet (issue 4, item 3).

Målredovisning and målvärden come from goal follow-up (`uppfolj.goals`, the workspace's mal.yaml), passed
in as ready sections; without them the report says that no goal file was read and shows the committee's
usual indicators over three years without targets.
"""

from __future__ import annotations

from pathlib import Path

from uppfolj.outputs.model import Cell, Column, Figure, Paragraph, Report, Section, Table
from uppfolj.outputs.tables import figure, indicator_name, kind_of, source
from uppfolj.outputs.write import write_report
from uppfolj.reports.common import KR_PER_TKR, ekonomi_table, require_data, year_label
from uppfolj.reports.context import ReportContext
from uppfolj.reports.sections import sections_for
from uppfolj.workspace import Workspace

VOLUME_INDICATORS = [
    "eb_hushall",
    "eb_vuxna",
    "eb_langvariga_hushall",
    "eb_utbetalt",
    "am_nya_deltagare",
    "am_avslutade",
    "am_deltagare_snitt",
    "sol_ej_verkstallda",
]
#: shown when the workspace has no goal file: the committee's usual indicators, K/M/T
DEFAULT_INDICATORS = [
    "eb_langvarigt_andel",
    "eb_ej_aterakt_andel",
    "eb_andel_befolkning",
    "eb_vantetid_median",
    "am_andel_arbete_studier",
    "am_start_14_dagar_anvisning",
]
YEARS_VOLUME = 5
YEARS_INDICATORS = 3


def volume_table(ctx: ReportContext, year: int) -> Table:
    years = [str(y) for y in range(year - YEARS_VOLUME + 1, year + 1)]
    frame = ctx.compute(VOLUME_INDICATORS, years, [])
    rows: list[list[Cell]] = []
    for ind in VOLUME_INDICATORS:
        kind, decimals = kind_of(ind)
        if ind == "eb_utbetalt":
            cells: list[Cell] = [indicator_name(ind).replace("(kr)", "(tkr)")]
            cells += [figure(frame, ind, y, scale=KR_PER_TKR) for y in years]
        else:
            cells = [indicator_name(ind)]
            cells += [_as(figure(frame, ind, y), kind, decimals) for y in years]
        rows.append(cells)
    return Table(
        f"Volymmått {years[0]}–{years[-1]}",
        [Column("Volymmått")] + [Column(y, "count") for y in years],
        rows,
        sources=[source(i, ctx.ends) for i in VOLUME_INDICATORS],
        notes=["Ej verkställda beslut avser årets sista dag."],
    )


def _as(f: Figure, kind: str, decimals: int) -> Figure:
    return f.shown_as(kind, decimals)


def indicator_table(ctx: ReportContext, year: int, indicators: list[str]) -> Table:
    """Indicators over three years with K/M/T rows (without målvärde: used when there is no goal file)."""
    years = [str(y) for y in range(year - YEARS_INDICATORS + 1, year + 1)]
    frame = ctx.compute(indicators, years, [])
    rows: list[list[Cell]] = []
    for ind in indicators:
        kind, decimals = kind_of(ind)
        kons = [k for k in ("K", "M", "T") if ((frame["indikator"] == ind) & (frame["kon"] == k)).any()] or [
            "T"
        ]
        for k in kons:
            rows.append(
                [indicator_name(ind), k] + [_as(figure(frame, ind, y, k), kind, decimals) for y in years]
            )
    return Table(
        f"Nämndindikatorer {years[0]}–{years[-1]}",
        [Column("Indikator"), Column("Kön")] + [Column(y, "decimal") for y in years],
        rows,
        sources=[source(i, ctx.ends) for i in indicators],
    )


def build(
    ctx: ReportContext, year: str, goals: list[Section] | None = None, extra: list[Section] | None = None
) -> Report:
    """The yearly report; `goals` from goal follow-up, `extra` further sections.

    For a workspace report (`ctx.workspace` set) both default to the workspace's: the goal file's
    målredovisning and the registered sections (`reports.sections`: Kolada, uppdrag, internkontroll,
    åtgärdsplan).
    """
    y = year_label(year)
    require_data(ctx, str(y), ("bistand_manad", "ekonomi", "insatser"))
    if ctx.workspace is not None:
        if goals is None:
            goals = workspace_goals(ctx.workspace, year)
        if extra is None:
            extra = sections_for("ar", ctx.workspace, str(y))
    if goals is None:
        note = Paragraph(
            "Målredovisning och målvärden hämtas från nämndens målfil i arbetsytan. Ingen målfil är "
            "inläst för den här rapporten, så indikatorerna visas utan målvärde."
        )
        goals = [
            Section("Målredovisning", [note]),
            Section("Nämndindikatorer", [indicator_table(ctx, y, DEFAULT_INDICATORS)]),
        ]
    sections = [
        *goals,
        Section("Volymmått", [volume_table(ctx, y)]),
        Section("Ekonomi", [ekonomi_table(ctx, f"Ekonomi {y} per verksamhet", str(y), None, None)]),
        *(extra or []),
    ]
    return Report(
        "Årsredovisning",
        ctx.config.kommun_namn,
        ctx.config.namnd,
        str(y),
        ctx.created,
        ctx.snapshot_id,
        sections,
        f"arsredovisning-{y}",
        subtitle="Tabeller till verksamhetsberättelsen",
    )


def workspace_goals(ws: Workspace, year: str) -> list[Section] | None:
    """The Målredovisning sections from the workspace's goal file (mal.yaml), None when it has none."""
    from uppfolj.goals.followup import follow_up, goal_path
    from uppfolj.goals.report import report_sections

    if not goal_path(ws).exists():
        return None
    table, _warnings = follow_up(ws, year_label(year))
    return report_sections(table)


def write(
    ctx: ReportContext,
    year: str,
    folder: Path,
    goals: list[Section] | None = None,
    extra: list[Section] | None = None,
) -> list[Path]:
    return write_report(build(ctx, year, goals, extra), folder, ctx.template)
