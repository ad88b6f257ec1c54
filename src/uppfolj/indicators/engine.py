"""`compute()`: the catalogue's definitions over the stored tables, for many periods at once.

Per call: resolve the definitions and periods; read each source's data start/end; materialise the helper
views the definitions need (once); then per indicator one query over all its covered periods; then fill
the skeleton (every period × kon total row; *I.U.* where not covered), filter, protect when publishing,
and sort in a stable order.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import duckdb
import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.indicators.backends import Backend, make_backend
from uppfolj.indicators.catalogue import resolve
from uppfolj.indicators.helpers import (
    HELPERS,
    SOURCES,
    helpers_needed,
    names_in,
    substitute_parameters,
)
from uppfolj.indicators.model import Indicator
from uppfolj.indicators.periods import Period
from uppfolj.schema import RESULT_COLUMNS, STORED_TABLES
from uppfolj.workspace import Config

#: the result columns under the name code written before uppfolj.schema still imports (the same list)
COLUMNS = RESULT_COLUMNS
KON_ORDER = {"K": 0, "M": 1, "T": 2}

PERIOD_SCHEMA = [
    ("period", "VARCHAR"),
    ("first_mi", "INTEGER"),
    ("last_mi", "INTEGER"),
    ("first_day", "DATE"),
    ("last_day", "DATE"),
    ("n_months", "INTEGER"),
    ("n_days", "INTEGER"),
    ("year", "INTEGER"),
]
PERIOD_MONTH_SCHEMA = [("period", "VARCHAR"), ("mi", "INTEGER")]


def _periods_frame(periods: list[Period]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = [
        (p.label, p.first_mi, p.last_mi, p.first_day, p.last_day, p.n_months, p.n_days, p.year)
        for p in periods
    ]
    frame = pd.DataFrame(rows, columns=[c for c, _ in PERIOD_SCHEMA])
    months = pd.DataFrame(
        [(p.label, mi) for p in periods for mi in range(p.first_mi, p.last_mi + 1)],
        columns=[c for c, _ in PERIOD_MONTH_SCHEMA],
    )
    return frame, months


def source_bounds(
    con: duckdb.DuckDBPyConnection, names: set[str]
) -> dict[str, tuple[int | None, int | None]]:
    """Data start and end month index per source (None when the source table is absent or empty)."""
    from uppfolj.indicators.backends import existing_tables

    present = existing_tables(con)
    out: dict[str, tuple[int | None, int | None]] = {}
    for name in names:
        source = SOURCES[name]
        if not names_in(source.sql) & set(STORED_TABLES) <= present:
            out[name] = (None, None)
            continue
        row = con.execute(source.sql).fetchone()
        start, end = (row[0], row[1]) if row else (None, None)
        out[name] = (None if start is None else int(start), None if end is None else int(end))
    return out


def _parse_periods(periods: list[str] | list[Period]) -> list[Period]:
    out: list[Period] = []
    seen: set[str] = set()
    for item in periods:
        period = item if isinstance(item, Period) else Period.parse(str(item))
        if period.label not in seen:
            seen.add(period.label)
            out.append(period)
    if not out:
        raise UppfoljError("Ange minst en period, t.ex. --period 2024 eller --fran 2024-01 --till 2024-12.")
    return out


def _apply_fallback(
    ind: Indicator, got: pd.DataFrame, covered: list[Period], con: duckdb.DuckDBPyConnection, config: Config
) -> pd.DataFrame:
    """Fill NULL breakdown values with the definition's Python fallback, then totals from their groups."""
    assert ind.fallback is not None
    by_label = {p.label: p for p in covered}
    got = got.copy()
    in_group = got["grupptyp"] != ""
    for idx in got.index[in_group & got["varde"].isna()]:
        period = by_label.get(str(got.at[idx, "period"]))
        if period is None:
            continue
        filled = ind.fallback(con, config, period, str(got.at[idx, "grupp"]))
        if filled is not None and not math.isnan(filled):
            got.at[idx, "varde"] = float(filled)
    for idx in got.index[~in_group & got["varde"].isna()]:
        groups = got[in_group & (got["period"] == got.at[idx, "period"]) & (got["kon"] == got.at[idx, "kon"])]
        if len(groups) and groups["varde"].notna().all():
            got.at[idx, "varde"] = float(groups["varde"].sum())
    return got


def _run_one(
    backend: Backend,
    ind: Indicator,
    covered: list[Period],
    values: dict[str, int | str],
) -> pd.DataFrame:
    frame, months = _periods_frame(covered)
    backend.set_table("_perioder", frame, PERIOD_SCHEMA)
    backend.set_table("_periodmanader", months, PERIOD_MONTH_SCHEMA)
    result = backend.query(substitute_parameters(ind.sql, values))
    for col in ("grupptyp", "grupp"):
        if col not in result.columns:
            result[col] = ""
    result["grupptyp"] = result["grupptyp"].fillna("").astype(str)
    blank = result["grupp"].isna() | (result["grupp"].astype(str) == "")
    result["grupp"] = result["grupp"].where(~blank, "").astype(str)
    # a missing group value inside a breakdown is the group `saknas` (indikatorer.md, "Concepts")
    result.loc[blank & (result["grupptyp"] != ""), "grupp"] = "saknas"
    for col in ("varde", "taljare", "namnare"):
        if col not in result.columns:
            result[col] = math.nan
        result[col] = pd.to_numeric(result[col], errors="coerce").astype("float64")
    result["indikator"] = ind.id
    return result


def _skeleton(ind: Indicator, periods: list[Period], covered: set[str], got: pd.DataFrame) -> pd.DataFrame:
    """Total rows for every period × kon; not covered → NaN; covered but absent → 0 for counts, and for a
    ratio NaN with numerator and denominator 0."""
    have = set(
        zip(
            got.loc[got["grupptyp"] == "", "period"],
            got.loc[got["grupptyp"] == "", "kon"],
            strict=True,
        )
    )
    rows = []
    for period in periods:
        for kon in ind.kon:
            if (period.label, kon) in have:
                continue
            fig = ind.figure
            if period.label not in covered:
                rows.append((ind.id, period.label, kon, "", "", math.nan, math.nan, math.nan))
            elif not fig.is_ratio:
                rows.append((ind.id, period.label, kon, "", "", 0.0, math.nan, math.nan))
            else:  # nobody in the cohort: 0 of 0, the ratio itself is not defined
                num = 0.0 if fig.numerator is not None else math.nan
                den = 0.0 if fig.denominator is not None else math.nan
                rows.append((ind.id, period.label, kon, "", "", math.nan, num, den))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS[:-1])


def compute(
    con: duckdb.DuckDBPyConnection,
    *,
    periods: list[str] | list[Period],
    indicators: list[str] | None = None,
    config: Config | None = None,
    kon: list[str] | None = None,
    grupptyper: list[str] | None = None,
    engine: str = "duckdb",
    publish: bool = False,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Compute indicators for periods; returns the result columns, in a stable order.

    `grupptyper` None gives every breakdown of each indicator; a list keeps the totals plus those.
    `publish=True` applies small-number protection with `config.smatal_grans`. `progress` is called
    with each indicator id after it is computed (for progress bars).
    """
    config = config or Config()
    defs = resolve(indicators)
    plist = _parse_periods(periods)
    g = int(config.uppehall_manader)
    bounds = source_bounds(con, {d.source for d in defs})

    backend = make_backend(engine, con)
    parts: list[pd.DataFrame] = []
    try:
        sqls = [d.sql for d in defs]
        tables = sorted(set().union(*(names_in(s) for s in sqls + [h.sql for h in HELPERS.values()])))
        backend.load([t for t in tables if t in STORED_TABLES])
        for name in helpers_needed(sqls):
            helper = HELPERS[name]
            backend.materialise(
                name, substitute_parameters(helper.sql, {"G": g}), as_view=not helper.materialise
            )
        for ind in defs:
            start, end = bounds[ind.source]
            covered = [
                p
                for p in plist
                if p.kind in ind.period_kinds
                and ind.covers(first=p.first_mi, last=p.last_mi, start=start, end=end, g=g)
            ]
            got = pd.DataFrame(columns=RESULT_COLUMNS[:-1])
            if covered:
                values: dict[str, int | str] = {
                    "G": g,
                    "VERKSAMHET_AM": config.verksamhet_arbetsmarknad,
                    "VERKSAMHET_EB": config.verksamhet_bistand,
                    **({"S": start} if start is not None else {}),
                    **({"E": end} if end is not None else {}),
                }
                got = _run_one(backend, ind, covered, values)[RESULT_COLUMNS[:-1]]
                if ind.fallback is not None:
                    got = _apply_fallback(ind, got, covered, con, config)
            labels = {p.label for p in covered}
            parts.append(got)
            parts.append(_skeleton(ind, plist, labels, got))
            if progress is not None:
                progress(ind.id)
    finally:
        backend.close()

    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if parts else pd.DataFrame()
    return _finish(out, defs, plist, kon, grupptyper, threshold=int(config.smatal_grans) if publish else None)


def _finish(
    out: pd.DataFrame,
    defs: list[Indicator],
    plist: list[Period],
    kon: list[str] | None,
    grupptyper: list[str] | None,
    *,
    threshold: int | None,
) -> pd.DataFrame:
    """Types, protection (on the whole result, before any filter, so that a filtered view never shows
    what the full one hides), then the kon/grupptyp filters and the stable order."""
    if out.empty:
        out = pd.DataFrame(columns=RESULT_COLUMNS)
    out["undertryckt"] = 0
    for col in ("indikator", "period", "kon", "grupptyp", "grupp"):
        out[col] = out[col].astype(str)
    for col in ("varde", "taljare", "namnare"):
        out[col] = out[col].astype("float64")
    if threshold is not None:
        from uppfolj.indicators.protection import protect

        out = protect(out, defs, threshold=threshold)
    if kon:
        out = out[out["kon"].isin(kon)]
    if grupptyper is not None:
        out = out[(out["grupptyp"] == "") | out["grupptyp"].isin(grupptyper)]
    return sort_rows(out, defs, plist)


def sort_rows(out: pd.DataFrame, defs: list[Indicator], plist: list[Period]) -> pd.DataFrame:
    """Stable order: catalogue order, requested period order, K/M/T, total then breakdowns, group."""
    ind_order = {d.id: i for i, d in enumerate(defs)}
    gt_order = {d.id: {g: i + 1 for i, g in enumerate(d.grupptyper)} for d in defs}
    per_order = {p.label: i for i, p in enumerate(plist)}
    keys = pd.DataFrame(
        {
            "i": out["indikator"].map(ind_order),
            "p": out["period"].map(per_order),
            "k": out["kon"].map(KON_ORDER),
            "g": [
                0 if gt == "" else gt_order[ind].get(gt, 99)
                for ind, gt in zip(out["indikator"], out["grupptyp"], strict=True)
            ],
            "gt": out["grupptyp"],
            "gr": out["grupp"],
        },
        index=out.index,
    )
    order = keys.sort_values(["i", "p", "k", "g", "gt", "gr"], kind="mergesort").index
    return out.loc[order, RESULT_COLUMNS].reset_index(drop=True)
