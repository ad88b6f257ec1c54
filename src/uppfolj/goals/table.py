"""The goal table committees use: nämndmål, nämndindikator, the three latest years, målvärde, bedömning,
with K/M rows for person indicators. One structure (`GoalTable`) for the CLI, the XLSX, the yearly report
and the dashboard; `GoalTable.frame()` gives it as a DataFrame.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from uppfolj import fmt
from uppfolj.goals.assess import Outcome, Value, assess_goal, assess_indicator
from uppfolj.goals.manual import ManualValues
from uppfolj.goals.model import GoalIndicator, Goals, Target
from uppfolj.indicators.catalogue import CATALOGUE

YEARS = 3
NAMNDMAL = "namndmal"
INDIKATOR = "indikator"

ComputeFn = Callable[..., pd.DataFrame]


@dataclass(frozen=True)
class Row:
    """One table row: a nämndmål (with its assessment) or one kön of one indicator."""

    kind: str
    malomrade: str
    kommunmal: str
    namndmal: str
    indikator_id: str = ""
    indikator: str = ""
    kon: str = ""
    values: tuple[Value, ...] = ()
    shown: tuple[str, ...] = ()
    malvarde: str = ""
    bedomning: str = ""
    kalla: str = ""
    unit: str = ""
    decimals: int = 0
    #: the followed-up kön's row: its target and outcome for the year (None on other rows)
    target: Target | None = None
    outcome: Outcome | None = None
    #: nämndmål rows: the goal's id and its written assessment for the year (empty = drafted)
    goal_id: str = ""
    written: str = ""


@dataclass
class GoalTable:
    year: int
    years: list[int]
    rows: list[Row] = field(default_factory=list)
    rule_text: str = ""

    def frame(self) -> pd.DataFrame:
        """One row per table row; `varde_<år>` raw values (NaN = I.U.), `dold_<år>` 1 when hidden, and the
        shown Swedish text in the columns named by the years."""
        records: list[dict[str, Any]] = []
        for r in self.rows:
            rec: dict[str, Any] = {
                "typ": r.kind,
                "malomrade": r.malomrade,
                "kommunmal": r.kommunmal,
                "namndmal": r.namndmal,
                "indikator_id": r.indikator_id,
                "indikator": r.indikator,
                "kon": r.kon,
            }
            for i, y in enumerate(self.years):
                v = r.values[i] if r.values else Value(None)
                rec[str(y)] = r.shown[i] if r.shown else ""
                rec[f"varde_{y}"] = math.nan if v.value is None else float(v.value)
                rec[f"dold_{y}"] = int(v.hidden)
            rec["malvarde"] = r.malvarde
            rec["bedomning"] = r.bedomning
            rec["kalla"] = r.kalla
            records.append(rec)
        return pd.DataFrame.from_records(records)


def rule_text(goals: Goals) -> str:
    r = goals.rule
    return (
        f"Bedömning av nämndmål: av de indikatorer som kan bedömas är minst {fmt.percent(r.uppnatt * 100, 0)} "
        f"uppfyllda → uppnått, minst {fmt.percent(r.delvis * 100, 0)} → delvis uppnått, färre → ej uppnått; "
        f"färre än {r.minsta_antal} bedömda → ej bedömt. Indikatorer utan värde (I.U.) eller med dolt värde "
        f"(..) bedöms inte."
    )


def collect_values(
    con: Any,
    goals: Goals,
    year: int,
    manual: ManualValues,
    *,
    compute: ComputeFn | None = None,
    config: Any = None,
    publish: bool = True,
) -> pd.DataFrame:
    """Totals (no group breakdown) of every goal indicator for the three years, computed ones from `compute`
    (default `uppfolj.indicators.compute`, with small-number protection) and manual ones from `manual`."""
    if compute is None:
        from uppfolj.indicators import compute as default_compute

        compute = default_compute
    years = range(year - YEARS + 1, year + 1)
    inds = [i for i in goals.indicators() if i.id in CATALOGUE]
    ids = sorted({i.id for i in inds})
    parts = [manual.frame.drop(columns=["kalla"])]
    if ids:
        labels = sorted({i.period_label(y) for i in inds for y in years})
        got = compute(con, periods=labels, indicators=ids, config=config, grupptyper=[], publish=publish)
        parts.append(got[got["grupptyp"] == ""])
    non_empty = [p for p in parts if len(p)]
    return pd.concat(non_empty, ignore_index=True) if non_empty else parts[0]


def _lookup(frame: pd.DataFrame) -> dict[tuple[str, str, str], Value]:
    out: dict[tuple[str, str, str], Value] = {}
    for r in frame.itertuples(index=False):
        value = float(r.varde)  # type: ignore[arg-type]
        out[(str(r.indikator), str(r.period), str(r.kon))] = Value(
            None if math.isnan(value) else value,
            bool(int(r.undertryckt)),  # type: ignore[arg-type,call-overload]
        )
    return out


def _unit(ind: GoalIndicator) -> str:
    if ind.unit is not None:
        return ind.unit
    return CATALOGUE[ind.id].unit if ind.id in CATALOGUE else ""


def _decimals(ind: GoalIndicator, values: list[Value], unit: str) -> int:
    if ind.decimals is not None:
        return ind.decimals
    if unit == "%":
        return 1
    numbers = [v.value for v in values if v.value is not None]
    return 0 if all(float(n).is_integer() for n in numbers) else 1


def _show(v: Value, unit: str, decimals: int) -> str:
    return fmt.cell(math.nan if v.value is None else v.value, hidden=v.hidden, unit=unit, decimals=decimals)


def target_text(target: Target | None, unit: str, decimals: int) -> str:
    """`högst 28,0 %`, `minst 80`, `lägre än 2023`; empty without a target."""
    if target is None:
        return ""
    if target.value is None:
        return f"{'högre' if target.direction == 'hogre' else 'lägre'} än {target.year - 1}"
    word = "minst" if target.direction == "hogre" else "högst"
    return f"{word} {_show(Value(target.value), unit, decimals)}"


def _kons(ind: GoalIndicator, lookup: dict[tuple[str, str, str], Value]) -> list[str]:
    """The kön rows: T, K, M as far as the indicator has them, always including the followed-up kön."""
    if ind.id in CATALOGUE:
        available = set(CATALOGUE[ind.id].kon)
    else:
        available = {k for (i, _, k) in lookup if i == ind.id}
    return [k for k in ("T", "K", "M") if k in available or k == ind.kon]


def _name(ind: GoalIndicator, manual: ManualValues) -> str:
    if ind.name:
        return ind.name
    if ind.id in CATALOGUE:
        return CATALOGUE[ind.id].name
    return manual.names.get(ind.id, ind.id)


def _source(ind: GoalIndicator, manual: ManualValues, labels: list[str]) -> str:
    if ind.id in CATALOGUE:
        from uppfolj.outputs.tables import ORIGINS

        return f"Beräknad av uppfolj ur {ORIGINS.get(CATALOGUE[ind.id].source, 'verksamhetssystemet')}"
    f = manual.frame
    rows = f[(f["indikator"] == ind.id) & f["period"].isin(labels)]
    sources = list(dict.fromkeys(str(s) for s in rows["kalla"] if str(s)))
    return "; ".join(sources) if sources else "Manuellt värde, källa saknas"


def indicator_rows(
    ind: GoalIndicator,
    context: tuple[str, str, str],
    table: GoalTable,
    lookup: dict[tuple[str, str, str], Value],
    manual: ManualValues,
) -> tuple[list[Row], Outcome]:
    labels = [ind.period_label(y) for y in table.years]
    unit = _unit(ind)
    kons = _kons(ind, lookup)
    all_values = [lookup.get((ind.id, p, k), Value(None)) for k in kons for p in labels]
    decimals = _decimals(ind, all_values, unit)
    target = ind.targets.get(table.year)
    values = [lookup.get((ind.id, p, ind.kon), Value(None)) for p in labels]
    outcome = assess_indicator(target, values[-1], values[-2] if len(values) > 1 else None)
    rows = []
    for k in kons:
        vals = tuple(lookup.get((ind.id, p, k), Value(None)) for p in labels)
        own = k == ind.kon
        rows.append(
            Row(
                INDIKATOR,
                *context,
                indikator_id=ind.id,
                indikator=_name(ind, manual),
                kon=k,
                values=vals,
                shown=tuple(_show(v, unit, decimals) for v in vals),
                malvarde=target_text(target, unit, decimals) if own else "",
                bedomning=outcome.text() if own else "",
                kalla=_source(ind, manual, labels),
                unit=unit,
                decimals=decimals,
                target=target if own else None,
                outcome=outcome if own else None,
            )
        )
    return rows, outcome


def goal_table(goals: Goals, year: int, values: pd.DataFrame, manual: ManualValues) -> GoalTable:
    """Assess every indicator and nämndmål for `year` on `values` (the spec's output columns)."""
    table = GoalTable(year, list(range(year - YEARS + 1, year + 1)), rule_text=rule_text(goals))
    lookup = _lookup(values)
    for omrade in goals.omraden:
        for kmal in omrade.kommunmal:
            for nmal in kmal.namndmal:
                context = (omrade.name, kmal.name, nmal.name)
                rows: list[Row] = []
                outcomes = []
                for ind in nmal.indicators:
                    ind_rows, outcome = indicator_rows(ind, context, table, lookup, manual)
                    rows.extend(ind_rows)
                    outcomes.append(outcome)
                verdict = assess_goal(outcomes, goals.rule)
                table.rows.append(
                    Row(
                        NAMNDMAL,
                        *context,
                        bedomning=verdict.capitalize(),
                        goal_id=nmal.id,
                        written=nmal.texts.get(year, ""),
                    )
                )
                table.rows.extend(rows)
    return table
