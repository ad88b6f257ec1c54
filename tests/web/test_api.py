"""Every JSON endpoint, in-process, against the hand-built store of conftest.py."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import openpyxl
from fastapi.testclient import TestClient

from tests.web.conftest import HOUSEHOLD_MONTHS, person
from uppfolj.personref import person_ref
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]
SPEC_COLUMNS = [
    "indikator",
    "period",
    "kon",
    "grupptyp",
    "grupp",
    "varde",
    "taljare",
    "namnare",
    "undertryckt",
]


def test_every_api_endpoint_requires_login(app_client: TestClient) -> None:
    # the schema is for logged-in users only; the app's own copy lists every route
    assert app_client.get("/api/openapi.json", follow_redirects=False).status_code == 401
    schema = app_client.app.openapi()
    for path, methods in schema["paths"].items():
        url = path.replace("{indikator}", "eb_hushall").replace("{namn}", "x.docx")
        for method in methods:
            response = app_client.request(method.upper(), url, follow_redirects=False)
            assert response.status_code in (401, 303), (method, path, response.status_code)


def test_overview_households_last_month_with_trend(as_role: Login) -> None:
    data = as_role("analytiker").get("/api/oversikt").json()
    assert data["period"] == "2024-03"
    card = next(c for c in data["indikatorer"] if c["id"] == "eb_hushall")
    # 7 households in 2024-03 (h1..h7)
    assert card["varde"] == 7
    # 2024-02 had 6: (7 - 6) / 6 = +16,7 %; 2023-03 had 3: (7 - 3) / 3 = +133,3 %
    assert card["mot_foregaende_manad"] == {"riktning": "upp", "text": "+16,7\u00a0%"}
    assert card["mot_samma_manad_i_fjol"] == {"riktning": "upp", "text": "+133,3\u00a0%"}


def test_values_answer_the_cli_query_options(as_role: Login) -> None:
    client = as_role("analytiker")
    data = client.get(
        "/api/indikatorer",
        params={"fran": "2024-01", "till": "2024-03", "per": "manad", "indikator": "eb_hushall"},
    ).json()
    assert data["kolumner"] == SPEC_COLUMNS
    totals = {r["period"]: r["varde"] for r in data["rader"] if r["grupptyp"] == ""}
    assert totals == {m: float(n) for m, n in HOUSEHOLD_MONTHS.items() if m.startswith("2024")}
    quarter = client.get("/api/indikatorer", params={"period": "2024-Q1", "indikator": "eb_hushall"}).json()
    # households with a payment in any month of 2024-Q1: h1..h7 → 7
    assert [r["varde"] for r in quarter["rader"]] == [7.0]
    by_sex = client.get(
        "/api/indikatorer",
        params={"period": "2024-03", "indikator": "am_deltagare_sista_dag", "kon": "K,M", "grupp": "enhet"},
    ).json()["rader"]
    jobb = {r["kon"]: r["varde"] for r in by_sex if r["grupp"] == "Jobbtorget"}
    # Jobbtorget on 2024-03-31: p1..p4 women, p5..p6 men
    assert jobb == {"K": 4.0, "M": 2.0}


def test_values_reject_bad_options_in_swedish(as_role: Login) -> None:
    client = as_role("analytiker")
    bad_period = client.get("/api/indikatorer", params={"period": "2024-13"})
    assert bad_period.status_code == 400 and "går inte att läsa" in bad_period.json()["fel"]
    bad_id = client.get("/api/indikatorer", params={"period": "2024-03", "indikator": "finns_inte"})
    assert bad_id.status_code == 400 and "finns inte" in bad_id.json()["fel"]


def test_indicator_series_and_breakdown(as_role: Login) -> None:
    client = as_role("analytiker")
    data = client.get(
        "/api/indikator/am_deltagare_sista_dag", params={"kon": "K", "grupptyp": "enhet"}
    ).json()
    assert data["indikator"]["id"] == "am_deltagare_sista_dag" and data["kon"] == "K"
    last = data["serie"][-1]
    assert last["period"] == "2024-03"
    # women in progress on 2024-03-31: p1..p4 (Jobbtorget) and p7 (Verkstan) → 5
    assert last["K"]["varde"] == 5
    groups = {g["grupp"]: g["K"] for g in data["grupper"]}
    assert groups["Jobbtorget"] == "4" and groups["Verkstan"] == "1"


def test_units_economy_not_executed_imports_reports(as_role: Login) -> None:
    client = as_role("analytiker")
    units = client.get("/api/enheter").json()
    rows = {r["grupp"]: r["varden"] for r in units["rader"]}
    # occupancy 2024-03: Jobbtorget 6 insatser / 10 places = 60 %; Verkstan 2 / 5 = 40 %
    assert rows["Jobbtorget"]["am_belaggningsgrad"]["varde"] == 60.0
    assert rows["Verkstan"]["am_belaggningsgrad"]["varde"] == 40.0
    # cost per place: 1 000 000 kr / 10 places
    assert rows["Jobbtorget"]["am_kostnad_per_plats"]["varde"] == 100000.0
    economy = client.get("/api/ekonomi").json()
    assert economy["period"] == "2024-Q1"
    [row] = economy["rader"]
    ytd = {k: v["visas"] for k, v in row["varden"].items()}
    # three months of 100 000 budget and 90 000 utfall: 300 tkr, 270 tkr, deviation 30 tkr = 10,0 % of budget
    assert (ytd["ek_budget"], ytd["ek_utfall"], ytd["ek_avvikelse"]) == (
        "300\u00a0tkr",
        "270\u00a0tkr",
        "30\u00a0tkr",
    )
    assert ytd["ek_avvikelse_procent"] == "10,0\u00a0%"
    # the rolling twelve months 2023-04--2024-03 reach before the data start (2024-01): not computed
    assert economy["rullande"]["period"] == "2023-04--2024-03"
    assert economy["rullande"]["rader"] == []
    sol = client.get("/api/ej-verkstallda").json()
    assert sol["dag"] == "2024-03-31" and sol["antal"] == 1
    [b1] = sol["beslut"]
    # 2023-11-15 → 2024-03-31: 15 (rest of November) + 31 + 31 + 29 + 31 = 137 days
    assert (b1["kon"], b1["typ"], b1["tid"], b1["dagar"]) == ("K", "ej_verkstallt", "3-6", 137)
    assert b1["person"] == person_ref(person(1))
    # on 2024-01-31 b1 (decided 2023-11-15) is not yet three months old: nothing to report
    january = client.get("/api/ej-verkstallda", params={"period": "2024-01"}).json()
    assert (january["dag"], january["antal"]) == ("2024-01-31", 0)
    late = client.get("/api/ej-verkstallda", params={"period": "2024-Q2"})
    assert late.status_code == 400 and "dataslutet" in late.json()["fel"]
    imports = client.get("/api/importer").json()
    assert imports["importer"][0]["avvisade"] == 1 and imports["importer"][0]["lagrade"] == 21
    assert client.get("/api/rapporter").status_code == 200


def test_export_csv_and_xlsx_are_logged(as_role: Login) -> None:
    client = as_role("analytiker")
    csv_response = client.get("/indikator/eb_hushall/export", params={"format": "csv"})
    assert csv_response.status_code == 200
    lines = csv_response.text.splitlines()
    assert lines[0] == ",".join(SPEC_COLUMNS)
    assert "eb_hushall,2024-03,T,,,7.0,,,0" in lines
    xlsx = client.get("/indikator/eb_hushall/export", params={"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = book.active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == SPEC_COLUMNS
    admin = as_role("admin")
    log = admin.get("/api/admin/logg", params={"handelse": "export"}).json()
    assert [e["anvandare"] for e in log["poster"]] == ["analytiker", "analytiker"]


def test_admin_endpoints(as_role: Login) -> None:
    admin = as_role("admin")
    users = admin.get("/api/admin/anvandare").json()["anvandare"]
    assert {u["namn"]: u["enhet"] for u in users}["enhetslasare"] == "Jobbtorget"
    log = admin.get("/api/admin/logg").json()
    assert log["intakt"] is None
    assert admin.get("/api/admin/logg", params={"kontrollera": "true"}).json()["intakt"] is True
    assert {e["handelse"] for e in log["poster"]} >= {"inloggning"}
    csv_text = admin.get("/admin/logg.csv").text
    assert csv_text.splitlines()[0] == "nr,tid,anvandare,handelse,detaljer,adress,kedja"


def test_catalogue(as_role: Login) -> None:
    ids = [d["id"] for d in as_role("lasare").get("/api/katalog").json()]
    assert "eb_hushall" in ids
    unit_ids = [d["id"] for d in as_role("enhetslasare").get("/api/katalog").json()]
    assert "eb_hushall" not in unit_ids and "am_belaggningsgrad" in unit_ids


def test_effect_reports_listed(as_role: Login, workspace: Workspace) -> None:
    # the JSON summary `uppfolj effekt` writes beside the DOCX (keys of StoreEffect.to_dict)
    summary = {
        "insatstyp": "Arbetsträning",
        "ogonblick": "000002",
        "underlag": {},
        "utfall": {
            "egen_forsorjning_12": {
                "namn": "Egen försörjning efter 12 månader",
                "metod": "dynamisk matchning",
                "skattning": 0.071,
                "medelfel": 0.02,
                "ki_undre": 0.031,
                "ki_ovre": 0.111,
                "p_varde": 0.0004,
                "n_behandlade": 310,
                "n_jamforelse": 2900,
                "medelfel_metod": "bootstrap",
                "varningar": [],
                "diagnostik": {},
            }
        },
        "effekt_over_tid": [],
        "jamforelse_aldrig_behandlade": None,
    }
    workspace.reports_dir.mkdir(exist_ok=True)
    (workspace.reports_dir / "effekt-arbetstraning.json").write_text(json.dumps(summary), encoding="utf-8")
    (workspace.reports_dir / "effekt-arbetstraning.docx").write_bytes(b"PK")
    data = as_role("analytiker").get("/api/effekter").json()
    [report] = data["rapporter"]
    assert report["insatstyp"] == "Arbetsträning"
    # shares in procentenheter: 0.071 → 7.1
    first = report["utfall"][0]
    assert round(first["skattning"], 6) == 7.1 and round(first["ki_ovre"], 6) == 11.1
    assert report["utfall"][0]["enhet"] == "procentenheter"
    assert [f["namn"] for f in report["filer"]] == ["effekt-arbetstraning.docx"]
    page = as_role("analytiker").get("/effekter").text
    # procentenheter with one decimal, Swedish format: 7,1 and the interval 3,1 – 11,1
    assert "7,1" in page and "3,1 – 11,1" in page and "procentenheter" in page
    assert as_role("lasare").get("/api/effekter").status_code == 403


def test_one_failing_indicator_costs_one_card(workspace: Workspace) -> None:
    from tests.web.conftest import login
    from uppfolj.indicators import compute
    from uppfolj.indicators.catalogue import CATALOGUE
    from uppfolj.web import create_app
    from uppfolj.web.engine import Engine

    def broken(con: object, **kwargs: object) -> object:
        if "eb_vuxna" in (kwargs.get("indicators") or []):
            raise RuntimeError("a broken definition")
        return compute(con, **kwargs)

    with TestClient(create_app(workspace, engine=lambda: Engine(broken, CATALOGUE))) as client:
        login(client, "analytiker")
        cards = {c["id"]: c for c in client.get("/api/oversikt").json()["indikatorer"]}
    assert "eb_vuxna" not in cards
    assert cards["eb_hushall"]["varde"] == 7
