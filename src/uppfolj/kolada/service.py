"""Kolada for one workspace: settings, fetching into the value store, comparisons and reconciliation.

The CLI, the dashboard and the yearly report call these functions; none of them talks HTTP itself.

Workspace configuration (`uppfolj.yaml`, all optional):

    kolada:
      bas_url: https://api.kolada.se/v3     # a mirror or a test server
      grupper: {Grannar: ["0180", "0181"]}  # R9 is predefined
      tolerans: {eb_andel_befolkning: 0.3}  # reconciliation tolerance per indicator
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from uppfolj.kolada.cache import DiskCache
from uppfolj.kolada.client import DEFAULT_BASE_URL, KoladaClient, KoladaError
from uppfolj.kolada.compare import CORRESPONDENCES, RECONCILE_COLUMNS, compare, reconcile
from uppfolj.kolada.groups import resolve_municipalities
from uppfolj.kolada.kpis import DEFAULT_KPIS, resolve_defaults
from uppfolj.kolada.values import ValueStore
from uppfolj.workspace import Workspace


def settings(ws: Workspace) -> dict[str, Any]:
    raw = ws.config.ovrigt.get("kolada") or {}
    return raw if isinstance(raw, dict) else {}


def kolada_dir(ws: Workspace) -> Any:
    return ws.root / "kolada"


def client_for(
    ws: Workspace, base_url: str | None = None, *, offline: bool = False, refresh: bool = False
) -> KoladaClient:
    url = base_url or settings(ws).get("bas_url") or DEFAULT_BASE_URL
    return KoladaClient(str(url), DiskCache(kolada_dir(ws) / "cache"), offline=offline, refresh=refresh)


def value_store(ws: Workspace) -> ValueStore:
    return ValueStore(kolada_dir(ws) / "varden.duckdb")


def parse_years(text: str) -> list[int]:
    """`2019-2024`, `2023`, `2019,2021`."""
    years: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if "-" in part:
            a, b = part.split("-", 1)
            years.extend(range(int(a), int(b) + 1))
        elif part:
            years.append(int(part))
    return sorted(set(years))


@dataclass(frozen=True)
class FetchResult:
    values: int
    requests: int
    fetched_at: dt.datetime


def fetch(
    ws: Workspace,
    kpis: list[str],
    municipalities: list[str],
    years: list[int],
    client: KoladaClient,
) -> FetchResult:
    """Fetch values (and names) into the workspace's value store."""
    values, fetched_at = client.data(kpis, municipalities, years)
    store = value_store(ws)
    store.save(values, [(k, m, y) for k in kpis for m in municipalities for y in years], fetched_at)
    names: dict[str, str] = {}
    try:
        names = {
            str(r["id"]): str(r.get("title", r["id"])) for r in client.municipalities(ids=municipalities)
        }
        titles = {
            str(r["id"]): (str(r.get("title", "")), bool(r.get("is_divided_by_gender")))
            for r in client.kpis(ids=kpis)
        }
    except KoladaError:  # names are a nicety: the values are already stored
        titles = {}
    store.save_names(names, titles)
    return FetchResult(len(values), len(kpis) * len(municipalities) * len(years), fetched_at)


def ensure(
    ws: Workspace, kpis: list[str], municipalities: list[str], years: list[int], client: KoladaClient
) -> None:
    """Fetch only what the value store does not hold yet."""
    missing = value_store(ws).missing(kpis, municipalities, years)
    if missing:
        fetch(
            ws,
            sorted({m[0] for m in missing}),
            sorted({m[1] for m in missing}),
            sorted({m[2] for m in missing}),
            client,
        )


def municipalities_for(ws: Workspace, spec: str) -> list[str]:
    return resolve_municipalities(spec, settings(ws), own=ws.config.kommun_kod)


def comparison(
    ws: Workspace, kpi: str, municipalities: list[str], year: int, client: KoladaClient
) -> tuple[pd.DataFrame, dt.datetime | None]:
    ensure(ws, [kpi], municipalities, [year], client)
    store = value_store(ws)
    values = store.load([kpi], municipalities, [year])
    fetched = values["hamtad"].min() if len(values) else None
    return compare(values, kpi, year, municipalities, store.names()), fetched


def reconciliation(ws: Workspace, years: list[int], client: KoladaClient) -> pd.DataFrame:
    """uppfolj's indicators next to the Kolada KPI that measures the same thing, for the own municipality."""
    from uppfolj.indicators import compute

    own = ws.config.kommun_kod
    chosen = resolve_defaults(client)
    tolerances = settings(ws).get("tolerans") or {}
    frames = []
    con = ws.store().connect()
    try:
        for corr in CORRESPONDENCES:
            meta = chosen.get(corr.default_kpi)
            if meta is None:
                continue
            kpi = str(meta["id"])
            ensure(ws, [kpi], [own], years, client)
            official = value_store(ws).load([kpi], [own], years)
            ours = compute(
                con, periods=[str(y) for y in years], indicators=[corr.indicator], config=ws.config
            )
            tolerance = float(tolerances.get(corr.indicator, corr.tolerance))
            frames.append(reconcile(ours, official, corr.indicator, kpi, own, tolerance))
    finally:
        con.close()
    if not frames:
        return pd.DataFrame(columns=RECONCILE_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def default_kpi_labels() -> dict[str, str]:
    return {k.key: k.label for k in DEFAULT_KPIS}
