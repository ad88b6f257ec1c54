"""Column widths from content and the rounding note, on hand-built tables."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from uppfolj import fmt
from uppfolj.outputs import Column, Figure, Report, Section, Table, write_report
from uppfolj.outputs.layout import CELL_PADDING, plan, text_width
from uppfolj.outputs.model import rounding_differs

PORTRAIT, LANDSCAPE = 481.9, 728.5  # A4 text widths in points with 2 cm margins


def _wide(columns: int) -> Table:
    return Table("t", [Column(f"Beslutsdatum{i}") for i in range(columns)], [["Diarienummer"] * columns])


def test_each_column_holds_its_longest_word_and_the_table_fills_the_width() -> None:
    table = Table(
        "Ej verkställda",
        [Column("Kön"), Column("Beslutsdatum", "date"), Column("Orsak")],
        [["K", None, "Den enskilde tackade nej till erbjudandet"]],
    )
    p = plan(table, PORTRAIT, LANDSCAPE)
    assert (p.size, p.landscape) == (8.0, False)
    assert p.widths[1] >= text_width("Beslutsdatum", 8, bold=True) + CELL_PADDING
    assert abs(sum(p.widths) - PORTRAIT) < 1e-6


def test_too_wide_for_portrait_gets_a_smaller_font_then_landscape() -> None:
    # the longest word of each column, bold at 8 pt, plus padding: about 90 pt for `Beslutsdatum10`
    need8 = text_width("Beslutsdatum0", 8, bold=True) + CELL_PADDING
    columns = int(PORTRAIT // need8) + 1  # one column more than portrait holds at 8 pt
    p = plan(_wide(columns), PORTRAIT, LANDSCAPE)
    assert p.size == 7.0 or p.landscape
    wider = plan(_wide(9), PORTRAIT, LANDSCAPE)
    assert wider.landscape  # nine such columns need more than a portrait page even at 7 pt
    assert all(w >= text_width("Beslutsdatum8", wider.size, bold=True) + CELL_PADDING for w in wider.widths)


def test_rounding_note_when_rounded_parts_do_not_add_up() -> None:
    # 101 853,4 + 378 815,4 + 3 120,4 = 483 789,2: shown 101 853 + 378 815 + 3 120 = 483 788 ≠ 483 789
    rows = [["A", 101_853.4], ["B", 378_815.4], ["C", 3_120.4], ["Totalt", 483_789.2]]
    table = Table("Ekonomi", [Column("Verksamhet"), Column("Budget", "tkr")], rows, total_row=-1)
    assert rounding_differs(table)
    # parts that add up when shown: no note
    even = [["A", 1.0], ["B", 2.0], ["Totalt", 3.0]]
    assert not rounding_differs(Table("x", [Column("a"), Column("b", "count")], even, total_row=-1))
    # rows that are not the parts of the total (a person in two groups): no rounding note either
    overlap = [["A", Figure(3.0)], ["B", Figure(2.0)], ["Totalt", Figure(4.0)]]
    assert not rounding_differs(Table("x", [Column("a"), Column("b", "count")], overlap, total_row=-1))
    # a share column is never summed
    shares = [["A", 33.34], ["B", 33.34], ["C", 33.34], ["Totalt", 100.0]]
    assert not rounding_differs(Table("x", [Column("a"), Column("b", "percent")], shares, total_row=-1))


def test_the_note_is_printed_under_the_table(tmp_path: Path) -> None:
    import datetime as dt

    rows = [["A", 101_853.4], ["B", 378_815.4], ["C", 3_120.4], ["Totalt", 483_789.2]]
    table = Table("Ekonomi", [Column("Verksamhet"), Column("Budget", "tkr")], rows, total_row=-1)
    report = Report("R", "K", "N", "2024", dt.date(2025, 1, 1), "1", [Section("S", [table])], "r")
    docx_path, _ = write_report(report, tmp_path)
    text = [p.text for p in Document(str(docx_path)).paragraphs]
    assert fmt.ROUNDING_NOTE in text
