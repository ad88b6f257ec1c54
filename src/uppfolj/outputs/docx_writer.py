"""Write a `Report` as a Word document (python-docx): title page, real tables, PNG charts, footnotes.

Numbers are right-aligned and formatted by `uppfolj.fmt` (`1 621`, `4,9 %`); hidden values are `..` and
values not computed `I.U.`; an explanation of both closes every table that has them. Assessments are shown
as text on a coloured cell, so colour is never the only carrier of meaning.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from uppfolj import fmt
from uppfolj.outputs.charts import render_png
from uppfolj.outputs.model import Chart, Figure, Paragraph, Report, Section, Status, Table, display

LEGEND = (
    f"{fmt.HIDDEN} = dolt av röjandeskydd (för få personer eller hushåll för att redovisas). "
    f"{fmt.NO_DATA} = ingen uppgift (kan inte beräknas för perioden)."
)


EMPTY = "Inget att redovisa."


def _shade(cell: _Cell, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tc_pr.append(shd)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _small(paragraph: DocxParagraph, text: str, size: float = 8, italic: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.italic = italic


def _title_page(doc: DocxDocument, report: Report) -> None:
    d = doc
    for _ in range(6):
        d.add_paragraph()
    p = d.add_paragraph()
    run = p.add_run(report.title)
    run.bold = True
    run.font.size = Pt(26)
    if report.subtitle:
        p = d.add_paragraph()
        p.add_run(report.subtitle).font.size = Pt(14)
    d.add_paragraph()
    rows = [
        ("Kommun", report.kommun),
        ("Nämnd", report.namnd),
        ("Period", report.period),
        ("Datum", report.created.isoformat()),
        ("Dataunderlag", f"ögonblicksbild {report.snapshot_id}"),
    ]
    table = d.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value
    p = d.add_paragraph()
    _small(p, "\nFramtagen med uppfolj. " + LEGEND, 9, italic=True)
    p.add_run().add_break(WD_BREAK.PAGE)


def _write_table(doc: DocxDocument, table: Table) -> None:
    d = doc
    heading = d.add_paragraph()
    run = heading.add_run(table.title)
    run.bold = True
    run.font.size = Pt(10)
    heading.paragraph_format.keep_with_next = True
    t = d.add_table(rows=1, cols=len(table.columns))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = t.rows[0]
    _repeat_header(header)
    for cell, col in zip(header.cells, table.columns, strict=True):
        cell.text = col.title
        par = cell.paragraphs[0]
        par.runs[0].bold = True
        par.runs[0].font.size = Pt(8)
        _shade(cell, "D9E2F3")
        if col.numeric:
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    special = False
    for values in table.rows:
        cells = t.add_row().cells
        for cell, col, value in zip(cells, table.columns, values, strict=True):
            text = display(value, col)
            cell.text = text
            par = cell.paragraphs[0]
            if par.runs:
                par.runs[0].font.size = Pt(8)
            if col.numeric:
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if isinstance(value, Status):
                _shade(cell, value.colour)
            if isinstance(value, Figure) and (value.hidden or value.missing) or text == fmt.NO_DATA:
                special = True
    _set_widths(doc, t, table)
    if not table.rows:
        cells = t.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = EMPTY
        merged.paragraphs[0].runs[0].font.size = Pt(8)
    notes = list(table.notes)
    notes += [f"Källa: {s.footnote()}" for s in table.sources]
    if special:
        notes.append(LEGEND)
    for note in notes:
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _small(p, note, 7, italic=True)
    d.add_paragraph()


def _set_widths(doc: DocxDocument, t: DocxTable, table: Table) -> None:
    """Share the text width between the columns by the length of their longest text (6–40 characters, padded)."""
    sec = doc.sections[-1]
    # python-docx types these Optional (unset in a bare section); the default template sets them all
    available = (sec.page_width or 0) - (sec.left_margin or 0) - (sec.right_margin or 0)
    weights = []
    for i, col in enumerate(table.columns):
        texts = [max(col.title.split(), key=len, default="")] + [display(r[i], col) for r in table.rows]
        weights.append(min(max(max(len(x) for x in texts) + 2, 6), 40))
    total = sum(weights)
    t.autofit = False
    for column, w in zip(t.columns, weights, strict=True):
        column.width = int(available * w / total)
    for row in t.rows:
        for cell, w in zip(row.cells, weights, strict=True):
            cell.width = int(available * w / total)


def _write_chart(doc: DocxDocument, chart: Chart) -> None:
    d = doc
    shape = d.add_picture(io.BytesIO(render_png(chart)), width=Cm(16))
    shape._inline.docPr.set("descr", f"{chart.title}. {chart.description}")  # alt text for screen readers
    shape._inline.docPr.set("title", chart.title)
    p = d.add_paragraph()
    _small(p, f"Diagram: {chart.title}. {chart.description}", 8, italic=True)
    for s in chart.sources:
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _small(p, f"Källa: {s.footnote()}", 7, italic=True)
    d.add_paragraph()


def _orient(doc: DocxDocument, landscape: bool) -> None:
    """Start a new page section in the given orientation when it differs from the current one."""
    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    new = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = new.page_width, new.page_height
    new.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    new.page_width, new.page_height = height, width


def _write_section(doc: DocxDocument, section: Section) -> None:
    _orient(doc, section.landscape)
    doc.add_heading(section.title, level=1)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Table):
            _write_table(doc, block)
        else:
            _write_chart(doc, block)


def _footer(doc: DocxDocument, report: Report) -> None:
    """`Titel period · nämnd · sida N av M` on every page (later sections inherit the footer)."""
    par = doc.sections[0].footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small(par, f"{report.title} {report.period} · {report.namnd} · sida ", 8)
    for i, field in enumerate(("PAGE", "NUMPAGES")):
        if i:
            _small(par, " av ", 8)
        run = par.add_run()
        run.font.size = Pt(8)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), field)
        text = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        text.append(t)
        fld.append(text)
        run._r.addnext(fld)


def write_docx(report: Report, path: Path) -> Path:
    doc = Document()
    for sec in doc.sections:
        sec.left_margin = sec.right_margin = Cm(2)
    normal = cast(ParagraphStyle, doc.styles["Normal"])
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    heading = cast(ParagraphStyle, doc.styles["Heading 1"])
    heading.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    doc.core_properties.title = f"{report.title} {report.period}"
    doc.core_properties.author = report.namnd
    doc.core_properties.language = "sv-SE"
    _footer(doc, report)
    _title_page(doc, report)
    for section in report.sections:
        _write_section(doc, section)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
