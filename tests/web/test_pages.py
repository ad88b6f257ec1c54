"""The page registry (uppfolj.web.pages): every declared page is in the menu for the roles that may open
it, opens, has a working JSON twin and is described in docs/webb.md, so forgetting one of them fails."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from uppfolj.web.pages import PAGES
from uppfolj.web.routes import ROUTERS

from .conftest import login

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webb.md"
#: HTML routes that are not pages of their own: the login and logout forms and the identity provider's
#: sign-on steps, and pages of one item
NOT_PAGES = {
    "/logga-in",
    "/logga-ut",
    "/logga-in/oidc",
    "/logga-in/oidc/svar",
    "/indikator/{indikator}",
    "/uppdrag/visa",
    "/rapporter/fil/{namn}",
}


def menu(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav aria-label="Huvudmeny">') : html.index("</nav>")]
    return re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', nav)


def test_every_html_route_is_a_declared_page() -> None:
    html_routes = {
        r.path
        for router in ROUTERS
        for r in router.routes
        if isinstance(r, APIRoute) and "GET" in r.methods and not r.include_in_schema
    }
    assert html_routes - NOT_PAGES - {"/admin/logg.csv"} == set(PAGES)


def test_the_admin_menu_lists_every_menu_page_in_order(app_client: TestClient) -> None:
    login(app_client, "admin")
    got = menu(app_client.get("/").text)
    # the order of the menu as it was written in base.html before the registry
    assert [title for _, title in got] == [
        "Översikt",
        "Indikatorer",
        "Mål",
        "Enheter",
        "Kolada",
        "BIP",
        "Uppdrag",
        "Åtgärdsplan",
        "Internkontroll",
        "Ekonomi",
        "Ej verkställda beslut",
        "Effekter",
        "Rapporter",
        "Importer",
        "Användare",
        "Logg",
    ]
    assert sorted(got) == sorted((p.path, p.title) for p in PAGES.values() if p.order is not None)


def test_each_role_sees_the_pages_it_may_open(app_client: TestClient) -> None:
    login(app_client, "lasare")
    reader = {path for path, _ in menu(app_client.get("/").text)}
    assert reader == {p.path for p in PAGES.values() if p.order is not None and p.role == "lasare"}
    app_client.cookies.clear()
    login(app_client, "enhetslasare")
    unit = {path for path, _ in menu(app_client.get("/").text)}
    assert unit == reader - {"/mal", "/atgardsplan", "/internkontroll"}


def test_every_page_and_its_json_twin_open(app_client: TestClient) -> None:
    # 400 is a page that says in Swedish what is missing (the test workspace has no goal file)
    login(app_client, "admin")
    for page in PAGES.values():
        assert app_client.get(page.path).status_code in (200, 400), page.path
        if page.json:
            response = app_client.get(page.json)
            assert response.status_code in (200, 400), page.json
            assert response.headers["content-type"].startswith("application/json"), page.json


def test_every_page_is_in_the_docs_with_its_json_twin() -> None:
    rows = [line for line in DOCS.read_text(encoding="utf-8").splitlines() if line.startswith("| `/")]
    for page in PAGES.values():
        row = next((r for r in rows if re.match(rf"\| `{re.escape(page.path)}[`?]", r)), "")
        assert row, f"{page.path} has no row in docs/webb.md"
        assert f"`{page.json}`" in row if page.json else "| – |" in row, page.path


def test_every_registered_report_is_offered(app_client: TestClient) -> None:
    from uppfolj.reports.registry import REPORTS

    login(app_client, "analytiker")
    offered = app_client.get("/api/rapporter").json()["typer"]
    assert [(t["typ"], t["namn"], t["period"]) for t in offered] == [
        (r.key, r.title, r.period_kind) for r in REPORTS.values()
    ]
    page = app_client.get("/rapporter").text
    for report in REPORTS.values():
        assert report.title in page, report.key
