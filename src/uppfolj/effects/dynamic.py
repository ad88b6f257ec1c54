"""Dynamic evaluation in the manner of Sianesi (2004): treatment = starting an insats in elapsed month u.

Input is a risk-set panel: one row per person and elapsed month u of a spell while the person is still in
the spell and not yet treated, with `behandlad` = 1 in the month the insats starts (the person's last row).
For each u, those who start at u are compared with those at risk at u who do not start then (they may start
later): the estimand is the effect of starting now rather than waiting (Sianesi 2004).

The propensity model is a discrete-time hazard: one unpenalised logistic regression on the covariates known
at u plus indicators for bands of u; comparisons are only ever made within the same u. Per u, the treated
inside the comparison persons' propensity range are kept (common support), comparison persons get weight
e/(1−e), and ATT_u(τ) = mean of the treated − weighted mean of the comparisons, over persons whose outcome
τ months after u is observed. ATT(τ) is the average of ATT_u(τ) weighted by the treated at u. Standard errors
come from a seeded bootstrap that resamples persons (every row of a drawn person, the propensity refitted).

`comparison="aldrig_behandlade"` instead compares with persons never treated at all: the static design, which
is biased because never-treated persons are selected on leaving early; it is here to show that bias.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from rich.progress import Progress

from uppfolj.effects import diagnostics as diag
from uppfolj.effects.bootstrap import SEED
from uppfolj.effects.propensity import expit as _expit
from uppfolj.effects.propensity import newton_logit as weighted_logit
from uppfolj.effects.result import EffectResult, normal_interval
from uppfolj.errors import UppfoljError

#: upper edges (inclusive) of the bands of elapsed months used in the hazard model
U_BANDS = (0, 1, 2, 3, 5, 8, 12, 18, 24, 36)


@dataclass
class _Panel:
    person: np.ndarray  # int codes 0..P-1
    u: np.ndarray
    treated: np.ndarray  # bool
    x: np.ndarray  # scaled covariates
    raw_x: np.ndarray
    bands: np.ndarray  # band dummies (first band dropped)
    outcomes: np.ndarray  # (n, k) with NaN = not observed
    n_persons: int
    ever_treated: np.ndarray  # bool per row: the row's person is treated at some u
    spell: np.ndarray  # int code per row (the person when the data has no spell column)
    row_key: np.ndarray  # spell × KEY + u, sorted
    treat_u: np.ndarray  # per row: u at which the row's spell starts the insats (large if never)
    horizons: np.ndarray  # per outcome column: months after u at which it is measured
    cell: np.ndarray  # comparison cell per row: u, or (stratum, u) when the data has a stratum column
    person_cluster: np.ndarray  # cluster code per person (the person itself without a cluster column)
    unit: str  # what the bootstrap draws, in Swedish: "personer" or "hushåll"
    other: np.ndarray  # bool per row: starts an insats of another type in the row's month
    next_any_u: (
        np.ndarray
    )  # per row: the next u > row's u at which its spell starts any insats (large if none)


@dataclass
class _Estimate:
    att: np.ndarray  # per outcome
    n_treated: np.ndarray
    n_control: np.ndarray
    kept_treated: np.ndarray  # bool per row
    weight: np.ndarray  # balance weight per row
    score: np.ndarray
    converged: bool
    treated_mean: np.ndarray
    per_u: pd.DataFrame = field(default_factory=pd.DataFrame)


#: comparison groups: not yet treated at u (Sianesi 2004); not treated during the follow-up, with inverse
#: probability of staying untreated as weight (Vikström 2017); never treated (static, biased)
#: …; no insats of any type during the follow-up: censored at any start, inverse probability of censoring
#: from a hazard of starting any insats, same-month starters of other types left out
COMPARISONS = ("ej_annu_behandlade", "obehandlade_under_uppfoljningen", "ingen_insats", "aldrig_behandlade")
#: a 0/1 column: the row's person starts an insats of another type in the row's month (for "ingen_insats")
OTHER_START = "annan_insats_start"

_KEY = 1_000_000
_CELL = 10_000
#: a 0/1 column that splits the comparison cells: rows are compared only within the same value and u
#: (the stock of spells running at the data start, whose u counts from the data start)
STRATUM = "bestand"
#: a column that groups persons whose outcomes go together (households): the bootstrap draws whole clusters
CLUSTER = "kluster"
_NEVER = 10**9


def _horizon(column: str) -> int:
    """Months after u at which an outcome is measured: the trailing number of its name (placebo: 0)."""
    if column.startswith("placebo"):
        return 0
    match = re.search(r"(\d+)$", column)
    return int(match.group(1)) if match else 0


def _stay_weight(p: _Panel, hazard: np.ndarray, censor_u: np.ndarray, horizon: int) -> np.ndarray:
    """Per row: 0 if its spell is censored (`censor_u`, e.g. a start) within (u, u+horizon], else
    1 / P(no censoring in that window).

    The probability is the product of (1 − hazard) over the spell's later risk-set rows up to u+horizon;
    months after the person left the spell (no rows) have no hazard.
    """
    log_stay = np.log1p(-np.minimum(hazard, 1 - 1e-12))
    cum = np.cumsum(log_stay)  # rows are sorted by spell and u, so differences stay inside a spell
    last = np.searchsorted(p.row_key, p.row_key + horizon, side="right") - 1
    log_window = cum[last] - cum
    censored = (censor_u > p.u) & (censor_u <= p.u + horizon)
    return np.where(censored, 0.0, np.exp(-log_window))


class DynamicEffect:
    """ATT(τ) of starting an insats at elapsed month u versus not starting then."""

    def __init__(
        self,
        *,
        comparison: str = "ej_annu_behandlade",
        draws: int = 100,
        seed: int = SEED,
        show_progress: bool = False,
    ) -> None:
        if comparison not in COMPARISONS:
            raise UppfoljError(f"jamforelse måste vara en av {', '.join(COMPARISONS)}.")
        self.comparison = comparison
        self.draws = draws
        self.seed = seed
        self.show_progress = show_progress

    # ---- preparation --------------------------------------------------------------------------------
    def _panel(self, data: pd.DataFrame, covariates: Sequence[str], outcomes: Sequence[str]) -> _Panel:
        missing = [c for c in ["person", "u", "behandlad", *covariates, *outcomes] if c not in data.columns]
        if missing:
            raise UppfoljError(f"Analysdata saknar kolumnerna {', '.join(missing)}.")
        by = ["person", "spell", "u"] if "spell" in data.columns else ["person", "u"]
        data = data.sort_values(by, kind="stable").reset_index(drop=True)
        person = pd.factorize(data["person"], sort=True)[0]
        treated = data["behandlad"].to_numpy(dtype=float) == 1
        if "spell" in data.columns:
            spell = pd.factorize(pd.Series(list(zip(data["person"], data["spell"], strict=True))))[0]
        else:
            spell = person
        u_all = data["u"].to_numpy(dtype=np.int64)
        row_key = spell.astype(np.int64) * _KEY + u_all
        first_treat = np.full(spell.max() + 1, _NEVER, dtype=np.int64)
        np.minimum.at(first_treat, spell[treated], u_all[treated])
        raw = data[list(covariates)].to_numpy(dtype=float)
        if not np.isfinite(raw).all():
            raise UppfoljError("Analysdata har kovariater utan värde; fyll i eller ta bort dem.")
        sd = raw.std(axis=0)
        sd[sd == 0] = 1.0
        x = (raw - raw.mean(axis=0)) / sd
        u = data["u"].to_numpy(dtype=int)
        band = np.searchsorted(np.asarray(U_BANDS), u)
        present = np.unique(band)
        bands = (band[:, None] == present[None, 1:]).astype(float)
        cell = u + (_CELL * data[STRATUM].to_numpy(dtype=np.int64) if STRATUM in data.columns else 0)
        other = (
            data[OTHER_START].to_numpy(dtype=float) == 1
            if OTHER_START in data.columns
            else np.zeros(len(u), bool)
        )
        event_keys = row_key[treated | other]
        pos = np.searchsorted(event_keys, row_key, side="right")
        next_key = event_keys[np.minimum(pos, len(event_keys) - 1)] if len(event_keys) else row_key
        same_spell = (pos < len(event_keys)) & (next_key // _KEY == row_key // _KEY)
        next_any_u = np.where(same_spell, next_key % _KEY, _NEVER)
        n_persons = int(person.max() + 1)
        if CLUSTER in data.columns:
            codes = pd.factorize(data[CLUSTER], sort=True)[0]
            person_cluster = np.zeros(n_persons, dtype=np.int64)
            person_cluster[person] = codes  # constant within a person (the analysis data guarantees it)
            unit = "hushåll"
        else:
            person_cluster, unit = np.arange(n_persons), "personer"
        ever = np.zeros(person.max() + 1, dtype=bool)
        ever[person[treated]] = True
        return _Panel(
            person=person,
            u=u,
            treated=treated,
            x=x,
            raw_x=raw,
            bands=bands,
            outcomes=data[list(outcomes)].to_numpy(dtype=float),
            n_persons=int(person.max() + 1),
            ever_treated=ever[person],
            spell=spell,
            row_key=row_key,
            treat_u=first_treat[spell],
            horizons=np.array([_horizon(c) for c in outcomes], dtype=np.int64),
            cell=cell,
            other=other,
            next_any_u=next_any_u,
            person_cluster=person_cluster,
            unit=unit,
        )

    # ---- one estimate with person weights -------------------------------------------------------------
    def _estimate(self, p: _Panel, person_weight: np.ndarray, counts: bool = True) -> _Estimate:
        w = person_weight[p.person]
        use = np.ones(len(p.u), dtype=bool)
        if self.comparison == "aldrig_behandlade":
            use = p.treated | ~p.ever_treated
        design = np.column_stack([np.ones(len(p.u)), p.bands, p.x])
        us, u_idx = np.unique(p.cell, return_inverse=True)
        # only elapsed months with someone starting matter (and months without starts would separate the model)
        active = np.bincount(u_idx, weights=w * p.treated, minlength=len(us)) > 0
        use = use & active[u_idx]
        fit_rows = use & (w > 0)
        coef, converged = weighted_logit(design[fit_rows], p.treated[fit_rows].astype(float), w[fit_rows])
        score = _expit(design @ coef)
        odds = score / (1 - score)
        control = use & ~p.treated
        any_hazard = None
        if self.comparison == "ingen_insats":
            control &= ~p.other  # starting another insats this month is not "no insats"
            # hazard of starting any insats = 1 − (1 − this type's hazard)(1 − another type's hazard), each from
            # its own logit over the cells in which someone starts one (a pooled logit would mix their shapes)
            other_active = np.bincount(u_idx, weights=w * p.other, minlength=len(us)) > 0
            other_rows = other_active[u_idx] & ~p.treated & (w > 0)
            other_hazard = np.zeros(len(p.u))
            if other_rows.any():
                other_coef, _ = weighted_logit(
                    design[other_rows], p.other[other_rows].astype(float), w[other_rows]
                )
                other_hazard = np.where(other_active[u_idx], _expit(design @ other_coef), 0.0)
            own_hazard = np.where(active[u_idx], score, 0.0)
            any_hazard = 1 - (1 - own_hazard) * (1 - other_hazard)
        # common support per u: treated inside the comparison persons' score range at the same u
        lo = np.full(len(us), np.inf)
        hi = np.full(len(us), -np.inf)
        c_rows = control & (w > 0)
        np.minimum.at(lo, u_idx[c_rows], score[c_rows])
        np.maximum.at(hi, u_idx[c_rows], score[c_rows])
        kept = p.treated & (score >= lo[u_idx] - 1e-12) & (score <= hi[u_idx] + 1e-12)
        k = p.outcomes.shape[1]
        att = np.full(k, np.nan)
        n1 = np.zeros(k)
        n0 = np.zeros(k)
        mean_t = np.full(k, np.nan)
        per_u_rows = []
        for j in range(k):
            y = p.outcomes[:, j]
            obs = np.isfinite(y)
            yz = np.where(obs, y, 0.0)
            wt = w * (kept & obs)
            wc = w * odds * (control & obs)
            if self.comparison == "obehandlade_under_uppfoljningen" and p.horizons[j] > 0:
                hazard = np.where(active[u_idx] & ~p.treated, score, 0.0)
                wc = wc * _stay_weight(p, hazard, p.treat_u, int(p.horizons[j]))
            elif any_hazard is not None and p.horizons[j] > 0:
                hazard = np.where(~p.treated, any_hazard, 0.0)
                wc = wc * _stay_weight(p, hazard, p.next_any_u, int(p.horizons[j]))
            st = np.bincount(u_idx, weights=wt, minlength=len(us))
            sty = np.bincount(u_idx, weights=wt * yz, minlength=len(us))
            sc = np.bincount(u_idx, weights=wc, minlength=len(us))
            scy = np.bincount(u_idx, weights=wc * yz, minlength=len(us))
            ok = (st > 0) & (sc > 0)
            if not ok.any():
                continue
            att_u = sty[ok] / st[ok] - scy[ok] / sc[ok]
            att[j] = float(np.sum(st[ok] * att_u) / np.sum(st[ok]))
            n1[j] = float(np.sum(st[ok]))
            mean_t[j] = float(np.sum(sty[ok]) / np.sum(st[ok]))
            if counts:
                n0[j] = float(len(np.unique(p.person[(control & obs) & ok[u_idx] & (w > 0)])))
            if j == 0:
                per_u_rows = [
                    {"u": int(uu % _CELL), "behandlade": float(a), "effekt": float(b)}
                    for uu, a, b in zip(us[ok], st[ok], att_u, strict=True)
                ]
        # balance weights: treated kept 1, comparison odds scaled so each u's comparisons sum to its treated
        st_all = np.bincount(u_idx, weights=w * kept, minlength=len(us))
        sc_all = np.bincount(u_idx, weights=w * odds * control, minlength=len(us))
        scale = np.divide(st_all, sc_all, out=np.zeros_like(st_all), where=sc_all > 0)
        weight = np.where(kept, w, 0.0) + np.where(control, w * odds * scale[u_idx], 0.0)
        return _Estimate(att, n1, n0, kept, weight, score, converged, mean_t, pd.DataFrame(per_u_rows))

    # ---- public -----------------------------------------------------------------------------------------
    def fit(
        self,
        data: pd.DataFrame,
        *,
        covariates: Sequence[str],
        outcomes: Sequence[str],
        placebo: str | None = None,
        names: dict[str, str] | None = None,
    ) -> DynamicEffect:
        """`data`: columns person, u, behandlad, the covariates and the outcome columns (NaN = unobserved)."""
        cols = list(outcomes) + ([placebo] if placebo else [])
        panel = self._panel(data, covariates, cols)
        if not panel.treated.any():
            raise UppfoljError("Ingen i analysdata påbörjade insatsen; det finns ingen effekt att skatta.")
        base = self._estimate(panel, np.ones(panel.n_persons))
        draws = np.full((self.draws, len(cols)), np.nan)
        rng = np.random.default_rng(self.seed)
        with Progress(disable=not self.show_progress, transient=True) as progress:
            task = progress.add_task(f"Bootstrap (dragningar av {panel.unit})", total=self.draws)
            groups = int(panel.person_cluster.max() + 1)
            for b in range(self.draws):
                counts = np.bincount(rng.integers(0, groups, groups), minlength=groups)
                draws[b] = self._estimate(panel, counts[panel.person_cluster].astype(float), counts=False).att
                progress.advance(task)
        #: bootstrap draws of every outcome's ATT (rows = draws), for intervals of quantities built from several
        self.draws_ = pd.DataFrame(draws, columns=cols)
        se = np.array(
            [
                float(np.nanstd(draws[:, j], ddof=1)) if np.isfinite(draws[:, j]).sum() > 1 else math.nan
                for j in range(len(cols))
            ]
        )
        names = names or {}
        rows: list[dict[str, Any]] = []
        for j, col in enumerate(cols):
            low, high = normal_interval(float(base.att[j]), float(se[j]))
            rows.append(
                {
                    "utfall": col,
                    "namn": names.get(col, col),
                    "skattning": float(base.att[j]),
                    "medelfel": float(se[j]),
                    "ki_undre": low,
                    "ki_ovre": high,
                    "n_behandlade": int(round(base.n_treated[j])),
                    "n_jamforelse": int(base.n_control[j]),
                    "medel_behandlade": float(base.treated_mean[j]),
                    "sd_utfall": float(np.nanstd(panel.outcomes[:, j])),
                    "binart": bool(
                        np.isin(panel.outcomes[np.isfinite(panel.outcomes[:, j]), j], (0.0, 1.0)).all()
                    ),
                }
            )
        self.effects_ = pd.DataFrame(rows)
        self.balance_ = diag.balance_table(panel.raw_x, panel.treated, base.weight, list(covariates))
        self.per_u_ = base.per_u
        self.unit_ = panel.unit
        n_treated_all = int(panel.treated.sum())
        n_trimmed = int(n_treated_all - base.kept_treated.sum())
        self.placebo_: dict[str, Any] | None = None
        if placebo:
            prow = rows[-1]
            pcol = panel.outcomes[panel.treated, -1]
            treated_sd = float(np.nanstd(pcol, ddof=1)) if np.isfinite(pcol).sum() > 1 else 0.0
            self.placebo_ = {
                "utfall": names.get(placebo, placebo),
                "skattning": prow["skattning"],
                "medelfel": prow["medelfel"],
                "ki_undre": prow["ki_undre"],
                "ki_ovre": prow["ki_ovre"],
                "misslyckat": diag.placebo_fails(
                    float(prow["skattning"]), float(prow["ki_undre"]), float(prow["ki_ovre"]), treated_sd
                ),
            }
            self.effects_ = self.effects_.iloc[:-1].reset_index(drop=True)
        self.warnings_ = diag.warnings_for(
            self.balance_, int(base.kept_treated.sum()), n_trimmed, n_treated_all, self.placebo_
        )
        if not base.converged:
            self.warnings_.insert(
                0, "Modellen för när insatsen påbörjas konvergerade inte; tolka med försiktighet."
            )
        self.diagnostics_: dict[str, Any] = {
            "balans": self.balance_,
            "trimmade": n_trimmed,
            "behandlade_totalt": n_treated_all,
            "jamforelse": self.comparison,
            "dragningar": self.draws,
            "per_u": self.per_u_,
        }
        if self.placebo_:
            self.diagnostics_["placebo"] = self.placebo_
        return self

    def result_for(
        self, outcome: str, method: str = "Dynamisk jämförelse (Sianesi 2004), viktning"
    ) -> EffectResult:
        row = self.effects_.set_index("utfall").loc[outcome]
        diagnostics = dict(self.diagnostics_)
        near = diag.bound_near_null(float(row.ki_undre), float(row.ki_ovre))
        if row.binart:
            diagnostics["kansliget"] = diag.e_value_risk(
                float(row.medel_behandlade), float(row.skattning), near
            )
        else:
            diagnostics["kansliget"] = diag.e_value(float(row.skattning), near, float(row.sd_utfall))
        return EffectResult(
            method=method,
            estimate=float(row.skattning),
            se=float(row.medelfel),
            ci_low=float(row.ki_undre),
            ci_high=float(row.ki_ovre),
            n_treated=int(row.n_behandlade),
            n_control=int(row.n_jamforelse),
            warnings=list(self.warnings_),
            diagnostics=diagnostics,
            se_method=f"bootstrap, {self.draws} dragningar av {self.unit_}",
        )
