"""A synthetic store with a planted, known effect, for the end-to-end test of the dynamic design.

Each person has one spell of ekonomiskt bistånd starting in a random calendar month; month by month the spell
evolves as in `simulation` (start the insats, then leave), with employability `a` a linear function of age and
education level (registered in 2015, before every spell), which the analysis data carries as covariates. The true ATT(τ) is computed with common random
numbers against the same person's path with the start blocked, over the treated whose month start+τ is
inside the data.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from tests.effects.simulation import MAX_U, _run
from tests.stores import fill_store
from uppfolj.schema import PERSON_REGISTER

HORIZON = 24

FIRST = 2019 * 12  # 2019-01
LAST = 2024 * 12 + 11  # 2024-12


def _date(mi: int) -> dt.date:
    return dt.date(mi // 12, mi % 12 + 1, 1)


def make_store(con: duckdb.DuckDBPyConnection, n: int, seed: int, insatstyp: str = "Jobbspår") -> np.ndarray:
    """Write the stored tables; return the true ATT(τ) of `ingen_betalning_τ` for τ = 0…HORIZON."""
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
    _, exit_cf = _run(a, u_exit, v_start, t_start)
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
    # truth over the treated whose month start+τ is observed
    s = (start + t_start)[treated]
    truth = np.full(HORIZON + 1, np.nan)
    for tau in range(HORIZON + 1):
        seen = s + tau <= LAST
        y1 = exit_actual[treated][seen] < t_start[treated][seen] + tau
        y0 = exit_cf[treated][seen] < t_start[treated][seen] + tau
        truth[tau] = float(np.mean(y1.astype(float) - y0.astype(float)))
    return truth
