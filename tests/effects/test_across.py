"""The comparison across insatstyper: from the effect reports' JSON to a table, a forest plot, a report (DOCX and
XLSX) and the web page with its JSON twin. Three insatstyper with figures worked out by hand: Jobbspår with an
effect and a net cost whose interval has no upper bound, Praktik whose effect cannot be told from zero, and OSA
with too few participants to be estimated (röjandeskydd)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import numpy as np
import openpyxl
import pytest

from uppfolj.effects.across import collect
from uppfolj.effects.across_report import write_across
from uppfolj.effects.cost import MonthlyCost, cost_per_effect
from uppfolj.errors import UppfoljError

NB = "\u00a0"


def _summary(typ: str, share: tuple[float, float, float], n: int, cost: dict[str, Any] | None) -> dict:
    return {
        "insatstyp": typ,
        "ogonblick": "000007",
        "ej_skattad": "",
        "underlag": {"datastart": "2019-01", "dataslut": "2024-12", **({"kostnad": cost} if cost else {})},
        "utfall": {
            "ingen_betalning_12": {
                "skattning": share[0],
                "ki_undre": share[1],
                "ki_ovre": share[2],
                "n_behandlade": n,
            }
        },
    }


def write_reports(folder: Path) -> None:
    """Effect report JSON as `uppfolj effekt` writes it (cost through `CostPerEffect.to_dict`)."""
    folder.mkdir(parents=True, exist_ok=True)
    # Jobbspår: 4 months × 15 000 = 60 000 kr per participant, 40 000 kr saved, net 20 000 kr; ÷ 0.10 = 200 000 kr.
    # Replications (60 000 − 40 000)/0.10 = 200 000, (60 000 − 30 000)/0.05 = 600 000, (60 000 − 70 000)/0.20 =
    # −50 000, and +∞ (effect −0.01): interval −50 000 to unbounded (tests/effects/test_cost.py works it out)
    jobb = cost_per_effect(
        MonthlyCost(15_000, "enligt ekonomi, Arbetsmarknadsåtgärder"),
        np.array([3.0, 5.0]),
        (0.10, 0.05, 0.15),
        (-40_000.0, -60_000.0, -20_000.0),
        np.array([0.10, 0.05, 0.20, -0.01]),
        np.array([-40_000.0, -30_000.0, -70_000.0, -10_000.0]),
    )
    # Praktik: 2 months × 5 000 = 10 000 kr, 5 000 kr saved, net 5 000 kr; the effect's interval −3 to 7 contains 0
    praktik = cost_per_effect(
        MonthlyCost(5_000, "enligt förvaltningens kostnad per platsmånad"),
        np.array([2.0]),
        (0.02, -0.03, 0.07),
        (-5_000.0, -15_000.0, 5_000.0),
        np.array([0.02, 0.04, -0.01, 0.03]),
        np.array([-5_000.0, -6_000.0, 1_000.0, -4_000.0]),
    )
    osa = {
        "insatstyp": "OSA",
        "ej_skattad": "Ingen effekt skattades: färre än 5 deltagare i OSA kan ingå i jämförelsen.",
        "underlag": {},
        "utfall": {},
    }
    files = {
        "effekt-jobbspar.json": _summary("Jobbspår", (0.10, 0.05, 0.15), 120, jobb.to_dict()),
        "effekt-praktik.json": _summary("Praktik", (0.02, -0.03, 0.07), 80, praktik.to_dict()),
        "effekt-osa.json": osa,
    }
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")


def test_collect(tmp_path: Path) -> None:
    write_reports(tmp_path)
    rows = {r["insatstyp"]: r for r in collect(tmp_path)}
    # a net cost per additional person first (cheapest first), then by effect, then without an estimate
    assert list(rows) == ["Jobbspår", "Praktik", "OSA"]
    j = rows["Jobbspår"]
    assert (j["effekt"], j["ki_undre"], j["ki_ovre"]) == pytest.approx((10, 5, 15))
    assert (j["kostnad_per_deltagare"], j["besparing"]) == (60_000, 40_000)
    assert j["nettokostnad"] == pytest.approx(200_000) and j["nettokostnad_undre"] == pytest.approx(-50_000)
    assert j["nettokostnad_ovre"] is None and j["nettokostnad_ki_text"] == f"−50{NB}000 – obegränsad"
    assert j["ki_text"] == "5,0–15,0"
    p = rows["Praktik"]
    assert (
        p["status"] == "ej_skild_fran_noll" and p["nettokostnad"] is None and p["nettokostnad_ki_text"] == ""
    )
    assert "kan inte anges" in p["mening"] and p["kostnad_per_deltagare"] == 10_000
    assert rows["OSA"]["effekt"] is None and "färre än 5" in rows["OSA"]["orsak"]


def test_report_docx_and_xlsx(tmp_path: Path) -> None:
    with pytest.raises(UppfoljError, match="inga effektrapporter"):
        write_across(tmp_path, kommun="K", namnd="N")
    write_reports(tmp_path)
    paths = write_across(tmp_path, kommun="K", namnd="N")
    assert sorted(p.name for p in paths) == [
        "jamforelse-effekter.docx",
        "jamforelse-effekter.png",
        "jamforelse-effekter.xlsx",
    ]
    document = docx.Document(str(tmp_path / "jamforelse-effekter.docx"))
    assert len(document.inline_shapes) == 1
    title = [c.text for c in document.tables[0].columns[1].cells]
    assert "2019-01 – 2024-12" in title and "000007" in "".join(title + [p.text for p in document.paragraphs])
    rows = {
        row.cells[0].text: [c.text.replace(NB, " ") for c in row.cells]
        for t in document.tables
        for row in t.rows
    }
    assert rows["Jobbspår"] == [
        "Jobbspår",
        "120",
        "10,0",
        "5,0–15,0",
        "60 000",
        "40 000",
        "200 000",
        "−50 000 – obegränsad",
    ]
    assert rows["Praktik"][6:] == ["kan inte anges", ""]
    assert rows["OSA"][1] == ".." and rows["OSA"][2] == "I.U."
    text = "\n".join(p.text for p in document.paragraphs).replace(NB, " ")
    assert "Jobbspår: Insatsen kostar 60 000 kr per deltagare" in text
    assert "Nettokostnaden per ytterligare person i egen försörjning är 200 000 kr" in text
    assert "OSA: Ingen effekt skattades" in text and "inte jämfört med ingenting" in text
    book = openpyxl.load_workbook(tmp_path / "jamforelse-effekter.xlsx")
    cells = [r for ws in book.worksheets for r in ws.iter_rows(values_only=True)]
    jobb = next(r for r in cells if r and r[0] == "Jobbspår" and len(r) > 5)
    assert 120 in jobb and 60_000 in jobb and pytest.approx(200_000) in jobb


def test_web_page_shows_the_comparison(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tests.web.conftest import PASSWORD, login
    from uppfolj.web import create_app
    from uppfolj.web.db import WebDB
    from uppfolj.web.users import Users
    from uppfolj.workspace import create

    ws = create(tmp_path / "ay")
    write_reports(ws.reports_dir)
    Users(WebDB.of(ws)).add("analytiker", "analytiker", PASSWORD, None)
    with TestClient(create_app(ws), base_url="http://testserver") as client:
        login(client, "analytiker")
        page = client.get("/effekter").text.replace(NB, " ")
        api = client.get("/api/effekter").json()
    section = page[page.index("Jämförelse mellan insatstyper") : page.index('<section class="effekt">')]
    assert "<svg" in section and "Effekt, procentenheter" in section
    assert "Nettokostnad per ytterligare person i egen försörjning, tkr" in section
    assert "10,0" in section and "5,0–15,0" in section and "200 000" in section
    assert (
        "−50 000 – obegränsad" in section
        and "kan inte anges" in section
        and "Ingen effekt skattades" in section
    )
    assert [r["insatstyp"] for r in api["jamforelse"]] == ["Jobbspår", "Praktik", "OSA"]
    assert api["jamforelse"][0]["nettokostnad_ki_text"] == "−50 000 – obegränsad".replace(" 000", f"{NB}000")


def test_an_interval_reaching_below_zero_reads_till() -> None:
    from uppfolj.effects.across import interval_text

    assert interval_text(1.9, 12.1, 1) == "1,9–12,1"
    assert interval_text(-2.5, 5.9, 1) == "−2,5 till 5,9"
    assert interval_text(-7.4, -1.3, 1) == "−7,4 till −1,3"
