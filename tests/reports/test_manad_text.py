"""The månadsrapport's drafted paragraphs and mnkr summary on a hand-built store, worked out by hand.

The store (report month 2024-03, so the year to date is January–March, three months):

- households with a payment: 90 each month of 2023 (h1..h90), 80 each month of January–March 2024 (h1..h80),
  10 000 kr each;
- budgeted households (`budgeterade_hushall_manad`): 90, 100 and 110 in January–March 2024 → 300
  household-months, on average 100;
- ekonomi, Ekonomiskt bistånd: budget 1 000 000 kr every month of 2023 and 2024; utfall 900 000 kr a month
  in 2023 and 880 000 kr a month in January–March 2024;
- ekonomi, Arbetsmarknadsåtgärder: budget 500 000 kr every month; utfall 400 000 kr a month in 2023 and
  520 000 kr a month in January–March 2024;
- recorded full-year forecasts (prognos_helar): made in February 2024, 11 300 000 (bistånd) + 6 200 000;
  made in March 2024, 11 000 000 + 6 200 000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from uppfolj.outputs.model import Chart, Paragraph, Report
from uppfolj.reports.context import ReportContext
from uppfolj.reports.manad import make as manad
from uppfolj.workspace import Config

NB = "\u00a0"
BISTAND, AM = "Ekonomiskt bistånd", "Arbetsmarknadsåtgärder"


def _months(year: int, last: int = 12) -> list[str]:
    return [f"{year}-{m:02d}-01" for m in range(1, last + 1)]


def _ekonomi() -> list[dict[str, Any]]:
    rows = []
    for mon in _months(2023) + _months(2024):
        done_2024 = mon < "2024-04"
        forecast = {"2024-02-01": (11_300_000, 6_200_000), "2024-03-01": (11_000_000, 6_200_000)}.get(mon)
        for i, (name, budget, before, now) in enumerate(
            [(BISTAND, 1_000_000, 900_000, 880_000), (AM, 500_000, 400_000, 520_000)]
        ):
            rows.append(
                {
                    "manad": mon,
                    "verksamhet": name,
                    "budget": budget,
                    "utfall": before if mon < "2024" else now if done_2024 else None,
                    "prognos_helar": forecast[i] if forecast else None,
                }
            )
    return rows


def _payments() -> list[dict[str, Any]]:
    rows = []
    for mon, count in [(m, 90) for m in _months(2023)] + [(m, 80) for m in _months(2024, 3)]:
        for h in range(1, count + 1):
            rows.append(
                {
                    "hushall_id": f"h{h}",
                    "manad": mon,
                    "sokande_id": f"p{h}",
                    "antal_barn": 0,
                    "belopp": 10_000,
                }
            )
    return rows


def _config() -> Config:
    return Config(
        kommun_namn="Testkommun",
        ovrigt={"budgeterade_hushall_manad": {2024: [90, 100, 110] + [100] * 9}},
    )


REGISTER = {f"p{h}": "K" if h % 2 else "M" for h in range(1, 91)}


@pytest.fixture
def report(store: Callable[..., duckdb.DuckDBPyConnection]) -> Report:
    con = store(REGISTER, bistand_manad=_payments(), ekonomi=_ekonomi())
    return manad.build(ReportContext(con, _config(), "000001", dt.date(2024, 4, 10)), "2024-03")


def _paragraph(report: Report, key: str) -> str:
    found = [b.text for s in report.sections for b in s.blocks if isinstance(b, Paragraph) and b.key == key]
    assert len(found) == 1, key
    return found[0]


def test_drafted_paragraphs_worked_out_by_hand(report: Report) -> None:
    # year to date: budget 3 × (1 000 000 + 500 000) = 4 500 000 → 4,5 mnkr; utfall 3 × (880 000 + 520 000)
    # = 4 200 000 → 4,2 mnkr; deviation +300 000 → 0,3 mnkr. Only bistånd deviates the same way (+360 000;
    # åtgärder −60 000), and its volume part (+0,6 mnkr, below) is larger than its price part (−0,2).
    # Same period 2023: 3 × (900 000 + 400 000) = 3 900 000 → 3,9 mnkr; 4,2 − 3,9 = 0,3 higher.
    # Full year: budget 12 × 1 500 000 = 18,0 mnkr; forecast made in March 11,0 + 6,2 = 17,2 mnkr → överskott
    # 0,8 mnkr; made in February 11,3 + 6,2 = 17,5 (överskott 0,5): better by 17,5 − 17,2 = 0,3 mnkr.
    expected = (
        f"Nämndens utfall för januari–mars 2024 är 4,2{NB}mnkr mot en budget för perioden om 4,5{NB}mnkr. "
        f"Det är en positiv budgetavvikelse om 0,3{NB}mnkr, främst till följd av färre hushåll med "
        f"ekonomiskt bistånd än budgeterat (i snitt 80 mot budgeterade 100). "
        f"Utfallet är 0,3{NB}mnkr högre än samma period föregående år (3,9{NB}mnkr). "
        f"Prognosen för helåret är 17,2{NB}mnkr mot en årsbudget om 18,0{NB}mnkr och visar ett överskott "
        f"om 0,8{NB}mnkr. Prognosen har förbättrats med 0,3{NB}mnkr sedan föregående månad."
    )
    assert _paragraph(report, "ekonomi") == expected

    # B = 3 000 000, U = 3 × 880 000 = 2 640 000, deviation B − U = 360 000 → 0,4 mnkr
    # Hb = 90 + 100 + 110 = 300 household-months (mean 100), Ha = 3 × 80 = 240 (mean 80)
    # cb = B / Hb = 10 000 kr, ca = U / Ha = 11 000 kr
    # volume = (Hb − Ha) × cb = 60 × 10 000 = 600 000 → +0,6 mnkr
    # price  = (cb − ca) × Ha = −1 000 × 240 = −240 000 → −0,2 mnkr; 600 000 − 240 000 = 360 000 exactly
    # 2023 January–March: 90 households a month; 80 − 90 = −10, 10 / 90 = 11,1 %
    expected = (
        "Per mars var antalet hushåll med ekonomiskt bistånd i snitt 80 jämfört med budgeterade 100, "
        "20 färre än budgeterat. Samma period föregående år var antalet i snitt 90, så antalet hushåll har "
        f"minskat med 10 (11,1{NB}%). Ekonomiskt bistånd har en positiv budgetavvikelse om 0,4{NB}mnkr för "
        "perioden. Volymen, färre hushåll än budgeterat (i snitt 80 mot budgeterade 100), bidrar med "
        f"+0,6{NB}mnkr och priset, högre kostnad per hushåll än budgeterat (i snitt 11{NB}000 kr mot "
        f"budgeterade 10{NB}000 kr per månad), med −0,2{NB}mnkr. Avvikelsen beror därmed främst på antalet "
        "hushåll (volymen)."
    )
    assert _paragraph(report, "ekonomiskt_bistand") == expected

    # March 2024: 80 households; February 2024: 80; March 2023: 90
    assert _paragraph(report, "nyckeltal") == (
        "I mars 2024 fick 80 hushåll utbetalning av ekonomiskt bistånd, lika många som i februari 2024 och "
        "10 färre än i mars 2023."
    )


def test_summary_households_and_chart(report: Report, tmp_path: Path, read_docx: Callable[..., Any]) -> None:
    from uppfolj.outputs.write import write_report

    docx = read_docx(write_report(report, tmp_path)[0])
    summary = {row[0]: row[1:] for row in docx["Sammanfattning januari–mars 2024"][1:]}
    assert summary["Budget januari–mars 2024"] == ["4,5", "3,0"]
    assert summary["Avvikelse för perioden"] == ["0,3", "0,4"]
    assert summary["Utfall samma period 2023"] == ["3,9", "2,7"]
    # deviation full year: 18,0 − 17,2 = 0,8 (bistånd 12,0 − 11,0 = 1,0); change 17,5 − 17,2 = 0,3 (11,3 − 11,0)
    assert summary["Prognostiserad avvikelse helår"] == ["0,8", "1,0"]
    assert summary["Prognosens förändring sedan föregående månad"] == ["0,3", "0,3"]
    households = docx["Hushåll med utbetalning per månad mot budgeterat antal"]
    assert households[1] == ["2024-01", "80", "90", "10", "90"]
    assert households[3] == ["2024-03", "80", "110", "30", "90"]
    assert households[4] == ["Snitt januari–mars 2024", "80", "100", "20", "90"]

    # the rolling chart has a budget line
    chart = next(b for s in report.sections for b in s.blocks if isinstance(b, Chart))
    names = [name for name, _ in chart.series]
    assert names == ["Utbetalt", "Budget"]
    # April 2023–March 2024: paid 9 × 90 × 10 000 + 3 × 80 × 10 000 = 10 500 000; budget 12 × 1 000 000
    assert chart.series[0][1][-1] == pytest.approx(10_500_000)
    assert chart.series[1][1][-1] == pytest.approx(12_000_000)
    assert chart.description.endswith(
        f"(mar 2024): 10,5{NB}mnkr, budget för samma tolv månader 12,0{NB}mnkr."
    )


def test_budgeted_households_setting() -> None:
    from uppfolj.errors import UppfoljError
    from uppfolj.reports.household_budget import budgeted_households

    def ctx(**ovrigt: Any) -> Config:
        return Config(ovrigt=ovrigt)

    monthly = {
        "budgeterade_hushall_manad": {"2024": [90, None] + [100] * 10},
        "budgeterade_hushall": {2024: 95},
    }
    assert budgeted_households(ctx(**monthly), 2024, 1) == 90
    assert budgeted_households(ctx(**monthly), 2024, 2) == 95  # the month left empty: the yearly figure
    assert budgeted_households(ctx(**monthly), 2023, 1) is None
    with pytest.raises(UppfoljError, match="tolv tal"):
        budgeted_households(ctx(budgeterade_hushall_manad={2024: [1, 2]}), 2024, 1)
    with pytest.raises(UppfoljError, match="inte är ett antal hushåll"):
        budgeted_households(ctx(budgeterade_hushall={2024: "många"}), 2024, 1)
