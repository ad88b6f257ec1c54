"""Genomlysning av utbildningsnivå: the survey of a year's participants in labour-market measures, in the
four tables committees ask for:

1. time as participant per ärendetyp (per person: the days of all their insatser, not per insats);
2. education level (SUN 2020) per ärendetyp, with a stacked bar chart;
3. where the participants of each ärendetyp are placed (ärendetyp × enhet);
4. education level per enhet.

A participant is a person with an insats in progress some day of the year; every table gives the number
of participants (N) per group. All figures come from the indicator engine with small-number protection
(`am_deltagare`, `am_deltagartid_medel`, `am_deltagartid_median`, `am_utbildningsniva`); the report only
divides two published counts (a placement's share of its ärendetyp), which is hidden when either is.
Each section opens with a drafted paragraph (keys `utb.*`) the analyst may replace.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uppfolj import fmt
from uppfolj.outputs.model import Cell, Chart, Column, Figure, Paragraph, Report, Section, Source, Table
from uppfolj.outputs.tables import KON_TITLES, KONS, figure, group_label, groups, source
from uppfolj.outputs.wording import count_text, join
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
#: SUN levels joined as the drafted text speaks of them
PRE_UPPER = ("1", "2")
UPPER = ("3", "4")
POST_UPPER = ("5", "6", "7")
PAIR = "×"
LEVEL = "am_utbildningsniva"
COUNT = "am_deltagare"
TIME_MEAN = "am_deltagartid_medel"
TIME_MEDIAN = "am_deltagartid_median"
N_NOTE = (
    "Deltagare = olika personer med en pågående insats någon dag under året. En person med insatser inom "
    "flera ärendetyper eller enheter räknas i var och en av dem."
)


def _level_sort(level: str) -> int:
    keys = list(SUN_LEVELS)
    return keys.index(level) if level in keys else len(keys)


@dataclass
class Survey:
    """The engine's published figures for one year (and the year before, for the time comparison)."""

    ctx: ReportContext
    period: str
    previous: str
    counts: pd.DataFrame
    time: pd.DataFrame
    levels: pd.DataFrame

    @classmethod
    def compute(cls, ctx: ReportContext, period: str) -> Survey:
        previous = str(int(period) - 1)
        counts = ctx.compute([COUNT], [period], ["arendetyp", "enhet", f"arendetyp{PAIR}enhet"])
        time = ctx.compute([TIME_MEAN, TIME_MEDIAN], [previous, period], ["arendetyp"])
        levels = ctx.compute(
            [LEVEL],
            [period],
            ["utbildningsniva", f"arendetyp{PAIR}utbildningsniva", f"enhet{PAIR}utbildningsniva"],
        )
        return cls(ctx, period, previous, counts, time, levels)

    def n(self, grupptyp: str = "", grupp: str = "", kon: str = "T") -> Figure:
        return figure(self.counts, COUNT, self.period, kon, grupptyp, grupp)

    def level_codes(self) -> list[str]:
        return sorted(groups(self.levels, LEVEL, "utbildningsniva"), key=_level_sort)

    def share(self, first: str, group: str, level: str) -> Figure:
        """The share of `group`'s participants at `level` (T). No engine row for a group with
        participants means nobody at that level: 0 %, never I.U."""
        grupptyp = f"{first}{PAIR}utbildningsniva"
        f = figure(self.levels, LEVEL, self.period, "T", grupptyp, f"{group}{PAIR}{level}")
        n = self.n(first, group)
        if f.missing and not f.hidden and (n.hidden or (n.value or 0) > 0):
            return Figure(0.0, ref=f.ref)
        return f

    def sources(self, *indicators: str) -> list[Source]:
        return [source(i, self.ctx.ends) for i in indicators]


def _shown(f: Figure) -> float | None:
    return None if f.hidden or f.missing else float(f.value)  # type: ignore[arg-type]


def _pct(value: float) -> str:
    return fmt.percent(value, 0)


# -- 1. time as participant -------------------------------------------------------------------------------
def time_table(s: Survey) -> Table:
    rows: list[list[Cell]] = []
    for g in [*groups(s.counts, COUNT, "arendetyp"), ""]:
        gt = "arendetyp" if g else ""
        rows.append(
            [
                group_label("arendetyp", g) if g else "Samtliga deltagare",
                s.n(gt, g),
                *(figure(s.time, TIME_MEAN, s.period, k, gt, g) for k in ("K", "M", "T")),
                figure(s.time, TIME_MEDIAN, s.period, "T", gt, g),
            ]
        )
    return Table(
        f"Tid som deltagare per ärendetyp {s.period}",
        [
            Column("Ärendetyp"),
            Column("Deltagare", "count"),
            Column("Medeltid kvinnor (dagar)", "decimal", 0),
            Column("Medeltid män (dagar)", "decimal", 0),
            Column("Medeltid totalt (dagar)", "decimal", 0),
            Column("Mediantid totalt (dagar)", "decimal", 0),
        ],
        rows,
        sources=s.sources(COUNT, TIME_MEAN, TIME_MEDIAN),
        notes=[
            "Tid som deltagare: för varje person dagarna i de insatser som pågår under året, från insatsens "
            "start till dess slut eller årets sista dag, summerat över personens insatser (dagar med flera "
            "insatser samtidigt räknas en gång).",
            N_NOTE,
        ],
    )


def time_text(s: Survey) -> Paragraph:
    mean = _shown(figure(s.time, TIME_MEAN, s.period))
    n = _shown(s.n())
    key = "utb.tid"
    if mean is None or n is None:
        return Paragraph(
            f"Det finns ingen redovisningsbar uppgift om deltagarnas tid i insats {s.period}.", key
        )
    median = _shown(figure(s.time, TIME_MEDIAN, s.period))
    text = (
        f"Under {s.period} hade {count_text(n, 'person', 'personer')} en pågående arbetsmarknadsinsats. En "
        f"deltagare hade i genomsnitt varit i insats {fmt.number(mean)} dagar"
        + (f" (median {fmt.number(median)} dagar)" if median is not None else "")
    )
    before = _shown(figure(s.time, TIME_MEAN, s.previous))
    if before is not None:
        diff = round(mean) - round(before)
        text += (
            f", {fmt.number(abs(diff))} {'dag' if abs(diff) == 1 else 'dagar'} "
            f"{'längre' if diff > 0 else 'kortare'} än {s.previous}"
            if diff
            else f", lika länge som {s.previous}"
        )
    text += "."
    by_group = {
        g: v
        for g in groups(s.time, TIME_MEAN, "arendetyp")
        if g != "saknas"
        and (v := _shown(figure(s.time, TIME_MEAN, s.period, "T", "arendetyp", g))) is not None
    }
    if len(by_group) >= 2:
        longest = max(by_group, key=lambda g: (by_group[g], g))
        shortest = min(by_group, key=lambda g: (by_group[g], g))
        text += (
            f" Längst tid hade deltagarna med ärendetypen {longest} ({fmt.number(by_group[longest])} dagar i "
            f"genomsnitt) och kortast de med {shortest} ({fmt.number(by_group[shortest])} dagar)."
        )
    women, men = (_shown(figure(s.time, TIME_MEAN, s.period, k)) for k in ("K", "M"))
    if women is not None and men is not None:
        text += f" Kvinnorna hade i genomsnitt {fmt.number(women)} dagar och männen {fmt.number(men)} dagar."
    return Paragraph(text, key)


# -- 2 and 4. education level per ärendetyp and per enhet -------------------------------------------------
def level_table(s: Survey, first: str, title: str, group_title: str) -> Table:
    """Rows = the groups of `first` (and all participants), columns = N and the share per SUN level."""
    codes = s.level_codes()
    rows: list[list[Cell]] = []
    for g in groups(s.counts, COUNT, first):
        rows.append([group_label(first, g), s.n(first, g), *(s.share(first, g, c) for c in codes)])
    total = [figure(s.levels, LEVEL, s.period, "T", "utbildningsniva", c) for c in codes]
    rows.append(["Samtliga deltagare", s.n(), *total])
    return Table(
        title,
        [Column(group_title), Column("Deltagare", "count")]
        + [Column(SUN_LEVELS.get(c, c), "percent", 0) for c in codes],
        rows,
        sources=s.sources(COUNT, LEVEL),
        notes=[
            "Andel av gruppens deltagare per utbildningsnivå enligt SUN 2020; raden summerar till 100 % "
            "utom där andelar är dolda eller avrundade.",
            N_NOTE,
        ],
    )


def level_by_sex_table(s: Survey) -> Table:
    codes = s.level_codes()
    rows: list[list[Cell]] = [
        [SUN_LEVELS.get(c, c)] + [figure(s.levels, LEVEL, s.period, k, "utbildningsniva", c) for k in KONS]
        for c in codes
    ]
    rows.append(["Deltagare (antal)"] + [s.n(kon=k).shown_as("count", 0) for k in KONS])
    return Table(
        f"Deltagare per utbildningsnivå och kön {s.period}",
        [Column("Utbildningsnivå (SUN 2020)")] + [Column(KON_TITLES[k], "percent", 0) for k in KONS],
        rows,
        sources=s.sources(COUNT, LEVEL),
    )


def level_chart(s: Survey) -> Chart:
    codes = s.level_codes()
    names = groups(s.counts, COUNT, "arendetyp")
    series = [(SUN_LEVELS.get(c, c), [_shown(s.share("arendetyp", g, c)) for g in names]) for c in codes]
    return Chart(
        f"Utbildningsnivå per ärendetyp {s.period}",
        [group_label("arendetyp", g) for g in names],
        series,
        "Andel av deltagarna (%)",
        "Stapeldiagram: för varje ärendetyp deltagarnas fördelning på utbildningsnivåer i procent. Dolda "
        "andelar (röjandeskydd) saknas i stapeln, som då inte når 100 %. Siffrorna står i tabellen ovan.",
        kind="stacked",
        sources=s.sources(LEVEL),
        data_unit="%",
        x_title="Ärendetyp",
    )


def _level_sum(s: Survey, first: str, group: str, codes: tuple[str, ...]) -> float | None:
    """The share at any of `codes`, or None when a part is hidden."""
    parts = [
        s.share(first, group, c) if first else figure(s.levels, LEVEL, s.period, "T", "utbildningsniva", c)
        for c in codes
    ]
    if any(p.hidden for p in parts):
        return None
    return sum(0.0 if p.missing or p.value is None else float(p.value) for p in parts)


def _extremes(
    s: Survey, first: str, codes: tuple[str, ...]
) -> tuple[tuple[str, float], tuple[str, float]] | None:
    values = {
        g: v
        for g in groups(s.counts, COUNT, first)
        if g != "saknas" and (v := _level_sum(s, first, g, codes)) is not None
    }
    if len(values) < 2:
        return None
    high = max(values, key=lambda g: (values[g], g))
    low = min(values, key=lambda g: (values[g], g))
    return (high, values[high]), (low, values[low])


def level_text(s: Survey) -> Paragraph:
    key = "utb.niva"
    parts = [
        (_level_sum(s, "", "", PRE_UPPER), "förgymnasial utbildning"),
        (_level_sum(s, "", "", UPPER), "gymnasial utbildning"),
        (_level_sum(s, "", "", POST_UPPER), "eftergymnasial utbildning"),
    ]
    shown = [f"{_pct(v)} {what}" for v, what in parts if v is not None]
    if not shown:
        return Paragraph(
            f"Deltagarnas utbildningsnivå {s.period} kan inte redovisas (för få deltagare).", key
        )
    text = f"Av deltagarna {s.period} hade {join(shown)}."
    unknown = _level_sum(s, "", "", ("US",))
    if unknown:
        text += f" För {_pct(unknown)} saknas uppgift om utbildningsnivå."
    found = _extremes(s, "arendetyp", PRE_UPPER)
    if found:
        (high, hv), (low, lv) = found
        text += (
            f" Andelen med högst förgymnasial utbildning var störst inom ärendetypen {high} ({_pct(hv)}) och "
            f"minst inom {low} ({_pct(lv)})."
        )
    return Paragraph(text, key)


def unit_level_text(s: Survey) -> Paragraph:
    key = "utb.enhet"
    sentences = []
    for codes, what in ((POST_UPPER, "eftergymnasial"), (PRE_UPPER, "högst förgymnasial")):
        found = _extremes(s, "enhet", codes)
        if found:
            (high, hv), (low, lv) = found
            sentences.append(
                f"Andelen deltagare med {what} utbildning var högst på {high} ({_pct(hv)}) och lägst på "
                f"{low} ({_pct(lv)})."
            )
    if not sentences:
        return Paragraph("Utbildningsnivån per enhet kan inte jämföras (för få deltagare per enhet).", key)
    return Paragraph(" ".join(sentences), key)


# -- 3. placement: ärendetyp × enhet ----------------------------------------------------------------------
def _placements(s: Survey) -> dict[str, list[tuple[str, Figure]]]:
    out: dict[str, list[tuple[str, Figure]]] = {}
    for pair in groups(s.counts, COUNT, f"arendetyp{PAIR}enhet"):
        arende, enhet = pair.split(PAIR, 1)
        out.setdefault(arende, []).append((enhet, s.n(f"arendetyp{PAIR}enhet", pair)))
    return out


def _share(part: Figure, whole: Figure) -> Figure:
    if part.hidden or whole.hidden:
        return Figure(None, hidden=True)
    if part.missing or whole.missing or not whole.value:
        return Figure(None)
    return Figure(100 * float(part.value or 0) / float(whole.value))


def placement_table(s: Survey) -> Table:
    rows: list[list[Cell]] = []
    placements = _placements(s)
    for arende in [a for a in groups(s.counts, COUNT, "arendetyp") if a in placements]:
        whole = s.n("arendetyp", arende)
        label = group_label("arendetyp", arende)
        for enhet, n in placements[arende]:
            rows.append([label, group_label("enhet", enhet), n, _share(n, whole)])
        rows.append([label, "Samtliga enheter", whole, ""])
    return Table(
        f"Placering per ärendetyp {s.period}",
        [
            Column("Ärendetyp"),
            Column("Enhet"),
            Column("Deltagare", "count"),
            Column("Andel av ärendetypens deltagare", "percent", 0),
        ],
        rows,
        sources=s.sources(COUNT),
        notes=[
            "Deltagare per ärendetyp och enhet där de haft en insats under året. En deltagare med insatser "
            "på flera enheter räknas på var och en, så andelarna kan summera till mer än 100 %.",
        ],
    )


def placement_text(s: Survey) -> Paragraph:
    key = "utb.placering"
    placements = _placements(s)
    units = {e for rows in placements.values() for e, _ in rows}
    if not placements:
        return Paragraph(f"Inga deltagare med placering under {s.period}.", key)
    text = (
        f"Deltagarna inom de {len(placements)} ärendetyperna var under {s.period} placerade på "
        f"{len(units)} enheter."
    )
    largest = sorted(
        ((a, v) for a in placements if a != "saknas" and (v := _shown(s.n("arendetyp", a))) is not None),
        key=lambda x: (-x[1], x[0]),
    )[:3]
    phrases = []
    for arende, whole in largest:
        best = [(e, v) for e, n in placements[arende] if (v := _shown(n)) is not None]
        if not best:
            continue
        enhet, n = max(best, key=lambda x: (x[1], x[0]))
        where = "samtliga" if n == whole else f"{_pct(100 * n / whole)}"
        phrases.append(f"inom {arende} var {where} placerade på {enhet}")
    if phrases:
        text += " Av de största ärendetyperna gäller att " + join(phrases) + "."
    return Paragraph(text, key)


def build(ctx: ReportContext, year: str) -> Report:
    period = str(year_label(year))
    require_data(ctx, period, ("insatser",))
    s = Survey.compute(ctx, period)
    sections = [
        Section("Tid som deltagare", [time_text(s), time_table(s)]),
        Section(
            "Utbildningsnivå per ärendetyp",
            [
                level_text(s),
                level_table(s, "arendetyp", f"Utbildningsnivå per ärendetyp {period}", "Ärendetyp"),
                level_chart(s),
                level_by_sex_table(s),
            ],
            sheet="Utbildning per ärendetyp",
            landscape=True,
        ),
        Section("Placering per ärendetyp", [placement_text(s), placement_table(s)], sheet="Placering"),
        Section(
            "Utbildningsnivå per enhet",
            [unit_level_text(s), level_table(s, "enhet", f"Utbildningsnivå per enhet {period}", "Enhet")],
            sheet="Utbildning per enhet",
            landscape=True,
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
        subtitle="Deltagare i arbetsmarknadsinsatser: tid som deltagare, utbildningsnivå och placering",
    )


def write(ctx: ReportContext, year: str, folder: Path) -> list[Path]:
    return write_report(build(ctx, year), folder, ctx.template)
