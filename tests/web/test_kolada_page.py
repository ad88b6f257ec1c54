"""`/kolada` and `/api/kolada`: the own municipality against R9 from stored values only, checked by hand
against `tests/web/followup_data.py` (the own municipality is Linköping, 0580)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from tests.web.followup_data import OWN_CODE, add_kolada, with_own_code
from uppfolj.kolada import service
from uppfolj.kolada.client import KoladaValue
from uppfolj.kolada.kpis import DEFAULT_KPIS
from uppfolj.kolada.service import value_store
from uppfolj.workspace import Workspace, open_workspace

Login = Callable[[str], TestClient]
NB = "\u00a0"


@pytest.fixture
def workspace(template_workspace: Path, tmp_path: Path) -> Workspace:
    """conftest's workspace, with the own municipality code set."""
    shutil.copytree(template_workspace, tmp_path / "ws")
    return with_own_code(open_workspace(tmp_path / "ws"))


def _row(rows: list[dict[str, object]], kommun_id: str, kon: str) -> dict[str, object]:
    return next(r for r in rows if r["kommun_id"] == kommun_id and r["kon"] == kon)


def test_nothing_fetched_says_which_command(as_role: Login) -> None:
    reader = as_role("lasare")
    assert reader.get("/api/kolada").json()["hamtat"] is False
    page = reader.get("/kolada")
    assert page.status_code == 200 and "uppfolj kolada hamta" in page.text


@pytest.mark.parametrize("role", ["lasare", "enhetslasare", "analytiker", "admin"])
def test_comparison_for_each_role(as_role: Login, workspace: Workspace, role: str) -> None:
    add_kolada(workspace)
    client = as_role(role)
    data = client.get("/api/kolada").json()
    assert data["grupp"] == "R9" and len(data["kommuner"]) == 9  # R9, the own (Linköping) among them
    kpi = data["nyckeltal"][0]
    assert (kpi["kpi"], kpi["ar"], kpi["hamtad"], kpi["kon_uppdelad"]) == ("N31807", 2023, "2024-05-02", True)
    rows = kpi["jamforelse"]
    # 2023 T: values 14, 13, 10, 8 → mean 45/4 = 11,25, median (10 + 13)/2 = 11,5; own 10 is third
    own = _row(rows, OWN_CODE, "T")
    assert (own["varde"], own["gruppmedel"], own["gruppmedian"], own["rang"]) == (10.0, 11.25, 11.5, 3)
    assert own["egen"] is True and own["kommun"] == "Linköping"
    assert _row(rows, "0484", "T")["rang"] == 1 and _row(rows, "0380", "T")["rang"] == 4
    # a municipality without a value is listed empty and not ranked
    assert _row(rows, "1880", "T")["varde"] is None and _row(rows, "1880", "T")["rang"] is None
    # never named by a fetch, but one of R9: 1880 is Örebro
    assert _row(rows, "1880", "T")["kommun"] == "Örebro"
    # K: 11 and 15 → mean 13, own second; M: 9 and 13 → mean 11
    assert (_row(rows, OWN_CODE, "K")["gruppmedel"], _row(rows, OWN_CODE, "K")["rang"]) == (13.0, 2)
    assert _row(rows, OWN_CODE, "M")["gruppmedel"] == 11.0
    # trend: 2022 own 9 against (9 + 12)/2 = 10,5, rank 2; 2023 own 10 against 11,25, rank 3
    assert kpi["trend"] == [
        {"ar": 2022, "varde": 9.0, "gruppmedel": 10.5, "rang": 2, "antal": 2},
        {"ar": 2023, "varde": 10.0, "gruppmedel": 11.25, "rang": 3, "antal": 4},
    ]
    page = client.get("/kolada")
    assert page.status_code == 200
    text = page.text
    assert "Källa: Kolada (RKA), hämtad 2024-05-02" in text
    assert "Linköping (egen kommun)" in text and "11,3" in text and "11,5" in text and "Kvinnor" in text
    assert '<svg class="diagram"' in text and 'aria-labelledby="k0t k0d"' in text
    assert ("Avstämning mot uppfoljs egna indikatorer" in text) == (role in ("analytiker", "admin"))


def test_reconciliation_needs_the_cache_offline(as_role: Login, workspace: Workspace) -> None:
    add_kolada(workspace)
    data = as_role("analytiker").get("/api/kolada").json()
    # the KPI metadata that maps eb_andel_befolkning to a Kolada KPI was never fetched: no network is used
    assert data["avstamning"] is None and "utan nätverk" in data["avstamning_saknas"]
    assert as_role("lasare").get("/api/kolada").json()["avstamning"] is None


ANDEL_EB = {
    "id": "N31816",
    "title": "Invånare som erhållit ekonomiskt bistånd, andel (%)",
    "municipality_type": "K",
}


def cache_metadata(workspace: Workspace) -> None:
    """The KPI searches the reconciliation makes, as if fetched before: only `ekonomiskt bistånd` finds one."""
    client = service.client_for(workspace, offline=True)
    assert client.cache is not None
    for kpi in DEFAULT_KPIS:
        url = f"{client.base_url}/kpi?{urlencode({'title': kpi.search, 'per_page': str(client.per_page)})}"
        hits = [ANDEL_EB] if kpi.search == "ekonomiskt bistånd" else []
        client.cache.put(url, {"values": hits, "count": len(hits)}, dt.datetime(2024, 5, 2, 10, 0))


def test_reconciliation_from_the_cache(as_role: Login, workspace: Workspace) -> None:
    add_kolada(workspace)
    cache_metadata(workspace)
    # Kolada's share for the own municipality, 2023: 0,8 % (2022 fetched but empty)
    value_store(workspace).save(
        [KoladaValue("N31816", OWN_CODE, 2023, "T", 0.8, "")],
        [("N31816", OWN_CODE, 2022), ("N31816", OWN_CODE, 2023)],
        dt.datetime(2024, 5, 2, 10, 0),
    )
    with workspace.store().new_snapshot(copy_from_current=True) as con:
        con.execute("CREATE TABLE befolkning (ar BIGINT, kon VARCHAR, antal BIGINT)")
        con.execute("INSERT INTO befolkning VALUES (2023, 'T', 1000), (2022, 'T', 1000)")
        # one household in January 2022, so that the payments cover all of 2023's twelve-month window
        con.execute("INSERT INTO bistand_manad VALUES ('h9', DATE '2022-01-01', 'x9', NULL, 0, 5000, '1')")
    data = as_role("analytiker").get("/api/kolada").json()
    assert data["avstamning_saknas"] == ""
    row = next(r for r in data["avstamning"] if r["ar"] == 2023 and r["kon"] == "T")
    # uppfolj: households paid in the 12 months to December 2023 are h1..h3 (March 2023; h9 was paid in
    # January 2022, outside), one adult each and no children → 3 persons of 1 000 inhabitants = 0,3 %; Kolada 0,8 → difference −0,5, beyond 0,3
    assert (row["kpi"], row["indikator"]) == ("N31816", "eb_andel_befolkning")
    assert row["uppfolj"] == pytest.approx(0.3) and row["kolada"] == 0.8
    assert row["skillnad"] == pytest.approx(-0.5) and row["tolerans"] == 0.3 and row["avviker"] is True
    page = as_role("analytiker").get("/kolada").text
    assert "<strong>Avviker</strong>" in page
