"""The quarterly report of non-executed favourable SoL decisions (ej verkställda beslut, SoL 16 kap. 6 f §).

For the committee and kommunfullmäktige: the counts by insatstyp, sex, type and time since the decision
(from the indicator `sol_ej_verkstallda`, small-number protection applied); the decisions one by one (from
`uppfolj.indicators.sol.ej_verkstallda_beslut`, the one list behind the indicator); and the decisions
reported the quarter before that have since been executed, resumed or closed, with their dates. Plus a
CSV with one row per decision for the submission to IVO.

The person reference is the first ten characters of the stored pseudonym: enough for the administration
to tell decisions of the same person apart, never the personnummer.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.outputs.model import Cell, Column, Paragraph, Report, Section, Source, Table
from uppfolj.outputs.tables import KON_TITLES, KONS, figure, group_table, source
from uppfolj.personref import person_ref
from uppfolj.private import private_dir, private_file
from uppfolj.reports.context import ReportContext

INDICATOR = "sol_ej_verkstallda"
TYP_TEXT = {"ej_verkstallt": "Ej verkställt", "avbrott": "Avbrott"}
BAND_ORDER = ["3-6", "7-9", "10-12", "13-17", "18+"]


@dataclass
class QuarterData:
    quarter: str
    day: dt.date
    previous_day: dt.date
    current: pd.DataFrame
    resolved: pd.DataFrame
    counts: pd.DataFrame


def _period(label: str) -> tuple[str, dt.date, dt.date]:
    from uppfolj.indicators.periods import Period

    period = Period.parse(label)
    if period.kind != "kvartal":
        raise UppfoljError(
            f"Perioden {label!r} är inget kvartal. Skriv kvartalet som ÅÅÅÅ-QN, t.ex. 2024-Q3."
        )
    previous = Period.of_months(period.first_mi - 3, period.first_mi - 1)
    return period.label, period.last_day, previous.last_day


def resolved_since(
    previous: pd.DataFrame, current: pd.DataFrame, after: dt.date, until: dt.date
) -> pd.DataFrame:
    """Decisions on the previous list that are no longer reported, with what happened and when."""
    gone = previous[~previous["beslut_id"].isin(set(current["beslut_id"]))]
    rows = []
    for rec in gone.to_dict("records"):
        events = [
            ("Avslutat utan verkställighet", rec["avslutat_datum"]),
            ("Återupptaget efter avbrott", rec["aterupptaget_datum"] if rec["typ"] == "avbrott" else None),
            ("Verkställt", rec["verkstallt_datum"] if rec["typ"] == "ej_verkstallt" else None),
        ]
        what, when = next(
            ((w, d) for w, d in events if d is not None and after < d <= until),
            ("Rapporteras inte längre", None),
        )
        rows.append(
            {
                "beslut_id": rec["beslut_id"],
                "person_id": rec["person_id"],
                "kon": rec["kon"],
                "insatstyp": rec["insatstyp"],
                "lagrum": rec["lagrum"],
                "beslut_datum": rec["beslut_datum"],
                "typ": rec["typ"],
                "utfall": what,
                "datum": when,
            }
        )
    cols = ["beslut_id", "person_id", "kon", "insatstyp", "lagrum", "beslut_datum", "typ", "utfall", "datum"]
    return pd.DataFrame(rows, columns=cols)


def collect(ctx: ReportContext, quarter: str) -> QuarterData:
    from uppfolj.indicators.sol import data_end, ej_verkstallda_beslut

    label, day, previous_day = _period(quarter)
    end = data_end(ctx.con)
    if end is None:
        raise UppfoljError(
            "Datalagret har inga beslut enligt SoL (tabellen sol_beslut). Importera exporten av beslut med "
            "`uppfolj import`."
        )
    if end < day:
        raise UppfoljError(
            f"Kvartalet {label} slutar {day.isoformat()}, men beslutsuppgifterna (sol_beslut) når bara till "
            f"{end.isoformat()}. Importera en nyare export av beslut eller välj ett tidigare kvartal."
        )
    current = ej_verkstallda_beslut(ctx.con, day)
    previous = ej_verkstallda_beslut(ctx.con, previous_day)
    counts = ctx.compute([INDICATOR], [label], grupptyper=["insatstyp", "typ", "tid"])
    return QuarterData(
        label, day, previous_day, current, resolved_since(previous, current, previous_day, day), counts
    )


def _list_table(data: QuarterData, src: Source) -> Table:
    columns = [
        Column("Beslut-id"),
        Column("Person (pseudonym)"),
        Column("Kön"),
        Column("Insatstyp"),
        Column("Lagrum"),
        Column("Beslutsdatum", "date"),
        Column("Typ"),
        Column("Avbrott", "date"),
        Column("Dagar", "count"),
        Column("Erbjudande", "date"),
        Column("Orsak"),
    ]
    rows: list[list[Cell]] = [
        [
            r["beslut_id"],
            person_ref(r["person_id"]),
            r["kon"] or "",
            r["insatstyp"],
            r["lagrum"] or "",
            r["beslut_datum"],
            TYP_TEXT.get(r["typ"], r["typ"]),
            r["avbrott_datum"] if r["typ"] == "avbrott" else None,
            int(r["dagar"]),
            r["erbjudande_datum"],
            r["orsak"] or "",
        ]
        for r in data.current.to_dict("records")
    ]
    return Table(
        f"Ej verkställda beslut per {data.day.isoformat()}, ett per rad",
        columns,
        rows,
        sources=[src],
        notes=["Dagar = dagar från beslutet (vid avbrott: från avbrottet) till kvartalets sista dag."],
    )


def _resolved_table(data: QuarterData) -> Table:
    columns = [
        Column("Beslut-id"),
        Column("Person (pseudonym)"),
        Column("Kön"),
        Column("Insatstyp"),
        Column("Beslutsdatum", "date"),
        Column("Rapporterat som"),
        Column("Därefter"),
        Column("Datum", "date"),
    ]
    rows: list[list[Cell]] = [
        [
            r["beslut_id"],
            person_ref(r["person_id"]),
            r["kon"] or "",
            r["insatstyp"],
            r["beslut_datum"],
            TYP_TEXT.get(r["typ"], r["typ"]),
            r["utfall"],
            r["datum"],
        ]
        for r in data.resolved.to_dict("records")
    ]
    return Table(
        f"Beslut rapporterade per {data.previous_day.isoformat()} som sedan verkställts eller avslutats",
        columns,
        rows,
    )


def _band_table(data: QuarterData, ctx: ReportContext) -> Table:
    table = group_table(
        data.counts,
        "Antal efter tid sedan beslut eller avbrott (månader)",
        INDICATOR,
        data.quarter,
        "tid",
        "Tid (mån)",
        ctx.ends,
    )
    order = {b: i for i, b in enumerate([*BAND_ORDER, "Totalt"])}
    table.rows.sort(key=lambda row: order.get(str(row[0]), len(order)))
    return table


def build(ctx: ReportContext, quarter: str) -> tuple[Report, QuarterData]:
    data = collect(ctx, quarter)
    src = source(INDICATOR, ctx.ends)
    total = [figure(data.counts, INDICATOR, data.quarter, k) for k in KONS]
    summary = Table(
        f"Ej verkställda beslut per {data.day.isoformat()}",
        [Column("")] + [Column(KON_TITLES[k], "count") for k in KONS],
        [["Antal beslut", *total]],
        sources=[src],
    )
    sections = [
        Section(
            "Sammanfattning",
            [
                Paragraph(
                    f"Gynnande beslut enligt socialtjänstlagen som inte verkställts inom tre månader från beslutet, "
                    f"eller där verkställigheten avbrutits i mer än tre månader, per den {data.day.isoformat()}. "
                    f"Rapporteringen avser {ctx.config.namnd} i {ctx.config.kommun_namn}."
                ),
                summary,
                group_table(
                    data.counts,
                    "Antal per insatstyp och kön",
                    INDICATOR,
                    data.quarter,
                    "insatstyp",
                    "Insatstyp",
                    ctx.ends,
                ),
                group_table(data.counts, "Antal per typ", INDICATOR, data.quarter, "typ", "Typ", ctx.ends),
                _band_table(data, ctx),
            ],
            sheet="Antal",
        ),
        Section(
            "Beslut ett och ett",
            [
                Paragraph(
                    "Listan är underlag till rapporteringen till IVO och till nämndens protokoll. Personerna anges "
                    "med pseudonym; beslut-id är ärendesystemets eget id."
                ),
                _list_table(data, src),
            ],
            sheet="Beslut",
            landscape=True,
        ),
        Section(
            "Sedan förra kvartalet", [_resolved_table(data)], sheet="Verkställda sedan förra", landscape=True
        ),
    ]
    report = Report(
        "Ej verkställda beslut",
        ctx.config.kommun_namn,
        ctx.config.namnd,
        data.quarter,
        ctx.created,
        ctx.snapshot_id,
        sections,
        f"ej-verkstallda-{data.quarter}",
        subtitle="Kvartalsrapport enligt 16 kap. socialtjänstlagen",
    )
    return report, data


IVO_COLUMNS = [
    "beslut_id",
    "person",
    "kon",
    "insatstyp",
    "lagrum",
    "beslutsdatum",
    "typ",
    "avbrottsdatum",
    "dagar",
    "erbjudandedatum",
    "orsak",
    "status",
    "status_datum",
]


def write_ivo_csv(data: QuarterData, path: Path) -> Path:
    """One row per decision (still reported, or reported last quarter and since resolved); `;`, UTF-8 with BOM."""

    def d(value: object) -> str:
        return value.isoformat() if isinstance(value, dt.date) else ""

    # person-level (one row per decision): owner-only folder and file, whatever the caller's umask
    private_dir(path.parent)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(IVO_COLUMNS)
        for r in data.current.to_dict("records"):
            w.writerow(
                [
                    r["beslut_id"],
                    person_ref(r["person_id"]),
                    r["kon"] or "",
                    r["insatstyp"],
                    r["lagrum"] or "",
                    d(r["beslut_datum"]),
                    r["typ"],
                    d(r["avbrott_datum"]) if r["typ"] == "avbrott" else "",
                    int(r["dagar"]),
                    d(r["erbjudande_datum"]),
                    r["orsak"] or "",
                    "ej_verkstallt" if r["typ"] == "ej_verkstallt" else "avbrott",
                    "",
                ]
            )
        status = {
            "Verkställt": "verkstallt",
            "Återupptaget efter avbrott": "aterupptaget",
            "Avslutat utan verkställighet": "avslutat",
        }
        for r in data.resolved.to_dict("records"):
            w.writerow(
                [
                    r["beslut_id"],
                    person_ref(r["person_id"]),
                    r["kon"] or "",
                    r["insatstyp"],
                    r["lagrum"] or "",
                    d(r["beslut_datum"]),
                    r["typ"],
                    "",
                    "",
                    "",
                    "",
                    status.get(r["utfall"], "ej_rapporterad"),
                    d(r["datum"]),
                ]
            )
    return private_file(path)


def write(ctx: ReportContext, quarter: str, folder: Path) -> list[Path]:
    """Write the DOCX, the XLSX and the IVO CSV; return their paths."""
    from uppfolj.outputs.write import write_report

    report, data = build(ctx, quarter)
    paths = write_report(report, folder)
    paths.append(write_ivo_csv(data, Path(folder) / f"{report.stem}-ivo.csv"))
    return paths
