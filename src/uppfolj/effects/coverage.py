"""Who an effect estimate covers: every insats of the type started in the data period, counted by why it is,
or is not, among the participants the estimate rests on.

The analysis data (`analysis_data.py`) sorts each start into `i_analysen` or one reason it is not a start in the
risk set; the estimate then splits `i_analysen` into those without follow-up for the outcome (the start is too
close to the data end), those without comparable persons (common support) and the covered.
"""

from __future__ import annotations

import pandas as pd

from uppfolj import fmt

IN_ANALYSIS = "i_analysen"
COVERED = "omfattas"

#: reasons a participant is not covered, in the order they are applied, with the words a report uses
REASONS = {
    "utan_bistand": "hade inget pågående ekonomiskt bistånd när insatsen började",
    "pagaende_vid_datastart": (
        "hade en biståndsperiod som redan pågick när data börjar (de kan tas med som ett tillval och jämförs "
        "då bara med andra sådana perioder)"
    ),
    "sen_start": "började mer än {max_u} månader in i biståndsperioden",
    "upprepad": "hade redan börjat samma insatstyp tidigare i biståndsperioden eller gick fortfarande i den",
    "utan_uppfoljning": "började så sent att utfallet ännu inte kan mätas i data",
    "utan_jamforbara": "saknade jämförbara personer som inte började (gemensamt stöd)",
}


def classify_starts(
    starts: pd.DataFrame, spells: pd.DataFrame, panel: pd.DataFrame, *, include_stock: bool, max_u: int
) -> dict[str, int]:
    """Count `starts` (insats_id, person_id, s) by reason.

    `spells`: person_id, start, open_to (last month at risk), stock, origin; `panel`: the risk set with
    `insats_id` on its treated rows.
    """
    in_panel = set(panel.loc[panel["behandlad"] == 1, "insats_id"].dropna().astype(str))
    ids = starts["insats_id"].astype(str)
    counts = {IN_ANALYSIS: int(ids.isin(in_panel).sum())}
    rest = starts[~ids.isin(in_panel)]
    hit = rest.merge(spells[["person_id", "start", "open_to", "stock", "origin"]], on="person_id")
    hit = hit[(hit["s"] >= hit["start"]) & (hit["s"] <= hit["open_to"])].drop_duplicates("insats_id")
    counts["utan_bistand"] = int(len(rest) - len(hit))
    stock = hit["stock"].astype(bool) & (not include_stock)
    counts["pagaende_vid_datastart"] = int(stock.sum())
    late = ~stock & (hit["s"] - hit["origin"] > max_u)
    counts["sen_start"] = int(late.sum())
    counts["upprepad"] = int((~stock & ~late).sum())
    return counts


def coverage(starts: dict[str, int], *, followed: int, covered: int) -> dict[str, int]:
    """The full count for one outcome: `followed` = starts in the analysis with the outcome observed,
    `covered` = those of them with comparable persons."""
    total = sum(starts.values())
    counts = {"deltagare": total, COVERED: covered}
    counts.update({k: v for k, v in starts.items() if k != IN_ANALYSIS})
    counts["utan_uppfoljning"] = starts.get(IN_ANALYSIS, 0) - followed
    counts["utan_jamforbara"] = followed - covered
    return counts


def coverage_sentence(
    counts: dict[str, int], insatstyp: str, period: str, *, max_u: int = 36, mask: int = 0
) -> str:
    """'Effekten gäller 479 av 695 deltagare i Jobbspår 2019-01 – 2024-12. Övriga: …' (Swedish).

    Counts below `mask` (röjandeskydd) are written as "färre än N".
    """

    def n(value: int) -> str:
        return f"färre än {mask}" if 0 < value < mask else fmt.number(value)

    total, covered = counts["deltagare"], counts[COVERED]
    text = f"Effekten gäller {n(covered)} av {n(total)} deltagare i {insatstyp} som började {period}"
    if total:
        text += f" ({fmt.percent(100 * covered / total, 0)})"
    text += "."
    parts = [
        f"{n(counts[k])} {label.format(max_u=max_u)}" for k, label in REASONS.items() if counts.get(k, 0) > 0
    ]
    if parts:
        text += " Övriga deltagare ingår inte: " + "; ".join(parts) + "."
    return text
