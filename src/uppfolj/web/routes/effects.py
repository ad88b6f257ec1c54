"""Effekter: the effect reports written by `uppfolj effekt` (their JSON summaries), with downloads."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from uppfolj.effects.across import collect
from uppfolj.effects.outcomes import EXIT_COLOURS, EXIT_LABELS, EXIT_NAMES, EXIT_NOTE
from uppfolj.effects.wording import decimals, unit
from uppfolj.web.auth import AnalystUser, Ctx
from uppfolj.web.forest import forest
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


#: fields of a competing-exit row that are shares, shown in procent / procentenheter
_EXIT_SHARES = ("andel_deltagare", "andel_jamforelse", "skattning", "ki_undre", "ki_ovre")


def _exits(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The report's competing-exit rows, one curve per cause, shares × 100."""
    return [
        {
            "orsak": cause,
            "namn": name,
            "rader": [
                {
                    "tau": row.get("tau"),
                    **{k: _scaled(row.get(k), 100.0) for k in _EXIT_SHARES},
                    "n_behandlade": row.get("n_behandlade"),
                }
                for row in rows
                if row.get("orsak") == cause
            ],
        }
        for cause, name in EXIT_NAMES.items()
        if any(row.get("orsak") == cause for row in rows)
    ]


#: the competing-exit chart on the page: plot area inside a 520 × 200 SVG
_SVG_LEFT, _SVG_TOP, _SVG_WIDTH, _SVG_HEIGHT = 40, 10, 470, 160


def _exit_chart(curves: list[dict[str, Any]]) -> dict[str, Any]:
    """SVG coordinates of each cause's effect curve and 95 % band (procentenheter against months), the zero
    line and the y ticks, for the page's chart."""
    rows = [r for c in curves for r in c["rader"] if r["skattning"] is not None]
    if not rows:
        return {}
    low = min([r["ki_undre"] for r in rows if r["ki_undre"] is not None] + [0.0])
    high = max([r["ki_ovre"] for r in rows if r["ki_ovre"] is not None] + [0.0])
    span = (high - low) or 1.0
    last = max(r["tau"] for r in rows) or 1

    def x(tau: float) -> float:
        return round(_SVG_LEFT + _SVG_WIDTH * tau / last, 1)

    def y(value: float) -> float:
        return round(_SVG_TOP + _SVG_HEIGHT * (high - value) / span, 1)

    step = 10 if span > 25 else 5
    ticks = [t for t in range(int(low // step) * step, int(high) + step, step) if low <= t <= high]
    lines = []
    for curve in curves:
        shown = [r for r in curve["rader"] if r["skattning"] is not None]
        banded = [r for r in shown if r["ki_undre"] is not None and r["ki_ovre"] is not None]
        line, band = EXIT_COLOURS[curve["orsak"]]
        lines.append(
            {
                "namn": EXIT_LABELS[curve["orsak"]],
                "linje": " ".join(f"{x(r['tau'])},{y(r['skattning'])}" for r in shown),
                "band": " ".join(
                    [f"{x(r['tau'])},{y(r['ki_ovre'])}" for r in banded]
                    + [f"{x(r['tau'])},{y(r['ki_undre'])}" for r in reversed(banded)]
                ),
                "farg": line,
                "bandfarg": band,
            }
        )
    return {
        "kurvor": lines,
        "noll_y": y(0.0),
        "y_streck": [{"y": y(t), "text": t} for t in ticks],
        "x_streck": [{"x": x(t), "text": t} for t in range(0, last + 1, 6)],
    }


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
        exits = _exits(data.get("avslut_over_tid") or [])
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
                # time to leaving bistånd as two competing exits (or why there are none)
                "avslut": exits,
                "avslut_diagram": _exit_chart(exits),
                "avslut_meningar": [str(t) for t in data.get("avslut_meningar") or []],
                "avslut_saknas": str(data.get("avslut_saknas") or ""),
                "avslut_not": EXIT_NOTE,
                "filer": files,
            }
        )
    across = collect(folder)
    return {"rapporter": reports, "jamforelse": across}


@router.get(
    "/api/effekter", summary="Effektrapporterna (uppfolj effekt): skattning och konfidensintervall per utfall"
)
def api_effects(ctx: Ctx, user: AnalystUser) -> dict[str, Any]:
    return effects_data(ctx)


@router.get("/effekter", include_in_schema=False)
def effects_page(request: Request, ctx: Ctx, user: AnalystUser) -> Response:
    data = effects_data(ctx)
    return render(request, "effekter.html", {**data, "skog": forest(data["jamforelse"])})
