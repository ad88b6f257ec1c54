"""The ej verkställda worklist (one row per decision, confidential) on the Rapporter page: listed apart under
its OSL marking, served to analysts only from its own route, every download in the audit log."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]
WORKLIST = "ej-verkstallda-2024-Q1-SEKRETESS-arbetslista"


def test_worklist_listed_apart_and_only_for_analysts(as_role: Login, workspace: Workspace) -> None:
    analyst = as_role("analytiker")
    token = csrf_of(analyst.get("/rapporter").text)
    made = analyst.post(
        "/api/rapporter", data={"typ": "ej-verkstallda", "period": "2024-Q1"}, headers={"X-CSRF-Token": token}
    ).json()["filer"]
    assert [(f["namn"], f["url"], f["sekretess"]) for f in made] == [
        ("ej-verkstallda-2024-Q1.docx", "/rapporter/fil/ej-verkstallda-2024-Q1.docx", False),
        ("ej-verkstallda-2024-Q1.xlsx", "/rapporter/fil/ej-verkstallda-2024-Q1.xlsx", False),
        (f"{WORKLIST}.xlsx", f"/rapporter/sekretess/{WORKLIST}.xlsx", True),
        (f"{WORKLIST}.csv", f"/rapporter/sekretess/{WORKLIST}.csv", True),
    ]
    listing = analyst.get("/api/rapporter").json()
    assert not any("SEKRETESS" in f["namn"] for f in listing["filer"])
    assert sorted(f["namn"] for f in listing["sekretess"]) == [f"{WORKLIST}.csv", f"{WORKLIST}.xlsx"]
    page = analyst.get("/rapporter").text
    assert "Arbetslistor med sekretess" in page and "Sekretess enligt 26 kap. 1 § OSL" in page
    # the public route does not serve it; its own route does, to analysts, and logs it
    assert analyst.get(f"/rapporter/fil/{WORKLIST}.csv").status_code == 400
    got = analyst.get(f"/rapporter/sekretess/{WORKLIST}.csv")
    assert got.status_code == 200 and "Beslut-id" in got.content.decode("utf-8-sig")
    details = [e.detaljer for e in AuditLog(WebDB.of(workspace)).entries(handelse="export_sekretess")]
    assert details == [f"arbetslista {WORKLIST}.csv"]
    # the dashboard's list of decisions one by one carries the same marking
    assert "Sekretess enligt 26 kap. 1 § OSL" in analyst.get("/ej-verkstallda").text
    for role in ("lasare", "enhetslasare"):
        reader = as_role(role)
        assert reader.get(f"/rapporter/sekretess/{WORKLIST}.csv").status_code == 403
        assert reader.get("/api/rapporter").status_code == 403
