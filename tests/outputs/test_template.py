"""The municipality's Word reference document (`rapportmall` in uppfolj.yaml): a report written with it
carries its styles, page set-up, header and footer; a bad setting is refused in Swedish."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from uppfolj.errors import UppfoljError
from uppfolj.outputs import Column, Figure, Paragraph, Report, Section, Table, write_report
from uppfolj.outputs.template import template_path

HEADER = "Exempelkommun · Arbetsmarknadsförvaltningen"
FOOTER = "Exempelkommun, Storgatan 1, 123 45 Exempelstad"


def _reference(path: Path) -> Path:
    """A reference document as a municipality makes one: its own body font and colour, heading font,
    margins, header and footer, and some text of its own that must not end up in reports."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(11)
    normal.font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    doc.styles["Heading 1"].font.name = "Verdana"
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = Cm(3.1)
    sec.header.paragraphs[0].text = HEADER
    sec.footer.paragraphs[0].text = FOOTER
    doc.add_paragraph("Mallens egen brödtext")
    doc.save(str(path))
    return path


def _report() -> Report:
    table = Table(
        "Hushåll per månad",
        [Column("Månad"), Column("Hushåll", "count")],
        [["2024-08", Figure(1621.0)], ["2024-09", Figure(0.0)]],
    )
    return Report(
        "Månadsrapport",
        "Exempelkommun",
        "Arbetsmarknadsnämnden",
        "2024-09",
        dt.date(2024, 10, 10),
        "000003",
        [Section("Ekonomiskt bistånd", [Paragraph("Inledning."), table])],
        "manadsrapport-2024-09",
    )


def test_report_carries_the_templates_styles_header_and_footer(tmp_path: Path) -> None:
    mall = _reference(tmp_path / "mall.docx")
    docx_path, _ = write_report(_report(), tmp_path / "ut", template=mall)
    doc = Document(str(docx_path))
    normal = doc.styles["Normal"]
    assert normal.font.name == "Georgia"
    assert normal.font.size == Pt(11)
    assert normal.font.color.rgb == RGBColor(0x12, 0x34, 0x56)
    assert doc.styles["Heading 1"].font.name == "Verdana"
    assert round(doc.sections[0].left_margin.cm, 2) == 3.1
    assert doc.sections[0].header.paragraphs[0].text == HEADER
    # the template's footer is kept, not replaced by the default one
    assert [p.text for p in doc.sections[0].footer.paragraphs] == [FOOTER]
    text = [p.text for p in doc.paragraphs]
    assert "Mallens egen brödtext" not in text
    assert "Inledning." in text and "Ekonomiskt bistånd" in text
    # the report's table, with the true zero shown as 0
    assert [[c.text for c in r.cells] for r in doc.tables[1].rows][2] == ["2024-09", "0"]
    # the template's styles are marked Swedish too
    lang = doc.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"


def test_without_a_template_the_default_is_a4_and_swedish(tmp_path: Path) -> None:
    docx_path, _ = write_report(_report(), tmp_path)
    doc = Document(str(docx_path))
    sec = doc.sections[0]
    assert (round(sec.page_width.cm, 2), round(sec.page_height.cm, 2)) == (21.0, 29.7)
    assert doc.styles["Normal"].font.name == "Arial"
    assert "Månadsrapport 2024-09 · Arbetsmarknadsnämnden · sida " in sec.footer.paragraphs[0].text
    assert doc.core_properties.language == "sv-SE"


def test_setting_is_relative_to_the_workspace(tmp_path: Path) -> None:
    _reference(tmp_path / "mall.docx")
    assert template_path(tmp_path, {"rapportmall": "mall.docx"}) == tmp_path / "mall.docx"
    assert template_path(tmp_path, {}) is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("saknas.docx", None, "finns inte"),
        ("mall.docx", b"inte ett Word-dokument", "inget Word-dokument (.docx)"),
        ("mall.dotx", b"PK\x03\x04", "inget Word-dokument (.docx)"),
    ],
)
def test_a_bad_setting_is_refused_in_swedish(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(UppfoljError, match="Rapportmallen") as err:
        template_path(tmp_path, {"rapportmall": name})
    assert message in str(err.value)
    assert "rapportmall" in str(err.value)


def test_reports_of_a_workspace_use_its_template(tmp_path: Path) -> None:
    from uppfolj import workspace
    from uppfolj.reports.context import ReportContext

    ws = workspace.create(tmp_path / "ay")
    _reference(ws.root / "mall.docx")
    ws.config.ovrigt["rapportmall"] = "mall.docx"
    ws.save_config()
    opened = workspace.open_workspace(ws.root)
    with opened.store().connect() as con:
        assert ReportContext.for_workspace(opened, con).template == ws.root / "mall.docx"
