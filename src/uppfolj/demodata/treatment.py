"""Referral to insatser and the planted effects on the household's payment path.

Referral is selection on observables: each month, a household with a payment in that month and no insats
follow-up running is referred with a probability that depends only on what the case worker knows then
(the adult's education, age, birth-country group, the months in the current spell, earlier insatser,
children). The insatstyp is drawn with covariate-dependent weights.

Effects act on the household's path from the month after the start s (the baseline path is kept as Y(0)):

* lock-in, outcome Y_L = no payment in month s+3. For an effect δ_L < 0: a treated household whose baseline
  has no payment in s+3 is kept on bistånd through s+3 (switched); for δ_L > 0 a household
  paid in s+3 leaves from a month e in s+1..s+3 through s+3 (switched).
* effect, outcome Y_12 = no payment in month s+12: for δ > 0 a household paid in s+12 in its baseline gets
  a job in a month e in s+4..s+12 and has no payment from e through s+12 and a geometric number of months
  after it, (switched).

The switch probability is what keeps the running sum of Y(1) − Y(0) over the treated of that insatstyp at
δ × (number treated) (`EffectState.switch_probability`), so the ATT over the treated equals δ up to one
person's rounding; which eligible person switches is random. The two windows do not overlap,
so both effects hold at once. Both potential outcomes of every insats are recorded for `facit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from uppfolj.demodata import model as m
from uppfolj.demodata.households import Households

_TYPE_INDEX = {t.name: i for i, t in enumerate(m.INSATS_TYPES)}


@dataclass
class EffectState:
    """Per insatstyp: treated so far and the running sums of Y(1) − Y(0), carried from chunk to chunk."""

    #: [type] -> [treated, Σ(Y1−Y0) lock-in, Σ(Y1−Y0) effect]
    counts: list[list[float]] = field(default_factory=lambda: [[0.0, 0.0, 0.0] for _ in m.INSATS_TYPES])

    def switch_probability(self, t: int, which: int, delta: float) -> float:
        """Probability to switch the next eligible treated: what keeps Σ(Y1−Y0) at δ × treated."""
        n = self.counts[t][0] + 1
        owed = abs(delta) * n - abs(self.counts[t][which])
        return min(1.0, max(0.0, owed))

    def add(self, t: int, d_lock: int, d_eff: int) -> None:
        c = self.counts[t]
        c[0] += 1
        c[1] += d_lock
        c[2] += d_eff


@dataclass
class Insats:
    household: int  # index within the chunk
    adult: int  # 0 sökande, 1 medsökande
    type: int
    k: int  # start month index
    y0_lock: bool
    y1_lock: bool
    y0_eff: bool
    y1_eff: bool
    #: month index of the planted job (no payment from there), or -1
    job_month: int
    #: referred in the first month of a new spell (starts within two weeks of the decision)
    early: bool = False


def referral_logit(h: Households, first_year: int) -> np.ndarray:
    """The household part of the referral logit (the sökande's covariates)."""
    edu = h.edu[:, 0]
    age = first_year - h.birth_year[:, 0]
    logit = np.full(len(edu), m.REFER_LOGIT)
    logit += np.where(np.isin(edu, ["1", "2", "US"]), m.REFER_LOW_EDUCATION, 0.0)
    logit += np.where(edu == "3", m.REFER_MID_EDUCATION, 0.0)
    logit += np.where(h.origin[:, 0] == "utanfor_europa", m.REFER_OUTSIDE_EUROPE, 0.0)
    logit += np.where(age >= 60, m.REFER_OLD, 0.0)
    logit += np.where(h.children >= 3, m.REFER_MANY_CHILDREN, 0.0)
    return logit


def type_weights(h: Households, i: int, adult: int, dur: float, year: int) -> np.ndarray:
    weights = np.array([t.weight for t in m.INSATS_TYPES])
    edu = h.edu[i, adult]
    age = year - h.birth_year[i, adult]
    origin = h.origin[i, adult]
    years_in_sweden = age - h.immigration_age[i, adult]
    if origin == "utanfor_europa" and years_in_sweden < 8:
        weights[_TYPE_INDEX["Språkpraktik"]] *= 4.0
    else:
        weights[_TYPE_INDEX["Språkpraktik"]] *= 0.15
    if age < 30 and edu in ("1", "2"):
        weights[_TYPE_INDEX["Studiemotiverande kurs"]] *= 3.0
    if dur >= 24:
        weights[_TYPE_INDEX["OSA"]] *= 3.0
    if dur >= 12:
        weights[_TYPE_INDEX["Arbetsmarknadsanställning"]] *= 2.0
        weights[_TYPE_INDEX["Arbetsträning"]] *= 1.5
    if edu in ("3", "4", "5", "6", "7") and dur < 12:
        weights[_TYPE_INDEX["Jobbspår"]] *= 1.5
    return weights / weights.sum()


def refer_and_treat(
    rng: np.random.Generator,
    h: Households,
    first_year: int,
    k_from: int,
    k_to: int,
    state: EffectState,
) -> list[Insats]:
    """Walk months k_from..k_to-1, refer households and apply the planted effects to `h.paid` in place."""
    n, horizon = h.paid.shape
    base = referral_logit(h, first_year)
    blocked = np.full(n, -1)
    earlier = np.zeros(n)
    dur = np.zeros(n)
    gap = np.zeros(n, dtype=int)
    out: list[Insats] = []
    for k in range(horizon):
        paid = h.paid[:, k]
        dur = np.where(paid, np.where((gap > 0) & (gap <= m.GAP) & (dur > 0), dur + gap + 1, dur + 1), dur)
        gap = np.where(paid, 0, gap + 1)
        dur = np.where(~paid & (gap > m.GAP), 0, dur)
        if k < k_from or k >= k_to:
            continue
        u = rng.random(n)
        logit = (
            base
            + m.REFER_DURATION * np.log(np.clip(dur, 1, 36))
            + m.REFER_EARLIER_INSATS * np.minimum(earlier, 2)
            + np.where(dur == 1, m.REFER_NEW_SPELL, 0.0)
        )
        referred = np.flatnonzero(paid & (blocked < k) & (u < 1.0 / (1.0 + np.exp(-logit))))
        year = first_year + (k - m.BURN_IN) // 12
        for i in referred:
            adult = 1 if h.adults[i] == 2 and rng.random() < 0.4 else 0
            t = int(rng.choice(len(m.INSATS_TYPES), p=type_weights(h, int(i), adult, float(dur[i]), year)))
            ins = _treat(rng, h.paid[i], k, t, state)
            ins.household, ins.adult, ins.early = int(i), adult, bool(dur[i] == 1)
            out.append(ins)
            extra = int(rng.geometric(1.0 / m.JOB_EXTRA_MEAN)) if ins.job_month >= 0 else 0
            if ins.job_month >= 0:
                stop = min(k + m.EFFECT_MONTH + extra, horizon - 1)
                h.paid[i, k + m.EFFECT_MONTH + 1 : stop + 1] = False
            blocked[i] = k + m.EFFECT_MONTH + extra
            earlier[i] += 1
    return out


def _treat(rng: np.random.Generator, path: np.ndarray, k: int, t: int, state: EffectState) -> Insats:
    """Apply the planted lock-in and effect of type t started in month k to one household's path."""
    typ = m.INSATS_TYPES[t]
    lock_k, eff_k = k + m.LOCK_MONTH, k + m.EFFECT_MONTH
    y0_lock, y0_eff = not path[lock_k], not path[eff_k]
    d_lock, d_eff = typ.lock_pp / 100.0, typ.effect_pp / 100.0
    u_lock, u_eff = rng.random(), rng.random()
    e_lock = k + 1 + int(rng.integers(0, m.LOCK_MONTH))
    e_job = k + m.LOCK_MONTH + 1 + int(rng.integers(0, m.EFFECT_MONTH - m.LOCK_MONTH))
    if d_lock < 0 and y0_lock and u_lock < state.switch_probability(t, 1, d_lock):
        path[k + 1 : lock_k + 1] = True
    elif d_lock > 0 and not y0_lock and u_lock < state.switch_probability(t, 1, d_lock):
        path[e_lock : lock_k + 1] = False
    job = -1
    if d_eff > 0 and not y0_eff and u_eff < state.switch_probability(t, 2, d_eff):
        path[e_job : eff_k + 1] = False
        job = e_job
    y1_lock, y1_eff = not path[lock_k], not path[eff_k]
    state.add(t, int(y1_lock) - int(y0_lock), int(y1_eff) - int(y0_eff))
    return Insats(-1, 0, t, k, y0_lock, y1_lock, y0_eff, y1_eff, job)
