"""Årsredovisning (the yearly report's tables): målredovisning, nämndindikatorer over three years with
målvärde, volymmått over five years, and ekonomi per verksamhet.

Målredovisning and målvärden come from goal follow-up (`uppfolj.goals`, the workspace's mal.yaml), passed
in as ready sections; without them the report says that no goal file was read and shows the committee's
usual indicators over three years without targets.
"""

from __future__ import annotations

from pathlib import Path

from uppfolj.errors import UppfoljError
from uppfolj.outputs.model import Cell, Column, Figure, Paragraph, Report, Section, Table
from uppfolj.outputs.tables import figure, indicator_name, kind_of, source
from uppfolj.outputs.write import write_report
from uppfolj.reports.ar_text import ekonomi_text, volume_text
from uppfolj.reports.common import KR_PER_TKR, difference, ekonomi_table, require_data, year_label
from uppfolj.reports.context import ReportContext
from uppfolj.reports.sections import sections_for
from uppfolj.workspace import Config, Workspace

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
#: budgeted volumes in uppfolj.yaml: `volymer: {eb_hushall: {2024: 4700}}`
VOLUME_KEY = "volymer"
YEARS_INDICATORS = 3


def planned_volumes(config: Config, year: int) -> dict[str, float]:
    """The budgeted volumes of `year` from `volymer:` in uppfolj.yaml (indicator id → year → value, in the
    indicator's unit), or a Swedish error naming the entry to fix."""
    raw = config.ovrigt.get(VOLUME_KEY) or {}
    if not isinstance(raw, dict):
        raise UppfoljError(
            f"{VOLUME_KEY}: i uppfolj.yaml ska vara volymmått: år: värde, t.ex. {VOLUME_KEY}: {{eb_hushall: "
            f"{{2024: 4700}}}}."
        )
    out: dict[str, float] = {}
    for ind, by_year in raw.items():
        if ind not in VOLUME_INDICATORS:
            raise UppfoljError(
                f"{VOLUME_KEY}: {ind!r} i uppfolj.yaml är inget volymmått i årsredovisningen; välj bland "
                f"{', '.join(VOLUME_INDICATORS)}."
            )
        if not isinstance(by_year, dict):
            raise UppfoljError(f"{VOLUME_KEY}: {ind} i uppfolj.yaml ska vara år: värde, t.ex. 2024: 4700.")
        for y, value in by_year.items():
            if str(y) != str(year):
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UppfoljError(
                    f"{VOLUME_KEY}: {ind} {y} i uppfolj.yaml är {value!r}, inget tal; skriv t.ex. 4700."
                )
            out[str(ind)] = float(value)
    return out


def volume_table(ctx: ReportContext, year: int, planned: dict[str, float] | None = None) -> Table:
    """Volume measures over five years; with budgeted values for `year`, the budget and the outcome's
    difference from it."""
    planned = planned or {}
    years = [str(y) for y in range(year - YEARS_VOLUME + 1, year + 1)]
    frame = ctx.compute(VOLUME_INDICATORS, years, [])
    rows: list[list[Cell]] = []
    for ind in VOLUME_INDICATORS:
        kind, decimals = kind_of(ind)
        scale = KR_PER_TKR if ind == "eb_utbetalt" else 1.0
        cells: list[Cell] = [volume_name(ind)]
        figures = [_as(figure(frame, ind, y, scale=scale), kind, decimals) for y in years]
        cells += figures
        if planned:
            plan = planned.get(ind)
            cells += (
                [Figure(plan / scale, kind="count"), difference(figures[-1], Figure(plan / scale))]
                if plan is not None
                else ["", ""]
            )
        rows.append(cells)
    plan_columns = (
        [Column(f"Budget {year}", "count"), Column("Skillnad mot budget", "count")] if planned else []
    )
    return Table(
        f"Volymmått {years[0]}–{years[-1]}",
        [Column("Volymmått")] + [Column(y, "count") for y in years] + plan_columns,
        rows,
        sources=[source(i, ctx.ends) for i in VOLUME_INDICATORS],
        notes=["Ej verkställda beslut avser årets sista dag."]
        + (
            ["Budget: planerade volymer enligt nämndens internbudget (volymer i uppfolj.yaml)."]
            if planned
            else []
        ),
    )


def volume_name(ind: str) -> str:
    name = indicator_name(ind)
    return name.replace("(kr)", "(tkr)") if ind == "eb_utbetalt" else name


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
    planned = planned_volumes(ctx.config, y)
    volumes = volume_table(ctx, y, planned)
    ekonomi = ekonomi_table(ctx, f"Ekonomi {y} per verksamhet", str(y), None, None, str(y - 1))
    sections = [
        *goals,
        Section(
            "Volymmått",
            [volume_text(volumes, y, planned, {volume_name(i): i for i in VOLUME_INDICATORS}), volumes],
        ),
        Section("Ekonomi", [ekonomi_text(ekonomi, y), ekonomi]),
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
