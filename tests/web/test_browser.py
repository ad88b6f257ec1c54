"""End to end in headless Chromium (Debian's, driven by Playwright) against uvicorn on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.conftest import PASSWORD
from tests.web.live import CHROMIUM, CHROMIUM_ARGS, serve
from uppfolj.workspace import Workspace

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
SCREENSHOTS = os.environ.get("UPPFOLJ_SKARMBILDER")


@pytest.fixture
def site(workspace: Workspace) -> Iterator[tuple[str, Browser]]:
    with serve(workspace) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield base, browser
        finally:
            browser.close()


def log_in(browser: Browser, base: str, name: str) -> Page:
    page = browser.new_context(accept_downloads=True, locale="sv-SE").new_page()
    page.goto(base + "/")
    assert page.url.endswith("/logga-in")
    page.fill("#namn", name)
    page.fill("#losenord", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
    return page


def shot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def cli_value(ws: Workspace, period: str, indicator: str) -> str:
    uppfolj = str(Path(sys.executable).parent / "uppfolj")
    out = subprocess.run(
        [
            uppfolj,
            "indikatorer",
            "--period",
            period,
            "--indikator",
            indicator,
            "--format",
            "csv",
            "--arbetsyta",
            str(ws.root),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["grupptyp"] == "" and r["kon"] == "T"]
    assert len(rows) == 1, out
    return rows[0]["varde"]


def test_analyst_journey(site: tuple[str, Browser], workspace: Workspace, tmp_path: Path) -> None:
    base, browser = site
    page = log_in(browser, base, "analytiker")
    shot(page, "oversikt")
    # the overview's households figure equals the CLI's CSV value for the same period
    assert page.locator(".kort[data-indikator=eb_hushall] .period").inner_text() == "2024-03"
    shown = page.locator("[data-varde=eb_hushall]").inner_text()
    assert float(cli_value(workspace, "2024-03", "eb_hushall")) == float(shown) == 7

    # open an indicator and switch sex
    page.click("a[href='/indikator/am_deltagare_sista_dag']")
    page.wait_for_url("**/indikator/am_deltagare_sista_dag")
    assert "totalt" in page.locator("figcaption").inner_text()
    page.click(".kon-val >> text=Kvinnor")
    page.wait_for_url("**kon=K**")
    assert "kvinnor" in page.locator("figcaption").inner_text()
    # women in progress on 2024-03-31: p1..p4 and p7 → 5 (the newest period is the table's first row)
    assert page.locator("table.siffror tbody tr").first.locator("td[data-kon=K]").inner_text() == "5"
    shot(page, "indikator")

    # generate a report, download it and open it
    page.goto(base + "/rapporter")
    page.select_option("#rapporttyp", "manad")
    page.fill("#rapportperiod", "2024-03")
    page.click("text=Skapa rapport")
    page.wait_for_selector(".ok")
    shot(page, "rapporter")
    link = page.locator("a[href$='.docx']").first
    with page.expect_download() as info:
        link.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    document = docx.Document(str(target))
    assert any(p.text.strip() for p in document.paragraphs)
    with page.expect_download() as info:
        page.locator("a[href$='.xlsx']").first.click()
    book_path = tmp_path / info.value.suggested_filename
    info.value.save_as(book_path)
    assert openpyxl.load_workbook(book_path).sheetnames

    # logout
    page.click("text=Logga ut")
    page.wait_for_url("**/logga-in")
    page.goto(base + "/")
    assert page.url.endswith("/logga-in")


def test_readers(site: tuple[str, Browser]) -> None:
    base, browser = site
    reader = log_in(browser, base, "lasare")
    for url in (
        "/ekonomi",
        "/rapporter",
        "/ej-verkstallda",
        "/indikator/eb_hushall/export?format=csv",
        "/api/ekonomi",
    ):
        response = reader.goto(base + url)
        assert response is not None and response.status == 403, url
    reader.goto(base + "/enheter")
    shot(reader, "enheter-lasare")
    # the participants column: Jobbtorget 6 shown; Verkstan (2) and Studion (1) hidden as ..
    cells = reader.locator("table.siffror tbody tr")
    participants = {
        cells.nth(i).locator("th").inner_text(): cells.nth(i).locator("td").nth(2).inner_text()
        for i in range(cells.count())
    }
    assert participants == {"Jobbtorget": "6", "Studion": "..", "Verkstan": ".."}
    reader.goto(base + "/indikator/am_deltagare_sista_dag?grupptyp=enhet")
    for text in reader.locator("table.siffror td").all_inner_texts():
        assert text in ("..", "I.U.", "0") or float(text.replace("\u00a0", "").replace(",", ".")) > 4, text

    unit = log_in(browser, base, "enhetslasare")
    unit.goto(base + "/enheter")
    rows = unit.locator("table.siffror tbody th").all_inner_texts()
    assert rows == ["Jobbtorget"]
    assert "Verkstan" not in unit.content()
    shot(unit, "enheter-enhetslasare")
    unit.click("text=Logga ut")
    unit.wait_for_url("**/logga-in")


def test_effect_comparison_fits_a_laptop_window(site: tuple[str, Browser], workspace: Workspace) -> None:
    """/effekter at 1 280 px: the comparison's table (its last column too) and the page fit, and the forest
    plot has its axis labels."""
    from tests.effects.test_across import write_reports

    write_reports(workspace.reports_dir)
    base, browser = site
    page = log_in(browser, base, "analytiker")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/effekter")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    last = page.locator("section.jamforelse table tbody tr").first.locator("td").last
    assert (last.text_content() or "").replace("\u00a0", " ") == "−50 000 – obegränsad"
    box = last.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280
    plot = page.locator("section.jamforelse svg").text_content() or ""
    assert (
        "Effekt, procentenheter" in plot
        and "Nettokostnad per ytterligare person i egen försörjning, tkr" in plot
    )
    shot(page, "effekter-jamforelse")
