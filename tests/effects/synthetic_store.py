"""A synthetic store with a planted, known effect, for the end-to-end test of the dynamic design.

Each person has one spell of ekonomiskt bistånd starting in a random calendar month; month by month the spell
evolves as in `simulation` (start the insats, then leave), with employability `a` a linear function of age and
education level (registered in 2015, before every spell), which the analysis data carries as covariates. The true ATT(τ) is computed with common random
numbers against the same person's path with the start blocked, over the treated whose month start+τ is
inside the data. `make_store_with_exits` also writes eb_avslut, each exit to work or studies or for another
reason, and returns the true effect on each cause's cumulative incidence.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from tests.effects.simulation import MAX_U, _run
from tests.stores import fill_store
from uppfolj.effects.outcomes import OTHER_EXIT, WORK_OR_STUDIES
from uppfolj.schema import PERSON_REGISTER

HORIZON = 24

FIRST = 2019 * 12  # 2019-01
LAST = 2024 * 12 + 11  # 2024-12


def _date(mi: int) -> dt.date:
    return dt.date(mi // 12, mi % 12 + 1, 1)


def make_store(con: duckdb.DuckDBPyConnection, n: int, seed: int, insatstyp: str = "Jobbspår") -> np.ndarray:
    """Write the stored tables; return the true ATT(τ) of `ingen_betalning_τ` for τ = 0…HORIZON."""
    return _make(con, n, seed, insatstyp, reasons=False)[0]


def make_store_with_exits(
    con: duckdb.DuckDBPyConnection, n: int, seed: int, insatstyp: str = "Jobbspår"
) -> dict[str, np.ndarray]:
    """As `make_store`, with eb_avslut: each exit is to work or studies with probability WORK_SHARE, or
    WORK_SHARE_AFTER for a participant leaving after the lock-in months, otherwise for another reason. Returns
    the true ATT(τ) on the share that has left by month start+τ for work or studies (WORK_OR_STUDIES) and for
    another reason (OTHER_EXIT), τ = 0…HORIZON, over the treated whose ending by start+τ is observed."""
    return _make(con, n, seed, insatstyp, reasons=True)[1]


#: share of exits to work or studies, without the insats (or in its first LOCK_IN months) and after them
WORK_SHARE = 0.4
WORK_SHARE_AFTER = 0.8
LOCK_IN = 4
GAP = 2


def _to_work(r: np.ndarray, exit_month: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Whether each exit (at `exit_month` of the spell, insats started at `start` or −1) is to work or studies,
    from the person's uniform draw of that month (common random numbers across the two paths)."""
    draw = r[np.arange(len(r)), np.minimum(exit_month, r.shape[1] - 1)]
    after = (start >= 0) & (exit_month - start >= LOCK_IN)
    return draw < np.where(after, WORK_SHARE_AFTER, WORK_SHARE)


def _make(
    con: duckdb.DuckDBPyConnection, n: int, seed: int, insatstyp: str, reasons: bool
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    birth = rng.integers(1960, 2000, n)
    level = rng.choice(["2", "4", "6"], size=n, p=[0.3, 0.45, 0.25])
    start = rng.integers(FIRST + 6, LAST - 12, n)
    age = (start // 12) - birth
    a = 0.8 * (level == "6") - 0.8 * (level == "2") - 0.03 * (age - 40)
    months = MAX_U + HORIZON + 2
    u_exit = rng.random((n, months))
    v_start = rng.random((n, months))
    t_start, exit_actual = _run(a, u_exit, v_start, np.full(n, -1))
    cf_start, exit_cf = _run(a, u_exit, v_start, t_start)
    # the store: payments from the spell start to the exit month or the data end
    last_paid = np.minimum(start + np.minimum(exit_actual, months - 1), LAST)
    ids = np.array([f"p{i:05d}" for i in range(n)])
    count = last_paid - start + 1
    person = np.repeat(np.arange(n), count)
    mi = np.repeat(start, count) + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count))
    pay = pd.DataFrame(
        {
            "hushall_id": "h" + pd.Series(ids[person]).str[1:],
            "manad": [_date(int(m)) for m in mi],
            "sokande_id": ids[person],
            "antal_barn": 0,
            "belopp": 5000.0,
            "hushallstyp": "1",
        }
    )
    treated = (t_start >= 0) & (start + t_start <= LAST)
    ins = pd.DataFrame(
        {
            "insats_id": [f"i{i}" for i in np.flatnonzero(treated)],
            "person_id": ids[treated],
            "insatstyp": insatstyp,
            "enhet": "E1",
            "start_datum": [_date(int(start[i] + t_start[i])) for i in np.flatnonzero(treated)],
        }
    )
    reg = pd.DataFrame({"person_id": ids, "fodelsear": birth, "kon": np.where(rng.random(n) < 0.5, "K", "M")})
    pers = pd.DataFrame(
        {
            "person_id": ids,
            "utbildningsniva": level,
            "fodelseland_grupp": "sverige",
            "utbildningsniva_datum": dt.date(2015, 6, 30),
        }
    )
    # in the stored schema (tests/stores.py); columns left out are NULL
    fill_store(con, bistand_manad=pay, insatser=ins, personer=pers, **{PERSON_REGISTER: reg})
    exits = (
        _write_exits(con, ids, start, t_start, exit_actual, cf_start, exit_cf, treated, rng)
        if reasons
        else {}
    )
    # truth over the treated whose month start+τ is observed
    s = (start + t_start)[treated]
    truth = np.full(HORIZON + 1, np.nan)
    for tau in range(HORIZON + 1):
        seen = s + tau <= LAST
        y1 = exit_actual[treated][seen] < t_start[treated][seen] + tau
        y0 = exit_cf[treated][seen] < t_start[treated][seen] + tau
        truth[tau] = float(np.mean(y1.astype(float) - y0.astype(float)))
    return truth, exits


def _write_exits(
    con: duckdb.DuckDBPyConnection,
    ids: np.ndarray,
    start: np.ndarray,
    t_start: np.ndarray,
    exit_actual: np.ndarray,
    cf_start: np.ndarray,
    exit_cf: np.ndarray,
    treated: np.ndarray,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """eb_avslut for every exit inside the data; the true effect per cause (see `make_store_with_exits`)."""
    r = rng.random(exit_actual.shape + (MAX_U + HORIZON + 2,))
    work_actual = _to_work(r, exit_actual, t_start)
    end = start + exit_actual
    seen = end <= LAST
    avslut = pd.DataFrame(
        {
            "hushall_id": "h" + pd.Series(ids[seen]).str[1:],
            "manad": [_date(int(m)) for m in end[seen]],
            "avslutsorsak": np.where(work_actual[seen], "arbete", "sjukdom"),
        }
    )
    fill_store(con, eb_avslut=avslut)
    work_cf = _to_work(r, exit_cf, cf_start)
    t = t_start[treated]
    s = (start + t_start)[treated]
    truth = {cause: np.full(HORIZON + 1, np.nan) for cause in (WORK_OR_STUDIES, OTHER_EXIT)}
    for tau in range(HORIZON + 1):
        known = s + tau + GAP + 1 <= LAST  # the rows whose ending by start+τ the analysis data can see
        ended_1 = (exit_actual[treated] <= t + tau)[known]
        ended_0 = (exit_cf[treated] <= t + tau)[known]
        w1, w0 = work_actual[treated][known], work_cf[treated][known]
        truth[WORK_OR_STUDIES][tau] = float(np.mean((ended_1 & w1).astype(float) - (ended_0 & w0)))
        truth[OTHER_EXIT][tau] = float(np.mean((ended_1 & ~w1).astype(float) - (ended_0 & ~w0)))
    return truth
