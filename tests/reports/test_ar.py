"""The yearly report's tables on a hand-built store, read back and compared with hand-worked figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from docx import Document

from uppfolj.reports.ar import make as ar
from uppfolj.reports.context import ReportContext
from uppfolj.workspace import Config

NB = "\u00a0"


def _months(year: int) -> list[str]:
    return [f"{year}-{m:02d}-01" for m in range(1, 13)]


@pytest.fixture
def ctx(store: Callable[..., duckdb.DuckDBPyConnection]) -> ReportContext:
    # households h1..h6 (sökande p1..p6) paid 5 000 kr every month of 2022 and 2023; h1 also in January 2024
    payments = [
        {"hushall_id": f"h{i}", "manad": mon, "sokande_id": f"p{i}", "antal_barn": 0, "belopp": 5000}
        for i in range(1, 7)
        for mon in _months(2022) + _months(2023)
    ]
    payments.append(
        {"hushall_id": "h1", "manad": "2024-01-01", "sokande_id": "p1", "antal_barn": 0, "belopp": 5000}
    )
    ekonomi = [
        {"manad": mon, "verksamhet": v, "budget": 100_000, "utfall": u}
        for mon in _months(2023)
        for v, u in (("Ekonomiskt bistånd", 90_000), ("Arbetsmarknadsåtgärder", 110_000))
    ]
    con = store(
        {f"p{i}": "K" if i <= 3 else "M" for i in range(1, 7)}, bistand_manad=payments, ekonomi=ekonomi
    )
    # the committee's budgeted volumes for 2023 (uppfolj.yaml `volymer:`)
    config = Config(smatal_grans=0, ovrigt={"volymer": {"eb_hushall": {2023: 5, 2024: 4}}})
    return ReportContext(con, config, "000011", dt.date(2024, 2, 20))


def test_yearly_tables(ctx: ReportContext, tmp_path: Path, read_docx: Any, read_xlsx: Any) -> None:
    docx_path, xlsx_path = ar.write(ctx, "2023", tmp_path)
    docx, xlsx = read_docx(docx_path), read_xlsx(xlsx_path)
    volume = {row[0]: row[1:] for row in docx["Volymmått 2019–2023"][1:]}
    # 2019–2021 lie before the data start (2022-01): I.U.; 2022 and 2023: six households
    # … then the budget of 2023 (5) and the outcome's difference from it (6 − 5 = 1)
    assert volume["Biståndshushåll"] == ["I.U.", "I.U.", "I.U.", "6", "6", "5", "1"]
    assert volume["Nya deltagare"][5:] == ["", ""]  # no budget given
    # paid 2023: 6 households × 12 months × 5 000 kr = 360 000 kr = 360 tkr
    assert volume["Utbetalt ekonomiskt bistånd (tkr)"][4] == "360"
    # all six had 12 payment months in 2023: long-term households 6
    assert volume["Hushåll med långvarigt bistånd"][4] == "6"
    xl = {row[0]: row[1:] for row in xlsx["Volymmått 2019–2023"][1:]}
    assert xl["Biståndshushåll"][:5] == ["I.U.", "I.U.", "I.U.", 6, 6] and xl["Biståndshushåll"][5:] == [5, 1]
    assert xl["Utbetalt ekonomiskt bistånd (tkr)"][4] == pytest.approx(360)

    eko = {row[0]: row[1:] for row in docx["Ekonomi 2023 per verksamhet"][1:]}
    # budget 12 × 100 000 = 1 200 tkr; utfall 12 × 90 000 = 1 080 tkr → +120 (under budget);
    # Arbetsmarknadsåtgärder 12 × 110 000 = 1 320 tkr → −120; total 2 400 − 2 400 = 0
    # last: the utfall of 2022, which the store does not have (ekonomi starts 2023-01): I.U.
    assert eko["Ekonomiskt bistånd"] == [f"1{NB}200", f"1{NB}080", "120", "I.U."]
    assert eko["Arbetsmarknadsåtgärder"] == [f"1{NB}200", f"1{NB}320", "−120", "I.U."]
    assert eko["Totalt"] == [f"2{NB}400", f"2{NB}400", "0", "I.U."]
    assert docx["Ekonomi 2023 per verksamhet"][0][-1] == "Utfall 2022"

    indicators = docx["Nämndindikatorer 2021–2023"]
    long_term = [r for r in indicators[1:] if r[0] == "Andel vuxna med långvarigt bistånd (%)"]
    # every adult of 2023 had 12 payment months: 100 % for K, M and T
    assert [r[1] for r in long_term] == ["K", "M", "T"]
    assert all(r[4] == f"100,0{NB}%" for r in long_term)
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "Ingen målfil är inläst" in text
    # the drafted paragraphs: 6 households against a budget of 5, as many as in 2022; 2 400 tkr both
    assert (
        "Under 2023 var antalet biståndshushåll 6, vilket är 1 fler än budgeterat (5) och lika många som 2022."
        in text
    )
    assert (
        f"Nämndens nettokostnader för 2023 uppgick till 2,4{NB}mnkr mot en budget på 2,4{NB}mnkr, vilket "
        f"innebär en budget i balans. Arbetsmarknadsåtgärder redovisar ett underskott på 0,1{NB}mnkr. "
        f"Ekonomiskt bistånd redovisar ett överskott på 0,1{NB}mnkr."
    ) in text


def test_extra_sections_follow_ekonomi(ctx: ReportContext, tmp_path: Path) -> None:
    import openpyxl

    from uppfolj.outputs.model import Paragraph, Section

    extra = [Section("Jämförelse med andra kommuner", [Paragraph("Kolada.")], sheet="Kolada")]
    _, xlsx_path = ar.write(ctx, "2023", tmp_path, extra=extra)
    names = openpyxl.load_workbook(xlsx_path).sheetnames
    assert names == ["Titel", "Målredovisning", "Nämndindikatorer", "Volymmått", "Ekonomi", "Kolada"]
