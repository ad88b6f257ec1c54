"""The effect of one insatstyp from the store: analysis data → dynamic estimates → results for reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from uppfolj.effects.analysis_data import OUTCOME_NAMES, AnalysisData, build_analysis_data
from uppfolj.effects.comparisons import estimand_sentence
from uppfolj.effects.coverage import coverage, coverage_sentence
from uppfolj.effects.dynamic import DynamicEffect
from uppfolj.effects.result import EffectResult

MAX_U = 36
NO_CAP = 10_000
#: the primary outcome: egen försörjning 12 months after the start
PRIMARY = "ingen_betalning_12"


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

    @property
    def period(self) -> str:
        return f"{self.info.get('datastart')} – {self.info.get('dataslut')}"

    @property
    def estimand(self) -> str:
        return estimand_sentence(str(self.info.get("jamforelse", "ej_annu_behandlade")), self.insatstyp)

    def coverage_sentence(self, outcome: str | None = None) -> str:
        """Who the estimate for `outcome` (default: the primary outcome, else the first) covers, in Swedish."""
        key = outcome or (PRIMARY if PRIMARY in self.results else next(iter(self.results)))
        counts = self.results[key].diagnostik["tackning"]
        return coverage_sentence(counts, self.insatstyp, self.period, max_u=int(self.info.get("max_u", 36)))

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
            "tackning": self.coverage_sentence(),
            "jamforelse": self.info.get("jamforelse"),
            "skattningsmal": self.estimand,
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
    bestand: bool = False,
    max_u: int | None = None,
    jamforelse: str = "ej_annu_behandlade",
) -> StoreEffect:
    """`bestand`: include spells running at the data start; their elapsed time counts from the data start, so
    the cap on elapsed months (`max_u`, default 36) is lifted unless given."""
    if max_u is None:
        max_u = NO_CAP if bestand else MAX_U
    data: AnalysisData = build_analysis_data(con, insatstyp, gap=gap, bestand=bestand, max_u=max_u)
    outcomes = [o for o in data.outcomes if utfall is None or o in utfall]
    columns = outcomes + [c for c in data.curve if c not in outcomes]
    names = {c: OUTCOME_NAMES.get(c, c) for c in [*columns, data.placebo]}
    dynamic = DynamicEffect(dragningar=dragningar, visa_framsteg=visa_framsteg, jamforelse=jamforelse).fit(
        data.panel, kovariater=data.covariates, utfall=columns, placebo=data.placebo, namn=names
    )
    results = {o: dynamic.result_for(o) for o in outcomes}
    treated = data.panel[data.panel["behandlad"] == 1]
    starts = dict(data.info["tackning"])  # type: ignore[call-overload]
    for o, res in results.items():
        res.diagnostik["tackning"] = coverage(
            starts, followed=int(treated[o].notna().sum()), covered=res.n_behandlade
        )
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
    info = {**data.info, "jamforelse": jamforelse}
    return StoreEffect(insatstyp, results, names, curve, static, info, snapshot_id, ids)
