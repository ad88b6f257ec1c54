"""Kaplan–Meier curves per group with the log-rank test (lifelines).

The effect is the difference in restricted mean time (RMST, the area under the curve up to a horizon,
treated minus comparison), with a bootstrap standard error that resamples persons within each group. The
comparison is not adjusted for covariates; balance is reported so the reader sees how different the groups are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test
from lifelines.utils import restricted_mean_survival_time

from uppfolj.effects.bootstrap import DRAWS, bootstrap_se
from uppfolj.effects.design import Design, build_design, numeric_column
from uppfolj.effects.estimators import Core, Estimator
from uppfolj.errors import UppfoljError


def cumulative_incidence(durations: np.ndarray, events: np.ndarray, horizon: float, cause: int = 1) -> float:
    """Aalen–Johansen cumulative incidence of `cause` by `horizon` with competing events (codes ≥ 1, 0 =
    censored): the sum over event times t ≤ horizon of S(t−) d_cause(t) / n(t), S the Kaplan–Meier survival
    from any event. Written out (lifelines' fitter jitters tied times at random)."""
    times = np.unique(durations[(events > 0) & (durations <= horizon)])
    survival, total = 1.0, 0.0
    for time in times:
        at_risk = float(np.sum(durations >= time))
        here = durations == time
        total += survival * float(np.sum(here & (events == cause))) / at_risk
        survival *= 1.0 - float(np.sum(here & (events > 0))) / at_risk
    return total


def _rmst(durations: np.ndarray, events: np.ndarray, horizon: float) -> float:
    kmf = KaplanMeierFitter().fit(durations, events)
    return float(restricted_mean_survival_time(kmf, t=horizon))


class KaplanMeier(Estimator):
    """`utfall` is the time (e.g. months until the spell ends); `handelse` 1 = ended, 0 = censored."""

    method = "Kaplan–Meier med log-rank-test"

    def __init__(self, event: str | None = None, horizon: float | None = None, draws: int = DRAWS) -> None:
        self.event = event
        self.horizon = horizon
        self.draws = draws
        self._events: np.ndarray | None = None

    def fit(
        self,
        data: pd.DataFrame,
        *,
        treatment: str,
        outcome: str,
        covariates: Sequence[str],
        placebo_outcome: str | None = None,
        placebo_covariates: Sequence[str] | None = None,
        source: str = "tabellen",
    ) -> KaplanMeier:
        if self.event:
            events = numeric_column(data, self.event, source)
            if not np.isin(events, (0.0, 1.0, 2.0)).all():
                raise UppfoljError(
                    f"Händelsekolumnen '{self.event}' i {source} får bara innehålla 0 (censurerad), 1 (händelse) "
                    "och 2 (annat avslut, konkurrerande utfall)."
                )
            self._events = events
        else:
            self._events = np.ones(len(data))
        design = build_design(
            data, treatment=treatment, outcome=outcome, covariates=covariates, source=source
        )
        if (design.y < 0).any():
            raise UppfoljError(f"Tiden i '{outcome}' i {source} får inte vara negativ.")
        self.fit_design(design)
        return self

    def _estimate(self, design: Design) -> Core:
        assert self._events is not None
        t, c = design.treated, ~design.treated
        y, ev = design.y, self._events
        horizon = self.horizon or float(min(y[t].max(), y[c].max()))
        if (ev == 2).any():
            return self._competing(design, horizon)
        est = _rmst(y[t], ev[t], horizon) - _rmst(y[c], ev[c], horizon)

        def stat(rows: np.ndarray) -> float:
            tr = rows[t[rows]]
            co = rows[c[rows]]
            return _rmst(y[tr], ev[tr], horizon) - _rmst(y[co], ev[co], horizon)

        se = bootstrap_se(len(y), stat, draws=self.draws, strata=t.astype(int))
        test = logrank_test(y[t], y[c], event_observed_A=ev[t], event_observed_B=ev[c])
        curves = []
        medians = {}
        for label, mask in (("behandlade", t), ("jamforelse", c)):
            kmf = KaplanMeierFitter().fit(y[mask], ev[mask])
            sf = kmf.survival_function_.iloc[:, 0]
            ci = kmf.confidence_interval_survival_function_
            curves += [
                {
                    "grupp": label,
                    "tid": float(tt),
                    "overlevnad": float(s),
                    "ki_undre": float(lo),
                    "ki_ovre": float(hi),
                }
                for tt, s, lo, hi in zip(sf.index, sf.to_numpy(), ci.iloc[:, 0], ci.iloc[:, 1], strict=True)
            ]
            medians[label] = float(kmf.median_survival_time_)
        return self._core(
            est,
            se,
            t,
            extra={
                "horisont": horizon,
                "logrank_statistika": float(test.test_statistic),
                "logrank_p": float(test.p_value),
                "mediantid": medians,
                "kurvor": curves,
            },
            warnings=[
                "Kaplan–Meier jämför grupperna utan justering för skillnader i kovariater; se balanstabellen."
            ],
        )

    def _core(
        self, est: float, se: float, treated: np.ndarray, extra: dict[str, Any], warnings: list[str]
    ) -> Core:
        return Core(
            estimate=est,
            se=se,
            n_treated=int(treated.sum()),
            n_control=int((~treated).sum()),
            weight=np.ones(len(treated)),
            se_method=f"bootstrap, {self.draws} dragningar av personer",
            extra=extra,
            warnings=warnings,
        )

    def _competing(self, design: Design, horizon: float) -> Core:
        """Event 1 (e.g. exit to work or studies) against 2 (other exits) as competing risks: the difference in
        cumulative incidence of 1 by the horizon, instead of treating other exits as censoring."""
        assert self._events is not None
        t, c = design.treated, ~design.treated
        y, ev = design.y, self._events
        est = cumulative_incidence(y[t], ev[t], horizon) - cumulative_incidence(y[c], ev[c], horizon)

        def stat(rows: np.ndarray) -> float:
            tr, co = rows[t[rows]], rows[c[rows]]
            return cumulative_incidence(y[tr], ev[tr], horizon) - cumulative_incidence(y[co], ev[co], horizon)

        se = bootstrap_se(len(y), stat, draws=self.draws, strata=t.astype(int))
        test = logrank_test(y[t], y[c], event_observed_A=ev[t] == 1, event_observed_B=ev[c] == 1)
        incidence = {
            label: {str(k): cumulative_incidence(y[mask], ev[mask], horizon, cause=k) for k in (1, 2)}
            for label, mask in (("behandlade", t), ("jamforelse", c))
        }
        return self._core(
            est,
            se,
            t,
            extra={
                "horisont": horizon,
                "konkurrerande_utfall": True,
                "kumulativ_incidens": incidence,
                "logrank_orsak_1_p": float(test.p_value),
            },
            warnings=[
                "Skattningen är skillnaden i andel med händelse 1 (t.ex. avslut till arbete eller studier) vid "
                "horisonten, där andra avslut (2) är konkurrerande utfall och inte censurering. Grupperna "
                "jämförs utan justering för kovariater; se balanstabellen."
            ],
        )
