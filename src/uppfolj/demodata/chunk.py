"""One chunk of households → the rows of every streamed table, plus the totals the summary tables need.

Rows are built as the export looks: CSV tables as lists of formatted text cells, XLSX tables (sol_beslut)
with real dates. The formats per table live in `formats.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from uppfolj.demodata import formats as f
from uppfolj.demodata import model as m
from uppfolj.demodata.applications import application_rows
from uppfolj.demodata.calendar import Period, month_end
from uppfolj.demodata.households import (
    Households,
    calendar_logit,
    draw_covariates,
    exit_logit_base,
    select,
    simulate_baseline,
)
from uppfolj.demodata.pnr import PnrFactory
from uppfolj.demodata.sol import sol_rows
from uppfolj.demodata.treatment import EffectState, Insats, refer_and_treat

Row = list[object]


@dataclass
class Totals:
    """Sums over all chunks for the tables written at the end (ekonomi, platser) and the summary."""

    #: belopp in öre per exported month index (0 = first exported month)
    eb_ore: list[int]
    #: participant-months in employment-type insatser per exported month
    employed: list[int]
    #: unit name -> exported month -> insats-days in progress
    unit_days: dict[str, list[int]]
    households: int = 0
    payment_months: int = 0
    insatser: int = 0
    facit: list[list[object]] = field(default_factory=list)


@dataclass
class ChunkRows:
    tables: dict[str, list[Row]]


def _ore(x: float) -> int:
    return int(round(x)) * 100


class ChunkBuilder:
    def __init__(
        self, period: Period, seed: int, pnr: PnrFactory, effects: EffectState, totals: Totals
    ) -> None:
        self.p = period
        self.seed = seed
        self.pnr = pnr
        self.effects = effects
        self.totals = totals
        self.calendar = calendar_logit(period.first_year, period.first_month, period.horizon)

    # ---- households --------------------------------------------------------------------------------
    def households(self, rng: np.random.Generator, n: int) -> Households:
        """Draw candidates until n households have a payment in an exported month."""
        kept: list[Households] = []
        have = 0
        while have < n:
            cand = draw_covariates(rng, max(64, int((n - have) * 1.6)), self.p.first_year, self.p.horizon)
            simulate_baseline(rng, cand, exit_logit_base(cand, self.p.first_year), self.calendar)
            ok = np.flatnonzero(cand.paid[:, self.p.first_k : self.p.end_k].any(axis=1))[: n - have]
            kept.append(select(cand, ok))
            have += len(ok)
        fields = Households.__dataclass_fields__
        return Households(*(np.concatenate([getattr(h, name) for h in kept]) for name in fields))

    def build(self, index: int, n: int, id_offset: int) -> ChunkRows:
        rng = np.random.default_rng([self.seed, index])
        h = self.households(rng, n)
        baseline = h.paid.copy()
        insatser = refer_and_treat(rng, h, self.p.first_year, 0, self.p.end_k, self.effects)
        # referrals run from the start of the burn-in, so "earlier insatser" is in equilibrium; only the last
        # INSATS_HISTORY months before the export are written
        insatser = [ins for ins in insatser if ins.k >= self.p.first_k - m.INSATS_HISTORY]
        people = self._persons(rng, h)
        tables: dict[str, list[Row]] = {name: [] for name in f.STREAMED}
        hh_ids = [str(1_000_000 + id_offset + i) for i in range(n)]
        self._payments(rng, h, hh_ids, people, tables["bistand_manad"])
        # an insats in the first month of a new spell starts 0–13 days after the decision on the application
        decision_day: dict[tuple[int, int], int] = {}
        start_day: dict[int, int] = {}
        for j, ins in enumerate(insatser):
            if ins.early:
                day = int(rng.integers(0, 20))
                decision_day[(ins.household, ins.k)] = day
                start_day[j] = min(day + int(rng.integers(0, 14)), self.p.days_in(ins.k) - 1)
        tables["ansokningar"] = application_rows(rng, h.paid, self.p, hh_ids, index, decision_day)
        self._eb_exits(rng, h, baseline, hh_ids, insatser, tables["eb_avslut"])
        self._insatser(rng, h, people, insatser, start_day, index, tables)
        tables["sol_beslut"] = sol_rows(rng, h.paid, people, self.p, index)
        self._personer(rng, h, people, tables)
        self.totals.households += n
        self.totals.payment_months += len(tables["bistand_manad"])
        return ChunkRows(tables)

    # ---- persons -----------------------------------------------------------------------------------
    def _birth(self, year: int, doy: int) -> dt.date:
        return dt.date(int(year), 1, 1) + dt.timedelta(days=int(min(doy, 364)))

    def _persons(self, rng: np.random.Generator, h: Households) -> list[list[str]]:
        """12-digit numbers of the adults: people[i] = [sökande] or [sökande, medsökande]."""
        out: list[list[str]] = []
        for i in range(len(h.adults)):
            nums = []
            for j in range(int(h.adults[i])):
                foreign = h.origin[i, j] in ("europa", "utanfor_europa")
                samordning = bool(foreign and rng.random() < m.SAMORDNING_SHARE)
                birth = self._birth(h.birth_year[i, j], h.birth_doy[i, j])
                nums.append(self.pnr.make(birth, str(h.sex[i, j]), samordning))
            out.append(nums)
        return out

    def _personer(
        self, rng: np.random.Generator, h: Households, people: list[list[str]], tables: dict[str, list[Row]]
    ) -> None:
        rows = tables["personer"]
        for i, nums in enumerate(people):
            for j, nr in enumerate(nums):
                if rng.random() < 0.03:
                    continue  # not every person is in the case system's person register
                rows.append(
                    self._person_row(
                        rng,
                        nr,
                        str(h.sex[i, j]),
                        str(h.edu[i, j]),
                        str(h.origin[i, j]),
                        int(h.birth_year[i, j] + h.immigration_age[i, j]),
                        int(h.birth_year[i, j]),
                    )
                )

    def _person_row(
        self, rng: np.random.Generator, nr: str, sex: str, edu: str, origin: str, immigrated: int, born: int
    ) -> Row:
        kon = sex if rng.random() < 0.2 else ""
        r = rng.random()
        sun = f.sun_cell(edu, r)
        year = str(min(immigrated, self.p.last_day.year)) if origin in ("europa", "utanfor_europa") else ""
        # the level is registered when the person is 25 (or on arrival, if later): a dated level the effect
        # evaluation may use for months after it
        registered = min(max(born + 25, immigrated if year else 0), self.p.last_day.year)
        return [f.pnr_personer(nr), kon, sun, origin, year, f"{registered}-06-30"]

    # ---- ekonomiskt bistånd ------------------------------------------------------------------------
    def _payments(
        self,
        rng: np.random.Generator,
        h: Households,
        ids: list[str],
        people: list[list[str]],
        rows: list[Row],
    ) -> None:
        lo, hi = self.p.first_k, self.p.end_k
        paid = h.paid[:, lo:hi]
        prev = h.paid[:, lo - 1 : hi - 1]
        nxt = h.paid[:, lo + 1 : hi + 1]
        norm = (
            m.NORM_ADULT
            + (h.adults == 2) * m.NORM_SECOND_ADULT
            + h.children * m.NORM_CHILD
            + m.RENT_BASE
            + (h.adults + h.children - 1) * m.RENT_PER_EXTRA_PERSON
        ) * h.amount_factor
        ii, kk = np.nonzero(paid)
        noise = np.exp(rng.normal(0.0, m.MONTH_AMOUNT_SD, len(ii)))
        partial = np.where(~prev[ii, kk] | ~nxt[ii, kk], m.PARTIAL_MONTH, 1.0)
        years = np.array([self.p.year_month(lo + k)[0] for k in range(hi - lo)])
        index = (1 + m.YEARLY_INDEX) ** (years - self.p.first_year)
        kronor = np.maximum(200, np.round(norm[ii] * noise * partial * index[kk])).astype(np.int64)
        labels = [self.p.label(lo + k) for k in range(hi - lo)]
        for i, k, kr in zip(ii.tolist(), kk.tolist(), kronor.tolist(), strict=True):
            nums = people[i]
            med = nums[1] if len(nums) > 1 else ""
            self.totals.eb_ore[k] += kr * 100
            htype = str(h.htype[i])
            rows.append(
                [
                    ids[i],
                    labels[k],
                    nums[0],
                    med,
                    str(int(h.children[i])),
                    f.money_plain(kr * 100),
                    "" if htype == "9" else htype,
                ]
            )

    def _eb_exits(
        self,
        rng: np.random.Generator,
        h: Households,
        baseline: np.ndarray,
        ids: list[str],
        insatser: list[Insats],
        rows: list[Row],
    ) -> None:
        lo, hi = self.p.first_k, self.p.end_k
        jobs = {(ins.household, ins.job_month - 1) for ins in insatser if ins.job_month >= 0}
        reasons = [r for r, _ in m.EB_EXIT_REASONS]
        probs = np.array([p for _, p in m.EB_EXIT_REASONS])
        for i in range(h.paid.shape[0]):
            path = h.paid[i]
            ends = np.flatnonzero(path[lo : hi - m.GAP - 1] & ~path[lo + 1 : hi - m.GAP])
            for e in (ends + lo).tolist():
                if path[e + 1 : e + m.GAP + 2].any() or rng.random() >= m.EB_EXIT_RECORDED:
                    continue
                reason = "arbete" if (i, e) in jobs else str(rng.choice(reasons, p=probs / probs.sum()))
                rows.append([ids[i], f.month_compact(self.p.first_day(e)), f.EB_REASON_LABEL[reason]])

    # ---- insatser ----------------------------------------------------------------------------------
    def _insatser(
        self,
        rng: np.random.Generator,
        h: Households,
        people: list[list[str]],
        insatser: list[Insats],
        start_day: dict[int, int],
        chunk: int,
        tables: dict[str, list[Row]],
    ) -> None:
        """Rows for the referred insatser (day of start fixed for early ones) and for participants without EB."""
        rows = tables["insatser"]
        seq = 0
        for j, ins in enumerate(insatser):
            seq += 1
            nr = people[ins.household][ins.adult]
            left = self._left_eb(h.paid[ins.household], ins.k)
            row = self._insats_row(
                rng, f"I{chunk:04d}-{seq:05d}", nr, ins.type, ins.k, ins.job_month, left, start_day.get(j)
            )
            if row is not None:
                rows.append(row)
                if ins.k >= self.p.first_k:
                    typ = m.INSATS_TYPES[ins.type]
                    inside = ins.k + m.EFFECT_MONTH < self.p.end_k
                    self.totals.facit.append(
                        [
                            row[0],
                            typ.name,
                            self.p.label(ins.k),
                            int(ins.y0_lock),
                            int(ins.y1_lock),
                            int(ins.y0_eff),
                            int(ins.y1_eff),
                            int(inside),
                        ]
                    )
        # participants without ekonomiskt bistånd
        n_other = int(rng.binomial(len(insatser), m.NON_EB_PARTICIPANTS))
        if n_other == 0:
            return
        other = draw_covariates(rng, n_other, self.p.first_year, 1)
        for j in range(n_other):
            birth = self._birth(other.birth_year[j, 0], other.birth_doy[j, 0])
            nr = self.pnr.make(birth, str(other.sex[j, 0]))
            k = int(rng.integers(self.p.first_k - m.INSATS_HISTORY, self.p.end_k))
            t = int(
                rng.choice(
                    len(m.INSATS_TYPES),
                    p=np.array([x.weight for x in m.INSATS_TYPES]) / sum(x.weight for x in m.INSATS_TYPES),
                )
            )
            seq += 1
            row = self._insats_row(rng, f"I{chunk:04d}-{seq:05d}", nr, t, k, -1, rng.random() < 0.4)
            if row is not None:
                rows.append(row)
            if rng.random() < 0.9:
                tables["personer"].append(
                    self._person_row(
                        rng,
                        nr,
                        str(other.sex[j, 0]),
                        str(other.edu[j, 0]),
                        str(other.origin[j, 0]),
                        int(other.birth_year[j, 0] + other.immigration_age[j, 0]),
                        int(other.birth_year[j, 0]),
                    )
                )

    def _left_eb(self, path: np.ndarray, k: int) -> bool:
        return not path[k + 1 : k + 4].all()

    def _insats_row(
        self,
        rng: np.random.Generator,
        insats_id: str,
        nr: str,
        t: int,
        k: int,
        job_month: int,
        left_eb: bool,
        start_day: int | None = None,
    ) -> Row | None:
        typ = m.INSATS_TYPES[t]
        units = [u for u in m.UNITS if typ.name in u.types]
        unit = units[int(rng.integers(0, len(units)))]
        day = int(rng.integers(0, self.p.days_in(k))) if start_day is None else start_day
        start = self.p.first_day(k) + dt.timedelta(days=day)
        days = int(max(14, round(typ.median_days * np.exp(rng.normal(0.0, 0.45)))))
        end = start + dt.timedelta(days=days - 1)
        if typ.name in m.MONTH_END_TYPES:
            end = month_end(end)  # employment contracts run to the end of a month
        if job_month >= 0:
            job_day = self.p.first_day(job_month) - dt.timedelta(days=int(rng.integers(1, 20)))
            end = max(start, min(end, job_day))
            reason = (
                "studier"
                if typ.name == "Studiemotiverande kurs" and rng.random() < 0.5
                else ("arbete_utan_stod" if rng.random() < 0.75 else "arbete_med_stod")
            )
        else:
            table = m.INSATS_EXIT_LEFT_EB if left_eb else m.INSATS_EXIT_NO_JOB
            probs = np.array([p for _, p in table])
            reason = str(rng.choice([r for r, _ in table], p=probs / probs.sum()))
        if end < self.p.first_date - dt.timedelta(days=365 * 2):
            return None
        anvisad = ""
        if rng.random() < 0.8:
            anvisad = f.date_iso(start - dt.timedelta(days=int(round(rng.gamma(2.0, 6.0)))))
        arende = unit.arendetyper[int(rng.integers(0, len(unit.arendetyper)))]
        self._count_unit_days(unit.name, start, end, typ.name)
        self.totals.insatser += 1
        if end > self.p.last_day:
            return [
                insats_id,
                f.pnr_compact(nr),
                typ.name,
                unit.name,
                arende,
                anvisad,
                f.date_iso(start),
                "",
                "",
            ]
        return [
            insats_id,
            f.pnr_compact(nr),
            typ.name,
            unit.name,
            arende,
            anvisad,
            f.date_iso(start),
            f.date_iso(end),
            reason,
        ]

    def _count_unit_days(self, unit: str, start: dt.date, end: dt.date, typ: str) -> None:
        days = self.totals.unit_days[unit]
        employed = typ in ("OSA", "Arbetsmarknadsanställning")
        k_start = max(self.p.first_k, self.p.k_of(start))
        k_end = min(self.p.end_k - 1, self.p.k_of(end))
        for k in range(k_start, k_end + 1):
            first = self.p.first_day(k)
            last = self.p.first_day(k + 1) - dt.timedelta(days=1)
            overlap = (min(end, last) - max(start, first)).days + 1
            if overlap > 0:
                days[k - self.p.first_k] += overlap
                if employed:
                    self.totals.employed[k - self.p.first_k] += 1
