"""Competing risks: the Aalen–Johansen cumulative incidence, by hand and against lifelines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from uppfolj.effects.survival import KaplanMeier, cumulative_incidence


def test_cumulative_incidence_by_hand() -> None:
    # times 1, 2, 3 with events other (2), work (1), work (1): at 1 nobody leaves for work, S = 2/3; at 2,
    # 2/3 × 1/2 = 1/3 leave for work, S = 1/3; at 3, 1/3 × 1/1 → 2/3 in all (two of three did leave for work).
    # Treating the other exit as censoring (1 − Kaplan–Meier) would say 1.0.
    durations, events = np.array([1.0, 2.0, 3.0]), np.array([2, 1, 1])
    assert cumulative_incidence(durations, events, 3) == pytest.approx(2 / 3)
    assert cumulative_incidence(durations, events, 3, cause=2) == pytest.approx(1 / 3)
    assert cumulative_incidence(durations, events, 2) == pytest.approx(1 / 3)


def test_matches_lifelines_without_ties() -> None:
    from lifelines import AalenJohansenFitter

    rng = np.random.default_rng(4)
    durations = rng.exponential(10, 300)
    events = rng.choice([0, 1, 2], size=300, p=[0.2, 0.5, 0.3])
    ajf = AalenJohansenFitter(calculate_variance=False).fit(durations, events, event_of_interest=1)
    cdf = ajf.cumulative_density_.iloc[:, 0]
    assert cumulative_incidence(durations, events, 8.0) == pytest.approx(
        float(cdf[cdf.index <= 8.0].iloc[-1])
    )


def test_effekt_fil_km_with_competing_exits() -> None:
    # treated: [1 work, 2 other, 3 work] → CIF(3) = 2/3; comparison: [1 other, 2 other, 3 work] → 1/3
    data = pd.DataFrame(
        {
            "t": [1, 1, 1, 0, 0, 0],
            "tid": [1, 2, 3, 1, 2, 3],
            "h": [1, 2, 1, 2, 2, 1],
            "x": [1.0, 2.0, 3.0, 1.5, 2.5, 3.5],
        }
    )
    res = KaplanMeier(event="h", draws=20).fit(data, treatment="t", outcome="tid", covariates=["x"]).result_
    # treated: at 1, 1/3 to work, S = 2/3; at 2 other, S = 1/3; at 3, 1/3 → 2/3. comparison: 1/3
    assert res.estimate == pytest.approx(2 / 3 - 1 / 3)
    assert res.diagnostics["konkurrerande_utfall"] is True
