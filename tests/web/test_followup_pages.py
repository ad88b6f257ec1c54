"""The pages for uppdrag, internkontroll, åtgärdsplan and BIP, with values worked out by hand from
`tests/web/followup_data.py` (its docstring lists the data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of
from tests.web.followup_data import add_bip, add_internkontroll, add_plan, add_uppdrag
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.web.routes import uppdrag as uppdrag_routes
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]
NB = "\u00a0"


def audit(workspace: Workspace, event: str) -> list[str]:
    return [e.detaljer for e in AuditLog(WebDB.of(workspace)).entries(handelse=event)]


# ---- åtgärdsplan -----------------------------------------------------------------------------------------


def test_action_plan_totals_for_each_role(as_role: Login, workspace: Workspace) -> None:
    add_plan(workspace)
    for role in ("lasare", "analytiker", "admin"):
        client = as_role(role)
        data = client.get("/api/atgardsplan").json()
        # expected 40 000 + 3 300 + 20 000 = 63 300 tkr; achieved 30 000 + 3 300 + 8 700 = 42 000 tkr
        assert data["summa"]["forvantad_tkr"] == 63300
        assert data["summa"]["uppnadd_tkr"] == 42000
        assert data["summa"]["andel"] == pytest.approx(42000 / 63300 * 100)  # 66,35… %
        by_activity = {v["verksamhet"]: v for v in data["verksamheter"]}
        # Ekonomiskt bistånd: 43 300 expected, 33 300 achieved → 76,9 %; Arbetsmarknad 8 700 / 20 000 → 43,5 %
        assert by_activity["Ekonomiskt bistånd"]["forvantad_tkr"] == 43300
        assert by_activity["Ekonomiskt bistånd"]["andel"] == pytest.approx(76.905, abs=1e-3)
        assert by_activity["Arbetsmarknad"]["andel"] == pytest.approx(43.5)
        page = client.get("/atgardsplan")
        assert page.status_code == 200
        assert f"effektiviseringar på 42,0{NB}mnkr av förväntade 63,3{NB}mnkr (66,4{NB}%)" in page.text
        assert "1 av 3 åtgärder är genomförda" in page.text
        assert f"63{NB}300{NB}tkr" in page.text and f"76,9{NB}%" in page.text and f"43,5{NB}%" in page.text


def test_action_plan_missing_and_unit_reader(as_role: Login) -> None:
    page = as_role("analytiker").get("/atgardsplan")
    assert page.status_code == 200 and "ingen åtgärdsplan" in page.text
    assert as_role("enhetslasare").get("/api/atgardsplan").status_code == 403


# ---- BIP -------------------------------------------------------------------------------------------------


def _cell(rows: list[dict[str, object]], matt: str, kon: str, grupp: str = "") -> dict[str, object]:
    return next(r for r in rows if r["matt"] == matt and r["kon"] == kon and r["grupp"] == grupp)


def test_bip_unprotected_for_analysts_is_logged(as_role: Login, workspace: Workspace) -> None:
    add_bip(workspace)
    analyst = as_role("analytiker")
    data = analyst.get("/api/bip", params={"per": "enhet", "skyddat": "false"}).json()
    assert data["skyddat"] is False
    rows = data["rader"]
    # total: p1 p2 p3 p4 p5 p7; changes +2 +2 −1 0 +3 +1 = 7 → mean 7/6; improved p1 p2 p5 p7 = 4/6
    assert _cell(rows, "personer", "T")["varde"] == 6
    assert _cell(rows, "medelforandring", "T")["varde"] == pytest.approx(7 / 6)
    assert _cell(rows, "andel_forbattrade", "T")["varde"] == pytest.approx(400 / 6)
    # women p1 p2 p3 p4 p7: changes 2 + 2 − 1 + 0 + 1 = 4 → 0,8; improved 3 of 5
    assert _cell(rows, "medelforandring", "K")["varde"] == pytest.approx(0.8)
    assert _cell(rows, "andel_forbattrade", "K")["varde"] == pytest.approx(60)
    # Jobbtorget p1..p5: 2 + 2 − 1 + 0 + 3 = 6 → 1,2; Verkstan p7 alone
    assert _cell(rows, "medelforandring", "T", "Jobbtorget")["varde"] == pytest.approx(1.2)
    assert _cell(rows, "personer", "T", "Verkstan")["varde"] == 1
    assert any("/api/bip" in d for d in audit(workspace, "visning_oskyddade"))
    page = analyst.get("/bip", params={"per": "enhet", "skyddat": "false"})
    assert page.status_code == 200 and "Jobbtorget" in page.text and "1,20" in page.text


def test_bip_readers_always_get_protected_figures(as_role: Login, workspace: Workspace) -> None:
    add_bip(workspace)
    reader = as_role("lasare")
    data = reader.get("/api/bip", params={"per": "enhet", "skyddat": "false"}).json()
    assert data["skyddat"] is True
    rows = data["rader"]
    # one man (p5) and one person at Verkstan (p7): both 1..4, hidden
    assert _cell(rows, "personer", "M")["undertryckt"] == 1 and _cell(rows, "personer", "M")["varde"] is None
    assert _cell(rows, "personer", "T", "Verkstan")["undertryckt"] == 1
    assert audit(workspace, "visning_oskyddade") == []
    page = reader.get("/bip", params={"per": "insatstyp"})
    assert page.status_code == 200 and "Arbetsträning" in page.text and ".." in page.text
    unit = as_role("enhetslasare").get("/api/bip").json()
    assert unit["per"] == "enhet" and {r["grupp"] for r in unit["rader"]} == {"Jobbtorget"}


def test_bip_without_table(as_role: Login) -> None:
    page = as_role("lasare").get("/bip")
    assert page.status_code == 200 and "ingen tabell" in page.text


# ---- uppdrag ---------------------------------------------------------------------------------------------


@pytest.fixture
def april_15(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uppdrag_routes, "current_date", lambda: dt.date(2024, 4, 15))


@pytest.mark.usefixtures("april_15")
def test_uppdrag_register_overdue_and_upcoming(as_role: Login, workspace: Workspace) -> None:
    add_uppdrag(workspace)
    for role in ("lasare", "enhetslasare", "analytiker"):
        client = as_role(role)
        data = client.get("/api/uppdrag").json()
        # AMN 2024/12 was due 2024-03-31 (before 2024-04-15); AMN 2024/20 is due 2024-05-01 (16 days ahead)
        assert data["forsenade"] == ["AMN 2024/12"]
        assert data["kommande"] == ["AMN 2024/20"]
        page = client.get("/uppdrag")
        assert "Försenat (givet)" in page.text and "(kommande)" in page.text
        item = client.get("/uppdrag/visa", params={"dnr": "AMN 2024/12"})
        assert item.status_code == 200 and "Försenat:" in item.text and "Registrerat" in item.text
    reader_page = as_role("lasare").get("/uppdrag/visa", params={"dnr": "AMN 2024/12"}).text
    assert "Ändra status" not in reader_page
    missing = as_role("lasare").get("/api/uppdrag/visa", params={"dnr": "AMN 2024/99"})
    assert missing.status_code == 400 and "finns inte i registret" in missing.json()["fel"]


FORM = {
    "diarienummer": "AMN 2024/31",
    "titel": "Följ upp jobbspåren",
    "beslut_datum": "2024-03-20",
    "paragraf": "31",
    "givare": "Arbetsmarknadsnämnden",
    "ansvarig": "Enhetschef",
    "aterrapport_datum": "2024-09-30",
    "slutkriterium": "Rapport med andel i arbete efter sex månader",
}


@pytest.mark.usefixtures("april_15")
def test_uppdrag_life_cycle_through_the_forms(as_role: Login, workspace: Workspace) -> None:
    analyst = as_role("analytiker")
    token = csrf_of(analyst.get("/uppdrag").text)
    assert analyst.post("/uppdrag", data=FORM, follow_redirects=False).status_code == 403  # no token
    bad = analyst.post("/uppdrag", data={**FORM, "aterrapport_datum": "30/9", "csrf": token})
    assert bad.status_code == 400 and "är inget datum" in bad.text and "Följ upp jobbspåren" in bad.text
    made = analyst.post("/uppdrag", data={**FORM, "csrf": token}, follow_redirects=False)
    assert made.status_code == 303
    item = analyst.get(made.headers["location"])
    assert "§ 31" in item.text and "Uppdraget AMN 2024/31 är registrerat." in item.text
    edited = analyst.post(
        "/uppdrag/andra",
        data={**FORM, "dnr": "AMN 2024/31", "aterrapport_datum": "2024-10-31", "csrf": token},
    )
    assert edited.status_code == 200 and "Återrapportering: 2024-09-30 → 2024-10-31" in edited.text
    skip = analyst.post("/uppdrag/status", data={"dnr": "AMN 2024/31", "status": "avslutat", "csrf": token})
    assert skip.status_code == 400 and "kan inte bli avslutat" in skip.text
    reported = analyst.post(
        "/uppdrag/status", data={"dnr": "AMN 2024/31", "status": "aterrapporterat", "csrf": token}
    )
    assert reported.status_code == 200
    no_comment = analyst.post(
        "/uppdrag/status", data={"dnr": "AMN 2024/31", "status": "avslutat", "csrf": token}
    )
    assert no_comment.status_code == 400 and "slutkriteriet" in no_comment.text
    closed = analyst.post(
        "/uppdrag/status",
        data={
            "dnr": "AMN 2024/31",
            "status": "avslutat",
            "kommentar": "Rapporten godkänd § 80",
            "csrf": token,
        },
    )
    assert closed.status_code == 200 and "Rapporten godkänd § 80" in closed.text
    history = analyst.get("/api/uppdrag/visa", params={"dnr": "AMN 2024/31"}).json()["historik"]
    assert [h["handelse"] for h in history] == ["skapat", "andrat", "status", "status"]
    assert {h["av"] for h in history} == {"analytiker"}
    assert audit(workspace, "uppdrag") == [
        "AMN 2024/31: avslutat",
        "AMN 2024/31: återrapporterat",
        "AMN 2024/31: ändrat",
        "AMN 2024/31: registrerat",
    ]


def test_reader_cannot_change_uppdrag(as_role: Login, workspace: Workspace) -> None:
    add_uppdrag(workspace)
    reader = as_role("lasare")
    token = csrf_of(reader.get("/uppdrag").text)
    assert reader.post("/uppdrag", data={**FORM, "csrf": token}).status_code == 403
    status = {"dnr": "AMN 2024/12", "status": "pagaende", "csrf": token}
    assert reader.post("/uppdrag/status", data=status).status_code == 403
    assert audit(workspace, "uppdrag") == []


# ---- internkontroll --------------------------------------------------------------------------------------


def test_internkontroll_results_and_wilson_summary(as_role: Login, workspace: Workspace) -> None:
    refs = add_internkontroll(workspace)
    assert len(refs) == 4
    analyst = as_role("analytiker")
    page = analyst.get("/internkontroll")
    token = csrf_of(page.text)
    assert "Ärendena i urvalet" in page.text
    base = {"kontroll": "insats-doc", "csrf": token}
    assert (
        analyst.post(
            "/internkontroll/resultat", data={**base, "referens": refs[0], "utfall": "utan", "csrf": ""}
        ).status_code
        == 403
    )
    no_category = analyst.post(
        "/internkontroll/resultat", data={**base, "referens": refs[2], "utfall": "med"}
    )
    assert no_category.status_code == 400 and "ange en kategori" in no_category.text
    outside = analyst.post("/internkontroll/resultat", data={**base, "referens": "i999", "utfall": "utan"})
    assert outside.status_code == 400 and "finns inte i urvalet" in outside.text
    for ref, outcome, category in (
        (refs[0], "utan", ""),
        (refs[1], "utan", ""),
        (refs[2], "med", "Plan saknas"),
    ):
        done = analyst.post(
            "/internkontroll/resultat",
            data={**base, "referens": ref, "utfall": outcome, "kategori": category},
            follow_redirects=False,
        )
        assert done.status_code == 303
    total = analyst.get("/api/internkontroll").json()["kontroller"][0]["sammanstallning"][0]
    # 4 sampled, 3 reviewed, 2 without remarks → 66,7 %; Wilson 95 % for 2 of 3 (z = 1,95996):
    # centre = (2/3 + z²/6) / (1 + z²/3) = 0,57308; half = z/(1 + z²/3)·√(2/27 + z²/36) = 0,36542
    # → 20,77 % … 93,85 % (the published Wilson interval for 2/3: 0,2077–0,9385)
    assert (total["urval"], total["granskade"], total["utan_anmarkning"]) == (4, 3, 2)
    assert total["andel"] == pytest.approx(200 / 3)
    # the results file names the web user who recorded each case, not the server's account
    saved = (workspace.root / "internkontroll").glob("*/resultat.csv")
    assert {
        line.split(",")[-1] for f in saved for line in f.read_text(encoding="utf-8").splitlines()[1:]
    } == {"analytiker"}
    assert total["ki_undre"] == pytest.approx(20.77, abs=0.01)
    assert total["ki_ovre"] == pytest.approx(93.85, abs=0.01)
    page = analyst.get("/internkontroll").text
    assert f"66,7{NB}%" in page and f"20,8{NB}% – 93,9{NB}%" in page and "Plan saknas" in page
    logged = audit(workspace, "internkontroll")
    assert len(logged) == 3 and all("insats-doc" in d for d in logged)


def test_reader_sees_the_summary_only(as_role: Login, workspace: Workspace) -> None:
    refs = add_internkontroll(workspace)
    reader = as_role("lasare")
    data = reader.get("/api/internkontroll").json()
    control = data["kontroller"][0]
    assert control["arenden"] is None and control["sammanstallning"][0]["urval"] == 4
    page = reader.get("/internkontroll").text
    assert "Ärendena i urvalet" not in page and f'<th scope="row">{refs[0]}</th>' not in page
    token = csrf_of(page)
    post = reader.post(
        "/internkontroll/resultat",
        data={"kontroll": "insats-doc", "referens": refs[0], "utfall": "utan", "csrf": token},
    )
    assert post.status_code == 403
    assert as_role("enhetslasare").get("/internkontroll").status_code == 403
    assert audit(workspace, "internkontroll") == []


def test_internkontroll_without_plan(as_role: Login) -> None:
    page = as_role("lasare").get("/internkontroll")
    assert page.status_code == 200 and "ingen kontrollplan" in page.text


def test_typed_personnummer_is_masked_before_it_is_saved(as_role: Login, workspace: Workspace) -> None:
    refs = add_internkontroll(workspace)
    analyst = as_role("analytiker")
    token = csrf_of(analyst.get("/uppdrag").text)
    made = analyst.post("/uppdrag", data={**FORM, "titel": "Gäller 19121212-1212", "csrf": token})
    assert made.status_code == 200 and "19121212-1212" not in made.text
    saved = b"".join(p.read_bytes() for p in (workspace.root / "uppdrag").glob("*") if p.is_file())
    assert b"19121212-1212" not in saved and b"19121212-****" in saved
    recorded = analyst.post(
        "/internkontroll/resultat",
        data={
            "kontroll": "insats-doc",
            "referens": refs[0],
            "utfall": "utan",
            "kommentar": "se 121212-1212",
            "csrf": token,
        },
    )
    assert recorded.status_code == 200 and "121212-1212" not in recorded.text
    results = (workspace.root / "internkontroll" / "insats-doc" / "resultat.csv").read_text(encoding="utf-8")
    assert "121212-****" in results and "121212-1212" not in results
