"""Sign-on through a real OpenID Connect provider, end to end in headless Chromium.

One provider (oidc-provider-mock on localhost, client registration required, see tests/web/oidc_provider.py)
and one uppfolj server (127.0.0.1, a different site from the browser's point of view) serve the whole
module; each test has its own browser context, so its own cookies.
"""

from __future__ import annotations

import base64
import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.live import CHROMIUM, CHROMIUM_ARGS, free_port, serve
from tests.web.oidc_provider import Tampering, provider, register, settings_section
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.workspace import Workspace, open_workspace

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    # the test-side provider drives Authlib's server with APIs Authlib has deprecated; not uppfolj's code
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]


class Site:
    def __init__(
        self, base: str, issuer: str, tampering: Tampering, browser: Browser, ws: Workspace, secret: str
    ):
        self.base, self.issuer, self.tampering, self.browser = base, issuer, tampering, browser
        self.ws, self.secret = ws, secret
        #: every body our server sent the browser, for the secret check
        self.bodies: list[str] = []

    def page(self) -> Page:
        page = self.browser.new_context(locale="sv-SE").new_page()

        def keep(response: object) -> None:
            url = getattr(response, "url", "")
            if url.startswith(self.base):
                try:
                    self.bodies.append(response.text())  # type: ignore[attr-defined]
                except Exception:  # redirects have no body to read
                    self.bodies.append(str(getattr(response, "headers", "")))

        page.on("response", keep)
        return page

    def sign_on(self, sub: str) -> Page:
        """Open uppfolj, choose the municipality's sign-on, pick `sub` on the provider's form."""
        page = self.page()
        page.goto(self.base + "/")
        assert page.url == self.base + "/logga-in"
        page.click("text=Logga in med kommunens konto")
        page.wait_for_url(self.issuer + "/oauth2/authorize**")
        if page.locator(f"button[name=sub][value={sub}]").count():
            page.click(f"button[name=sub][value={sub}]")
        else:  # a user the test created at the provider: typed in
            page.fill("input[name=sub]", sub)
            page.click("button:has-text('Authorize')")
        page.wait_for_load_state()
        return page

    def audit(self) -> AuditLog:
        return AuditLog(WebDB.of(self.ws))


@pytest.fixture(scope="module")
def site(template_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("oidc") / "ws"
    shutil.copytree(template_workspace, root)
    port = free_port()
    with provider() as (issuer, tampering):
        client_id, secret = register(issuer, f"http://127.0.0.1:{port}/logga-in/oidc/svar")
        secret_file = root.parent / "oidc-hemlighet"
        secret_file.write_text(secret + "\n")
        ws = open_workspace(root)
        ws.config.ovrigt["inloggning"] = settings_section(issuer, client_id, str(secret_file))
        ws.save_config()
        with serve(ws, port) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield Site(base, issuer, tampering, browser, ws, secret)
            finally:
                browser.close()


def test_analyst_reaches_analyst_pages_not_admin_pages(site: Site) -> None:
    page = site.sign_on("anna")
    page.wait_for_url(site.base + "/")
    assert page.locator(".konto span").inner_text() == "Anna Analytiker (Analytiker)"
    response = page.goto(site.base + "/ekonomi")
    assert response is not None and response.status == 200
    for url in ("/admin/anvandare", "/admin/logg", "/api/admin/anvandare"):
        response = page.goto(site.base + url)
        assert response is not None and response.status == 403, url
    # the sign-on and every action carry the provider's subject and name
    entries = site.audit().all_entries()
    login = [e for e in entries if e.handelse == "inloggning" and e.anvandare == "Anna Analytiker (anna)"]
    assert len(login) == 1
    assert '"subjekt": "anna"' in login[0].detaljer and '"roll": "analytiker"' in login[0].detaljer
    assert '"grupper": ["grp-analytiker"]' in login[0].detaljer
    views = [e for e in entries if e.handelse == "visning_oskyddade" and e.nr > login[0].nr]
    assert views and {e.anvandare for e in views} == {"Anna Analytiker (anna)"}
    assert "id_token" not in login[0].detaljer and "eyJ" not in login[0].detaljer


def test_unit_reader_sees_only_that_unit(site: Site) -> None:
    page = site.sign_on("bertil")
    page.wait_for_url(site.base + "/")
    assert page.locator(".konto span").inner_text() == "Bertil Enhetsläsare (Läsare, Jobbtorget)"
    page.goto(site.base + "/enheter")
    assert page.locator("table.siffror tbody th").all_inner_texts() == ["Jobbtorget"]
    assert "Verkstan" not in page.content() and "Studion" not in page.content()
    response = page.goto(site.base + "/ekonomi")
    assert response is not None and response.status == 403


def test_user_without_mapped_group_is_refused(site: Site) -> None:
    page = site.sign_on("cecilia")
    assert page.url.startswith(site.base + "/logga-in/oidc/svar")
    assert page.locator("h1").inner_text() == "Ingen behörighet till uppfolj"
    assert "inte med i någon grupp som ger behörighet" in page.locator("[role=alert]").inner_text()
    assert "Cecilia Utanför" in page.content()
    page.goto(site.base + "/")
    assert page.url == site.base + "/logga-in"
    refused = [e for e in site.audit().all_entries() if e.handelse == "inloggning_nekad"]
    assert refused[-1].anvandare == "Cecilia Utanför (cecilia)"
    assert "inte med i någon grupp" in refused[-1].detaljer


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("signatur", "ID-tokens signatur stämmer inte med identitetsleverantörens nycklar"),
        ("mottagare", "ID-token är utfärdad för ett annat program än uppfolj (aud)"),
        ("utgang", "ID-token har gått ut (exp)"),
        ("nonce", "ID-tokens nonce stämmer inte med inloggningsförsöket"),
    ],
)
def test_tampered_id_token_is_refused(site: Site, mode: str, reason: str) -> None:
    site.tampering.mode = mode
    try:
        page = site.sign_on("anna")
    finally:
        site.tampering.mode = None
    assert page.locator("h1").inner_text() == "Inloggningen kunde inte slutföras"
    assert page.locator("[role=alert]").inner_text() == reason
    page.goto(site.base + "/ekonomi")
    assert page.url == site.base + "/logga-in"
    last = site.audit().all_entries()[-1]
    assert (last.anvandare, last.handelse) == ("-", "inloggning_misslyckad")
    assert reason in last.detaljer


def test_resigned_but_untouched_token_is_accepted(site: Site) -> None:
    """The control for the tampering cases: re-signing with the published test key alone changes nothing."""
    site.tampering.mode = "omsignerad"
    try:
        page = site.sign_on("anna")
    finally:
        site.tampering.mode = None
    page.wait_for_url(site.base + "/")
    assert page.locator(".konto span").inner_text() == "Anna Analytiker (Analytiker)"


def test_directory_change_takes_effect_at_next_sign_on(site: Site) -> None:
    httpx.put(
        site.issuer + "/users/dora", json={"name": "Dora Bytare", "groups": ["grp-analytiker"]}
    ).raise_for_status()
    first = site.sign_on("dora")
    first.wait_for_url(site.base + "/")
    assert first.locator(".konto span").inner_text() == "Dora Bytare (Analytiker)"
    # the directory moves Dora to Jobbtorget's staff; her next sign-on gets the new access
    httpx.put(
        site.issuer + "/users/dora", json={"name": "Dora Bytare", "groups": ["grp-jobbtorget"]}
    ).raise_for_status()
    second = site.sign_on("dora")
    second.wait_for_url(site.base + "/")
    assert second.locator(".konto span").inner_text() == "Dora Bytare (Läsare, Jobbtorget)"
    response = second.goto(site.base + "/ekonomi")
    assert response is not None and response.status == 403


def test_logout_ends_uppfolj_and_provider_session(site: Site) -> None:
    page = site.sign_on("anna")
    page.wait_for_url(site.base + "/")
    cookie = next(c for c in page.context.cookies() if c["name"] == "uppfolj_session")
    page.click("text=Logga ut")
    # RP-initiated logout: the provider's end-session page, with our ID token and where to come back
    page.wait_for_url(site.issuer + "/oauth2/end_session**")
    query = parse_qs(urlsplit(page.url).query)
    assert query["post_logout_redirect_uri"] == [site.base + "/logga-in"]
    hint = query["id_token_hint"][0].split(".")[1]
    assert json.loads(base64.urlsafe_b64decode(hint + "=" * (-len(hint) % 4)))["sub"] == "anna"
    page.click("form button[type=submit]")
    page.wait_for_url(site.base + "/logga-in")
    page.goto(site.base + "/")
    assert page.url == site.base + "/logga-in"
    # the old session cookie is dead on the server too
    other = site.browser.new_context()
    other.add_cookies([cookie])  # type: ignore[list-item]
    answer = other.request.get(site.base + "/api/oversikt")
    assert answer.status == 401
    assert site.audit().all_entries()[-1].handelse == "utloggning"


def test_client_secret_never_in_page_log_or_audit(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    page = site.sign_on("anna")
    page.wait_for_url(site.base + "/")
    page.goto(site.base + "/ekonomi")
    page.click("text=Logga ut")
    page.wait_for_url(site.issuer + "/oauth2/end_session**")
    # a broken provider that echoes the client's credentials back in its error answer
    site.tampering.mode = "ekar"
    try:
        failed = site.sign_on("anna")
    finally:
        site.tampering.mode = None
    assert "godtog inte inloggningskoden (invalid_client)" in failed.locator("[role=alert]").inner_text()
    basic = base64.b64encode(
        f"{site.ws.config.ovrigt['inloggning']['oidc']['klient_id']}:{site.secret}".encode()
    )
    forms = (site.secret, basic.decode())
    assert len(site.bodies) > 10 and caplog.records
    for body in site.bodies:
        assert not any(f in body for f in forms)
    # the provider runs in this process too (werkzeug's request threads) and logs its own view of the
    # client, secret included: those lines are the provider's log, not uppfolj's
    ours = [r for r in caplog.records if "process_request_thread" not in r.threadName]
    assert any("POST " + site.issuer + "/oauth2/token" in r.getMessage() for r in ours)
    for record in ours:
        assert not any(f in record.getMessage() for f in forms), record.getMessage()
    for entry in site.audit().all_entries():
        assert not any(f in field for f in forms for field in (entry.anvandare, entry.detaljer, entry.adress))
    # the secret file is there, so the check is against the secret in use
    assert (site.ws.root.parent / "oidc-hemlighet").read_text().strip() == site.secret
