"""BIP: the progression per indicator, by insatstyp or enhet, K/M/T, protected for readers; `/api/bip`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from uppfolj import fmt
from uppfolj.bip.aggregate import MEASURES, aggregate
from uppfolj.bip.progression import has_table
from uppfolj.store import Snapshot
from uppfolj.web.auth import Ctx, CurrentUser
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.common import log_unprotected, target
from uppfolj.web.users import User

router = APIRouter(tags=["bip"])
page(
    "/bip",
    "BIP",
    "lasare",
    json="/api/bip",
    order=60,
    help=(
        "Progressionen enligt BIP per indikator och insatstyp eller enhet: personer med mätning, "
        "medelförändring från första till senaste mätning och andel som förbättrats. Läsare ser alltid "
        "skyddade tal."
    ),
)
PER_TITLES = {"insatstyp": "Insatstyp", "enhet": "Enhet"}


def _number(value: Any) -> float | None:
    """Six decimals in JSON: enough for any use, and no long digit runs that look like a personnummer."""
    return None if pd.isna(value) else round(float(value), 6)


def shown(value: float | None, hidden: bool, matt: str) -> str:
    unit = MEASURES[matt][1]
    return fmt.cell(
        value, hidden=hidden, unit="%" if unit == "%" else "", decimals=2 if unit == "skalsteg" else None
    )


def bip_data(ctx: Ctx, user: User, per: str, skyddat: bool) -> dict[str, Any]:
    """Protected unless an analyst asks for unprotected figures; a unit reader sees only their unit.
    Built once per snapshot, role kind, unit and options (the data service's view cache)."""
    protected = skyddat or not user.sees_unprotected
    if user.enhet:
        per = "enhet"
    snap = ctx.data.snapshot()
    built = ctx.data.memo(
        snap, "bip", user, (per, protected), lambda: _build(ctx, snap, user, per, protected)
    )
    return dict(built)


def _build(ctx: Ctx, snap: Snapshot, user: User, per: str, protected: bool) -> dict[str, Any]:
    with ctx.data.connect(snap) as con:
        if not has_table(con, "bip"):
            return {"finns": False, "per": per, "skyddat": protected, "rader": [], "indikatorer": []}
        frame = aggregate(con, per=per, publish=protected, threshold=ctx.ws.config.smatal_grans)
    if user.enhet:
        frame = frame[(frame["grupptyp"] == "enhet") & (frame["grupp"] == user.enhet)]
    rows = [
        {
            "indikator": r["indikator"],
            "matt": r["matt"],
            "kon": r["kon"],
            "grupptyp": r["grupptyp"],
            "grupp": r["grupp"],
            "varde": _number(r["varde"]),
            "taljare": _number(r["taljare"]),
            "namnare": _number(r["namnare"]),
            "undertryckt": int(r["undertryckt"]),
        }
        for r in frame.to_dict("records")
    ]
    return {
        "finns": True,
        "per": per,
        "skyddat": protected,
        "ogonblick": snap.snapshot_id,
        "rader": rows,
        "indikatorer": sorted({r["indikator"] for r in rows}),
    }


def _tables(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For the page: per indicator, one line per group and measure with the K, M and T cells."""
    tables: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for r in rows:
        lines = tables.setdefault(r["indikator"], {})
        group = r["grupp"] or "Totalt"
        line = lines.setdefault(
            (group, r["matt"]), {"grupp": group, "matt": MEASURES[r["matt"]][0], "celler": {}}
        )
        line["celler"][r["kon"]] = shown(r["varde"], bool(r["undertryckt"]), r["matt"])
    return [{"indikator": ind, "rader": list(lines.values())} for ind, lines in tables.items()]


Per = Annotated[Literal["insatstyp", "enhet"], Query(description="Gruppering: insatstyp eller enhet")]
Skyddat = Annotated[
    bool, Query(description="Röjandeskydd (analytiker kan välja false; läsare får alltid skyddade tal)")
]


@router.get(
    "/api/bip", summary="BIP-progression per indikator och insatstyp eller enhet, K/M/T, med röjandeskydd"
)
def api_bip(
    request: Request, ctx: Ctx, user: CurrentUser, per: Per = "insatstyp", skyddat: Skyddat = True
) -> dict[str, Any]:
    data = bip_data(ctx, user, per, skyddat)
    if not data["skyddat"]:
        log_unprotected(request, user, target(request))
    return data


@router.get("/bip", include_in_schema=False)
def bip_page(
    request: Request, ctx: Ctx, user: CurrentUser, per: Per = "insatstyp", skyddat: Skyddat = True
) -> Response:
    data = bip_data(ctx, user, per, skyddat)
    if not data["skyddat"]:
        log_unprotected(request, user, target(request))
    return render(request, "bip.html", {**data, "tabeller": _tables(data["rader"]), "per_titlar": PER_TITLES})
