"""The monthly report on a hand-built store, read back and compared with the indicator engine's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from uppfolj import fmt
from uppfolj.indicators import compute
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.outputs.tables import indicator_name
from uppfolj.reports.context import ReportContext
from uppfolj.reports.manad import make as manad
from uppfolj.workspace import Config

NB = "\u00a0"
# p1..p4 women, p5..p7 men: seven sökande, one per household
REGISTER = {f"p{i}": ("K" if i <= 4 else "M") for i in range(1, 8)}


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}-01")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _payments() -> list[dict[str, Any]]:
    rows = [
        {"hushall_id": f"h{i}", "manad": mon, "sokande_id": f"p{i}", "antal_barn": 0, "belopp": 5000}
        for i in range(1, 7)
        for mon in _months("2023-01", "2024-09")
    ]
    rows.append(
        {"hushall_id": "h7", "manad": "2024-09-01", "sokande_id": "p7", "antal_barn": 1, "belopp": 5000}
    )
    return rows


@pytest.fixture
def ctx(store: Callable[..., duckdb.DuckDBPyConnection]) -> ReportContext:
    ekonomi = [
        {
            "manad": mon,
            "verksamhet": "Ekonomiskt bistånd",
            "budget": 100_000,
            "utfall": 30_000 if mon < "2024-10" else None,
        }
        for mon in _months("2024-01", "2024-12")
    ]
    con = store(REGISTER, bistand_manad=_payments(), ekonomi=ekonomi)
    config = Config(kommun_namn="Testkommun", ovrigt={"budgeterade_hushall": {2024: 6}})
    return ReportContext(con, config, "000009", dt.date(2024, 10, 12))


def test_monthly_report_figures_equal_the_engine(
    ctx: ReportContext, tmp_path: Path, read_docx: Any, read_xlsx: Any
) -> None:
    docx_path, xlsx_path = manad.write(ctx, "2024-09", tmp_path)
    assert docx_path.name == "manadsrapport-2024-09.docx"
    docx, xlsx = read_docx(docx_path), read_xlsx(xlsx_path)

    # key indicators: every cell equals the engine's published value, hidden cells included
    engine = compute(
        ctx.con,
        periods=["2024-09"],
        indicators=[i for i in manad.KEY_INDICATORS if i in CATALOGUE],
        config=ctx.config,
        grupptyper=[],
        publish=True,
    )
    table = docx["Nyckeltal 2024-09"]
    by_name = {row[0]: row[1:] for row in table[1:]}
    checked = 0
    for rec in engine.to_dict("records"):
        if rec["grupptyp"]:
            continue
        col = "KMT".index(rec["kon"])
        shown = by_name[indicator_name(rec["indikator"])][col]
        unit = "%" if shown.endswith("%") else ""
        expected = fmt.cell(
            rec["varde"],
            hidden=bool(rec["undertryckt"]),
            unit=unit,
            decimals=None if unit or shown.count(",") == 0 else 1,
        )
        assert shown == expected, (rec, shown)
        checked += 1
    assert checked >= 8
    # hand-worked: 7 households paid in 2024-09; adults 4 women (hidden, 1-4) so men are hidden too; total 7
    assert by_name["Utbetalningshushåll, sista månaden"] == ["–", "–", "7"]
    assert by_name["Vuxna biståndsmottagare"] == ["..", "..", "7"]
    xl = {row[0]: row[1:] for row in xlsx["Nyckeltal 2024-09"][1:]}
    assert xl["Vuxna biståndsmottagare"] == ["..", "..", 7]

    # households per month against the budgeted 6: January–August 6 (0), September 7 (−1); 2023 had 6 each
    # month; the year-to-date mean is (8 × 6 + 7) / 9 = 6,11 → 6 against 6 and 6 the year before
    households = docx["Hushåll med utbetalning per månad mot budgeterat antal"]
    assert households[1] == ["2024-01", "6", "6", "0", "6"]
    assert households[9] == ["2024-09", "7", "6", "−1", "6"]
    assert households[10] == ["Snitt januari–september 2024", "6", "6", "0", "6"]

    # rolling twelve months ending 2024-09: 6 households × 12 months × 5 000 + 5 000 = 365 000 kr; no
    # twelve months of budget (ekonomi starts 2024-01), so no budget line
    rolling = xlsx["Data till diagrammet: Utbetalt ekonomiskt bistånd, rullande tolv månader"]
    assert rolling[-1] == [dt.datetime(2024, 9, 1), pytest.approx(365_000)]
    # ending 2023-12 (Jan–Dec 2023): 6 × 12 × 5 000 = 360 000; before that the data do not reach back: I.U.
    assert dict((r[0], r[1]) for r in rolling[1:])[dt.datetime(2023, 12, 1)] == pytest.approx(360_000)
    assert dict((r[0], r[1]) for r in rolling[1:])[dt.datetime(2023, 11, 1)] == "I.U."


def test_monthly_report_ekonomi_in_tkr(ctx: ReportContext, tmp_path: Path, read_docx: Any) -> None:
    if "ek_budget" not in CATALOGUE:
        pytest.skip("the ek_ indicators have not landed in the catalogue")
    docx_path, _ = manad.write(ctx, "2024-09", tmp_path)
    table = read_docx(docx_path)["Budgetuppföljning t.o.m. 2024-09"]
    # budget 12 × 100 = 1 200 tkr; t.o.m. 9 × 100 = 900; utfall 9 × 30 = 270; avvikelse 900 − 270 = 630
    assert table[1][:5] == ["Ekonomiskt bistånd", f"1{NB}200", "900", "270", "630"]


def test_forecast_column_recorded_else_own(
    store: Callable[..., duckdb.DuckDBPyConnection], tmp_path: Path, read_docx: Any
) -> None:
    months = _months("2023-01", "2024-12")
    ekonomi = [
        {
            "manad": mon,
            "verksamhet": "Ekonomiskt bistånd",
            "budget": 100_000,
            "utfall": 30_000 if mon < "2024-10" else None,
        }
        for mon in months
    ] + [
        {
            "manad": mon,
            "verksamhet": "Nämnd",
            "budget": 10_000,
            "utfall": 9_000 if mon < "2024-10" else None,
            "prognos_helar": 500_000 if mon == "2024-09-01" else None,
        }
        for mon in months
    ]
    con = store(REGISTER, bistand_manad=_payments(), ekonomi=ekonomi)
    ctx = ReportContext(con, Config(), "000009", dt.date(2024, 10, 12))
    table = {
        r[0]: r
        for r in read_docx(manad.write(ctx, "2024-09", tmp_path)[0])["Budgetuppföljning t.o.m. 2024-09"][1:]
    }
    # Nämnd: the recorded forecast 500 000 kr = 500 tkr; deviation 120 − 500 = −380 tkr
    assert table["Nämnd"][5:] == ["500", "−380"]
    # Ekonomiskt bistånd has none recorded: own forecast. Level Jul–Sep 2024: (6 + 6 + 7) / 3 households at
    # (30 000 + 30 000 + 35 000) / 19 = 5 000 kr; 2023 is flat (factors 1); booking factor = utfall
    # 270 000 / paid 275 000. Full year 270 000 + 270/275 × 3 × (19/3 × 5 000) = 363 272,7 kr → 363 tkr;
    # deviation 1 200 − 363 = 837 tkr
    assert table["Ekonomiskt bistånd"][5:] == ["363", "837"]
    # total: 500 + 363,27 = 863,27 → 863
    assert table["Totalt"][5] == "863"


def test_month_after_every_data_end_is_refused(ctx: ReportContext, tmp_path: Path) -> None:
    from uppfolj.errors import UppfoljError

    # payments end 2024-09, ekonomi utfall too: 2024-11 has nothing to report
    with pytest.raises(UppfoljError, match="inga uppgifter för 2024-11"):
        manad.write(ctx, "2024-11", tmp_path)
