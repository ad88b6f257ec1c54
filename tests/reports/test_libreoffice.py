"""Every generated document opens in LibreOffice: headless conversion to PDF without errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from uppfolj.reports import ar, ej_verkstallda, manad, utbildningsniva
from uppfolj.reports.context import ReportContext
from uppfolj.workspace import Config

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def _store(store: Callable[..., duckdb.DuckDBPyConnection]) -> duckdb.DuckDBPyConnection:
    months = [f"{y}-{m:02d}-01" for y in (2023, 2024) for m in range(1, 13)][:21]  # 2023-01 … 2024-09
    payments = [
        {
            "hushall_id": f"h{i}",
            "manad": mon,
            "sokande_id": f"p{i}",
            "antal_barn": i % 3,
            "belopp": 4000 + 100 * i,
        }
        for i in range(1, 12)
        for mon in months
    ]
    insatser = [
        {
            "insats_id": f"i{i}",
            "person_id": f"p{i}",
            "insatstyp": "Praktik" if i % 2 else "Arbetsträning",
            "enhet": "Verkstan" if i % 3 else "Caféet",
            "arendetyp": "EB" if i % 2 else "AF",
            "start_datum": f"2023-0{1 + i % 8}-01",
            "slut_datum": "2024-02-15" if i % 4 else None,
            "avslutsorsak": "arbete_utan_stod" if i % 4 else None,
        }
        for i in range(1, 12)
    ]
    sol = [
        {
            "beslut_id": f"B{i}",
            "person_id": f"p{i}",
            "beslut_datum": f"2024-0{1 + i % 5}-10",
            "insatstyp": "Sysselsättning",
        }
        for i in range(1, 8)
    ]
    sol[0]["erbjudande_datum"] = "2024-10-02"  # the data reach past the quarter's end
    ekonomi = [
        {"manad": mon, "verksamhet": "Ekonomiskt bistånd", "budget": 50_000, "utfall": 48_000}
        for mon in months
    ]
    register = {f"p{i}": "K" if i % 2 else "M" for i in range(1, 12)}
    return store(register, bistand_manad=payments, insatser=insatser, sol_beslut=sol, ekonomi=ekonomi)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_every_document_converts_to_pdf(
    store: Callable[..., duckdb.DuckDBPyConnection], tmp_path: Path
) -> None:
    ctx = ReportContext(_store(store), Config(), "000001", dt.date(2024, 10, 10))
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
