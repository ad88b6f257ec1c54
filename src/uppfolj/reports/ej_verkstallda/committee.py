"""The committee and kommunfullmäktige report (public: it goes into the protocol).

Number of decisions, type of insats and time since the decision, shown however small; sex and reason
with röjandeskydd; what became of last quarter's decisions as counts; a drafted analysis. No row, date or
reference of a single decision or person.
"""

from __future__ import annotations

import pandas as pd

from uppfolj.outputs.model import Cell, Column, Figure, Paragraph, Report, Section, Source, Table
from uppfolj.outputs.tables import KON_TITLES, source
from uppfolj.reports.context import ReportContext
from uppfolj.reports.ej_verkstallda.analysis import KEY, draft, long_date
from uppfolj.reports.ej_verkstallda.counts import (
    BAND_NOTE,
    BANDS,
    INDICATOR,
    TYPES,
    LegalCounts,
    movement,
    protected_breakdowns,
    shown,
)
from uppfolj.reports.ej_verkstallda.data import QuarterData
from uppfolj.reports.ej_verkstallda.reasons import CATEGORIES

TITLE_BY_TIME = "Antal beslut per insatstyp och tid sedan beslutet"
TITLE_BY_SEX = "Antal beslut per insatstyp och kön"
TITLE_BY_REASON = "Antal beslut per orsak"
TITLE_MOVEMENT = "Förändring sedan förra rapporteringen"

LEGAL_NOTE = (
    "Antal, typ av insats och tid visas även när talen är små: det är de uppgifter som ska lämnas till "
    "kommunfullmäktige, och de röjer inte vem beslutet gäller."
)


def _time_table(counts: LegalCounts, src: Source) -> Table:
    columns = [Column("Insatstyp"), Column("Typ")]
    columns += [Column(title, "count") for title, _, _ in BANDS] + [Column("Totalt", "count")]
    rows: list[list[Cell]] = []
    for (insatstyp, typ), bands in counts.rows.items():
        values = [bands[title] for title, _, _ in BANDS]
        rows.append([insatstyp, TYPES[typ], *values, sum(values)])
    totals = counts.band_totals()
    rows.append(["Totalt", "", *[totals[title] for title, _, _ in BANDS], counts.total])
    return Table(TITLE_BY_TIME, columns, rows, sources=[src], notes=[BAND_NOTE, LEGAL_NOTE])


def _sex_table(data: QuarterData, counts: LegalCounts, frame: pd.DataFrame) -> Table:
    columns = [Column("Insatstyp")] + [Column(KON_TITLES[k], "count") for k in ("K", "M", "T")]
    rows: list[list[Cell]] = []
    groups = [(t, "insatstyp", t) for t in sorted(counts.by_insatstyp())] + [("Totalt", "", "")]
    for title, grupptyp, grupp in groups:
        cells: list[Cell] = [shown(frame, data.quarter, k, grupptyp, grupp) for k in ("K", "M")]
        total = counts.by_insatstyp()[grupp] if grupp else counts.total
        rows.append([title, *cells, total])
    return Table(
        TITLE_BY_SEX,
        columns,
        rows,
        notes=["Antal kvinnor och män visas inte när de är få (röjandeskydd); totalen visas alltid."],
    )


def _reason_table(data: QuarterData, counts: LegalCounts, frame: pd.DataFrame) -> Table:
    rows: list[list[Cell]] = []
    for cat in CATEGORIES:
        fig = shown(frame, data.quarter, "T", "orsak", cat.key)
        if fig.hidden or (not fig.missing and fig.value):  # a category no decision has is not listed
            rows.append([cat.title, fig])
    if rows and all(isinstance(c, Figure) and c.hidden for _, c in rows):
        # every reason hidden: naming them alone could tell a reader why one person's decision waits
        rows = [["Orsakerna redovisas inte (röjandeskydd)", Figure(None, hidden=True)]]
    rows.append(["Totalt", counts.total])
    return Table(
        TITLE_BY_REASON,
        [Column("Orsak"), Column("Antal", "count")],
        rows,
        notes=["Orsaken som förvaltningen angett för beslutet, grupperad. Få beslut per orsak visas inte."],
    )


def build(ctx: ReportContext, data: QuarterData) -> Report:
    counts = LegalCounts.of(data.current)
    breakdowns = protected_breakdowns(data, ctx.config.smatal_grans)
    src = source(INDICATOR, ctx.ends)
    time_table = _time_table(counts, src)
    intro = (
        "Enligt socialtjänstlagen ska nämnden varje kvartal rapportera alla gynnande beslut som inte "
        "verkställts inom tre månader från beslutsdagen, och beslut där verkställigheten avbrutits och inte "
        "återupptagits inom tre månader. Rapporten lämnas till kommunfullmäktige och innehåller antal "
        "beslut, typ av insats och hur lång tid som förflutit sedan respektive beslut. Rapporten avser "
        f"{ctx.config.namnd} i {ctx.config.kommun_namn} per den {long_date(data.day)}."
    )
    sections = [
        Section(
            "Ärendebeskrivning och analys",
            [
                Paragraph(intro),
                Paragraph(draft(ctx.config.namnd, data, counts, breakdowns), key=KEY),
            ],
            sheet="Analys",
        ),
        Section(
            "Antal beslut",
            [time_table, _sex_table(data, counts, breakdowns), _reason_table(data, counts, breakdowns)],
            sheet="Antal",
        ),
        Section(
            "Sedan förra rapporteringen",
            [
                Table(
                    TITLE_MOVEMENT,
                    [Column(""), Column("Antal", "count")],
                    [[title, n] for title, n in movement(data)],
                    notes=[
                        "Beslut som rapporterades förra kvartalet och som därefter verkställts, återupptagits "
                        "eller avslutats, räknat fram till kvartalets sista dag."
                    ],
                )
            ],
            sheet="Förändring",
        ),
    ]
    return Report(
        "Ej verkställda beslut",
        ctx.config.kommun_namn,
        ctx.config.namnd,
        data.quarter,
        ctx.created,
        ctx.snapshot_id,
        sections,
        f"ej-verkstallda-{data.quarter}",
        subtitle="Rapportering till kommunfullmäktige enligt 16 kap. 6 f–h §§ socialtjänstlagen",
    )
