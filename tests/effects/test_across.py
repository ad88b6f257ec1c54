"""The comparison across insatstyper: from the effect reports' JSON to a table, a forest plot and a report."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from uppfolj import fmt
from uppfolj.effects.across import collect
from uppfolj.effects.across_report import write_across
from uppfolj.errors import UppfoljError


def _summary(typ: str, est: float, low: float, high: float, cost: dict | None) -> dict:
    return {
        "insatstyp": typ,
        "underlag": {"kostnad": cost} if cost else {},
        "utfall": {
            "ingen_betalning_12": {"skattning": est, "ki_undre": low, "ki_ovre": high, "n_behandlade": 479}
        },
    }


def test_collect_and_write(tmp_path: Path) -> None:
    with pytest.raises(UppfoljError, match="inga effektrapporter"):
        write_across(tmp_path, kommun="K", namnd="N")
    cost = {
        "kostnad_per_deltagare": 54_000,
        "nettokostnad_per_ytterligare_egen_forsorjning": 300_000,
        "nettokostnad_ki": [140_000, 553_333],
    }
    files = {
        "effekt-jobbspar.json": _summary("Jobbspår", 0.08, 0.04, 0.12, cost),
        "effekt-praktik.json": _summary("Praktik", 0.03, -0.01, 0.07, None),
    }
    for name, data in files.items():
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    rows = collect(tmp_path)
    # sorted by effect, shares as procentenheter
    assert [r["insatstyp"] for r in rows] == ["Jobbspår", "Praktik"]
    assert rows[0]["effekt"] == pytest.approx(8.0) and rows[0]["ki_ovre"] == pytest.approx(12.0)
    assert rows[0]["nettokostnad"] == 300_000 and rows[1]["nettokostnad"] is None
    paths = write_across(tmp_path, kommun="K", namnd="N")
    document = docx.Document(str(next(p for p in paths if p.suffix == ".docx")))
    assert len(document.inline_shapes) == 1
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Jobbspår" in cells and "300" in cells and "140 till 553" in cells


def test_web_page_shows_the_comparison(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tests.web.conftest import PASSWORD, login
    from uppfolj.web import create_app
    from uppfolj.web.db import WebDB
    from uppfolj.web.users import Users
    from uppfolj.workspace import create

    ws = create(tmp_path / "ay")
    ws.reports_dir.mkdir(exist_ok=True)
    cost = {
        "kostnad_per_deltagare": 54_000,
        "besparing_bistand_24": 30_000,
        "nettokostnad_per_ytterligare_egen_forsorjning": 300_000,
        "nettokostnad_ki": [140_000, 553_333],
    }
    for name, data in {
        "effekt-jobbspar.json": _summary("Jobbspår", 0.08, 0.04, 0.12, cost),
        "effekt-praktik.json": _summary("Praktik", 0.03, -0.01, 0.07, None),
    }.items():
        (ws.reports_dir / name).write_text(json.dumps(data), encoding="utf-8")
    Users(WebDB.of(ws)).add("analytiker", "analytiker", PASSWORD, None)
    with TestClient(create_app(ws), base_url="http://testserver") as client:
        login(client, "analytiker")
        page = client.get("/effekter").text
    section = page[page.index("Jämförelse mellan insatstyper") :]
    assert "<svg" in section and "8,0" in section and "4,0 – 12,0" in section
    assert fmt.number(300_000) in section and f"{fmt.number(140_000)} – {fmt.number(553_333)}" in section
