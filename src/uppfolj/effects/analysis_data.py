"""Analysis data for the dynamic design, built from the store, using at every month only what was known then.

Population: persons receiving ekonomiskt bistånd (sökande or medsökande), followed through their spells
(biståndsperioder: payment months at most G+1 months apart, G = `uppehall_manader`). Spells that start within
the first G+1 months of data may have begun earlier (the stock at the data start); they are left out, or with
`bestand=True` kept with elapsed time counted from the data start and the flag `bestand` = 1, so that they are
compared only with each other.

Risk set (no look-ahead): a person is at risk in month m of a spell when paid in m or in one of the G months
before it, so whether a month counts never depends on a later payment. One row per person and elapsed month
u = 0, 1, … while at risk, not yet treated, not in an insats of the same type started earlier, u ≤ `max_u`,
and m ≤ the data end. `behandlad` = 1 in the month the person starts the insatstyp (the last row of that spell).

Covariates known at m: age, sex, education level (only when `utbildningsniva_datum` is before m; an undated
level may describe the person after the insats and is left out with a note), birth-country group, cohabiting
(a medsökande), children, months in the spell (u), payment in month m and in m−1, payment months in the 24
months before m, earlier insatser of any type (all, and those started in the 12 months before m), calendar year
and quarter. Outcomes have fixed windows: each is missing exactly when its window reaches past the data end,
whatever its value:
- `ingen_betalning_τ` for τ = 0…horizon: no payment to the person in month m+τ (egen försörjning);
- `arbete_studier_12`: the spell ended within 12 months with eb_avslut reason arbete or studier
  (observed when m+12+G+1 is in the data, so an ending is known);
- `manader_kvar_24`: months from m until the spell's last payment (m counted), capped at 24 (observed when
  m+24+G is in the data).
Placebo: payment months 25–36 months before m (before the spell's covariate window; no effect can reach it).

`info["tackning"]` counts every insats of the type that started in the data period by why it is or is not a
start in the analysis (see `coverage.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from uppfolj.effects.coverage import classify_starts

# STOCK: spells running at the data start, compared among themselves
from uppfolj.effects.dynamic import CLUSTER, OTHER_START
from uppfolj.effects.dynamic import STRATUM as STOCK
from uppfolj.effects.outcomes import OUTCOME_NAMES  # noqa: F401  (the outcomes this module builds)
from uppfolj.errors import UppfoljError

MONTH_KEY = 100_000  # person code × MONTH_KEY + month index gives a sortable key per person-month
EXIT_REASONS = ("arbete", "studier")
#: the outcome in kronor: ekonomiskt bistånd paid to the household in months m+1 … m+24
KRONOR = "bistand_kr_24"
#: panel columns that identify a row rather than describe the person
KEY_COLUMNS = ("person", "spell", "u", "manad", "behandlad", "insats_id", OTHER_START, CLUSTER)
NOTE_EDUCATION_UNDATED = (
    "Utbildningsnivå används inte i jämförelsen: den saknar datum och kan därför beskriva personen efter "
    "insatsen."
)
NOTE_EDUCATION_LATE = (
    "Utbildningsnivå som registrerats efter en månad räknas som okänd i den månaden, eftersom den kan beskriva "
    "personen efter insatsen."
)


@dataclass
class AnalysisData:
    panel: pd.DataFrame
    covariates: list[str]
    outcomes: list[str]
    curve: list[str]
    placebo: str
    info: dict[str, object] = field(default_factory=dict)


#: the covariates' names as a report reader reads them (the code is shown for any other)
COVARIATE_LABELS = {
    "alder": "Ålder",
    "kvinna": "Kvinna",
    "utb_forgymnasial": "Förgymnasial utbildning",
    "utb_eftergymnasial": "Eftergymnasial utbildning",
    "utb_okand": "Utbildning okänd",
    "fodd_europa": "Född i Europa utom Sverige",
    "fodd_utanfor_europa": "Född utanför Europa",
    "fodd_okand": "Födelseland okänt",
    "sambo": "Sammanboende",
    "antal_barn": "Antal barn i hushållet",
    "manader_i_perioden": "Månader i biståndsperioden",
    "betalningar_24": "Månader med bistånd senaste två åren",
    "betalning_manaden": "Bistånd samma månad",
    "betalning_foregaende": "Bistånd föregående månad",
    "tidigare_insatser": "Tidigare insatser",
    "insatser_senaste_12": "Insatser senaste året",
    "kalenderar": "Kalenderår",
    "kvartal_2": "Andra kvartalet",
    "kvartal_3": "Tredje kvartalet",
    "kvartal_4": "Fjärde kvartalet",
    "bestand": "Biståndsperiod pågick vid datastart",
}


def covariate_label(name: str) -> str:
    return COVARIATE_LABELS.get(name, name)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?",
        [table],
    ).fetchall()
    return {r[0] for r in rows}


def _month_index(col: str) -> str:
    return f"(year({col}) * 12 + month({col}) - 1)"


def _person_months(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        f"""
        WITH adults AS (
            SELECT sokande_id AS person_id, manad, hushall_id, antal_barn, medsokande_id IS NOT NULL AS sambo,
                   belopp
            FROM bistand_manad
            UNION ALL
            SELECT medsokande_id, manad, hushall_id, antal_barn, TRUE, belopp FROM bistand_manad
            WHERE medsokande_id IS NOT NULL
        )
        SELECT person_id, {_month_index("manad")} AS mi, min(hushall_id) AS hushall_id,
               max(antal_barn) AS antal_barn, bool_or(sambo) AS sambo, sum(belopp)::DOUBLE AS belopp
        FROM adults GROUP BY person_id, manad ORDER BY person_id, mi
        """
    ).df()


def _household_clusters(pm: pd.DataFrame, codes: np.ndarray) -> np.ndarray:
    """Cluster per person code: connected components of persons and the households they were paid in."""
    households = pd.factorize(pm["hushall_id"])[0]
    n_persons = int(codes.max() + 1)
    graph = sparse.coo_matrix(
        (np.ones(len(codes)), (codes, n_persons + households)),
        shape=(n_persons + households.max() + 1,) * 2,
    )
    _, labels = connected_components(graph, directed=False)
    return np.asarray(pd.factorize(labels[:n_persons])[0], dtype=np.int64)


def _spells(pm: pd.DataFrame, gap: int) -> pd.DataFrame:
    new_person = pm["person_id"].ne(pm["person_id"].shift())
    new_spell = new_person | (pm["mi"] - pm["mi"].shift() > gap + 1)
    pm = pm.assign(spell=new_spell.cumsum())
    spells = pm.groupby("spell", sort=True).agg(
        person_id=("person_id", "first"),
        start=("mi", "min"),
        end=("mi", "max"),
        hushall_slut=("hushall_id", "last"),
    )
    return spells.reset_index()


def build_analysis_data(
    con: duckdb.DuckDBPyConnection,
    insatstyp: str,
    *,
    gap: int = 2,
    max_u: int = 36,
    horizon: int = 24,
    include_stock: bool = False,
) -> AnalysisData:
    tables = _tables(con)
    for needed in ("bistand_manad", "insatser", "_personregister"):
        if needed not in tables:
            raise UppfoljError(
                f"Datalagret saknar tabellen {needed}. Importera den (uppfolj import MAPP) innan effektanalysen."
            )
    types = [r[0] for r in con.execute("SELECT DISTINCT insatstyp FROM insatser ORDER BY 1").fetchall()]
    if insatstyp not in types:
        raise UppfoljError(
            f"Insatstypen '{insatstyp}' finns inte i insatser. Insatstyper som finns: {', '.join(types)}."
        )
    pm = _person_months(con)
    data_start, data_end = int(pm["mi"].min()), int(pm["mi"].max())
    codes, persons = pd.factorize(pm["person_id"], sort=True)
    code_of = pd.Series(np.arange(len(persons)), index=persons)
    raw_keys = codes.astype(np.int64) * MONTH_KEY + pm["mi"].to_numpy(dtype=np.int64)
    key_order = np.argsort(raw_keys, kind="stable")
    pay_keys = raw_keys[key_order]
    # kronor paid to the person's household, cumulated in key order (sums over months by differences)
    paid_kr = np.concatenate([[0.0], np.cumsum(pm["belopp"].fillna(0).to_numpy(dtype=float)[key_order])])
    all_spells = _spells(pm, gap)
    # at risk from the first payment through G months after the last one: decided by past payments only
    all_spells["open_to"] = np.minimum(all_spells["end"] + gap, data_end)
    all_spells["stock"] = all_spells["start"] <= data_start + gap
    all_spells["origin"] = np.where(all_spells["stock"], data_start, all_spells["start"])
    spells = all_spells[include_stock | ~all_spells["stock"]].reset_index(drop=True)

    ins = con.execute(
        f"""SELECT insats_id, person_id, insatstyp, {_month_index("start_datum")} AS s,
                   {_month_index("slut_datum")} AS e FROM insatser"""
    ).df()
    same_all = ins[(ins["insatstyp"] == insatstyp) & ins["s"].between(data_start, data_end)]
    ins = ins[ins["person_id"].isin(code_of.index)]
    ins["code"] = code_of.loc[ins["person_id"]].to_numpy()
    same = ins[ins["insatstyp"] == insatstyp]

    # first start of the insatstyp inside each spell
    merged = spells.merge(same[["person_id", "s", "insats_id"]], on="person_id", how="left")
    inside = merged[(merged["s"] >= merged["start"]) & (merged["s"] <= merged["open_to"])]
    first = inside.sort_values(["spell", "s", "insats_id"], kind="stable").drop_duplicates("spell")
    spells["treat_month"] = spells["spell"].map(first.set_index("spell")["s"])
    spells["insats_id"] = spells["spell"].map(first.set_index("spell")["insats_id"])

    # risk-set rows: months start … min(open_to, origin + max_u), u counted from the origin
    origin = spells["origin"].to_numpy()
    first_u = spells["start"].to_numpy() - origin
    limit = np.minimum(spells["open_to"].to_numpy() - origin, max_u)
    treated_u = (spells["treat_month"] - spells["origin"]).to_numpy()
    has_t = np.isfinite(treated_u) & (treated_u <= limit)
    last = np.where(has_t, np.nan_to_num(treated_u), limit).astype(int)
    rep = np.maximum(last - first_u + 1, 0)
    idx = np.repeat(np.arange(len(spells)), rep)
    u = first_u[idx] + np.arange(rep.sum()) - np.repeat(np.cumsum(rep) - rep, rep)
    sp = spells.iloc[idx].reset_index(drop=True)
    panel = pd.DataFrame(
        {
            "person": sp["person_id"],
            "spell": sp["spell"],
            "u": u,
            "behandlad": (has_t[idx] & (u == last[idx])).astype(int),
        }
    )
    # the insats behind each start, so an estimate can be traced to the insatser it rests on
    panel["insats_id"] = sp["insats_id"].where((panel["behandlad"] == 1).to_numpy())
    m = origin[idx] + u
    panel["manad"] = m  # month index (year × 12 + month − 1), for tracing rows across builds
    code = code_of.loc[sp["person_id"]].to_numpy().astype(np.int64)

    # persons already in an insats of the same type (started before m, not ended before m) cannot start it
    ongoing = np.zeros(len(panel), dtype=bool)
    if len(same):
        j = pd.DataFrame({"row": np.arange(len(panel)), "person_id": sp["person_id"], "m": m}).merge(
            same[["person_id", "s", "e"]], on="person_id"
        )
        hit = j[(j["s"] < j["m"]) & (j["e"].isna() | (j["e"] >= j["m"]))]["row"].unique()
        ongoing[hit] = True
    keep = ~ongoing
    panel, m, code, sp = (
        panel[keep].reset_index(drop=True),
        m[keep],
        code[keep],
        sp[keep].reset_index(drop=True),
    )

    def paid(month: np.ndarray) -> np.ndarray:
        key = code * MONTH_KEY + month
        pos = np.searchsorted(pay_keys, key)
        return (pos < len(pay_keys)) & (pay_keys[np.minimum(pos, len(pay_keys) - 1)] == key)

    def paid_between(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Payment months in [lo, hi)."""
        return np.searchsorted(pay_keys, code * MONTH_KEY + hi) - np.searchsorted(
            pay_keys, code * MONTH_KEY + lo
        )

    # ---- covariates ---------------------------------------------------------------------------------
    reg = con.execute("SELECT person_id, fodelsear, kon FROM _personregister").df().set_index("person_id")
    pers_cols = _columns(con, "personer")
    dated = "utbildningsniva_datum" in pers_cols
    pers = (
        con.execute(
            "SELECT person_id, kon, utbildningsniva, fodelseland_grupp, "
            + (f"{_month_index('utbildningsniva_datum')}" if dated else "NULL::INTEGER")
            + " AS utb_mi FROM personer"
        )
        .df()
        .set_index("person_id")
        if "personer" in tables
        else pd.DataFrame(columns=["kon", "utbildningsniva", "fodelseland_grupp", "utb_mi"])
    )
    pid = sp["person_id"]
    kon = pers["kon"].reindex(pid).fillna(pd.Series(reg["kon"].reindex(pid).to_numpy(), index=pid)).to_numpy()
    year = m // 12
    panel["alder"] = year - reg["fodelsear"].reindex(pid).to_numpy()
    panel["kvinna"] = (kon == "K").astype(float)
    notes: list[str] = []
    # education only when registered before the month: a later level may be the insats's own result
    utb_mi = pd.to_numeric(pers["utb_mi"], errors="coerce").reindex(pid).to_numpy(dtype=float)
    known = np.nan_to_num(utb_mi, nan=np.inf) < m
    if known.any():
        level = pers["utbildningsniva"].reindex(pid).astype(object).to_numpy()
        utb = np.where(known, level, np.array(None, dtype=object))
        panel["utb_forgymnasial"] = np.isin(utb, ["1", "2"]).astype(float)
        panel["utb_eftergymnasial"] = np.isin(utb, ["5", "6", "7"]).astype(float)
        panel["utb_okand"] = (~np.isin(utb, ["1", "2", "3", "4", "5", "6", "7"])).astype(float)
        if not known.all():
            notes.append(NOTE_EDUCATION_LATE)
    else:
        notes.append(NOTE_EDUCATION_UNDATED)
    land = pers["fodelseland_grupp"].reindex(pid).astype(object).to_numpy()
    for group in ("europa", "utanfor_europa"):
        panel[f"fodd_{group}"] = (land == group).astype(float)
    panel["fodd_okand"] = (~np.isin(land, ["sverige", "europa", "utanfor_europa"])).astype(float)
    hh = pm.assign(code=codes).set_index(["code", "mi"])[["antal_barn", "sambo"]]
    at_m = hh.reindex(pd.MultiIndex.from_arrays([code, m]))
    panel["sambo"] = at_m["sambo"].astype(float).fillna(0.0).to_numpy(dtype=float)
    panel["antal_barn"] = at_m["antal_barn"].fillna(0).to_numpy(dtype=float)
    panel["manader_i_perioden"] = panel["u"].astype(float)
    if include_stock:
        panel[STOCK] = sp["stock"].to_numpy(dtype=float)
    panel["betalningar_24"] = paid_between(m - 24, m).astype(float)
    # paid this month and last month: a month inside the spell's allowed gap is a different situation
    panel["betalning_manaden"] = paid(m).astype(float)
    panel["betalning_foregaende"] = paid(m - 1).astype(float)
    ins_keys = np.sort(ins["code"].to_numpy(dtype=np.int64) * MONTH_KEY + ins["s"].to_numpy(dtype=np.int64))
    panel["tidigare_insatser"] = (
        np.searchsorted(ins_keys, code * MONTH_KEY + m) - np.searchsorted(ins_keys, code * MONTH_KEY)
    ).astype(float)
    panel["insatser_senaste_12"] = (
        np.searchsorted(ins_keys, code * MONTH_KEY + m) - np.searchsorted(ins_keys, code * MONTH_KEY + m - 12)
    ).astype(float)
    other = ins[ins["insatstyp"] != insatstyp]
    other_keys = np.unique(
        other["code"].to_numpy(dtype=np.int64) * MONTH_KEY + other["s"].to_numpy(dtype=np.int64)
    )
    # starts another insatstyp this month: not a comparison person for "no insats", and a censoring event
    panel[OTHER_START] = np.isin(code * MONTH_KEY + m, other_keys).astype(int)
    # households: persons linked by ever sharing one are a cluster, drawn together by the bootstrap
    panel[CLUSTER] = _household_clusters(pm, codes)[code]
    panel["kalenderar"] = year.astype(float)
    quarter = (m % 12) // 3
    for q in (1, 2, 3):
        panel[f"kvartal_{q + 1}"] = (quarter == q).astype(float)
    candidates = [c for c in panel.columns if c not in KEY_COLUMNS]
    covariates = [c for c in candidates if panel[c].std() > 0]

    # ---- outcomes -----------------------------------------------------------------------------------
    curve = []
    for tau in range(horizon + 1):
        col = f"ingen_betalning_{tau}"
        panel[col] = np.where(m + tau <= data_end, (~paid(m + tau)).astype(float), np.nan)
        curve.append(col)
    end = sp["end"].to_numpy()
    remaining = end - m + 1
    # fixed window: observed when m+24+G is in the data (then an ending before m+24 is known), whatever the value
    panel["manader_kvar_24"] = np.where(m + 24 + gap <= data_end, np.clip(remaining, 0, 24), np.nan).astype(
        float
    )
    outcomes = ["ingen_betalning_6", "ingen_betalning_12", "ingen_betalning_24", "manader_kvar_24", KRONOR]
    # ekonomiskt bistånd paid to the household in the 24 months after m (fixed window)
    lo = np.searchsorted(pay_keys, code * MONTH_KEY + m + 1)
    hi = np.searchsorted(pay_keys, code * MONTH_KEY + m + 25)
    panel[KRONOR] = np.where(m + 24 <= data_end, paid_kr[hi] - paid_kr[lo], np.nan)
    if "eb_avslut" in tables:
        reasons = con.execute(
            f"SELECT hushall_id, {_month_index('manad')} AS mi, avslutsorsak FROM eb_avslut"
        ).df()
        reason = reasons.set_index(["hushall_id", "mi"])["avslutsorsak"]
        reason = reason[~reason.index.duplicated()]
        at_end = reason.reindex(pd.MultiIndex.from_arrays([sp["hushall_slut"], end])).to_numpy()
        followed = data_end >= m + 12 + gap + 1
        # followed implies that an ending by m+12 is known (end + G + 1 <= data end)
        success = (end <= m + 12) & np.isin(at_end, EXIT_REASONS)
        panel["arbete_studier_12"] = np.where(followed, success.astype(float), np.nan)
        outcomes.insert(3, "arbete_studier_12")
    panel["placebo_betalningar"] = np.where(
        m - 36 >= data_start, paid_between(m - 36, m - 24).astype(float), np.nan
    )
    info = {
        "insatstyp": insatstyp,
        "dataslut": f"{data_end // 12}-{data_end % 12 + 1:02d}",
        "datastart": f"{data_start // 12}-{data_start % 12 + 1:02d}",
        "perioder": int(len(spells)),
        "personer": int(panel["person"].nunique()),
        "behandlade": int(panel["behandlad"].sum()),
        "borttagna_kovariater": [c for c in candidates if c not in covariates],
        "bestand": include_stock,
        "max_u": max_u,
        "anteckningar": notes,
        "tackning": classify_starts(same_all, all_spells, panel, include_stock=include_stock, max_u=max_u),
    }
    return AnalysisData(panel, covariates, outcomes, curve, "placebo_betalningar", info)
