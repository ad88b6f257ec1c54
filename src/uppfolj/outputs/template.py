"""The municipality's own Word template (`rapportmall` in uppfolj.yaml) and the clean default.

A reference document gives every report its styles, fonts, page set-up, header, footer and logo: the
report is written into a copy of it whose body has been emptied (the sections' headers and footers stay).
Without one, reports get a clean default: A4 portrait, 2 cm margins, Arial 10 pt. Either way every style
is marked Swedish (sv-SE), so Word checks the spelling as Swedish.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from uppfolj.errors import UppfoljError

#: the uppfolj.yaml key naming the reference document, relative to the workspace
CONFIG_KEY = "rapportmall"
LANGUAGE = "sv-SE"
A4 = (Cm(21.0), Cm(29.7))


def template_path(root: Path, ovrigt: dict[str, Any]) -> Path | None:
    """The workspace's reference document, checked; None when uppfolj.yaml names none."""
    value = ovrigt.get(CONFIG_KEY)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise UppfoljError(
            f"{CONFIG_KEY} i uppfolj.yaml ska vara en sökväg till ett Word-dokument (.docx), t.ex. "
            f"`{CONFIG_KEY}: mall.docx`, men är {value!r}. Rätta raden i {root / 'uppfolj.yaml'}."
        )
    path = Path(value) if Path(value).is_absolute() else root / value
    check(path)
    return path


def check(path: Path) -> None:
    """A Swedish error when the reference document is missing or is not a Word document."""
    where = f"Rapportmallen {path} (inställningen {CONFIG_KEY} i uppfolj.yaml)"
    if not path.is_file():
        raise UppfoljError(
            f"{where} finns inte. Lägg mallen i arbetsytan eller rätta sökvägen; den räknas från arbetsytans "
            f"mapp. Ta bort raden för att använda standardutseendet."
        )
    if path.suffix.lower() == ".dotx" or not zipfile.is_zipfile(path):
        raise UppfoljError(
            f"{where} är inget Word-dokument (.docx). Spara mallen i Word som Word-dokument (.docx) och "
            f"ange den filen."
        )
    try:
        Document(str(path))
    except Exception as exc:  # python-docx raises several types for a broken or foreign package
        raise UppfoljError(
            f"{where} kan inte läsas som Word-dokument ({type(exc).__name__}). Öppna den i Word och spara "
            f"den igen som .docx."
        ) from exc


def base_document(template: Path | None) -> Any:
    """A document to write a report into: the emptied reference document, or the clean default."""
    if template is None:
        doc = Document()
        _default_look(doc)
    else:
        doc = Document(str(template))
        _empty_body(doc)
    swedish(doc)
    return doc


def _empty_body(doc: Any) -> None:
    """Remove the template's text and tables; keep the last section properties (page set-up, header, footer)."""
    body = doc.element.body
    for child in list(body.iterchildren()):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _default_look(doc: Any) -> None:
    for sec in doc.sections:
        sec.page_width, sec.page_height = A4
        sec.left_margin = sec.right_margin = Cm(2)
        sec.top_margin = sec.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    for name in ("Heading 1", "Heading 2", "Title"):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def swedish(doc: Any) -> None:
    """Mark the document defaults and every style as Swedish (w:lang), so no text is checked as English."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_lang(rpr)
    for style in styles.findall(qn("w:style")):
        _set_lang(style.get_or_add_rPr())
    doc.core_properties.language = LANGUAGE


def _set_lang(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # w:lang comes after the formatting elements and before w:eastAsianLayout and later ones
        later = [rpr.find(qn(t)) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        anchor = next((e for e in later if e is not None), None)
        if anchor is not None:
            anchor.addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
