"""Kolada: the own municipality against its comparison group, from the values already fetched; `/api/kolada`.

Nothing here talks to the network: the values come from the workspace's value store (`uppfolj kolada hamta`),
and the reconciliation uses the client in offline mode, so it is shown only when the cache holds what it
needs. Kolada's figures are public, so every role may see them; the reconciliation puts uppfolj's own
(unprotected) figures beside them and is for analysts.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import Response

from uppfolj import fmt
from uppfolj.errors import UppfoljError
from uppfolj.kolada import service
from uppfolj.kolada.compare import compare, own_trend
from uppfolj.kolada.groups import R9
from uppfolj.web.auth import Ctx, CurrentUser
from uppfolj.web.charts import Series, line_chart
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.common import log_unprotected, target
from uppfolj.web.users import User

router = APIRouter(tags=["kolada"])
page(
    "/kolada",
    "Kolada",
    "lasare",
    json="/api/kolada",
    order=50,
    help=(
        "Kommunen jämförd med jämförelsegruppen (standard R9) för de nyckeltal som hämtats från Kolada "
        "med `uppfolj kolada hamta`: värde, gruppmedel, gruppmedian och rang (1 = högst värde), per kön "
        "där nyckeltalet har det, och utvecklingen över åren. Analytiker ser också avstämningen mot "
        "uppfoljs egna indikatorer."
    ),
)
#: every year the value store may hold
YEARS = list(range(1990, 2101))
FETCH_HINT = "uppfolj kolada hamta --kpi N31807,N31001 --kommuner R9 --ar 2019-2024"


def _num(value: Any) -> float | None:
    """Six decimals in JSON: enough for any use, and no long digit runs that look like a personnummer."""
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else round(number, 6)


def _kpi(
    values: pd.DataFrame, kpi: str, title: str, own: str, municipalities: list[str]
) -> dict[str, Any] | None:
    mine = values[values["kpi"] == kpi]
    years = sorted(int(y) for y in mine.loc[mine["varde"].notna(), "ar"].unique())
    if not years:
        return None
    year = years[-1]
    # municipalities never named by a fetch keep their code, except the predefined R9 ones
    stored = {m: n for m, n in zip(mine["kommun_id"], mine["kommun"], strict=True) if n != m}
    names = {**R9, **stored}
    table = compare(mine, kpi, year, municipalities, names)
    trend = own_trend(mine, kpi, own, municipalities, years)
    return {
        "kpi": kpi,
        "titel": title,
        "ar": year,
        "hamtad": f"{pd.Timestamp(mine['hamtad'].min()):%Y-%m-%d}",
        "kon_uppdelad": bool(set(table["kon"]) - {"T"}),
        "jamforelse": [
            {
                "kommun_id": r["kommun_id"],
                "kommun": r["kommun"],
                "egen": r["kommun_id"] == own,
                "kon": r["kon"],
                "varde": _num(r["varde"]),
                "gruppmedel": _num(r["gruppmedel"]),
                "gruppmedian": _num(r["gruppmedian"]),
                "rang": None if pd.isna(r["rang"]) else int(r["rang"]),
            }
            for r in table.to_dict("records")
        ],
        "trend": [
            {
                "ar": int(r["ar"]),
                "varde": _num(r["varde"]),
                "gruppmedel": _num(r["gruppmedel"]),
                "rang": None if pd.isna(r["rang"]) else int(r["rang"]),
                "antal": int(r["antal"]),
            }
            for r in trend.to_dict("records")
        ],
    }


def _reconciliation(ctx: Ctx, years: list[int]) -> tuple[list[dict[str, Any]] | None, str]:
    """The reconciliation table, or None and why not (offline: only what the cache already holds)."""
    if not years:
        return None, ""
    try:
        frame = service.reconciliation(ctx.ws, years, service.client_for(ctx.ws, offline=True))
    except UppfoljError as exc:
        return None, f"Avstämningen mot uppfoljs egna indikatorer kan inte göras utan nätverk: {exc}"
    rows = [
        {
            "indikator": r["indikator"],
            "kpi": r["kpi"],
            "ar": int(r["ar"]),
            "kon": r["kon"],
            "uppfolj": _num(r["uppfolj"]),
            "kolada": _num(r["kolada"]),
            "skillnad": _num(r["skillnad"]),
            "tolerans": _num(r["tolerans"]),
            "avviker": bool(r["avviker"]),
        }
        for r in frame.to_dict("records")
    ]
    return rows, ""


def kolada_data(ctx: Ctx, user: User) -> dict[str, Any]:
    ws = ctx.ws
    group = str(service.settings(ws).get("jamforelsegrupp") or "R9")
    own = ws.config.kommun_kod
    municipalities = service.municipalities_for(ws, group)
    store = service.value_store(ws)
    titles = store.kpi_titles() if store.path.exists() else {}
    values = store.load(sorted(titles), municipalities, YEARS) if titles else pd.DataFrame()
    kpis = [k for k in (_kpi(values, kpi, titles[kpi], own, municipalities) for kpi in sorted(titles)) if k]
    data: dict[str, Any] = {
        "hamtat": bool(kpis),
        "grupp": group,
        "egen_kommun": own,
        "kommuner": municipalities,
        "nyckeltal": kpis,
        "hamta": FETCH_HINT,
        "avstamning": None,
        "avstamning_saknas": "",
    }
    if kpis and user.may("analytiker"):
        years = sorted({t["ar"] for k in kpis for t in k["trend"]})
        data["avstamning"], data["avstamning_saknas"] = _reconciliation(ctx, years)
    return data


@router.get(
    "/api/kolada",
    summary="Egen kommun mot jämförelsegruppen för de nyckeltal som hämtats från Kolada (värde, gruppmedel, "
    "gruppmedian, rang, K/M), trend och, för analytiker, avstämning mot uppfoljs indikatorer",
)
def api_kolada(request: Request, ctx: Ctx, user: CurrentUser) -> dict[str, Any]:
    data = kolada_data(ctx, user)
    if data["avstamning"] is not None:
        log_unprotected(request, user, target(request))
    return data


def _chart(item: dict[str, Any], n: int) -> str:
    labels = [str(t["ar"]) for t in item["trend"]]
    return line_chart(
        f"{item['titel']}: egen kommun och gruppmedel",
        labels,
        [
            Series("Egen kommun", "T", [t["varde"] for t in item["trend"]]),
            Series("Gruppmedel", "K", [t["gruppmedel"] for t in item["trend"]]),
        ],
        ident=f"k{n}",
    )


@router.get("/kolada", include_in_schema=False)
def kolada_page(request: Request, ctx: Ctx, user: CurrentUser) -> Response:
    data = kolada_data(ctx, user)
    if data["avstamning"] is not None:
        log_unprotected(request, user, target(request))
    charts = [_chart(item, n) for n, item in enumerate(data["nyckeltal"])]
    return render(request, "kolada.html", {**data, "diagram": charts, "tal": _value})


def _value(value: float | None) -> str:
    return fmt.number(value, 1)
