"""No page or JSON response ever contains a personnummer, even when a user types one in."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of
from tests.web.followup_data import add_bip, add_internkontroll, add_kolada, add_plan, add_uppdrag
from tests.web.test_goals import GOALS
from uppfolj.web.masking import mask_pnr
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]
#: 10 or 12 digits with an optional separator before the last four, standing alone (digit runs inside
#: hex digests such as the log's chain column are not personnummer)
PNR = re.compile(r"(?<![\w-])(?:\d{2})?\d{6}[-+]?\d{4}(?![\w])")
TYPED = "19121212-1212"


def test_mask() -> None:
    assert mask_pnr(f"namn {TYPED} och 121212+1212 och 191212121212") == (
        "namn 19121212-**** och 121212-**** och 19121212-****"
    )
    assert mask_pnr("2024-09-01 och 2024-01--2024-08") == "2024-09-01 och 2024-01--2024-08"


def test_no_personnummer_in_any_response(
    as_role: Login, app_client: TestClient, workspace: Workspace
) -> None:
    (workspace.root / "mal.yaml").write_text(GOALS, encoding="utf-8")
    for add in (add_bip, add_plan, add_uppdrag, add_internkontroll, add_kolada):
        add(workspace)
    # a personnummer typed as user name at login ends up in the form and the audit log
    token = csrf_of(app_client.get("/logga-in").text)
    failed = app_client.post("/logga-in", data={"namn": TYPED, "losenord": "fel-losenord!", "csrf": token})
    assert failed.status_code == 401
    assert not PNR.search(failed.text)
    admin = as_role("admin")
    # and one typed into query parameters is echoed in error messages
    echoed = admin.get("/api/indikatorer", params={"period": "2024-03", "indikator": TYPED})
    assert echoed.status_code in (400, 422) and not PNR.search(echoed.text)
    pages = [
        "/",
        "/indikatorer",
        "/indikator/eb_hushall",
        "/indikator/am_deltagare_sista_dag?grupptyp=enhet",
        "/enheter",
        "/ekonomi",
        "/ej-verkstallda",
        "/rapporter",
        "/mal",
        "/importer",
        "/admin/anvandare",
        "/admin/logg",
        "/admin/logg.csv",
        "/indikator/eb_hushall/export?format=csv",
        "/kolada",
        "/bip?per=enhet&skyddat=false",
        "/uppdrag",
        "/uppdrag/visa?dnr=AMN+2024/12",
        "/internkontroll",
        "/atgardsplan",
    ]
    schema = admin.get("/api/openapi.json").json()
    api = [p for p in schema["paths"] if "{" not in p and p.startswith("/api/") and p != "/api/uppdrag/visa"]
    api += ["/api/indikator/eb_hushall", "/api/indikatorer?fran=2023-03&till=2024-03"]
    api += ["/api/uppdrag/visa?dnr=AMN+2024/12", "/api/bip?per=enhet&skyddat=false"]
    for url in pages + api:
        response = admin.get(url)
        assert response.status_code == 200, url
        found = PNR.search(response.text)
        assert found is None, (url, found.group(0) if found else "")
    assert "19121212-****" in admin.get("/admin/logg").text
