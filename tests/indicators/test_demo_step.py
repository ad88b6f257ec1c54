"""Demo step 30 on the demo municipality: the whole catalogue by month for the latest full year, stored."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rich.console import Console

from uppfolj import workspace
from uppfolj.demo import DemoContext
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.indicators.demo_step import compute_demo_indicators, latest_full_year

pytestmark = pytest.mark.slow


def test_latest_full_year() -> None:
    # month index 2024 * 12 + 11 is December 2024 -> 2024; November 2024 -> 2023
    assert latest_full_year(2024 * 12 + 11) == 2024
    assert latest_full_year(2024 * 12 + 10) == 2023


def test_demo_step_writes_the_catalogue_by_month(tmp_path: Path) -> None:
    generate = pytest.importorskip("uppfolj.demodata.generate")
    run = pytest.importorskip("uppfolj.importing.run")
    generate.generate(tmp_path / "export", households=300, start="2019-01", end="2024-12")
    ws = workspace.create(tmp_path / "ws")
    run.run_import(ws, tmp_path / "export")
    ctx = DemoContext(workspace=ws, export_dir=tmp_path / "export", console=Console(quiet=True))
    path = compute_demo_indicators(ctx)
    assert ctx.results == [("Indikatorer 2024 (CSV)", str(path))]
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["indikator", "period", "kon", "grupptyp", "grupp", "varde", "taljare", "namnare",
                             "undertryckt"]  # fmt: skip
    assert {r["indikator"] for r in rows} == set(CATALOGUE)
    assert {r["period"] for r in rows} == {f"2024-{m:02d}" for m in range(1, 13)}
    # eb_hushall_manad per month equals a plain count of the stored household-months
    con = ws.store().connect()
    counts = dict(
        con.execute(
            "SELECT strftime(manad, '%Y-%m'), count(*) FROM bistand_manad WHERE year(manad) = 2024 GROUP BY 1"
        ).fetchall()
    )
    got = {r["period"]: int(r["varde"]) for r in rows if r["indikator"] == "eb_hushall_manad"}
    assert got == counts
