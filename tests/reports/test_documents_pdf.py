"""Every demo report as a reader gets it: converted to PDF by LibreOffice, A4 pages, no table word broken
across lines, and the Word document marked Swedish in every style."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo) are needed",
    ),
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: A4 in points, portrait (width, height)
A4 = (595.3, 841.9)
_PAGE = re.compile(r"Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts")


def _tokens(text: str) -> Counter[str]:
    """Words as a reader sees them: split at any white space, punctuation around a word dropped."""
    words = (w.strip(".,;:()/") for w in text.split())
    return Counter(w for w in words if len(w) > 1 and any(c.isalpha() for c in w))


@pytest.fixture(scope="module")
def pdfs(demo_reports: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    docs = sorted(demo_reports.glob("*.docx"))
    assert {d.name.split("-")[0] for d in docs} >= {
        "manadsrapport",
        "ej",
        "arsredovisning",
        "utbildningsniva",
    }
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profil")
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(out), *map(str, docs)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(profile)},
    )
    assert result.returncode == 0, result.stderr
    return {d: out / f"{d.stem}.pdf" for d in docs}


def test_every_page_is_a4(pdfs: dict[Path, Path]) -> None:
    for docx, pdf in pdfs.items():
        info = subprocess.run(
            ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        sizes = [(float(w), float(h)) for w, h in _PAGE.findall(info)]
        assert sizes, docx.name
        for w, h in sizes:
            portrait = abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1
            landscape = abs(w - A4[1]) < 1 and abs(h - A4[0]) < 1
            assert portrait or landscape, (docx.name, w, h)


def test_no_word_of_a_table_is_broken_across_lines(pdfs: dict[Path, Path]) -> None:
    """A word broken inside a cell ("Beslutsda" / "tum") is missing from the PDF's words as a whole: the
    PDF must hold each table word at least as often as the document does."""
    checked = 0
    for docx, pdf in pdfs.items():
        doc = Document(str(docx))
        in_doc = _tokens(" ".join(t.text or "" for t in doc.element.body.iter(f"{W}t")))
        pdf_text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        in_pdf = _tokens(pdf_text)
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    for word in _tokens(cell.text):
                        assert in_pdf[word] >= in_doc[word], (docx.name, word, in_pdf[word], in_doc[word])
                        checked += 1
    assert checked > 500


def test_every_style_is_swedish(demo_reports: Path) -> None:
    for docx in sorted(demo_reports.glob("*.docx")):
        with zipfile.ZipFile(docx) as z:
            styles = etree.fromstring(z.read("word/styles.xml"))
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert default is not None and default.get(f"{W}val") == "sv-SE", docx.name
        all_styles = styles.findall(f"{W}style")
        assert len(all_styles) > 10
        for style in all_styles:
            lang = style.find(f"{W}rPr/{W}lang")
            assert lang is not None and lang.get(f"{W}val") == "sv-SE", (docx.name, style.get(f"{W}styleId"))
        assert Document(str(docx)).core_properties.language == "sv-SE"
