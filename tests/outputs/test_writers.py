"""The DOCX and XLSX writers, on a hand-built report: read both back and compare with the figures put in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from uppfolj.outputs import (
    Chart,
    Column,
    Figure,
    Paragraph,
    Report,
    Section,
    Source,
    Status,
    Table,
    write_report,
)
from uppfolj.outputs.xlsx_writer import num_format, write_xlsx

NBSP = "\u00a0"


def _report() -> Report:
    table = Table(
        "Vuxna biståndsmottagare",
        [Column("Månad"), Column("Kvinnor", "count"), Column("Andel", "percent"), Column("Utfall", "tkr")],
        [
            ["2024-08", Figure(1621.0), Figure(4.93), 12345.4],
            ["2024-09", Figure(None, hidden=True), Figure(None), None],
        ],
        sources=[
            Source(
                "eb_vuxna",
                "Vuxna biståndsmottagare",
                "1",
                "2024-09",
                plain="Vuxna som fått bistånd under perioden.",
                origin="utbetalningar i verksamhetssystemet",
            )
        ],
    )
    status = Table(
        "Mål",
        [Column("Nämndmål"), Column("Bedömning", "status")],
        [["Fler i arbete", Status("Uppnått", "C6EFCE")]],
    )
    chart = Chart(
        "Rullande tolv månader",
        ["2024-08", "2024-09"],
        [("Utbetalt", [16_100_000.0, 16_250_000.0])],
        "mnkr",
        "Kostnaden ökar.",
        y_scale=1e6,
    )
    return Report(
        "Månadsrapport",
        "Demokommun",
        "Arbetsmarknadsnämnden",
        "2024-09",
        dt.date(2024, 10, 10),
        "000003",
        [Section("Ekonomiskt bistånd", [Paragraph("Inledning."), table, chart]), Section("Mål", [status])],
        "manadsrapport-2024-09",
    )


def test_docx_has_title_page_formats_and_footnotes(tmp_path: Path) -> None:
    docx_path, _ = write_report(_report(), tmp_path)
    doc = Document(str(docx_path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Månadsrapport" in text
    title = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert title == {
        "Kommun": "Demokommun",
        "Nämnd": "Arbetsmarknadsnämnden",
        "Period": "2024-09",
        "Datum": "2024-10-10",
        "Dataunderlag": "ögonblicksbild 000003",
    }
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    # 1621 → "1 621" with a non-breaking space; 4.93 % → "4,9 %"; 12 345,4 tkr → "12 345"
    assert rows[1] == ["2024-08", f"1{NBSP}621", f"4,9{NBSP}%", f"12{NBSP}345"]
    # hidden → "..", not computed → "I.U." (never 0)
    assert rows[2] == ["2024-09", "..", "I.U.", "I.U."]
    # under the table: the plain definition, the source and the data end; no id, no definition version
    assert "Vuxna biståndsmottagare: Vuxna som fått bistånd under perioden." in text
    assert "Källa: Utbetalningar i verksamhetssystemet, uppgifter t.o.m. september 2024." in text
    body_text = text.split("Definitioner och underlag")[0]
    assert "eb_vuxna" not in body_text and "version" not in body_text
    # ... they are in the appendix, with the snapshot
    appendix = doc.tables[-1]
    assert [c.text for c in appendix.rows[1].cells] == [
        "Vuxna biståndsmottagare",
        "eb_vuxna",
        "1",
        "september 2024",
    ]
    assert "ögonblicksbild 000003" in text.split("Definitioner och underlag")[1]
    assert "Diagram: Rullande tolv månader. Kostnaden ökar." in text
    assert len(doc.inline_shapes) == 1  # the chart is a real picture, with alt text
    assert doc.inline_shapes[0]._inline.docPr.get("descr") == "Rullande tolv månader. Kostnaden ökar."
    blob = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert doc.part.related_parts[blob].blob[:8] == b"\x89PNG\r\n\x1a\n"
    # the status cell keeps its text: colour is never the only carrier of meaning
    assert doc.tables[2].rows[1].cells[1].text == "Uppnått"


def test_xlsx_numbers_are_numbers_with_swedish_display_formats(tmp_path: Path) -> None:
    _, xlsx_path = write_report(_report(), tmp_path)
    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["Titel", "Ekonomiskt bistånd", "Mål"]
    ws = wb["Ekonomiskt bistånd"]
    assert ws["A1"].value == "Ekonomiskt bistånd"
    # paragraph on row 3, table title row 5, header row 6, data rows 7-8
    # units in the headers; months are dates shown `aug 2024`; 4,93 % is stored as the fraction 0.0493
    assert [c.value for c in ws[6]][:4] == ["Månad", "Kvinnor", "Andel (%)", "Utfall (tkr)"]
    assert [c.value for c in ws[7]][:4] == [dt.datetime(2024, 8, 1), 1621, pytest.approx(0.0493), 12345.4]
    assert ws["A7"].number_format == "[$-41D]mmm yyyy"
    assert ws["B7"].number_format == "#,##0"
    assert ws["C7"].number_format == "0.0 %"
    assert [c.value for c in ws[8]][:4] == [dt.datetime(2024, 9, 1), "..", "I.U.", "I.U."]
    assert ws.freeze_panes == "A7"  # everything down to the first table's header row stays in view
    assert len(ws.tables) == 2  # the table and the chart's data table, both filterable
    first = ws.tables[sorted(ws.tables)[0]]
    assert first.ref == "A6:D8"
    assert len(ws._images) == 1
    assert wb["Mål"]["B5"].value == "Uppnått"
    assert wb["Mål"]["B5"].fill.fgColor.rgb.endswith("C6EFCE")


@pytest.mark.parametrize(
    ("kind", "decimals", "expected"),
    [
        ("count", None, "#,##0"),
        ("percent", None, "0.0 %"),
        ("mnkr", None, "#,##0.0"),
        ("decimal", 2, "#,##0.00"),
    ],
)
def test_number_formats(kind: str, decimals: int | None, expected: str) -> None:
    assert num_format(Column("x", kind, decimals)) == expected


def test_row_length_is_checked() -> None:
    with pytest.raises(ValueError):
        Table("t", [Column("a"), Column("b")], [["only one"]])


def test_empty_table_says_so(tmp_path: Path) -> None:
    empty = Table("Sedan förra kvartalet", [Column("Beslut-id"), Column("Datum", "date")], [])
    report = Report("R", "K", "N", "2024-Q3", dt.date(2024, 10, 1), "1", [Section("S", [empty])], "r")
    docx_path, xlsx_path = write_report(report, tmp_path)
    rows = [[c.text for c in r.cells] for r in Document(str(docx_path)).tables[1].rows]
    assert rows == [["Beslut-id", "Datum"], ["Inget att redovisa.", "Inget att redovisa."]]
    assert openpyxl.load_workbook(xlsx_path)["S"]["A5"].value == "Inget att redovisa."


def test_docx_footer_names_report_and_page(tmp_path: Path) -> None:
    docx_path, _ = write_report(_report(), tmp_path)
    footer = Document(str(docx_path)).sections[0].footer
    xml = footer._element.xml
    assert "Månadsrapport 2024-09 · Arbetsmarknadsnämnden · sida " in footer.paragraphs[0].text
    assert 'w:instr="PAGE"' in xml and 'w:instr="NUMPAGES"' in xml


def test_xlsx_text_blocks_wrap_inside_the_sheet(tmp_path: Path) -> None:
    # a 294-character paragraph on a sheet without tables: eleven columns of Excel's default width 8,43
    # (10 × 8,43 = 84,3 < 90 ≤ 11 × 8,43 = 92,73) are merged, and 294 / 92,73 = 3,2 → 4 lines of 15 pt
    text = "Nämndens utfall för perioden är lägre än budget. " * 6
    assert len(text) == 294
    section = Section("Analys", [Paragraph(text)])
    report = Report("R", "K", "N", "2024", dt.date(2025, 1, 1), "1", [section], "r")
    path = write_xlsx(report, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(path)["Analys"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A3:K3"]
    assert ws["A3"].value == text
    assert ws["A3"].alignment.wrap_text
    assert ws.row_dimensions[3].height == 60
