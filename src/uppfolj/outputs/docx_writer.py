"""Write a `Report` as a Word document (python-docx): title page, real tables, PNG charts, sources, and
the appendix *Definitioner och underlag*.

The document is A4 (or the municipality's reference document, `outputs.template`) with every style in
Swedish. Column widths come from the content (`outputs.layout`): no word breaks inside a header or cell,
and a table too wide for a portrait page gets a smaller font or a landscape page. Numbers are
right-aligned and formatted by `uppfolj.fmt` (`1 621`, `4,9 %`); hidden values are `..` and values that
cannot be computed `I.U.`, each explained once under every table that has them. A total row whose
rounded value differs from the sum of the rounded rows gets `fmt.ROUNDING_NOTE`. Under each table and
chart the reader gets each indicator's plain definition, the source and the data end; ids, definition
versions and the snapshot are in the appendix. Assessments are text on a coloured cell, so colour is never
the only carrier of meaning.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from uppfolj import fmt
from uppfolj.outputs import layout
from uppfolj.outputs.charts import render_png
from uppfolj.outputs.model import (
    Chart,
    Heading,
    Paragraph,
    Report,
    Section,
    Source,
    Status,
    Table,
    display,
    rounding_differs,
    source_lines,
)
from uppfolj.outputs.template import base_document

APPENDIX = "Definitioner och underlag"


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
    d = doc  # python-docx Document
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
    _small(p, f"\nFramtagen med uppfolj. {fmt.HIDDEN_TEXT} {fmt.NO_DATA_TEXT}", 9, italic=True)
    p.add_run().add_break(WD_BREAK.PAGE)


def _write_table(doc: DocxDocument, table: Table, landscape: bool) -> None:
    d = doc
    sec = d.sections[-1]
    # python-docx types these Optional (unset in a bare section); every template's section sets them
    short, long = sorted((sec.page_width or 0, sec.page_height or 0))
    margins = (sec.left_margin or 0) + (sec.right_margin or 0)
    plan = layout.plan(table, (short - margins) / 12700, (long - margins) / 12700, landscape)
    _orient(d, plan.landscape)
    heading = d.add_paragraph()
    run = heading.add_run(table.title)
    run.bold = True
    run.font.size = Pt(10)
    heading.paragraph_format.keep_with_next = True
    t = d.add_table(rows=1, cols=len(table.columns))
    t.style = _table_style(d)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(plan.size)
    header = t.rows[0]
    _repeat_header(header)
    for cell, col in zip(header.cells, table.columns, strict=True):
        cell.text = col.title
        par = cell.paragraphs[0]
        par.runs[0].bold = True
        par.runs[0].font.size = size
        _shade(cell, "D9E2F3")
        if col.numeric:
            par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    hidden = missing = False
    total_at = None if table.total_row is None or not table.rows else table.total_row % len(table.rows)
    for r, values in enumerate(table.rows):
        cells = t.add_row().cells
        for cell, col, value in zip(cells, table.columns, values, strict=True):
            text = display(value, col)
            cell.text = text
            par = cell.paragraphs[0]
            if par.runs:
                par.runs[0].font.size = size
                par.runs[0].bold = r == total_at
            if col.numeric:
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if isinstance(value, Status):
                _shade(cell, value.colour)
            hidden |= text == fmt.HIDDEN
            missing |= text == fmt.NO_DATA
    _set_widths(t, plan.widths)
    if not table.rows:
        cells = t.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = EMPTY
        merged.paragraphs[0].runs[0].font.size = size
    notes = list(table.notes)
    if rounding_differs(table):
        notes.append(fmt.ROUNDING_NOTE)
    notes += source_lines(table.sources)
    notes += [fmt.HIDDEN_TEXT] if hidden else []
    notes += [fmt.NO_DATA_TEXT] if missing else []
    for note in notes:
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _small(p, note, 7, italic=True)
    d.add_paragraph()


def _table_style(doc: DocxDocument) -> str | None:
    """`Table Grid` when the document has it (the default does; a municipality's template may not)."""
    names = {s.name for s in doc.styles}
    return "Table Grid" if "Table Grid" in names else None


def _set_widths(t: DocxTable, widths: list[float]) -> None:
    """Fixed column widths in points (Word and LibreOffice both read the grid and the cell widths)."""
    t.autofit = False
    emus = [int(w * 12700) for w in widths]
    for column, w in zip(t.columns, emus, strict=True):
        column.width = w
    for row in t.rows:
        for cell, w in zip(row.cells, emus, strict=True):
            cell.width = w
    tbl_pr = t._tbl.tblPr
    layout_el = OxmlElement("w:tblLayout")
    layout_el.set(qn("w:type"), "fixed")
    tbl_pr.append(layout_el)


def _write_chart(doc: DocxDocument, chart: Chart) -> None:
    d = doc
    shape = d.add_picture(io.BytesIO(render_png(chart)), width=Cm(16))
    shape._inline.docPr.set("descr", f"{chart.title}. {chart.description}")  # alt text for screen readers
    shape._inline.docPr.set("title", chart.title)
    p = d.add_paragraph()
    _small(p, f"Diagram: {chart.title}. {chart.description}", 8, italic=True)
    for note in source_lines(chart.sources):
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _small(p, note, 7, italic=True)
    d.add_paragraph()


def _orient(doc: DocxDocument, landscape: bool) -> None:
    """Start a new page section in the given orientation when it differs from the current one."""
    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    new = doc.add_section(WD_SECTION.NEW_PAGE)
    short, long = sorted((new.page_width, new.page_height))
    new.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    new.page_width, new.page_height = (long, short) if landscape else (short, long)


def _write_section(doc: DocxDocument, section: Section) -> None:
    _orient(doc, section.landscape)
    doc.add_heading(section.title, level=1)
    for block in section.blocks:
        if isinstance(block, Heading):
            _orient(doc, section.landscape)
            doc.add_heading(block.text, level=block.level).paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            _orient(doc, section.landscape)
            doc.add_paragraph(block.text)
        elif isinstance(block, Table):
            _write_table(doc, block, section.landscape)
        else:
            _orient(doc, section.landscape)
            _write_chart(doc, block)


def _appendix(doc: DocxDocument, report: Report) -> None:
    """Definitioner och underlag: every indicator of the report with its id, definition version and data
    end, and the data snapshot, so that an auditor can trace and re-run each figure."""
    _orient(doc, False)
    doc.add_heading(APPENDIX, level=1)
    doc.add_paragraph(
        f"Rapporten bygger på ögonblicksbild {report.snapshot_id} av datalagret, framtagen {report.created:%Y-%m-%d}. "
        "Varje indikator beräknas enligt sin definition i indikatorkatalogen; versionen anger vilken lydelse "
        "av definitionen som användes."
    )
    seen: dict[str, Source] = {}
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table | Chart):
                for s in block.sources:
                    seen.setdefault(s.indicator, s)
    if not seen:
        return
    from uppfolj.outputs.model import Column

    rows: list[list[object]] = [
        [
            s.name or s.indicator,
            s.indicator,
            s.version or "–",
            fmt.data_end(s.data_end) if s.data_end else "–",
        ]
        for s in seen.values()
    ]
    table = Table(
        "Indikatorer i rapporten",
        [Column("Indikator"), Column("Id i katalogen"), Column("Version"), Column("Uppgifter t.o.m.")],
        rows,  # type: ignore[arg-type]
    )
    _write_table(doc, table, False)


def _footer(doc: DocxDocument, report: Report) -> None:
    """`Titel period · nämnd · sida N av M` on every page (later sections inherit the footer), unless the
    municipality's template has a footer of its own."""
    footer = doc.sections[0].footer
    if any(p.text.strip() for p in footer.paragraphs) or footer._element.findall(".//" + qn("w:drawing")):
        return
    par = footer.paragraphs[0]
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


def write_docx(report: Report, path: Path, template: Path | None = None) -> Path:
    """Write the report; `template` is the municipality's reference document (`outputs.template`)."""
    doc = base_document(template)
    doc.core_properties.title = f"{report.title} {report.period}"
    doc.core_properties.author = report.namnd
    _footer(doc, report)
    _title_page(doc, report)
    for section in report.sections:
        _write_section(doc, section)
    _appendix(doc, report)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
