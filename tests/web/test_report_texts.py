"""The Rapporttexter page: analysts read the drafts and write their own text; readers cannot; CSRF; the
audit log; personnummer masked; the JSON twin says the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of
from uppfolj.outputs.model import Paragraph, Report, Section
from uppfolj.outputs.texts import TextStore
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]
STEM = "manadsrapport-2024-03"
DRAFT = "Prognosen visar ett överskott om 0,8 mnkr."


def _drafts(workspace: Workspace) -> TextStore:
    """The text file a written månadsrapport leaves in the workspace (its drafts filled in)."""
    report = Report(
        "Månadsrapport",
        "Testkommun",
        "Arbetsmarknadsnämnden",
        "2024-03",
        dt.date(2024, 4, 10),
        "000002",
        [Section("Ekonomi", [Paragraph(DRAFT, key="ekonomi")])],
        STEM,
    )
    store = TextStore.for_workspace(workspace.root)
    store.apply(report)
    return store


def test_analyst_writes_text_masked_and_logged(as_role: Login, workspace: Workspace) -> None:
    store = _drafts(workspace)
    analyst = as_role("analytiker")
    listing = analyst.get("/rapporter/texter")
    assert listing.status_code == 200 and f"/rapporter/texter?rapport={STEM}" in listing.text
    page = analyst.get(f"/rapporter/texter?rapport={STEM}")
    assert page.status_code == 200
    assert DRAFT in page.text and "(utkast)" in page.text
    token = csrf_of(page.text)

    form = {"rapport": STEM, "nyckel": "ekonomi", "text": "Överskottet gäller bland annat 19121212-1212."}
    assert analyst.post("/rapporter/texter", data=form).status_code == 403  # no CSRF token
    assert store.load(STEM)["ekonomi"].status == "utkast"

    saved = analyst.post("/rapporter/texter", data={**form, "csrf": token}, follow_redirects=False)
    assert saved.status_code == 303
    entry = store.load(STEM)["ekonomi"]
    assert (entry.status, entry.text, entry.draft) == (
        "skriven",
        "Överskottet gäller bland annat 19121212-****.",
        DRAFT,
    )
    page = analyst.get(saved.headers["location"])
    assert "Överskottet gäller bland annat 19121212-****." in page.text and "1212-1212" not in page.text
    assert "(skriven)" in page.text
    api = analyst.get(f"/api/rapporter/texter?rapport={STEM}").json()
    assert api["texter"] == [
        {
            "nyckel": "ekonomi",
            "avsnitt": "Ekonomi",
            "status": "skriven",
            "text": "Överskottet gäller bland annat 19121212-****.",
            "utkast": DRAFT,
        }
    ]
    # the JSON twin saves too (CSRF token in the header)
    saved_api = analyst.post(
        "/api/rapporter/texter",
        data={"rapport": STEM, "nyckel": "ekonomi", "text": "Via API:t."},
        headers={"X-CSRF-Token": token},
    )
    assert saved_api.json()["status"] == "skriven" and store.load(STEM)["ekonomi"].text == "Via API:t."
    # back to the draft
    analyst.post("/rapporter/texter", data={**form, "utkast": "1", "csrf": token})
    assert store.load(STEM)["ekonomi"].status == "utkast"
    log = [e.detaljer for e in AuditLog(WebDB.of(workspace)).entries(handelse="rapporttext")]
    assert log == [
        f"{STEM} ekonomi: utkastet används",
        f"{STEM} ekonomi: egen text sparad",
        f"{STEM} ekonomi: egen text sparad",
    ]


def test_reader_can_neither_read_nor_write_texts(as_role: Login, workspace: Workspace) -> None:
    store = _drafts(workspace)
    reader = as_role("lasare")
    assert reader.get(f"/rapporter/texter?rapport={STEM}").status_code == 403
    assert reader.get(f"/api/rapporter/texter?rapport={STEM}").status_code == 403
    token = csrf_of(reader.get("/").text)
    form = {"rapport": STEM, "nyckel": "ekonomi", "text": "Läsarens text.", "csrf": token}
    assert reader.post("/rapporter/texter", data=form).status_code == 403
    assert reader.post("/api/rapporter/texter", data=form, headers={"X-CSRF-Token": token}).status_code == 403
    assert store.load(STEM)["ekonomi"].status == "utkast"
    assert AuditLog(WebDB.of(workspace)).entries(handelse="rapporttext") == []
