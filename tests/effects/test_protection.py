"""Röjandeskydd in effect outputs: an insatstyp with three participants is not estimated, and no count of 1 to
the threshold (4) reaches the DOCX, the XLSX, the JSON or the web page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.effects.synthetic_store import make_store
from tests.web.conftest import PASSWORD, login
from uppfolj.cli import build_app
from uppfolj.effects.protection import COUNT_KEYS, mask_json
from uppfolj.web import create_app
from uppfolj.web.db import WebDB
from uppfolj.web.users import Users
from uppfolj.workspace import Workspace, create

SMALL = {1, 2, 3, 4}


def _small_tokens(text: str) -> list[str]:
    """Stand-alone numbers 1–4 in a text (dates such as 2019-04 are one token and do not count)."""
    tokens = re.findall(r"(?<![\w\-–,.])\d+(?![\w\-–,.]\d)", text)
    return [t for t in tokens if int(t) in SMALL and not t.startswith("0")]  # "000002" is an identifier


def _counts(value: object) -> list[object]:
    if isinstance(value, dict):
        out = [v for k, v in value.items() if k in COUNT_KEYS and not isinstance(v, dict | list)]
        return out + [c for v in value.values() for c in _counts(v)]
    if isinstance(value, list):
        return [c for v in value for c in _counts(v)]
    return []


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Path, dict]:
    root = tmp_path_factory.mktemp("skydd")
    ws = create(root / "ay")
    with ws.store().new_snapshot() as con:
        make_store(con, 800, seed=9)
        # three persons start Vägledning in a month they receive bistånd
        persons = con.execute(
            "SELECT sokande_id, min(manad) + INTERVAL 2 MONTH FROM bistand_manad GROUP BY 1 "
            "HAVING count(*) > 6 ORDER BY 1 LIMIT 3"
        ).fetchall()
        for i, (person, month) in enumerate(persons):
            con.execute(
                "INSERT INTO insatser VALUES (?, ?, 'Vägledning', 'E1', NULL, NULL, ?, NULL, NULL)",
                [f"v{i}", person, month],
            )
    out = root / "rapport"
    result = CliRunner().invoke(
        build_app(),
        [
            "effekt",
            "-a",
            str(ws.root),
            "--insatstyp",
            "Vägledning",
            "--format",
            "json",
            "--rapport",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stdout
    return ws, out, json.loads(result.stdout)


def test_no_estimate_and_no_small_count_in_json(written) -> None:
    _, out, data = written
    assert data["utfall"] == {} and data["effekt_over_tid"] == []
    assert data["ej_skattad"].startswith("Ingen effekt skattades: färre än 5 deltagare")
    saved = json.loads((out / "effekt-vagledning.json").read_text(encoding="utf-8"))
    for doc in (data, saved):
        counts = _counts(doc)
        assert counts and not [c for c in counts if isinstance(c, int | float) and 0 < c <= 4]
    # the three starts are there, only hidden: the raw counts hold them
    assert "färre än 5" in data["tackning"]


def test_no_small_count_in_docx_and_xlsx(written) -> None:
    _, out, _ = written
    document = docx.Document(str(out / "effekt-vagledning.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Ingen effekt skattades" in text and "färre än 5" in text
    assert _small_tokens(text) == [], text
    book = openpyxl.load_workbook(out / "effekt-vagledning.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                if isinstance(cell, int | float):
                    assert not (0 < cell <= 4), (sheet.title, row)
                elif isinstance(cell, str):
                    assert _small_tokens(cell) == [], (sheet.title, cell)


def test_no_small_count_on_the_web(written) -> None:
    ws, out, _ = written
    ws.reports_dir.mkdir(exist_ok=True)
    for path in out.glob("effekt-vagledning.*"):
        (ws.reports_dir / path.name).write_bytes(path.read_bytes())
    Users(WebDB.of(ws)).add("analytiker", "analytiker", PASSWORD, None)
    with TestClient(create_app(ws), base_url="http://testserver") as client:
        login(client, "analytiker")
        page = client.get("/effekter").text
        api = client.get("/api/effekter").json()
    section = page[page.index("<h1>") :]
    assert "Ingen effekt skattades" in section
    assert _small_tokens(re.sub(r"<[^>]+>", " ", section)) == []
    [report] = api["rapporter"]
    assert report["utfall"] == []


def test_mask_json_hides_counts_and_the_estimates_resting_on_them() -> None:
    row = {"tau": 24, "skattning": 0.1, "ki_undre": 0.0, "ki_ovre": 0.2, "n_behandlade": 3}
    assert mask_json(row, 4) == {
        "tau": 24,
        "skattning": None,
        "ki_undre": None,
        "ki_ovre": None,
        "n_behandlade": None,
    }
    assert mask_json({"deltagare": 5, "utan_bistand": 0, "omfattas": 4}, 4) == {
        "deltagare": 5,
        "utan_bistand": 0,
        "omfattas": None,
    }


def test_comparison_lists_the_small_type_with_no_count_and_no_estimate(written, tmp_path: Path) -> None:
    """`uppfolj effekt jamforelse` (DOCX, XLSX), its JSON twin and the web page: Vägledning is listed with the
    reason only, next to a hand-made Jobbspår report (tests/effects/test_across.py)."""
    from tests.effects.test_across import write_reports

    _, out, _ = written
    ws = create(tmp_path / "ay")
    for path in out.glob("effekt-vagledning.*"):
        (ws.reports_dir / path.name).write_bytes(path.read_bytes())
    result = CliRunner().invoke(build_app(), ["effekt", "jamforelse", "-a", str(ws.root)])
    assert result.exit_code == 0, result.stdout
    document = docx.Document(str(ws.reports_dir / "jamforelse-effekter.docx"))
    [row] = [r for t in document.tables for r in t.rows if r.cells[0].text == "Vägledning"]
    assert [c.text for c in row.cells[1:]] == ["..", "I.U.", "", "I.U.", "I.U.", "I.U.", ""]
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Vägledning: Ingen effekt skattades" in text and _small_tokens(text) == [], text
    book = openpyxl.load_workbook(ws.reports_dir / "jamforelse-effekter.xlsx")
    for sheet in book.worksheets:
        for values in sheet.iter_rows(values_only=True):
            for cell in values:
                assert not (isinstance(cell, int | float) and 0 < cell <= 4), (sheet.title, values)
                assert not (isinstance(cell, str) and _small_tokens(cell)), (sheet.title, cell)
    write_reports(ws.reports_dir)  # more insatstyper, so the web page shows the comparison
    Users(WebDB.of(ws)).add("analytiker", "analytiker", PASSWORD, None)
    with TestClient(create_app(ws), base_url="http://testserver") as client:
        login(client, "analytiker")
        page = client.get("/effekter").text
        api = client.get("/api/effekter").json()
    [small] = [r for r in api["jamforelse"] if r["insatstyp"] == "Vägledning"]
    assert small["effekt"] is None and _counts(small) == [] and "färre än 5" in small["orsak"]
    section = page[page.index("Jämförelse mellan insatstyper") : page.index('<section class="effekt">')]
    rows = [r for r in re.findall(r"<tr>.*?</tr>|<li>.*?</li>", section, re.S) if "Vägledning" in r]
    assert len(rows) == 2 and "Ingen effekt skattades" in rows[0]
    assert all(_small_tokens(re.sub(r"<[^>]+>", " ", r)) == [] for r in rows), rows
