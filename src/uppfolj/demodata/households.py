"""Households and their adults, and the baseline path of ekonomiskt bistånd (the world without insatser).

Time is an integer month index k over the simulated horizon: `BURN_IN` months before the first exported
month, the exported months, then `AFTER` months of follow-up. A household's first spell starts in a month
drawn uniformly over the burn-in and the exported months; it is kept only if it has a payment in an exported
month, so the inflow is constant and the monthly count stationary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from uppfolj.demodata import model as m


@dataclass
class Households:
    """One chunk of households: covariates per household (arrays of length n) and the payment path."""

    htype: np.ndarray  # str codes
    adults: np.ndarray  # 1 or 2
    children: np.ndarray
    long_term: np.ndarray  # bool (unobserved frailty)
    k0: np.ndarray  # month index of the first payment
    #: adult covariates, column 0 = sökande, 1 = medsökande (unused when adults == 1)
    sex: np.ndarray  # (n, 2) "K"/"M"
    birth_year: np.ndarray  # (n, 2)
    birth_doy: np.ndarray  # (n, 2) day of year 0..364
    origin: np.ndarray  # (n, 2) str
    edu: np.ndarray  # (n, 2) str
    immigration_age: np.ndarray  # (n, 2)
    amount_factor: np.ndarray  # lognormal per household
    #: baseline payment path (n, K) and the working copy the insatser modify
    paid: np.ndarray


def _choice(rng: np.random.Generator, values: tuple[str, ...], p: tuple[float, ...], size: int) -> np.ndarray:
    probs = np.asarray(p, dtype=float)
    return rng.choice(np.asarray(values, dtype=object), size=size, p=probs / probs.sum())


def draw_covariates(rng: np.random.Generator, n: int, first_year: int, horizon: int) -> Households:
    htype = _choice(rng, m.HOUSEHOLD_TYPES, m.HOUSEHOLD_TYPE_P, n)
    adults = np.where(np.isin(htype, ["7", "8"]), 2, 1)
    with_children = np.isin(htype, ["4", "6", "8"])
    children = np.where(with_children, 1 + np.minimum(rng.poisson(0.9, n), 5), 0)
    sex0 = np.where(
        np.isin(htype, ["3", "4"]),
        "M",
        np.where(np.isin(htype, ["5", "6"]), "K", np.where(rng.random(n) < 0.6, "M", "K")),
    )
    sex1 = np.where(sex0 == "M", "K", "M")
    sex = np.stack([sex0, sex1], axis=1).astype(object)
    band = rng.choice(len(m.AGE_BANDS), size=n, p=np.asarray(m.AGE_BAND_P) / sum(m.AGE_BAND_P))
    lo = np.array([b[0] for b in m.AGE_BANDS])[band]
    hi = np.array([b[1] for b in m.AGE_BANDS])[band]
    age0 = lo + (rng.random(n) * (hi - lo + 1)).astype(int)
    # age in the first exported year; the medsökande is of about the same age (at least 18)
    age1 = np.maximum(18, age0 + rng.integers(-4, 5, n))
    birth_year = np.stack([first_year - age0, first_year - age1], axis=1)
    birth_doy = rng.integers(0, 365, (n, 2))
    origin0 = _choice(rng, m.ORIGINS, m.ORIGIN_P, n)
    # couples with children are more often born outside Europe
    shift = (htype == "8") & (rng.random(n) < 0.25)
    origin0 = np.where(shift, "utanfor_europa", origin0)
    origin = np.stack([origin0, origin0], axis=1).astype(object)
    edu = np.empty((n, 2), dtype=object)
    for o in m.ORIGINS:
        for j in (0, 1):
            sel = origin[:, j] == o
            edu[sel, j] = _choice(rng, m.SUN, m.SUN_P[o], int(sel.sum()))
    immigration_age = rng.integers(14, 46, (n, 2))
    long_term = rng.random(n) < m.LONG_TERM_SHARE
    k0 = rng.integers(0, max(1, horizon - m.AFTER), n)
    amount_factor = np.exp(rng.normal(0.0, m.HOUSEHOLD_AMOUNT_SD, n))
    return Households(
        htype, adults, children, long_term, k0, sex, birth_year, birth_doy, origin, edu,
        immigration_age, amount_factor, np.zeros((n, horizon), dtype=bool),
    )  # fmt: skip


def exit_logit_base(h: Households, first_year: int) -> np.ndarray:
    """The household part of the monthly exit logit (duration and calendar terms are added per month)."""
    edu = h.edu[:, 0]
    age = first_year - h.birth_year[:, 0]
    logit = np.where(h.long_term, m.EXIT_LOGIT_LONG, m.EXIT_LOGIT_SHORT).astype(float)
    logit += np.where(np.isin(edu, ["1", "2", "US"]), m.EXIT_LOW_EDUCATION, 0.0)
    logit += np.where(np.isin(edu, ["5", "6", "7"]), m.EXIT_HIGH_EDUCATION, 0.0)
    logit += np.where(age < 25, m.EXIT_YOUNG, 0.0) + np.where(age >= 55, m.EXIT_OLD, 0.0)
    logit += np.where(h.origin[:, 0] == "utanfor_europa", m.EXIT_OUTSIDE_EUROPE, 0.0)
    logit += np.where(h.children > 0, m.EXIT_CHILDREN, 0.0)
    return logit


def calendar_logit(first_year: int, first_month: int, horizon: int) -> np.ndarray:
    """Calendar term of the exit logit for each month index (summer exits, the pandemic year)."""
    out = np.zeros(horizon)
    for k in range(horizon):
        total = first_year * 12 + first_month - 1 + k - m.BURN_IN
        year, month = divmod(total, 12)
        month += 1
        if 5 <= month <= 8:
            out[k] += m.EXIT_SUMMER
        if year == 2020 and month >= 3:
            out[k] += m.EXIT_PANDEMIC
    return out


def simulate_baseline(
    rng: np.random.Generator, h: Households, base: np.ndarray, calendar: np.ndarray
) -> None:
    """Fill `h.paid` month by month: exits by the hazard, returns by the gap hazard, leaving for good."""
    n, horizon = h.paid.shape
    status = np.zeros(n, dtype=np.int8)  # 0 not yet, 1 in spell, 2 in a gap, 3 gone
    dur = np.zeros(n)
    gap = np.zeros(n, dtype=int)
    ret = np.asarray(m.RETURN_HAZARD)
    for k in range(horizon):
        u = rng.random(n)
        v = rng.random(n)
        start = (status == 0) & (h.k0 == k)
        in_spell = status == 1
        logit = base + m.EXIT_DURATION * np.log(np.clip(dur, 1.0, m.DURATION_CAP)) + calendar[k]
        gone = in_spell & (v < m.LEAVE_IN_SPELL)
        exits = in_spell & ~gone & (u < 1.0 / (1.0 + np.exp(-logit)))
        stays = in_spell & ~exits & ~gone
        in_gap = status == 2
        returns = in_gap & (u < ret[np.minimum(gap, len(ret)) - 1])
        leaves = in_gap & ~returns & (v < m.MOVE_AWAY)
        still_gap = in_gap & ~returns & ~leaves
        # a return within G months continues the spell's month count, a later one starts a new spell
        dur = np.where(start, 1.0, dur)
        dur = np.where(stays, dur + 1, dur)
        dur = np.where(returns, np.where(gap <= m.GAP, dur + gap + 1, 1.0), dur)
        gap = np.where(exits, 1, np.where(still_gap, gap + 1, np.where(returns, 0, gap)))
        status = np.where(start | returns, 1, status)
        status = np.where(exits, 2, np.where(leaves | gone, 3, status)).astype(np.int8)
        h.paid[:, k] = start | stays | returns


def select(h: Households, keep: np.ndarray) -> Households:
    return Households(*(getattr(h, f)[keep] for f in Households.__dataclass_fields__))
