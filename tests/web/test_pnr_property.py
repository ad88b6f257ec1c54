"""Property: a valid personnummer or samordningsnummer, in any written form and inside any text, typed into
any input of the app, never comes back out: not in a page, a JSON answer, the audit log, the assignment
register's event log, the control results, or the report sections built from them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.web.conftest import csrf_of
from tests.web.followup_data import PLAN_CSV, add_internkontroll, add_uppdrag
from uppfolj.masking import mask_pnr
from uppfolj.reports.sections import sections_for
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]
SEPARATORS = ["", "-", "+", " ", "\u00a0", "\u202f", "\u2013", "\u2014"]
#: text around the number: letters, spaces and punctuation, never a digit glued to it
AROUND = st.text(alphabet=st.sampled_from("abcåäö XYZ.,:;()/é\u00a0"), max_size=12)


def _luhn_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, str, str]:
    """(written form, YYMMDD as written, last four): a valid date of birth (samordningsnummer: day + 60)
    and the Luhn check digit worked out here."""
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)
    yymmdd = f"{born.year % 100:02d}{born.month:02d}{day:02d}"
    serial = f"{draw(st.integers(0, 999)):03d}"
    last4 = serial + _luhn_digit(yymmdd + serial)
    century = f"{born.year // 100:02d}" if draw(st.booleans()) else ""
    sep = draw(st.sampled_from(SEPARATORS))
    return f"{century}{yymmdd}{sep}{last4}", yymmdd, last4


def leak_pattern(yymmdd: str, last4: str) -> re.Pattern[str]:
    """The date and the last four with at most a few non-digits (or escaped characters) between them."""
    return re.compile(rf"(?<!\d){yymmdd}(?:[^\d*]|&#\d+;|\\u[0-9a-f]{{4}}){{0,8}}{last4}(?!\d)")


@settings(max_examples=300, deadline=None)
@given(number=numbers(), before=AROUND, after=AROUND)
def test_mask_catches_every_written_form(number: tuple[str, str, str], before: str, after: str) -> None:
    written, yymmdd, last4 = number
    masked = mask_pnr(f"{before} {written} {after}")
    assert not leak_pattern(yymmdd, last4).search(masked), masked


@pytest.fixture
def served(workspace: Workspace, as_role: Login) -> Iterator[tuple[Workspace, TestClient, list[str]]]:
    add_uppdrag(workspace)
    refs = add_internkontroll(workspace)
    yield workspace, as_role("admin"), refs


# no shrinking: each example is a dozen requests, and the failing example is reported as generated
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(number=numbers(), before=AROUND, after=AROUND, n=st.integers(0, 10**6))
def test_typed_numbers_never_come_back_out(
    served: tuple[Workspace, TestClient, list[str]],
    number: tuple[str, str, str],
    before: str,
    after: str,
    n: int,
) -> None:
    ws, admin, refs = served
    written, yymmdd, last4 = number
    text = f"{before} {written} {after}".strip()
    token = csrf_of(admin.get("/uppdrag").text)
    dnr = f"AMN 2024/{n}"
    admin.post(
        "/uppdrag",
        data={
            "csrf": token,
            "diarienummer": dnr,
            "titel": text,
            "beslut_datum": "2024-02-01",
            "paragraf": "§ 1",
            "givare": "Nämnden",
            "ansvarig": text,
            "aterrapport_datum": "2024-06-01",
            "slutkriterium": "Klart",
        },
    )
    admin.post("/uppdrag/status", data={"csrf": token, "dnr": dnr, "status": text})
    admin.post(
        "/internkontroll/resultat",
        data={
            "csrf": token,
            "kontroll": "insats-doc",
            "referens": refs[0],
            "utfall": "anmärkning",
            "kategori": text,
            "kommentar": text,
        },
    )
    admin.post(
        "/internkontroll/resultat",
        data={"csrf": token, "kontroll": "insats-doc", "referens": text, "utfall": "anmärkning"},
    )
    admin.post(
        "/admin/anvandare",
        data={"csrf": token, "namn": text, "roll": "lasare", "losenord": "ett-bra-losenord"},
    )
    admin.post(
        "/admin/anvandare",
        data={"csrf": token, "namn": "kim" + str(n), "roll": text, "losenord": "ett-bra-losenord"},
    )
    (ws.root / "atgardsplan.csv").write_text(
        PLAN_CSV.replace(";ansvarig\n", ";ansvarig;kommentar\n", 1).replace(
            "Enhetschef AM\n", f"Enhetschef AM;{text.replace(';', ',')}\n"
        ),
        encoding="utf-8",
    )
    outputs: list[tuple[str, str]] = []
    for url in (
        f"/uppdrag?meddelande={text}",
        "/uppdrag",
        "/api/uppdrag",
        f"/internkontroll?meddelande={text}",
        "/api/internkontroll",
        f"/admin/anvandare?meddelande={text}",
        "/api/admin/anvandare",
        "/admin/logg",
        "/admin/logg.csv",
        "/atgardsplan",
        "/api/atgardsplan",
        f"/api/indikatorer?indikator={text}",
    ):
        response = admin.get(url, params=None)
        outputs.append((url, response.text))
    outputs.append(("audit", repr(AuditLog(WebDB.of(ws)).all_entries())))
    for path in sorted(Path(ws.root / "uppdrag").glob("*")) + sorted(
        Path(ws.root / "internkontroll").rglob("*.csv")
    ):
        outputs.append((str(path), path.read_text(encoding="utf-8-sig")))
    outputs.append(("rapport", repr(sections_for("ar", ws, "2024"))))
    pattern = leak_pattern(yymmdd, last4)
    for where, body in outputs:
        found = pattern.search(body)
        assert found is None, (where, found.group(0) if found else "")
