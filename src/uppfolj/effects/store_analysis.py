"""The effect of one insatstyp from the store: analysis data → dynamic estimates → results for reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from uppfolj.effects.analysis_data import OUTCOME_NAMES, AnalysisData, build_analysis_data
from uppfolj.effects.comparisons import estimand_sentence
from uppfolj.effects.cost import attach
from uppfolj.effects.coverage import coverage, coverage_sentence
from uppfolj.effects.decision import cannot_tell_warning, holm
from uppfolj.effects.dynamic import DynamicEffect
from uppfolj.effects.protection import DEFAULT_THRESHOLD, mask_json
from uppfolj.effects.result import EffectResult
from uppfolj.effects.subgroups import subgroup_effects
from uppfolj.effects.wording import result_sentence, unit

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

    @property
    def threshold(self) -> int:
        return int(self.info.get("smatal_grans", DEFAULT_THRESHOLD))

    @property
    def not_estimated(self) -> str:
        """Why nothing was estimated (a group too small), or ''."""
        return str(self.info.get("ej_skattad", ""))

    def coverage_sentence(self, outcome: str | None = None) -> str:
        """Who the estimate for `outcome` (default: the primary outcome, else the first) covers, in Swedish;
        counts of 1 to the röjandeskydd threshold are written as "färre än N"."""
        if self.results:
            key = outcome or (PRIMARY if PRIMARY in self.results else next(iter(self.results)))
            counts = self.results[key].diagnostics["tackning"]
        else:
            counts = dict(self.info["tackning_utfall"])
        return coverage_sentence(
            counts,
            self.insatstyp,
            self.period,
            max_u=int(self.info.get("max_u", 36)),
            mask=self.threshold + 1,
        )

    def sentence(self, outcome: str) -> str:
        """The drafted sentence for one result."""
        comparison = str(self.info.get("jamforelse", "ej_annu_behandlade"))
        return result_sentence(outcome, self.results[outcome], self.insatstyp, comparison)

    def to_dict(self) -> dict[str, Any]:
        return mask_json(self._raw_dict(), self.threshold)

    def _raw_dict(self) -> dict[str, Any]:
        return {
            "insatstyp": self.insatstyp,
            "ogonblick": self.snapshot_id,
            "ej_skattad": self.not_estimated,
            "underlag": self.info,
            "utfall": {
                k: {"namn": self.names[k], "enhet": unit(k), "mening": self.sentence(k), **r.to_dict()}
                for k, r in self.results.items()
            },
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
    only_outcomes: list[str] | None = None,
    draws: int = 100,
    show_progress: bool = False,
    snapshot_id: str = "",
    include_stock: bool = False,
    max_u: int | None = None,
    comparison: str = "ej_annu_behandlade",
    threshold: int = DEFAULT_THRESHOLD,
    costs: dict[str, Any] | None = None,
    subgroups: bool = False,
) -> StoreEffect:
    """`bestand`: include spells running at the data start; their elapsed time counts from the data start, so
    the cap on elapsed months (`max_u`, default 36) is lifted unless given."""
    if max_u is None:
        max_u = NO_CAP if include_stock else MAX_U
    data: AnalysisData = build_analysis_data(
        con, insatstyp, gap=gap, include_stock=include_stock, max_u=max_u
    )
    outcomes = [o for o in data.outcomes if only_outcomes is None or o in only_outcomes]
    base_info = {**data.info, "jamforelse": comparison, "smatal_grans": threshold}
    starts = dict(data.info["tackning"])  # type: ignore[call-overload]
    if int(data.info["behandlade"]) <= threshold:  # type: ignore[call-overload]
        # röjandeskydd: a group this small is not estimated (and its counts are never shown)
        base_info["ej_skattad"] = (
            f"Ingen effekt skattades: färre än {threshold + 1} deltagare i {insatstyp} kan ingå i jämförelsen. "
            "Så få personer kan inte redovisas (röjandeskydd) och ger ingen användbar skattning."
        )
        base_info["tackning_utfall"] = coverage(starts, followed=0, covered=0)
        names = {c: OUTCOME_NAMES.get(c, c) for c in outcomes}
        curve = pd.DataFrame(columns=["tau", "skattning", "ki_undre", "ki_ovre", "n_behandlade"])
        return StoreEffect(insatstyp, {}, names, curve, {}, base_info, snapshot_id, [])
    columns = outcomes + [c for c in data.curve if c not in outcomes]
    names = {c: OUTCOME_NAMES.get(c, c) for c in [*columns, data.placebo]}
    dynamic = DynamicEffect(draws=draws, show_progress=show_progress, comparison=comparison).fit(
        data.panel, covariates=data.covariates, outcomes=columns, placebo=data.placebo, names=names
    )
    results = {o: dynamic.result_for(o) for o in outcomes}
    treated = data.panel[data.panel["behandlad"] == 1]
    for o, res in results.items():
        res.diagnostics["tackning"] = coverage(
            starts, followed=int(treated[o].notna().sum()), covered=res.n_treated
        )
    p_holm = holm({o: r.p_value for o, r in results.items() if o != PRIMARY})
    for o, res in results.items():
        res.diagnostics["primart_utfall"] = o == PRIMARY
        if o in p_holm:
            res.diagnostics["p_holm"] = p_holm[o]
        binary = bool(dynamic.effects_.set_index("utfall").loc[o, "binart"])
        warning = cannot_tell_warning(res.mde) if binary else None
        if warning:
            res.warnings = [warning, *res.warnings]
    too_small = [o for o, r in results.items() if min(r.n_treated, r.n_control) <= threshold]
    if too_small:
        base_info["ej_skattade_utfall"] = [
            f"{names[o]}: ingen skattning, färre än {threshold + 1} deltagare eller jämförelsepersoner "
            "med uppföljning (röjandeskydd)."
            for o in too_small
        ]
        results = {o: r for o, r in results.items() if o not in too_small}
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
    never = DynamicEffect(draws=0, comparison="aldrig_behandlade").fit(
        data.panel, covariates=data.covariates, outcomes=outcomes
    )
    static = dict(
        zip(never.effects_["utfall"].astype(str), never.effects_["skattning"].astype(float), strict=True)
    )
    ids = [str(i) for i in data.panel.loc[data.panel["behandlad"] == 1, "insats_id"].dropna()]
    effect = StoreEffect(insatstyp, results, names, curve, static, base_info, snapshot_id, ids)
    if subgroups and PRIMARY in results:
        effect.info["undergrupper"] = subgroup_effects(
            data.panel,
            data.covariates,
            PRIMARY,
            draws=draws,
            comparison=comparison,
            threshold=threshold,
        )
    cost = attach(con, effect, dynamic.draws_, costs or {})
    if cost is not None:
        effect.info["kostnad"] = cost.to_dict()
    small = curve["n_behandlade"] <= threshold
    curve.loc[small, ["skattning", "ki_undre", "ki_ovre"]] = float("nan")
    return effect
