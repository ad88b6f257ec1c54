"""BIP progression aggregated per indicator, by insatstyp or enhet, for K, M and T, with röjandeskydd.

The result has the indicator output's shape plus the measure: `indikator, matt, kon, grupptyp, grupp, varde,
taljare, namnare, undertryckt`. Measures (`MEASURES`):

* `personer`: persons with a measurement of the indicator (varde);
* `med_forandring`: persons with at least two measurements, i.e. with a change (varde);
* `medelforandring`: mean change, latest minus first (varde = taljare / namnare: sum of changes / persons
  with a change);
* `andel_forbattrade`: share improved in per cent (taljare = persons whose change is > 0, namnare = persons
  with a change).

Groups: the total (`grupptyp`/`grupp` empty) and one row per insatstyp or enhet the progression is attributed
to (see `attribution.py`); progressions attributed to none form the group `(ingen insats)`. A person
attributed to two insatser of different types counts in both groups, once in the total.

With `publish`, the indicator package's protection hides counts 1..smatal_grans, ratios built on them, and
complements so that nothing hidden can be worked out from K + M = T or from the groups.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from uppfolj.bip.attribution import attributed_sql
from uppfolj.bip.progression import has_table, indicator_filter, progression_sql, require_bip
from uppfolj.errors import UppfoljError
from uppfolj.indicators.model import Figure, Indicator
from uppfolj.indicators.protection import protect

GROUPINGS = ("insatstyp", "enhet")
NO_INSATS = "(ingen insats)"
KON = ("K", "M", "T")
OUTPUT_COLUMNS = (
    "indikator",
    "matt",
    "kon",
    "grupptyp",
    "grupp",
    "varde",
    "taljare",
    "namnare",
    "undertryckt",
)

#: measure → (Swedish name, unit, figure kind for protection)
MEASURES: dict[str, tuple[str, str, Figure]] = {
    "personer": ("Personer med mätning", "personer", Figure(value="personer")),
    "med_forandring": ("Personer med förändring", "personer", Figure(value="personer")),
    "medelforandring": ("Medelförändring", "skalsteg", Figure(numerator="ovrigt", denominator="personer")),
    "andel_forbattrade": ("Andel förbättrade", "%", Figure(numerator="personer", denominator="personer")),
}


def _sex_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SQL of (person_id, kon): `personer.kon` when given, else the sex derived from the number."""
    if has_table(con, "personer"):
        return (
            "SELECT r.person_id, coalesce(pe.kon, r.kon) AS kon FROM _personregister r "
            "LEFT JOIN personer pe ON pe.person_id = r.person_id"
        )
    return "SELECT person_id, kon FROM _personregister"


def _counts(con: duckdb.DuckDBPyConnection, indikatorer: list[str] | None, per: str | None) -> pd.DataFrame:
    where, params = indicator_filter(indikatorer)
    rows = "SELECT DISTINCT p.*, '' AS grupptyp, '' AS grupp FROM p"
    all_params: list[str] = []
    if per is not None:
        attributed = attributed_sql(where, has_insatser=has_table(con, "insatser"))
        rows = (
            f"SELECT DISTINCT p.*, '{per}' AS grupptyp, coalesce(a.{per}, '{NO_INSATS}') AS grupp FROM p "
            f"LEFT JOIN ({attributed}) a ON a.person_id = p.person_id AND a.indikator = p.indikator "
            f"UNION ALL {rows}"
        )
        all_params += params
    sql = f"""
        WITH p AS (
            SELECT q.*, s.kon FROM ({progression_sql(where)}) q
            LEFT JOIN ({_sex_sql(con)}) s ON s.person_id = q.person_id
        ),
        r AS ({rows}),
        rk AS (SELECT *, 'T' AS k FROM r UNION ALL SELECT *, kon AS k FROM r WHERE kon IN ('K', 'M'))
        SELECT indikator, k AS kon, grupptyp, grupp,
               count(*) AS personer, count(forandring) AS med_forandring,
               coalesce(sum(forandring), 0) AS summa, count(*) FILTER (WHERE forandring > 0) AS forbattrade
        FROM rk GROUP BY ALL"""
    return con.execute(sql, params + all_params).df()


def _complete(counts: pd.DataFrame) -> pd.DataFrame:
    """Every (indikator, grupptyp, grupp) gets K, M and T rows (zero counts where nobody is)."""
    keys = counts[["indikator", "grupptyp", "grupp"]].drop_duplicates()
    grid = keys.merge(pd.DataFrame({"kon": list(KON)}), how="cross")
    full = grid.merge(counts, on=["indikator", "grupptyp", "grupp", "kon"], how="left")
    for col in ("personer", "med_forandring", "summa", "forbattrade"):
        full[col] = full[col].fillna(0).astype(float)
    return full


def _long(full: pd.DataFrame) -> pd.DataFrame:
    nan = float("nan")
    out: list[dict[str, object]] = []
    for row in full.to_dict("records"):
        base = {k: str(row[k]) for k in ("indikator", "kon", "grupptyp", "grupp")}
        persons, n = float(row["personer"]), float(row["med_forandring"])
        total, better = float(row["summa"]), float(row["forbattrade"])
        out += [
            {**base, "matt": "personer", "varde": persons, "taljare": nan, "namnare": nan},
            {**base, "matt": "med_forandring", "varde": n, "taljare": nan, "namnare": nan},
            {
                **base,
                "matt": "medelforandring",
                "varde": total / n if n else nan,
                "taljare": total,
                "namnare": n,
            },
            {
                **base,
                "matt": "andel_forbattrade",
                "varde": 100.0 * better / n if n else nan,
                "taljare": better,
                "namnare": n,
            },
        ]
    frame = pd.DataFrame(out, columns=[c for c in OUTPUT_COLUMNS if c != "undertryckt"])
    frame["undertryckt"] = 0
    return frame


#: the measures built on the persons with a change share one hidden set (their namnare is the same count)
CHANGE_MEASURES = ("med_forandring", "medelforandring", "andel_forbattrade")
_KEY = ["indikator", "kon", "grupptyp", "grupp"]


def _hidden_keys(rows: pd.DataFrame, matt: str, threshold: int) -> set[tuple[str, ...]]:
    """Keys of the cells the indicator protection hides, run with one pseudo-indicator per BIP indicator."""
    figure = MEASURES[matt][2]
    work = rows.drop(columns=["matt"]).assign(period="", indikator=matt + ":" + rows["indikator"])
    defs = [Indicator(i, MEASURES[matt][0], 1, "", "", "", figure) for i in sorted(set(work["indikator"]))]
    protected = protect(work, defs, threshold=threshold)
    flags = protected["undertryckt"].to_numpy() == 1
    keys = list(rows[_KEY].itertuples(index=False, name=None))
    return {k for k, hide in zip(keys, flags, strict=True) if hide}


def _protect(frame: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Röjandeskydd by the indicator package's `protect`: once for `personer`, once for the change
    measures through `andel_forbattrade` (its taljare and namnare are both protected counts, and its namnare
    is `med_forandring` and medelforandring's namnare), whose hidden cells are hidden in all three, so that
    no change measure shows a count another one hides."""
    out = frame.reset_index(drop=True).copy()
    keys = list(out[_KEY].itertuples(index=False, name=None))
    mask = [False] * len(out)
    for matt, applies_to in (("personer", ("personer",)), ("andel_forbattrade", CHANGE_MEASURES)):
        hidden = _hidden_keys(out[out["matt"] == matt], matt, threshold)
        for i, (key, m) in enumerate(zip(keys, out["matt"], strict=True)):
            if m in applies_to and key in hidden:
                mask[i] = True
    out.loc[mask, ["varde", "taljare", "namnare"]] = float("nan")
    out.loc[mask, "undertryckt"] = 1
    return out


def aggregate(
    con: duckdb.DuckDBPyConnection,
    *,
    indikatorer: list[str] | None = None,
    per: str | None = None,
    publish: bool = False,
    threshold: int = 4,
) -> pd.DataFrame:
    """The aggregated progression (`OUTPUT_COLUMNS`); grouped by `per` (insatstyp or enhet) besides the total."""
    if per is not None and per not in GROUPINGS:
        raise UppfoljError(f"Okänd gruppering {per!r}: välj insatstyp eller enhet.")
    require_bip(con)
    counts = _counts(con, indikatorer, per)
    if counts.empty:
        return pd.DataFrame({c: [] for c in OUTPUT_COLUMNS})
    frame = _long(_complete(counts))
    if publish:
        frame = _protect(frame, threshold)
    order = {m: i for i, m in enumerate(MEASURES)}
    frame["_m"] = frame["matt"].map(order)
    frame["_k"] = frame["kon"].map({k: i for i, k in enumerate(KON)})
    frame["_g"] = frame["grupptyp"] != ""
    frame = frame.sort_values(["indikator", "_g", "grupp", "_m", "_k"]).drop(columns=["_m", "_k", "_g"])
    return frame.reset_index(drop=True)[list(OUTPUT_COLUMNS)]
