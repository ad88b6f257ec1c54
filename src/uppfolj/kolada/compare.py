"""Own municipality against its group, and uppfolj's own figures against the official Kolada ones."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

COMPARE_COLUMNS = ["kpi", "ar", "kommun_id", "kommun", "kon", "varde", "gruppmedel", "gruppmedian", "rang"]
KON_ORDER = {"T": 0, "K": 1, "M": 2}


def compare(
    values: pd.DataFrame, kpi: str, year: int, municipalities: list[str], names: dict[str, str]
) -> pd.DataFrame:
    """One row per municipality and sex: value, group mean and median, rank (1 = highest).

    Missing values stay empty and are not ranked; equal values share the best rank (1, 2, 2, 4).
    Mean and median are over the municipalities of the group that have a value for that sex.
    """
    subset = values[
        (values["kpi"] == kpi) & (values["ar"] == year) & values["kommun_id"].isin(municipalities)
    ]
    sexes = sorted(set(subset["kon"]) or {"T"}, key=lambda k: KON_ORDER.get(k, 9))
    rows = []
    for kon in sexes:
        by_mun = {
            r.kommun_id: (
                None
                if r.varde is None or (isinstance(r.varde, float) and math.isnan(r.varde))
                else float(r.varde)
            )
            for r in subset[subset["kon"] == kon].itertuples()
        }
        present = sorted(v for v in by_mun.values() if v is not None)
        mean = sum(present) / len(present) if present else None
        median = _median(present) if present else None
        for mun in municipalities:
            value = by_mun.get(mun)
            rank = None if value is None else 1 + sum(1 for v in present if v > value)
            rows.append(
                {
                    "kpi": kpi,
                    "ar": year,
                    "kommun_id": mun,
                    "kommun": names.get(mun, mun),
                    "kon": kon,
                    "varde": value,
                    "gruppmedel": mean,
                    "gruppmedian": median,
                    "rang": rank,
                }
            )
    out = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    out["_k"] = out["kon"].map(KON_ORDER)
    out["_r"] = out["rang"].fillna(10_000)
    out = out.sort_values(["_k", "_r", "kommun_id"], kind="stable").drop(columns=["_k", "_r"])
    out["rang"] = out["rang"].astype("Int64")
    return out.reset_index(drop=True)


def _median(sorted_values: list[float]) -> float:
    n = len(sorted_values)
    mid = n // 2
    return sorted_values[mid] if n % 2 else (sorted_values[mid - 1] + sorted_values[mid]) / 2


def own_trend(
    values: pd.DataFrame, kpi: str, own: str, municipalities: list[str], years: list[int]
) -> pd.DataFrame:
    """Per year: the own value, the group mean and the own rank (sex T), for the trend chart and the report."""
    rows = []
    for year in years:
        table = compare(values, kpi, year, municipalities, {})
        t = table[(table["kon"] == "T") & (table["kommun_id"] == own)]
        if t.empty:
            continue
        r = t.iloc[0]
        rows.append(
            {
                "ar": year,
                "varde": r["varde"],
                "gruppmedel": r["gruppmedel"],
                "rang": r["rang"],
                "antal": int(table[(table["kon"] == "T") & table["varde"].notna()].shape[0]),
            }
        )
    return pd.DataFrame(rows, columns=["ar", "varde", "gruppmedel", "rang", "antal"])


@dataclass(frozen=True)
class Correspondence:
    indicator: str
    default_kpi: str
    #: largest accepted absolute difference, in the indicator's unit
    tolerance: float


#: uppfolj indicators that measure the same thing as a Kolada KPI for the own municipality.
CORRESPONDENCES = (Correspondence("eb_andel_befolkning", "andel_eb", 0.3),)

RECONCILE_COLUMNS = ["indikator", "kpi", "ar", "kon", "uppfolj", "kolada", "skillnad", "tolerans", "avviker"]


def reconcile(
    ours: pd.DataFrame, official: pd.DataFrame, indicator: str, kpi: str, own: str, tolerance: float
) -> pd.DataFrame:
    """Side by side per year and sex; `avviker` when both exist and |difference| > tolerance.

    `ours` has the result columns (indikator, period, kon, varde) with year periods; `official` the
    stored Kolada values (kpi, kommun_id, ar, kon, varde).
    """
    mine = ours[(ours["indikator"] == indicator) & (ours["grupptyp"].fillna("") == "")]
    theirs = official[(official["kpi"] == kpi) & (official["kommun_id"] == own)]
    keys = sorted(
        {(int(p), k) for p, k in zip(mine["period"], mine["kon"], strict=True) if str(p).isdigit()}
        | {(int(a), k) for a, k in zip(theirs["ar"], theirs["kon"], strict=True)},
        key=lambda x: (x[0], KON_ORDER.get(x[1], 9)),
    )
    rows = []
    for year, kon in keys:
        a = mine[(mine["period"].astype(str) == str(year)) & (mine["kon"] == kon)]["varde"]
        b = theirs[(theirs["ar"] == year) & (theirs["kon"] == kon)]["varde"]
        va = float(a.iloc[0]) if len(a) and pd.notna(a.iloc[0]) else None
        vb = float(b.iloc[0]) if len(b) and pd.notna(b.iloc[0]) else None
        diff = None if va is None or vb is None else va - vb
        rows.append(
            {
                "indikator": indicator,
                "kpi": kpi,
                "ar": year,
                "kon": kon,
                "uppfolj": va,
                "kolada": vb,
                "skillnad": diff,
                "tolerans": tolerance,
                "avviker": diff is not None and abs(diff) > tolerance + 1e-12,
            }
        )
    return pd.DataFrame(rows, columns=RECONCILE_COLUMNS)
