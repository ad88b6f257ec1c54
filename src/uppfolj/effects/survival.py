"""Kaplan–Meier curves per group with the log-rank test (lifelines).

The effect is the difference in restricted mean time (RMST, the area under the curve up to a horizon,
treated minus comparison), with a bootstrap standard error that resamples persons within each group. The
comparison is not adjusted for covariates; balance is reported so the reader sees how different the groups are.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test
from lifelines.utils import restricted_mean_survival_time

from uppfolj.effects.bootstrap import DRAWS, bootstrap_se
from uppfolj.effects.design import Design, build_design, numeric_column
from uppfolj.effects.estimators import Core, Estimator
from uppfolj.errors import UppfoljError


def _rmst(durations: np.ndarray, events: np.ndarray, horizon: float) -> float:
    kmf = KaplanMeierFitter().fit(durations, events)
    return float(restricted_mean_survival_time(kmf, t=horizon))


class KaplanMeier(Estimator):
    """`utfall` is the time (e.g. months until the spell ends); `handelse` 1 = ended, 0 = censored."""

    metod = "Kaplan–Meier med log-rank-test"

    def __init__(
        self, handelse: str | None = None, horisont: float | None = None, dragningar: int = DRAWS
    ) -> None:
        self.handelse = handelse
        self.horisont = horisont
        self.dragningar = dragningar
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
        if self.handelse:
            events = numeric_column(data, self.handelse, source)
            if not np.isin(events, (0.0, 1.0)).all():
                raise UppfoljError(
                    f"Händelsekolumnen '{self.handelse}' i {source} får bara innehålla 0 (censurerad) och 1 (händelse)."
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
        horizon = self.horisont or float(min(y[t].max(), y[c].max()))
        est = _rmst(y[t], ev[t], horizon) - _rmst(y[c], ev[c], horizon)

        def stat(rows: np.ndarray) -> float:
            tr = rows[t[rows]]
            co = rows[c[rows]]
            return _rmst(y[tr], ev[tr], horizon) - _rmst(y[co], ev[co], horizon)

        se = bootstrap_se(len(y), stat, draws=self.dragningar, strata=t.astype(int))
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
        return Core(
            estimate=est,
            se=se,
            n_treated=int(t.sum()),
            n_control=int(c.sum()),
            weight=np.ones(len(y)),
            se_method=f"bootstrap, {self.dragningar} dragningar av personer",
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
