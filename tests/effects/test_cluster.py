"""Cluster-robust standard errors in `effekt fil --kluster`: copies of a row in its own cluster add no
information, so duplicating every NSW row under the same cluster id leaves the clustered standard error
unchanged, while the unclustered one (which takes the copies as new persons) falls by √2."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.effects import nsw
from uppfolj.cli import build_app
from uppfolj.effects.design import build_design
from uppfolj.effects.estimators import AIPW, IPW, PropensityScoreMatching
from uppfolj.effects.sandwich import sandwich_cov
from uppfolj.errors import UppfoljError


def _fit(path: Path, method: str, cluster: bool) -> dict:
    args = [
        "effekt", "fil", str(path), "--behandling", "treat", "--utfall", "re78",
        "--kovariater", ",".join(nsw.COVARIATES), "--metod", method, "--format", "json",
    ]  # fmt: skip
    if method == "did":
        args += ["--utfall-fore", "re75"]
    if cluster:
        args += ["--kluster", "person"]
    result = CliRunner().invoke(build_app(), args)
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("kluster")
    data = nsw.psid1()
    data["person"] = [f"p{i}" for i in range(len(data))]
    once = folder / "nsw.csv"
    twice = folder / "nsw_dubbel.csv"
    data.to_csv(once, sep=";", decimal=",", index=False)
    pd.concat([data, data], ignore_index=True).to_csv(twice, sep=";", decimal=",", index=False)
    return once, twice


@pytest.mark.parametrize("method", ["ipw", "aipw"])
def test_duplicated_rows_in_their_own_cluster_leave_the_clustered_se(tables, method: str) -> None:
    once, twice = tables
    single = _fit(once, method, cluster=False)
    clustered_once = _fit(once, method, cluster=True)
    clustered_twice = _fit(twice, method, cluster=True)
    plain_twice = _fit(twice, method, cluster=False)
    # the estimate does not move when every row is copied
    assert clustered_twice["skattning"] == pytest.approx(single["skattning"], rel=1e-8)
    assert clustered_twice["medelfel"] == pytest.approx(clustered_once["medelfel"], rel=1e-8)
    # one person per cluster: the clustered SE is the plain one times sqrt(G/(G−1)), G = the 2 675 persons
    # less the treated trimmed to the comparison persons' propensity range
    g = 2675 - single["diagnostik"]["trimmade"]
    assert clustered_once["medelfel"] == pytest.approx(single["medelfel"] * math.sqrt(g / (g - 1)), rel=1e-8)
    assert plain_twice["medelfel"] == pytest.approx(single["medelfel"] / math.sqrt(2), rel=1e-8)
    assert "klusterrobust" in clustered_twice["medelfel_metod"]


def test_did_clustered(tables) -> None:
    once, twice = tables
    a = _fit(once, "did", cluster=True)
    b = _fit(twice, "did", cluster=True)
    # CR1 also scales by (N−1)/(N−K), which changes a little when N doubles (K = 12): within 0.2 %
    assert b["medelfel"] == pytest.approx(a["medelfel"], rel=2e-3)
    assert b["skattning"] == pytest.approx(a["skattning"], rel=1e-8)


def test_cluster_sums_by_hand() -> None:
    # psi of a mean: theta = mean(y), psi = y − theta, jacobian −1. Clusters {0,1}, {2}: sums 1−2+... by hand
    y = np.array([1.0, 3.0, 8.0])
    psi = (y - y.mean())[:, None]  # −3, −1, 4
    cov = sandwich_cov(psi, np.array([[-1.0]]), np.array([0, 0, 1]))
    # cluster sums −4 and 4: meat = (16 + 16) / 3 × 2/1; V = meat / 3
    assert cov[0, 0] == pytest.approx((32 / 3) * 2 / 3)


def test_matching_refuses_clusters() -> None:
    data = nsw.psid1()
    design = build_design(data, treatment="treat", outcome="re78", covariates=nsw.COVARIATES)
    with pytest.raises(UppfoljError, match="kan inte ge klusterrobusta medelfel"):
        PropensityScoreMatching().clustered(np.arange(len(design.y)))
    assert IPW.supports_cluster and AIPW.supports_cluster


def test_matching_without_replacement_by_hand() -> None:
    from uppfolj.effects.matching import match_scores, match_scores_without_replacement

    # rows: treated at 0.0 and 0.1, comparison persons at 0.05 and 1.0 (already on the logit scale)
    score = np.array([0.0, 0.1, 0.05, 1.0])
    treated = np.array([True, True, False, False])
    with_repl = match_scores(score, treated, 1)
    assert with_repl.pair_control.tolist() == [2, 2]
    # without replacement, the higher score goes first and takes 0.05; the other is left with 1.0
    without = match_scores_without_replacement(score, treated, 1)
    assert dict(zip(without.pair_treated.tolist(), without.pair_control.tolist(), strict=True)) == {
        1: 2,
        0: 3,
    }
    # caliper 0.2 SD: mean 0.2875, squared deviations sum to 0.681875, SD = sqrt(0.681875 / 3) = 0.47675, so
    # the caliper is 0.0954: the 1.0 match (distance 1) is dropped, the 0.05 one (distance 0.05) kept
    assert np.std(score, ddof=1) == pytest.approx(0.47675, abs=1e-5)
    caliper = match_scores_without_replacement(score, treated, 1, caliper=0.2)
    assert caliper.pair_control.tolist() == [2] and caliper.unmatched_treated.tolist() == [0]
