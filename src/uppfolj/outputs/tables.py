"""Report tables from the indicator engine's result frame (shared by the reports and the web).

The frame has the spec's columns `indikator, period, kon, grupptyp, grupp, varde, taljare, namnare,
undertryckt`. These helpers pick values out of it as `Figure`s (hidden → `..`, NaN → `I.U.`) and build
the usual committee layouts (indicator × K/M/T, group × K/M/T) with their footnote sources. They never
compute an indicator themselves.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import duckdb
import pandas as pd

from uppfolj.outputs.model import Cell, Column, Figure, Source, Table

KONS = ("K", "M", "T")
KON_TITLES = {"K": "Kvinnor", "M": "Män", "T": "Totalt"}

#: Swedish labels for coded groups (the code itself is shown when it has no label)
GROUP_LABELS: dict[str, dict[str, str]] = {
    "avslutsorsak": {
        "arbete_utan_stod": "Arbete utan stöd",
        "arbete_med_stod": "Arbete med stöd",
        "studier": "Studier",
        "annan_insats": "Annan insats",
        "af_program": "Program hos Arbetsförmedlingen",
        "ohalsa": "Ohälsa",
        "flytt": "Flytt",
        "avbrott": "Avbrott",
        "ovrigt": "Övrigt",
        "okand": "Okänd",
        "arbete": "Arbete",
        "annan_ersattning": "Annan ersättning",
    },
    "typ": {"ej_verkstallt": "Ej verkställt", "avbrott": "Avbrott (ej återupptaget)"},
    "platstyp": {"intern": "Förvaltningsintern", "extern": "Förvaltningsextern"},
    "kanal": {"e_tjanst": "E-tjänst", "papper": "Papper", "annat": "Annat"},
}


def code_label(code: str) -> str:
    """A coded value from the exports (`e_tjanst`) as readers read it (`E-tjänst`), whatever its column;
    `totalt` and values without a label are shown as they are."""
    for labels in GROUP_LABELS.values():
        if code in labels:
            return labels[code]
    return "Totalt" if code == "totalt" else code


def group_label(grupptyp: str, grupp: str) -> str:
    if grupp == "saknas":
        return "Uppgift saknas"
    return GROUP_LABELS.get(grupptyp, {}).get(grupp, grupp)


#: the stored table whose data end applies to an indicator, by id prefix
DATA_TABLE = {"eb": "bistand_manad", "am": "insatser", "sol": "sol_beslut", "ek": "ekonomi"}

_DATE_COLUMNS = {
    "bistand_manad": ["manad"],
    "insatser": ["anvisad_datum", "start_datum", "slut_datum"],
    "sol_beslut": [
        "beslut_datum",
        "erbjudande_datum",
        "verkstallt_datum",
        "avbrott_datum",
        "aterupptaget_datum",
        "avslutat_datum",
    ],
    "ekonomi": ["manad"],
}


def data_ends(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Data end per stored table as users read it (`2024-09` for monthly tables, a date otherwise)."""
    present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    out: dict[str, str] = {}
    for table, cols in _DATE_COLUMNS.items():
        if table not in present:
            continue
        where = " WHERE utfall IS NOT NULL" if table == "ekonomi" else ""
        expr = (
            "greatest(" + ", ".join(f"max({c})" for c in cols) + ")" if len(cols) > 1 else f"max({cols[0]})"
        )
        row = con.execute(f"SELECT {expr} FROM {table}{where}").fetchone()
        value = row[0] if row else None
        if value is None:
            continue
        out[table] = value.strftime("%Y-%m") if table in ("bistand_manad", "ekonomi") else value.isoformat()
    return out


def catalogue() -> dict[str, Any]:
    from uppfolj.indicators.catalogue import CATALOGUE

    return dict(CATALOGUE)


#: where an indicator's data come from, in plain Swedish, by the definition's source (helpers.SOURCES)
ORIGINS = {
    "bistand": "utbetalningar av ekonomiskt bistånd i verksamhetssystemet",
    "insatser": "arbetsmarknadsinsatser i verksamhetssystemet",
    "sol_beslut": "beslut enligt socialtjänstlagen i verksamhetssystemet",
    "ekonomi": "budget och utfall i ekonomisystemet",
}


def source(indicator: str, ends: dict[str, str]) -> Source:
    definition = catalogue().get(indicator)
    table = DATA_TABLE.get(indicator.split("_", 1)[0], "")
    if definition is None:
        return Source(indicator, data_end=ends.get(table, ""))
    return Source(
        indicator,
        definition.name,
        str(definition.version),
        ends.get(table, ""),
        plain=definition.plain,
        origin=ORIGINS.get(definition.source, ""),
    )


def indicator_name(indicator: str) -> str:
    definition = catalogue().get(indicator)
    return str(getattr(definition, "name", indicator)) if definition is not None else indicator


def figure(
    frame: pd.DataFrame,
    indicator: str,
    period: str,
    kon: str = "T",
    grupptyp: str = "",
    grupp: str = "",
    *,
    scale: float = 1.0,
) -> Figure:
    """One value of the frame.

    A group the frame has no row for is a true 0 when the indicator was computed for the period and sex
    and the value is a count or a sum (nobody in the group), or a share within a group that has persons
    (`shares_within_group`: a level nobody in the group has is 0 %); otherwise it is `I.U.` (cannot be
    computed: a share of nobody, or a period outside the data).
    """
    same = (
        (frame["indikator"] == indicator)
        & (frame["period"] == period)
        & (frame["kon"] == kon)
        & (frame["grupptyp"].fillna("") == grupptyp)
    )
    rows = frame[same & (frame["grupp"].fillna("").astype(str) == grupp)]
    ref = (indicator, period, kon, grupptyp, grupp)
    if rows.empty:
        if grupptyp and _absent_is_zero(frame, indicator, period, kon, same, grupp):
            return Figure(0.0, ref=ref, scale=scale)
        return Figure(None, ref=ref, scale=scale)
    row = rows.iloc[0]
    if int(row["undertryckt"]) == 1:
        return Figure(None, hidden=True, ref=ref, scale=scale)
    value = row["varde"]
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return Figure(None, ref=ref, scale=scale)
    return Figure(float(value) / scale, ref=ref, scale=scale)


def _absent_is_zero(
    frame: pd.DataFrame, indicator: str, period: str, kon: str, same: pd.Series, grupp: str
) -> bool:
    definition = catalogue().get(indicator)
    if definition is None:
        return False
    total = frame[
        (frame["indikator"] == indicator)
        & (frame["period"] == period)
        & (frame["kon"] == kon)
        & (frame["grupptyp"].fillna("") == "")
    ]
    computed = not total.empty and (
        (total["undertryckt"].astype(int) == 1).any() or total["varde"].notna().any()
    )
    if not computed:
        return False
    if not definition.figure.is_ratio:
        return True
    if not definition.shares_within_group:
        return False
    # a share within a group: 0 % when the group (the part before ×, or all) has persons of this sex
    base = grupp.split(PAIR, 1)[0] + PAIR if PAIR in grupp else ""
    siblings = frame.loc[same, "grupp"].fillna("").astype(str)
    return bool((siblings.str.startswith(base) if base else siblings.ne("")).any())


#: joins the two groups of a pair breakdown (`arendetyp×utbildningsniva`)
PAIR = "×"


def groups(frame: pd.DataFrame, indicator: str, grupptyp: str) -> list[str]:
    """The groups of one group type in the frame, sorted, with `saknas` last."""
    values = frame.loc[(frame["indikator"] == indicator) & (frame["grupptyp"] == grupptyp), "grupp"]
    found = sorted({str(v) for v in values if str(v) != "saknas"})
    if (values.astype(str) == "saknas").any():
        found.append("saknas")
    return found


#: how a catalogue unit is shown: (column kind, decimals)
UNIT_KINDS: dict[str, tuple[str, int]] = {
    "antal": ("count", 0),
    "%": ("percent", 1),
    "kr": ("count", 0),
    "dagar": ("decimal", 1),
    "månader": ("decimal", 1),
    "antal per mnkr": ("decimal", 1),
}


def kind_of(indicator: str) -> tuple[str, int]:
    definition = catalogue().get(indicator)
    return UNIT_KINDS.get(str(getattr(definition, "unit", "antal")), ("decimal", 1))


def kon_table(
    frame: pd.DataFrame,
    title: str,
    indicators: list[str],
    period: str,
    ends: dict[str, str],
) -> Table:
    """Rows = indicators (id, unit kind), columns = Kvinnor/Män/Totalt. Household indicators are T only."""
    columns = [Column("Indikator")] + [Column(KON_TITLES[k], "count") for k in KONS]
    rows: list[list[Cell]] = []
    for indicator in indicators:
        kind, decimals = kind_of(indicator)
        cells: list[Cell] = [indicator_name(indicator)]
        for k in KONS:
            has_kon = ((frame["indikator"] == indicator) & (frame["kon"] == k)).any()
            if has_kon or k == "T":
                f = figure(frame, indicator, period, k)
                cells.append(f.shown_as(kind, decimals))
            else:
                cells.append("–")
        rows.append(cells)
    return Table(
        title,
        columns,
        rows,
        sources=[source(i, ends) for i in indicators],
        notes=["– = redovisas inte per kön (hushåll och barn)."],
    )


def group_table(
    frame: pd.DataFrame,
    title: str,
    indicator: str,
    period: str,
    grupptyp: str,
    group_title: str,
    ends: dict[str, str],
    kons: tuple[str, ...] = KONS,
) -> Table:
    """Rows = the groups of one group type plus the total, columns = Kvinnor/Män/Totalt (or `kons`)."""
    kind, decimals = kind_of(indicator)
    col_kind: Any = kind
    columns = [Column(group_title)] + [Column(KON_TITLES[k], col_kind, decimals) for k in kons]
    rows: list[list[Cell]] = []
    for g in groups(frame, indicator, grupptyp):
        rows.append(
            [group_label(grupptyp, g)] + [figure(frame, indicator, period, k, grupptyp, g) for k in kons]
        )
    rows.append(["Totalt"] + [figure(frame, indicator, period, k) for k in kons])
    return Table(title, columns, rows, sources=[source(indicator, ends)], total_row=-1)


def today() -> dt.date:
    return dt.date.today()
