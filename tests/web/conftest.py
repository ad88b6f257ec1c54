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

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from uppfolj.store import IMPORT_LOG_DDL
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
    with ws.store().new_snapshot() as con:
        con.execute(IMPORT_LOG_DDL)
        con.execute(
            "CREATE TABLE bistand_manad (hushall_id VARCHAR, manad DATE, sokande_id VARCHAR, "
            "medsokande_id VARCHAR, antal_barn BIGINT, belopp DECIMAL(18,2), hushallstyp VARCHAR)"
        )
        for month, count in months.items():
            first = dt.date.fromisoformat(month + "-01")
            for h in range(1, count + 1):
                con.execute(
                    "INSERT INTO bistand_manad VALUES (?, ?, ?, NULL, 0, 5000, '1')",
                    [f"h{h}", first, person(100 + h)],
                )
        for h in range(1, 9):
            con.execute(
                "INSERT INTO _personregister VALUES (?, 1980, ?)", [person(100 + h), "K" if h <= 4 else "M"]
            )
        con.execute(
            "CREATE TABLE insatser (insats_id VARCHAR, person_id VARCHAR, insatstyp VARCHAR, enhet VARCHAR, "
            "arendetyp VARCHAR, anvisad_datum DATE, start_datum DATE, slut_datum DATE, avslutsorsak VARCHAR)"
        )
        for p in range(1, 10):
            enhet = "Jobbtorget" if p <= 6 else "Verkstan" if p <= 8 else "Studion"
            end = dt.date(2024, 3, 31) if p == 9 else None
            con.execute(
                "INSERT INTO insatser VALUES (?, ?, 'Arbetsträning', ?, 'eb', NULL, DATE '2024-01-10', ?, ?)",
                [f"i{p}", person(p), enhet, end, "studier" if end else None],
            )
            con.execute(
                "INSERT OR IGNORE INTO _personregister VALUES (?, 1990, ?)",
                [person(p), "K" if p <= 4 or p == 7 else "M"],
            )
        con.execute(
            "CREATE TABLE platser (enhet VARCHAR, fran_datum DATE, till_datum DATE, antal_platser BIGINT, "
            "platstyp VARCHAR, arskostnad DECIMAL(18,2))"
        )
        con.execute(
            "INSERT INTO platser VALUES ('Jobbtorget', DATE '2023-01-01', NULL, 10, 'intern', 1000000), "
            "('Verkstan', DATE '2023-01-01', NULL, 5, 'intern', 400000), "
            "('Studion', DATE '2023-01-01', NULL, 2, 'intern', 100000)"
        )
        con.execute(
            "CREATE TABLE sol_beslut (beslut_id VARCHAR, person_id VARCHAR, beslut_datum DATE, insatstyp VARCHAR, "
            "lagrum VARCHAR, erbjudande_datum DATE, verkstallt_datum DATE, avbrott_datum DATE, "
            "aterupptaget_datum DATE, avslutat_datum DATE, orsak VARCHAR)"
        )
        con.execute(
            "INSERT INTO sol_beslut VALUES "
            "('b1', ?, DATE '2023-11-15', 'Daglig sysselsättning', 'SoL 4:1', NULL, NULL, NULL, NULL, NULL, 'Ingen ledig plats'), "
            "('b2', ?, DATE '2024-02-01', 'Daglig sysselsättning', 'SoL 4:1', NULL, NULL, NULL, NULL, NULL, NULL), "
            "('b3', ?, DATE '2023-10-01', 'Daglig sysselsättning', 'SoL 4:1', NULL, DATE '2023-12-01', NULL, NULL, "
            "DATE '2024-03-31', NULL)",
            [person(1), person(2), person(3)],
        )
        con.execute(
            "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2), "
            "prognos_helar DECIMAL(18,2))"
        )
        for m in (1, 2, 3):
            con.execute(
                "INSERT INTO ekonomi VALUES (?, 'Ekonomiskt bistånd', 100000, 90000, NULL)",
                [dt.date(2024, m, 1)],
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
