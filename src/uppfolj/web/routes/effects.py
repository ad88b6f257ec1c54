"""Effekter: the effect reports written by `uppfolj effekt` (their JSON summaries), with downloads."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from uppfolj.effects.across import collect
from uppfolj.effects.wording import decimals, unit
from uppfolj.web.auth import AnalystUser, Ctx
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.reports import MEDIA

router = APIRouter(tags=["effekter"])
page(
    "/effekter",
    "Effekter",
    "analytiker",
    json="/api/effekter",
    order=120,
    help=("Effektutvärderingarna som gjorts med `uppfolj effekt`."),
)
PREFIX = "effekt-"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _scaled(value: Any, factor: float) -> float | None:
    number = _number(value)
    return None if number is None else number * factor


def effects_data(ctx: Ctx) -> dict[str, Any]:
    folder = ctx.ws.reports_dir
    reports = []
    paths = sorted(folder.glob(f"{PREFIX}*.json")) if folder.exists() else []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        outcomes = []
        for key, result in (data.get("utfall") or {}).items():
            # shares in procentenheter (× 100), months as they are: what a committee reads
            enhet = str(result.get("enhet") or unit(key))
            factor = 100.0 if enhet == "procentenheter" else 1.0
            outcomes.append(
                {
                    "utfall": key,
                    "namn": result.get("namn", key),
                    "metod": result.get("metod", ""),
                    "enhet": enhet,
                    "decimaler": decimals(key),
                    "mening": str(result.get("mening") or ""),
                    "skattning": _scaled(result.get("skattning"), factor),
                    "ki_undre": _scaled(result.get("ki_undre"), factor),
                    "ki_ovre": _scaled(result.get("ki_ovre"), factor),
                    "mde": _scaled(result.get("minsta_upptackbara_effekt"), factor),
                    "p_varde": _number(result.get("p_varde")),
                    "n_behandlade": result.get("n_behandlade"),
                    "n_jamforelse": result.get("n_jamforelse"),
                    "varningar": [str(w) for w in result.get("varningar", [])],
                }
            )
        files = [
            {"namn": p.name, "url": f"/rapporter/fil/{p.name}"}
            for p in sorted(folder.glob(path.stem + ".*"))
            if p.suffix in MEDIA
        ]
        reports.append(
            {
                "insatstyp": data.get("insatstyp", path.stem.removeprefix(PREFIX)),
                "ogonblick": data.get("ogonblick", ""),
                "utfall": outcomes,
                "tackning": str(data.get("tackning") or ""),
                "skattningsmal": str(data.get("skattningsmal") or ""),
                "ej_skattad": str(data.get("ej_skattad") or ""),
                "kostnad": (data.get("underlag") or {}).get("kostnad"),
                "filer": files,
            }
        )
    across = collect(folder)
    low = min([r["ki_undre"] for r in across] + [0.0])
    high = max([r["ki_ovre"] for r in across] + [0.0])
    span = (high - low) or 1.0
    for r in across:  # positions in a 0–300 wide forest plot, for the page's SVG
        r["x"], r["x_lo"], r["x_hi"] = (300 * (r[k] - low) / span for k in ("effekt", "ki_undre", "ki_ovre"))
    return {"rapporter": reports, "jamforelse": across, "noll_x": 300 * (0 - low) / span}


@router.get(
    "/api/effekter", summary="Effektrapporterna (uppfolj effekt): skattning och konfidensintervall per utfall"
)
def api_effects(ctx: Ctx, user: AnalystUser) -> dict[str, Any]:
    return effects_data(ctx)


@router.get("/effekter", include_in_schema=False)
def effects_page(request: Request, ctx: Ctx, user: AnalystUser) -> Response:
    return render(request, "effekter.html", effects_data(ctx))
