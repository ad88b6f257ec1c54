"""Sample size, stratified allocation and a reproducible random selection.

Selection is by a keyed hash: each case's rank is SHA-256(seed, case key). The same seed and population
give the same sample in any process and whatever order the rows come in; a larger sample from the same
population contains the smaller one.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import duckdb
import pandas as pd
from scipy.stats import norm

from uppfolj.errors import UppfoljError
from uppfolj.internkontroll.plan import Control
from uppfolj.personref import person_ref

MISSING_STRATUM = "saknas"


def sample_size(population: int, margin: float, confidence: float = 0.95, expected_share: float = 0.5) -> int:
    """Cases needed to estimate a share within ±margin: n0 = z²·p(1−p)/e², finite-population corrected."""
    if population <= 0:
        return 0
    z = float(norm.ppf(1 - (1 - confidence) / 2))
    n0 = z * z * expected_share * (1 - expected_share) / (margin * margin)
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, math.ceil(n - 1e-9))


def allocate(total: int, strata_sizes: dict[str, int]) -> dict[str, int]:
    """Proportional allocation with the largest-remainder method; never more than a stratum holds.

    Ties in the remainder go to the larger stratum, then to the stratum name in sorted order.
    """
    population = sum(strata_sizes.values())
    total = min(total, population)
    if population == 0:
        return {k: 0 for k in strata_sizes}
    quotas = {k: total * n / population for k, n in strata_sizes.items()}
    alloc = {k: min(strata_sizes[k], math.floor(q)) for k, q in quotas.items()}
    remaining = total - sum(alloc.values())
    order = sorted(strata_sizes, key=lambda k: (-(quotas[k] - math.floor(quotas[k])), -strata_sizes[k], k))
    while remaining > 0:
        progressed = False
        for k in order:
            if remaining == 0:
                break
            if alloc[k] < strata_sizes[k]:
                alloc[k] += 1
                remaining -= 1
                progressed = True
        if not progressed:
            break
    return alloc


def case_rank(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def population_frame(con: duckdb.DuckDBPyConnection, control: Control) -> pd.DataFrame:
    """The control's population from the store: key, reference text, pseudonymous person, strata."""
    spec = control.population
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if spec.table not in tables:
        raise UppfoljError(
            f"Tabellen {spec.table} finns inte i datalagret; importera den innan urvalet dras (kontroll {control.id})."
        )
    columns = {r[0] for r in con.execute(f"DESCRIBE {spec.table}").fetchall()}
    for col in (*control.filters, *control.strata):
        if col not in columns:
            raise UppfoljError(
                f"Kontroll {control.id}: kolumnen {col!r} finns inte i {spec.table}. Kolumner: {', '.join(sorted(columns))}."
            )
    where = []
    params: list[object] = []
    if control.start:
        where.append(f"{spec.date_column} >= ?")
        params.append(control.start)
    if control.end:
        where.append(f"{spec.date_column} <= ?")
        params.append(control.end)
    for col, values in control.filters.items():
        where.append(f"CAST({col} AS VARCHAR) IN ({', '.join('?' for _ in values)})")
        params.extend(values)
    person = next((c for c in ("person_id", "sokande_id") if c in columns), None)
    key_expr = " || '/' || ".join(f"CAST({k} AS VARCHAR)" for k in spec.key)
    strata_expr = (
        " || ' / ' || ".join(f"coalesce(CAST({s} AS VARCHAR), '{MISSING_STRATUM}')" for s in control.strata)
        if control.strata
        else "''"
    )
    sql = (
        f"SELECT {key_expr} AS referens, {strata_expr} AS stratum"
        + (f", {person} AS person_id" if person else ", NULL AS person_id")
        + f", {spec.date_column} AS datum FROM {spec.table}"
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    return con.execute(sql, params).df()


@dataclass(frozen=True)
class Sample:
    control_id: str
    seed: int
    population_size: int
    population_hash: str
    size: int
    allocation: dict[str, int]
    strata_sizes: dict[str, int]
    cases: pd.DataFrame


def population_hash(frame: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    for ref in sorted(frame["referens"].astype(str)):
        digest.update(ref.encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]


def draw(control: Control, population: pd.DataFrame) -> Sample:
    """Draw the control's sample from its population frame."""
    n_pop = len(population)
    size = (
        control.size
        if control.size is not None
        else sample_size(n_pop, control.margin or 0.1, control.confidence, control.expected_share)
    )
    size = min(size, n_pop)
    strata_sizes = {str(k): int(v) for k, v in population.groupby("stratum").size().items()} if n_pop else {}
    allocation = allocate(size, strata_sizes)
    ranked = population.assign(_rank=[case_rank(control.seed, str(r)) for r in population["referens"]])
    picked = []
    for stratum, n in sorted(allocation.items()):
        part = ranked[ranked["stratum"] == stratum].sort_values("_rank", kind="stable").head(n)
        picked.append(part)
    cases = (
        pd.concat(picked, ignore_index=True).sort_values(["stratum", "_rank"], kind="stable")
        if picked
        else ranked.head(0)
    )
    cases = cases.drop(columns=["_rank"]).reset_index(drop=True)
    cases.insert(0, "nr", range(1, len(cases) + 1))
    cases["person_ref"] = cases["person_id"].map(person_ref)
    cases = cases.drop(columns=["person_id"])
    return Sample(
        control.id,
        control.seed,
        n_pop,
        population_hash(population),
        int(len(cases)),
        allocation,
        strata_sizes,
        cases,
    )
