"""Kolada client, comparisons and reconciliation against a local fake server (no internet)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.kolada import fake_kolada
from uppfolj import workspace
from uppfolj.cli import build_app
from uppfolj.kolada import service
from uppfolj.kolada.cache import DiskCache
from uppfolj.kolada.client import KoladaClient, KoladaError
from uppfolj.kolada.compare import compare, reconcile
from uppfolj.kolada.groups import R9
from uppfolj.kolada.kpis import resolve_defaults

COST_2023 = {
    "0484": 3000.0,
    "2180": 2500.0,
    "0680": 1500.0,
    "0580": 1800.0,
    "0581": 2500.0,
    "0181": 3200.0,
    "0380": 1400.0,
    "1980": None,
    "1880": 2200.0,
}


@pytest.fixture(autouse=True)
def data() -> Iterator[None]:
    fake_kolada.DATA.clear()
    for mun, value in COST_2023.items():
        fake_kolada.add("N31807", mun, 2023, T=value)
    fake_kolada.add("N31816", "0484", 2023, T=5.0, K=5.4, M=4.6)
    fake_kolada.add("N31816", "2180", 2023, T=4.0, K=4.2, M=3.8)
    fake_kolada.add("N31816", "0999", 2023, T=4.5, K=None, M=4.4)
    fake_kolada.add("N31816", "0999", 2022, T=4.5, K=4.6, M=4.4)
    yield
    fake_kolada.DATA.clear()


def _client(base: str, tmp_path: Path, **kw: object) -> KoladaClient:
    return KoladaClient(base, DiskCache(tmp_path / "cache"), **kw)  # type: ignore[arg-type]


def test_v3_paging_follows_next_url_and_splits_gender(tmp_path: Path) -> None:
    with fake_kolada.serve() as (url, state):
        client = _client(url + "/v3", tmp_path)
        values, _ = client.data(["N31807"], list(R9), [2023])
    # 9 records at 3 per page = 3 pages
    assert sum("/v3/data/" in r for r in state.requests) == 3
    by_mun = {v.kommun_id: v.varde for v in values}
    assert by_mun == COST_2023
    assert {v.kon for v in values} == {"T"}


def test_v2_paging_follows_next_page(tmp_path: Path) -> None:
    with fake_kolada.serve() as (url, state):
        client = _client(url + "/v2", tmp_path)
        values, _ = client.data(["N31807"], list(R9), [2023])
    assert sum("/v2/data/" in r for r in state.requests) == 3
    assert len(values) == 9


def test_gender_split_and_missing_value(tmp_path: Path) -> None:
    with fake_kolada.serve() as (url, _):
        values, _ = _client(url + "/v3", tmp_path).data(["N31816"], ["0999"], [2023])
    got = {v.kon: (v.varde, v.status) for v in values}
    assert got == {"T": (4.5, ""), "K": (None, "Saknas"), "M": (4.4, "")}


def test_requests_are_batched_to_25_ids(tmp_path: Path) -> None:
    codes = [f"{i:04d}" for i in range(1000, 1030)]  # 30 codes -> 25 + 5
    with fake_kolada.serve() as (url, state):
        _client(url + "/v3", tmp_path).data(["N31807"], codes, [2023])
    data_requests = [r for r in state.requests if "/data/" in r]
    assert len(data_requests) == 2
    assert data_requests[0].split("/municipality/")[1].split("/")[0].count(",") == 24


def test_error_response_is_reported_without_retrying(tmp_path: Path) -> None:
    with fake_kolada.serve() as (url, state), pytest.raises(KoladaError, match="Invalid KPI id"):
        _client(url + "/v3", tmp_path).data(["XBAD"], ["0484"], [2023])
    assert len(state.requests) == 1


def test_retries_with_exponential_backoff(tmp_path: Path) -> None:
    slept: list[float] = []
    with fake_kolada.serve() as (url, state):
        state.failures["/v3/kpi"] = [503, 503]
        hits = _client(url + "/v3", tmp_path, sleep=slept.append, backoff=0.5).kpis(title="arbetsmarknad")
    assert [h["id"] for h in hits] == ["N17401", "U31462"]
    assert slept == [0.5, 1.0]  # 0.5 * 2**0, 0.5 * 2**1
    assert len(state.requests) == 3


def test_rate_limit_honours_retry_after(tmp_path: Path) -> None:
    slept: list[float] = []
    with fake_kolada.serve() as (url, state):
        state.failures["/v3/kpi"] = [429]
        state.retry_after = "2"
        _client(url + "/v3", tmp_path, sleep=slept.append).kpis(title="arbetsmarknad")
    assert slept == [2.0]


def test_gives_up_after_the_retries(tmp_path: Path) -> None:
    slept: list[float] = []
    with fake_kolada.serve() as (url, state):
        state.failures["/v3/kpi"] = [503] * 10
        with pytest.raises(KoladaError, match="efter 3 försök"):
            _client(url + "/v3", tmp_path, sleep=slept.append, retries=2).kpis(title="x")
    assert len(state.requests) == 3
    assert slept == [0.5, 1.0]


def test_v2_fallback_where_v3_lacks_the_endpoint(tmp_path: Path) -> None:
    with fake_kolada.serve() as (url, state):
        groups = _client(url + "/v3", tmp_path).municipality_groups()
    assert groups[0]["title"] == "R9"
    assert [r.split("?")[0] for r in state.requests] == ["/v3/municipality_groups", "/v2/municipality_groups"]


def test_cache_serves_offline_and_when_the_server_is_down(tmp_path: Path) -> None:
    with fake_kolada.serve() as (url, _):
        online, fetched = _client(url + "/v3", tmp_path).data(["N31807"], list(R9), [2023])
    # the server is gone now
    offline, fetched_again = _client(url + "/v3", tmp_path, offline=True).data(["N31807"], list(R9), [2023])
    assert offline == online and fetched_again == fetched
    refreshed, _ = _client(url + "/v3", tmp_path, refresh=True, retries=0).data(["N31807"], list(R9), [2023])
    assert refreshed == online
    with pytest.raises(KoladaError, match="finns inte i Kolada-cachen"):
        _client(url + "/v3", tmp_path, offline=True).data(["N31807"], list(R9), [2019])


def test_default_kpis_are_resolved_by_title(tmp_path: Path) -> None:
    with fake_kolada.serve() as (url, _):
        chosen = resolve_defaults(_client(url + "/v3", tmp_path))
    ids = {k: (v["id"] if v else None) for k, v in chosen.items()}
    # "Unga med ekonomiskt bistånd" and the region's KPI are not the share of inhabitants
    assert ids == {
        "kostnad_eb": "N31807",
        "kostnad_am": "N17401",
        "andel_eb": "N31816",
        "langvarigt_eb": "N31834",
        "am_resultat": "U31462",
    }


def test_compare_by_hand() -> None:
    values = pd.DataFrame(
        [("N31807", m, 2023, "T", v) for m, v in COST_2023.items()],
        columns=["kpi", "kommun_id", "ar", "kon", "varde"],
    )
    table = compare(values, "N31807", 2023, list(R9), R9)
    # present: 3200 3000 2500 2500 2200 1800 1500 1400; sum 18 100 / 8 = 2262.5; median (2500+2200)/2
    assert set(table["gruppmedel"]) == {2262.5}
    assert set(table["gruppmedian"]) == {2350.0}
    ranks = dict(zip(table["kommun"], table["rang"].astype("object"), strict=True))
    assert ranks == {
        "Södertälje": 1,
        "Eskilstuna": 2,
        "Norrköping": 3,
        "Gävle": 3,
        "Örebro": 5,
        "Linköping": 6,
        "Jönköping": 7,
        "Uppsala": 8,
        "Västerås": pd.NA,
    }
    assert math.isnan(table[table["kommun"] == "Västerås"]["varde"].astype(float).iloc[0])


def test_jamfor_csv_end_to_end(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws", kommun_kod="0999")
    runner = CliRunner()
    with fake_kolada.serve() as (url, _):
        result = runner.invoke(
            build_app(),
            [
                "kolada",
                "jamfor",
                "--kpi",
                "N31816",
                "--kommuner",
                "0484,2180",
                "--ar",
                "2023",
                "--format",
                "csv",
                "--bas-url",
                url + "/v3",
                "-a",
                str(ws.root),
            ],
        )
    assert result.exit_code == 0, result.output
    # own municipality 0999 is added to the group. T: 5.0 4.5 4.0 -> mean 4.5, median 4.5.
    # K: 5.4 4.2 (0999 missing) -> mean 4.8, median 4.8. M: 4.6 4.4 3.8 -> mean 4.2666.., median 4.4.
    assert result.output.splitlines() == [
        "kpi,ar,kommun_id,kommun,kon,varde,gruppmedel,gruppmedian,rang",
        "N31816,2023,0484,Eskilstuna,T,5,4.5,4.5,1",
        "N31816,2023,0999,Demokommun,T,4.5,4.5,4.5,2",
        "N31816,2023,2180,Gävle,T,4,4.5,4.5,3",
        "N31816,2023,0484,Eskilstuna,K,5.4,4.8,4.8,1",
        "N31816,2023,2180,Gävle,K,4.2,4.8,4.8,2",
        "N31816,2023,0999,Demokommun,K,,4.8,4.8,",
        "N31816,2023,0484,Eskilstuna,M,4.6,4.26667,4.4,1",
        "N31816,2023,0999,Demokommun,M,4.4,4.26667,4.4,2",
        "N31816,2023,2180,Gävle,M,3.8,4.26667,4.4,3",
    ]
    # offline afterwards, from the workspace's store
    again = runner.invoke(
        build_app(),
        [
            "kolada",
            "jamfor",
            "--kpi",
            "N31816",
            "--kommuner",
            "0484,2180",
            "--ar",
            "2023",
            "--format",
            "csv",
            "--offline",
            "--bas-url",
            url + "/v3",
            "-a",
            str(ws.root),
        ],
    )
    assert again.exit_code == 0 and again.output == result.output


def test_reconcile_flags_differences_above_tolerance() -> None:
    ours = pd.DataFrame(
        [
            ("eb_andel_befolkning", "2022", "T", "", 5.0),
            ("eb_andel_befolkning", "2023", "T", "", 4.62),
        ],
        columns=["indikator", "period", "kon", "grupptyp", "varde"],
    )
    official = pd.DataFrame(
        [
            ("N31816", "0999", 2022, "T", 4.5),
            ("N31816", "0999", 2023, "T", 4.5),
            ("N31816", "0999", 2023, "K", 4.6),
        ],
        columns=["kpi", "kommun_id", "ar", "kon", "varde"],
    )
    table = reconcile(ours, official, "eb_andel_befolkning", "N31816", "0999", 0.3)
    rows = {(r["ar"], r["kon"]): r for r in table.to_dict("records")}
    assert rows[(2022, "T")]["skillnad"] == pytest.approx(0.5) and rows[(2022, "T")]["avviker"]
    assert rows[(2023, "T")]["skillnad"] == pytest.approx(0.12) and not rows[(2023, "T")]["avviker"]
    # Kolada has a figure for women that uppfolj does not compute (household indicator: T only)
    assert pd.isna(rows[(2023, "K")]["uppfolj"]) and not rows[(2023, "K")]["avviker"]


def test_groups_and_years_parsing() -> None:
    assert service.parse_years("2019-2021,2023") == [2019, 2020, 2021, 2023]
    assert len(R9) == 9 and R9["0380"] == "Uppsala" and R9["1880"] == "Örebro"


def test_yearly_report_section_from_stored_values(tmp_path: Path) -> None:
    from uppfolj.kolada.report import section

    fake_kolada.add("N31807", "0181", 2022, T=3000.0)
    ws = workspace.create(tmp_path / "ws", kommun_kod="0181")
    assert section(ws, 2023) is None  # nothing fetched yet
    with fake_kolada.serve() as (url, _):
        client = service.client_for(ws, url + "/v3")
        service.fetch(ws, ["N31807"], list(R9), [2022, 2023], client)
    sec = section(ws, 2023)  # offline: the server is gone
    assert sec is not None
    table = sec.blocks[2]
    assert table.title == "Kostnad för ekonomiskt bistånd, kr/inv, 2023"  # type: ignore[union-attr]
    rows = table.rows  # type: ignore[union-attr]
    # Södertälje is the own municipality, highest (3200), up 200 from 2022 (3000)
    assert rows[0] == ["Södertälje (egen kommun)", 3000.0, 3200.0, 200.0, 1]
    # group mean 2023 over the eight with a value: 18 100 / 8 = 2262,5; 2022 only Södertälje: 3000
    assert rows[-1] == ["Medelvärde R9", 3000.0, 2262.5, -737.5, ""]
    text = sec.blocks[1]
    assert text.key == "ar.kolada"  # type: ignore[union-attr]
    assert text.text == (  # type: ignore[union-attr]
        "Kostnad för ekonomiskt bistånd, kr/inv 2023: Södertälje hade 3\u00a0200 kr, högre än medelvärdet i R9 "
        "(2\u00a0263 kr), rang 1 av 8; en ökning med 200 kr jämfört med 2022."
    )
    assert not any("demonstrationen" in getattr(b, "text", "") for b in sec.blocks)  # real values
    assert "Källa: Kolada (RKA), nyckeltal N31807" in table.notes[0]  # type: ignore[union-attr]
