"""The effect of one insatstyp from the store: analysis data → dynamic estimates → results for reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from uppfolj.effects.analysis_data import OUTCOME_NAMES, AnalysisData, build_analysis_data
from uppfolj.effects.dynamic import DynamicEffect
from uppfolj.effects.result import EffectResult


@dataclass
class StoreEffect:
    insatstyp: str
    results: dict[str, EffectResult]
    names: dict[str, str]
    #: ATT(τ) for τ = 0…24 months after the start: tau, skattning, ki_undre, ki_ovre, n_behandlade
    curve: pd.DataFrame
    #: the same outcomes against never-treated persons only (biased; shown for contrast)
    static: dict[str, float]
    info: dict[str, Any] = field(default_factory=dict)
    snapshot_id: str = ""
    #: the insatser whose starts the estimate rests on (for tracing, e.g. against the demo's facit)
    insats_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "insatstyp": self.insatstyp,
            "ogonblick": self.snapshot_id,
            "underlag": self.info,
            "utfall": {k: {"namn": self.names[k], **r.to_dict()} for k, r in self.results.items()},
            "effekt_over_tid": [
                {k: (None if pd.isna(v) else v) for k, v in row.items()}
                for row in self.curve.to_dict(orient="records")
            ],
            "jamforelse_aldrig_behandlade": self.static,
        }


def analyse_insatstyp(
    con: duckdb.DuckDBPyConnection,
    insatstyp: str,
    *,
    gap: int = 2,
    utfall: list[str] | None = None,
    dragningar: int = 100,
    visa_framsteg: bool = False,
    snapshot_id: str = "",
) -> StoreEffect:
    data: AnalysisData = build_analysis_data(con, insatstyp, gap=gap)
    outcomes = [o for o in data.outcomes if utfall is None or o in utfall]
    columns = outcomes + [c for c in data.curve if c not in outcomes]
    names = {c: OUTCOME_NAMES.get(c, c) for c in [*columns, data.placebo]}
    dynamic = DynamicEffect(dragningar=dragningar, visa_framsteg=visa_framsteg).fit(
        data.panel, kovariater=data.covariates, utfall=columns, placebo=data.placebo, namn=names
    )
    results = {o: dynamic.result_for(o) for o in outcomes}
    eff = dynamic.effects_.set_index("utfall").loc[data.curve]
    curve = pd.DataFrame(
        {
            "tau": list(range(len(data.curve))),
            "skattning": eff["skattning"].to_numpy(dtype=float),
            "ki_undre": eff["ki_undre"].to_numpy(dtype=float),
            "ki_ovre": eff["ki_ovre"].to_numpy(dtype=float),
            "n_behandlade": eff["n_behandlade"].to_numpy(dtype=int),
        }
    )
    never = DynamicEffect(dragningar=0, jamforelse="aldrig_behandlade").fit(
        data.panel, kovariater=data.covariates, utfall=outcomes
    )
    static = dict(
        zip(never.effects_["utfall"].astype(str), never.effects_["skattning"].astype(float), strict=True)
    )
    ids = [str(i) for i in data.panel.loc[data.panel["behandlad"] == 1, "insats_id"].dropna()]
    return StoreEffect(insatstyp, results, names, curve, static, dict(data.info), snapshot_id, ids)
