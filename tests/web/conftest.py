"""A small hand-built municipality for the web tests, and logged-in clients for each role.

The store (one snapshot, written by hand, no importer involved):

bistand_manad, households per month (each household one row per month, sökande only):
  2024-01: h1..h5       → 5 households
  2024-02: h1..h6       → 6 households
  2024-03: h1..h7       → 7 households; sökande of h1..h4 are women (K), h5..h7 men (M)
  2023-03: h1..h3       → 3 households (the same month a year before; 2023-04..2023-12 have none)

insatser in progress on 2024-03-31 (start 2024-01-10, no end):
  Jobbtorget: p1..p6   → 6 participants (4 women p1..p4, 2 men p5..p6)
  Verkstan:   p7, p8   → 2 participants, below the protection threshold 4
  Studion:    p9         → 1 participant, whose insats ends 2024-03-31 (this sets the data end of insatser)
sol_beslut (data end 2024-03-31, set by b3's closing date):
  b1 p1 (K) decided 2023-11-15, not executed → reported on 2024-03-31 (4 whole months, band 3-6)
  b2 p2 decided 2024-02-01, not executed → under three months, not reported
  b3 p3 decided 2023-10-01, executed 2023-12-01 → not reported
ekonomi: Ekonomiskt bistånd 2024-01..2024-03, budget 100 000 kr and utfall 90 000 kr each month
platser: Jobbtorget 10 places, Verkstan 5 places, valid from 2023-01-01.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests import stores
from uppfolj.web import create_app
from uppfolj.web.db import WebDB
from uppfolj.web.users import Users
from uppfolj.workspace import Workspace, create, open_workspace

PASSWORD = "ett-langt-losenord"
ROLE_USERS = {
    "admin": ("admin", None),
    "analytiker": ("analytiker", None),
    "lasare": ("lasare", None),
    "enhetslasare": ("lasare", "Jobbtorget"),
}
HOUSEHOLD_MONTHS = {
    "2023-03": 3,
    "2024-01": 5,
    "2024-02": 6,
    "2024-03": 7,
}


def person(n: int) -> str:
    """A pseudonym-shaped id (20 hex characters), as the importer writes them."""
    return hashlib.sha256(f"person {n}".encode()).hexdigest()[:20]


def fill_store(ws: Workspace, extra_month: str | None = None) -> None:
    """Write the snapshot described in the module docstring (plus 8 households in `extra_month`)."""
    months = dict(HOUSEHOLD_MONTHS)
    if extra_month:
        months[extra_month] = 8
    register: dict[str, stores.Person] = {person(100 + h): "K" if h <= 4 else "M" for h in range(1, 9)}
    register |= {person(p): ("K" if p <= 4 or p == 7 else "M", 1990) for p in range(1, 10)}
    payments = [
        {"hushall_id": f"h{h}", "manad": month, "sokande_id": person(100 + h), "antal_barn": 0}
        | {"belopp": 5000, "hushallstyp": "1"}
        for month, count in months.items()
        for h in range(1, count + 1)
    ]
    insatser = [
        {
            "insats_id": f"i{p}",
            "person_id": person(p),
            "insatstyp": "Arbetsträning",
            "enhet": "Jobbtorget" if p <= 6 else "Verkstan" if p <= 8 else "Studion",
            "arendetyp": "eb",
            "start_datum": "2024-01-10",
            "slut_datum": "2024-03-31" if p == 9 else None,
            "avslutsorsak": "studier" if p == 9 else None,
        }
        for p in range(1, 10)
    ]
    platser = [
        {
            "enhet": enhet,
            "fran_datum": "2023-01-01",
            "antal_platser": n,
            "platstyp": "intern",
            "arskostnad": cost,
        }
        for enhet, n, cost in (("Jobbtorget", 10, 1000000), ("Verkstan", 5, 400000), ("Studion", 2, 100000))
    ]
    beslut = {"insatstyp": "Daglig sysselsättning", "lagrum": "SoL 4:1"}
    sol_beslut = [
        {
            "beslut_id": "b1",
            "person_id": person(1),
            "beslut_datum": "2023-11-15",
            "orsak": "Ingen ledig plats",
        }
        | beslut,
        {"beslut_id": "b2", "person_id": person(2), "beslut_datum": "2024-02-01"} | beslut,
        {"beslut_id": "b3", "person_id": person(3), "beslut_datum": "2023-10-01"}
        | {"verkstallt_datum": "2023-12-01", "avslutat_datum": "2024-03-31"}
        | beslut,
    ]
    ekonomi = [
        {"manad": f"2024-0{m}", "verksamhet": "Ekonomiskt bistånd", "budget": 100000, "utfall": 90000}
        for m in (1, 2, 3)
    ]
    with ws.store().new_snapshot() as con:
        stores.fill_store(
            con,
            register,
            bistand_manad=payments,
            insatser=insatser,
            platser=platser,
            sol_beslut=sol_beslut,
            ekonomi=ekonomi,
        )
        con.execute(
            "INSERT INTO _importer VALUES (1, TIMESTAMP '2024-04-02 08:00:00', 'test', 'export', false, '000002')"
        )
        con.execute(
            "INSERT INTO _importfiler VALUES (1, 'bistand_manad.csv', 'bistand_manad', 'abc', 22, 21, 1, 0)"
        )


@pytest.fixture(scope="session")
def template_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (Argon2 hashing is deliberately slow); each test gets a copy."""
    ws = create(tmp_path_factory.mktemp("mall") / "ws", kommun_namn="Testkommun")
    fill_store(ws)
    db = WebDB.of(ws)
    users = Users(db)
    for name, (role, unit) in ROLE_USERS.items():
        users.add(name, role, PASSWORD, unit)
    with db.connect() as con:
        # everything into the main file and no -wal/-shm beside it: the open connection's close (whenever it
        # is collected) would otherwise remove those files while a test copies the folder
        con.execute("PRAGMA journal_mode=DELETE")
    return ws.root


@pytest.fixture
def workspace(template_workspace: Path, tmp_path: Path) -> Workspace:
    shutil.copytree(template_workspace, tmp_path / "ws")
    return open_workspace(tmp_path / "ws")


@pytest.fixture
def app_client(workspace: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(workspace), base_url="http://testserver") as client:
        yield client


def login(client: TestClient, name: str, password: str = PASSWORD) -> None:
    page = client.get("/logga-in")
    token = csrf_of(page.text)
    response = client.post(
        "/logga-in", data={"namn": name, "losenord": password, "csrf": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def csrf_of(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.fixture
def as_role(workspace: Workspace) -> Iterator[object]:
    """`as_role("lasare")` gives a TestClient logged in as that role's test user."""
    clients: list[TestClient] = []
    app = create_app(workspace)

    def make(name: str) -> TestClient:
        client = TestClient(app, base_url="http://testserver")
        client.__enter__()
        clients.append(client)
        login(client, name)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)
