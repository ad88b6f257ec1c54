"""Totals of an action plan, per measure and activity, and its section in the month and year reports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from uppfolj import fmt
from uppfolj.atgardsplan.plan import STATUSES, Measure, find_plan, read_measures
from uppfolj.outputs.model import Cell, Column, Paragraph, Section, Table


def by_activity(measures: list[Measure]) -> pd.DataFrame:
    """Expected and achieved effect (tkr) per activity, and the share achieved (%)."""
    frame = pd.DataFrame(
        [(m.activity, m.expected_tkr, m.achieved_tkr) for m in measures],
        columns=["verksamhet", "forvantad_tkr", "uppnadd_tkr"],
    )
    table = frame.groupby("verksamhet", sort=True, as_index=False)[["forvantad_tkr", "uppnadd_tkr"]].sum()
    table["andel"] = table["uppnadd_tkr"] / table["forvantad_tkr"].where(table["forvantad_tkr"] != 0) * 100
    return table


def totals(measures: list[Measure]) -> tuple[float, float]:
    return sum(m.expected_tkr for m in measures), sum(m.achieved_tkr for m in measures)


def summary_sentence(measures: list[Measure]) -> str:
    """As committees report back: "effektiviseringar på 42,0 mnkr av förväntade 63,3 mnkr (66,4 %)"."""
    expected, achieved = totals(measures)
    share = f" ({fmt.percent(achieved / expected * 100)})" if expected else ""
    done = sum(1 for m in measures if m.status == "genomford")
    return (
        f"Åtgärdsplanen har hittills gett effektiviseringar på {fmt.mnkr(achieved * 1000)} av förväntade "
        f"{fmt.mnkr(expected * 1000)}{share}. {done} av {len(measures)} åtgärder är genomförda."
    )


def section(root: Path) -> Section | None:
    """The report section; None when the workspace has no action plan."""
    path = find_plan(root)
    if path is None:
        return None
    measures = read_measures(path)
    per_measure: list[list[Cell]] = [
        [m.id, m.text, m.activity, m.expected_tkr, m.achieved_tkr, STATUSES[m.status]] for m in measures
    ]
    expected, achieved = totals(measures)
    per_measure.append(["", "Summa", "", expected, achieved, ""])
    activity_rows: list[list[Cell]] = [
        [r["verksamhet"], r["forvantad_tkr"], r["uppnadd_tkr"], None if pd.isna(r["andel"]) else r["andel"]]
        for r in by_activity(measures).to_dict("records")
    ]
    activity_rows.append(["Summa", expected, achieved, achieved / expected * 100 if expected else None])
    return Section(
        "Åtgärdsplan för ekonomi i balans",
        [
            Paragraph(summary_sentence(measures), key="atgardsplan"),
            Table(
                "Åtgärder: förväntad och uppnådd effekt",
                [
                    Column("Id"),
                    Column("Åtgärd"),
                    Column("Verksamhet"),
                    Column("Förväntad effekt (tkr)", "tkr"),
                    Column("Uppnådd effekt (tkr)", "tkr"),
                    Column("Status"),
                ],
                per_measure,
            ),
            Table(
                "Effekt per verksamhet",
                [
                    Column("Verksamhet"),
                    Column("Förväntad effekt (tkr)", "tkr"),
                    Column("Uppnådd effekt (tkr)", "tkr"),
                    Column("Andel uppnådd", "percent"),
                ],
                activity_rows,
            ),
        ],
        sheet="Åtgärdsplan",
    )
