"""Every generated document opens in LibreOffice: headless conversion to PDF without errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from uppfolj.reports.ar import make as ar
from uppfolj.reports.context import ReportContext
from uppfolj.reports.ej_verkstallda import make as ej_verkstallda
from uppfolj.reports.manad import make as manad
from uppfolj.reports.utbildningsniva import make as utbildningsniva
from uppfolj.workspace import Config

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_every_document_converts_to_pdf(full_store: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    ctx = ReportContext(full_store, Config(), "000001", dt.date(2024, 10, 10))
    out = tmp_path / "rapporter"
    paths = manad.write(ctx, "2024-09", out)
    paths += ej_verkstallda.write(ctx, "2024-Q3", out)[:2]
    paths += ar.write(ctx, "2023", out)
    paths += utbildningsniva.write(ctx, "2023", out)
    assert len(paths) == 8
    # a workbook and its document share the stem: give each its own so no PDF overwrites another
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = [Path(shutil.copy(p, inputs / f"{p.stem}-{p.suffix[1:]}{p.suffix}")) for p in paths]
    pdf_dir = tmp_path / "pdf"
    profile = tmp_path / "lo-profil"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_dir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=50,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    for path in files:
        pdf = pdf_dir / (path.stem + ".pdf")
        assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-", path
