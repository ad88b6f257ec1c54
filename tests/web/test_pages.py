"""The page registry (uppfolj.web.pages): every declared page is in the menu for the roles that may open
it, opens, has a working JSON twin and is described in docs/webb.md, so forgetting one of them fails."""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

import uppfolj.reports
import uppfolj.web.routes
from tests.dropped_in import report_package
from uppfolj.reports.registry import reports
from uppfolj.web import create_app
from uppfolj.web.pages import PAGES, pages
from uppfolj.web.routes import routers
from uppfolj.workspace import Workspace

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

#: the order of the menu as it was written in base.html before the registry
ADMIN_MENU = [
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


def menu(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav aria-label="Huvudmeny">') : html.index("</nav>")]
    return re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', nav)


def test_every_html_route_is_a_declared_page() -> None:
    html_routes = {
        r.path
        for router in routers()
        for r in router.routes
        if isinstance(r, APIRoute) and "GET" in r.methods and not r.include_in_schema
    }
    assert html_routes - NOT_PAGES - {"/admin/logg.csv"} == set(pages())


def test_the_admin_menu_lists_every_menu_page_in_order(app_client: TestClient) -> None:
    login(app_client, "admin")
    got = menu(app_client.get("/").text)
    assert [title for _, title in got] == ADMIN_MENU
    assert sorted(got) == sorted((p.path, p.title) for p in pages().values() if p.order is not None)


def test_each_role_sees_the_pages_it_may_open(app_client: TestClient) -> None:
    login(app_client, "lasare")
    reader = {path for path, _ in menu(app_client.get("/").text)}
    assert reader == {p.path for p in pages().values() if p.order is not None and p.role == "lasare"}
    app_client.cookies.clear()
    login(app_client, "enhetslasare")
    unit = {path for path, _ in menu(app_client.get("/").text)}
    assert unit == reader - {"/mal", "/atgardsplan", "/internkontroll"}


def test_every_page_and_its_json_twin_open(app_client: TestClient) -> None:
    # 400 is a page that says in Swedish what is missing (the test workspace has no goal file)
    login(app_client, "admin")
    for page in pages().values():
        assert app_client.get(page.path).status_code in (200, 400), page.path
        if page.json:
            response = app_client.get(page.json)
            assert response.status_code in (200, 400), page.json
            assert response.headers["content-type"].startswith("application/json"), page.json


def test_every_page_is_in_the_docs_with_its_json_twin() -> None:
    # guards the check below against iterating nothing (the pages are declared by the route modules)
    assert {"/", "/indikatorer", "/rapporter", "/hjalp"} <= set(pages())
    # the generated list (tests/core/test_registries.py checks that it is current), read back row by row
    rows = [line for line in DOCS.read_text(encoding="utf-8").splitlines() if line.startswith("| `/")]
    for page in pages().values():
        row = next((r for r in rows if r.startswith(f"| `{page.path}` | {page.title} |")), "")
        assert row, f"{page.path} has no row in docs/webb.md"
        assert f"| `{page.json}` |" in row if page.json else "| – |" in row, page.path


def test_no_two_routers_answer_the_same_request() -> None:
    # the routers are included in the order of their modules' names; that decides nothing only while no
    # route of one router matches a path of another for the same method
    routes = [(i, r) for i, router in enumerate(routers()) for r in router.routes if isinstance(r, APIRoute)]

    def example(path: str) -> str:
        return re.sub(r"\{[^}]+\}", "x", path)

    overlaps = [
        (a.path, b.path)
        for i, a in routes
        for j, b in routes
        if i < j
        and a.methods & b.methods
        and (a.path_regex.match(example(b.path)) or b.path_regex.match(example(a.path)))
    ]
    assert overlaps == []


def test_every_registered_report_is_offered(app_client: TestClient) -> None:
    from uppfolj.reports.registry import reports

    login(app_client, "analytiker")
    offered = app_client.get("/api/rapporter").json()["typer"]
    assert [(t["typ"], t["namn"], t["period"]) for t in offered] == [
        (r.key, r.title, r.period_kind) for r in reports().values()
    ]
    # in the order the reports were listed in before they declared themselves
    assert [t["typ"] for t in offered] == ["ej-verkstallda", "manad", "utbildningsniva", "ar"]
    page = app_client.get("/rapporter").text
    for report in reports().values():
        assert report.title in page, report.key


@pytest.fixture
def dropped_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A route module with one page and a report package, each in a folder of its own that is added to its
    package's path: nothing else is told about them."""
    (tmp_path / "routes").mkdir()
    (tmp_path / "routes" / "provsida.py").write_text(
        textwrap.dedent(
            """
            from fastapi import APIRouter
            from fastapi.responses import HTMLResponse

            from uppfolj.web.pages import page

            router = APIRouter()
            page("/provsida", "Provsida", "lasare", json=None, order=55, help="Visar `prov` & annat.")


            @router.get("/provsida", include_in_schema=False)
            def provsida() -> HTMLResponse:
                return HTMLResponse("<p>Provsida</p>")
            """
        ),
        encoding="utf-8",
    )
    report_package(tmp_path / "reports", period_kind="ar", example="2024")
    monkeypatch.setattr(
        uppfolj.web.routes, "__path__", [*uppfolj.web.routes.__path__, str(tmp_path / "routes")]
    )
    monkeypatch.setattr(uppfolj.reports, "__path__", [*uppfolj.reports.__path__, str(tmp_path / "reports")])
    routers.cache_clear()
    reports.cache_clear()
    try:
        yield
    finally:
        PAGES.pop("/provsida", None)
        for name in (
            "uppfolj.web.routes.provsida",
            "uppfolj.reports.provrapport",
            "uppfolj.reports.provrapport.make",
        ):
            sys.modules.pop(name, None)
        routers.cache_clear()
        reports.cache_clear()


def test_a_page_module_and_a_report_package_dropped_in_are_offered(
    workspace: Workspace, dropped_in: None
) -> None:
    with TestClient(create_app(workspace), base_url="http://testserver") as client:
        login(client, "analytiker")
        got = menu(client.get("/").text)
        # in the menu at its place: after Kolada (50), before BIP (60)
        assert got.index(("/provsida", "Provsida")) == got.index(("/kolada", "Kolada")) + 1
        assert client.get("/provsida").text == "<p>Provsida</p>"
        assert "<dt>Provsida</dt><dd>Visar <code>prov</code> &amp; annat.</dd>" in client.get("/hjalp").text
        offered = [t["typ"] for t in client.get("/api/rapporter").json()["typer"]]
        assert offered == ["ej-verkstallda", "manad", "provrapport", "utbildningsniva", "ar"]
        assert "Provrapport" in client.get("/rapporter").text


def test_the_help_page_explains_the_pages_in_the_menus_order(app_client: TestClient) -> None:
    login(app_client, "lasare")
    html = app_client.get("/hjalp").text
    explained = re.findall(r"<dt>([^<]+)</dt><dd>", html[: html.index("Tecken i tabellerna")])
    # every menu page but the administrator's own two, in the menu's order
    assert explained == ADMIN_MENU[:-2]
    # the command in a help text is shown as code
    assert "hämtats från Kolada med <code>uppfolj kolada hamta</code>: värde" in html
