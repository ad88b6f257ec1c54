"""CSRF rejection, the login rate limit, security headers, cookies, roles and the append-only log."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, csrf_of
from uppfolj.web import create_app
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]


def test_security_headers_on_pages_api_and_login(as_role: Login, app_client: TestClient) -> None:
    client = as_role("analytiker")
    for response in (app_client.get("/logga-in"), client.get("/"), client.get("/api/oversikt")):
        headers = response.headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"


def test_session_cookie_flags(app_client: TestClient) -> None:
    token = csrf_of(app_client.get("/logga-in").text)
    response = app_client.post(
        "/logga-in", data={"namn": "admin", "losenord": PASSWORD, "csrf": token}, follow_redirects=False
    )
    cookie = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and "uppfolj_session=" in v
    )
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie


def test_secure_cookie_over_tls(workspace: Workspace) -> None:
    with TestClient(create_app(workspace), base_url="https://testserver") as client:
        token = csrf_of(client.get("/logga-in").text)
        response = client.post(
            "/logga-in", data={"namn": "admin", "losenord": PASSWORD, "csrf": token}, follow_redirects=False
        )
        cookie = next(
            v for k, v in response.headers.multi_items() if k == "set-cookie" and "uppfolj_session=" in v
        )
        assert "Secure" in cookie
        assert response.headers["strict-transport-security"].startswith("max-age=")


def test_csrf_rejected_on_forms_and_api(as_role: Login) -> None:
    admin = as_role("admin")
    new_user = {"namn": "ny", "roll": "lasare", "losenord": "ett-annat-losenord"}
    assert admin.post("/admin/anvandare", data=new_user).status_code == 403
    assert admin.post("/admin/anvandare", data={**new_user, "csrf": "fel"}).status_code == 403
    assert admin.post("/logga-ut", data={}).status_code == 403
    assert (
        admin.post("/api/rapporter", data={"typ": "ej-verkstallda", "period": "2024-Q1"}).status_code == 403
    )
    assert "ny" not in [u["namn"] for u in admin.get("/api/admin/anvandare").json()["anvandare"]]
    token = csrf_of(admin.get("/admin/anvandare").text)
    ok = admin.post("/admin/anvandare", data={**new_user, "csrf": token}, follow_redirects=False)
    assert ok.status_code == 303
    assert "ny" in [u["namn"] for u in admin.get("/api/admin/anvandare").json()["anvandare"]]


def test_login_form_needs_its_csrf_cookie(app_client: TestClient) -> None:
    response = app_client.post("/logga-in", data={"namn": "admin", "losenord": PASSWORD, "csrf": "gissad"})
    assert response.status_code == 403


def test_login_rate_limit(workspace: Workspace) -> None:
    with TestClient(create_app(workspace, login_limit=3, login_window=60)) as client:
        for _ in range(3):
            token = csrf_of(client.get("/logga-in").text)
            wrong = client.post(
                "/logga-in", data={"namn": "admin", "losenord": "fel-losenord!", "csrf": token}
            )
            assert wrong.status_code == 401
        token = csrf_of(client.get("/logga-in").text)
        # the fourth attempt is refused even with the right password
        blocked = client.post("/logga-in", data={"namn": "admin", "losenord": PASSWORD, "csrf": token})
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
        assert "För många misslyckade inloggningar" in blocked.text
    events = [e.handelse for e in AuditLog(WebDB.of(workspace)).all_entries()]
    assert events.count("inloggning_misslyckad") == 4 and "inloggning" not in events


def test_reader_gets_403_on_analyst_pages_and_exports(as_role: Login) -> None:
    reader = as_role("lasare")
    for url in (
        "/ekonomi",
        "/api/ekonomi",
        "/ej-verkstallda",
        "/api/ej-verkstallda",
        "/rapporter",
        "/api/rapporter",
        "/importer",
        "/indikator/eb_hushall/export?format=csv",
        "/indikator/eb_hushall/export?format=xlsx",
        "/admin/anvandare",
        "/api/admin/logg",
    ):
        assert reader.get(url).status_code == 403, url
    analyst = as_role("analytiker")
    assert analyst.get("/admin/logg").status_code == 403
    assert analyst.get("/ekonomi").status_code == 200


def test_reader_sees_protected_figures_only(as_role: Login) -> None:
    reader = as_role("lasare")
    rows = reader.get("/api/enheter").json()["rader"]
    shown = {r["grupp"]: r["varden"]["am_deltagare_sista_dag"] for r in rows}
    # Verkstan has 2 participants and Studion 1: under the threshold (1..4), hidden; Jobbtorget 6 shown
    assert shown["Verkstan"] == {"varde": None, "undertryckt": True, "visas": ".."}
    assert shown["Studion"]["undertryckt"] is True
    assert shown["Jobbtorget"]["varde"] == 6
    values = reader.get(
        "/api/indikatorer", params={"period": "2024-03", "indikator": "am_deltagare_sista_dag"}
    ).json()
    assert values["skyddade_tal"] is True
    for r in values["rader"]:
        if r["varde"] is not None:
            assert r["varde"] == 0 or r["varde"] > 4, r
    page = reader.get("/enheter").text
    assert "Verkstan" in page and ">..</td>" in page


def test_unit_reader_sees_only_their_unit(as_role: Login) -> None:
    reader = as_role("enhetslasare")
    rows = reader.get("/api/enheter").json()["rader"]
    assert [r["grupp"] for r in rows] == ["Jobbtorget"]
    values = reader.get("/api/indikatorer", params={"period": "2024-03"}).json()["rader"]
    assert values and {r["grupp"] for r in values} == {"Jobbtorget"}
    overview = reader.get("/api/oversikt").json()
    assert overview["enhet"] == "Jobbtorget"
    assert all(c["id"].startswith("am_") for c in overview["indikatorer"])
    assert reader.get("/api/indikator/eb_hushall").status_code == 400
    page = reader.get("/enheter").text
    assert "Jobbtorget" in page and "Verkstan" not in page


def test_unprotected_views_are_logged(as_role: Login) -> None:
    as_role("lasare").get("/api/oversikt")
    as_role("analytiker").get("/api/oversikt")
    admin = as_role("admin")
    log = admin.get("/api/admin/logg", params={"handelse": "visning_oskyddade"}).json()["poster"]
    assert [(e["anvandare"], e["detaljer"]) for e in log] == [("analytiker", "/api/oversikt")]
    assert log[0]["adress"] == "testclient"


def test_audit_log_cannot_be_changed(workspace: Workspace) -> None:
    audit = AuditLog(WebDB.of(workspace))
    audit.write("a", "inloggning", "roll admin", "127.0.0.1")
    audit.write("b", "export", "eb_hushall", "127.0.0.1")
    assert audit.verify() is None
    with WebDB.of(workspace).connect() as con:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("UPDATE logg SET anvandare = 'x'")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("DELETE FROM logg")
        # someone with the sqlite3 tool drops the triggers and edits a row: the chain shows it
        con.execute("DROP TRIGGER logg_ingen_andring")
        con.execute("UPDATE logg SET detaljer = 'ändrad' WHERE anvandare = 'a'")
    first = audit.all_entries()[0].nr
    assert audit.verify() == first
    with TestClient(create_app(workspace)) as client:
        token = csrf_of(client.get("/logga-in").text)
        client.post("/logga-in", data={"namn": "admin", "losenord": PASSWORD, "csrf": token})
        page = client.get("/admin/logg", params={"kontrollera": "1"}).text
    assert "Loggkedjan är bruten" in page


def test_logout_ends_the_session(as_role: Login) -> None:
    client = as_role("analytiker")
    token = csrf_of(client.get("/").text)
    assert client.post("/logga-ut", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert client.get("/api/oversikt").status_code == 401


def test_deactivated_user_is_logged_out(as_role: Login, workspace: Workspace) -> None:
    reader = as_role("lasare")
    admin = as_role("admin")
    token = csrf_of(admin.get("/admin/anvandare").text)
    admin.post("/admin/anvandare/lasare/aktiv", data={"aktiv": "0", "csrf": token})
    assert reader.get("/api/oversikt").status_code == 401


def test_templates_have_no_inline_style_or_script() -> None:
    # the Content-Security-Policy forbids inline styles and scripts: a template using one breaks silently
    import re
    from pathlib import Path

    import uppfolj.web

    folder = Path(uppfolj.web.__file__).parent / "templates"
    offenders = [
        f"{path.name}: {m.group(0)}"
        for path in sorted(folder.glob("*.html"))
        for m in re.finditer(
            r"\sstyle=|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=", path.read_text(encoding="utf-8")
        )
    ]
    assert offenders == []
