"""Åtgärdsplan: the action plan's expected and achieved effect per measure and activity; `/api/atgardsplan`."""

from __future__ import annotations

from typing import Any

import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import Response

from uppfolj import fmt
from uppfolj.atgardsplan.followup import by_activity, summary_sentence, totals
from uppfolj.atgardsplan.plan import STATUSES, find_plan, read_measures
from uppfolj.web.auth import Ctx, CurrentUser, Forbidden
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.users import User

router = APIRouter(tags=["åtgärdsplan"])
page(
    "/atgardsplan",
    "Åtgärdsplan",
    "lasare",
    json="/api/atgardsplan",
    order=80,
    unit_readers=False,
    help=(
        "Åtgärdsplanen för ekonomi i balans: förväntad och uppnådd effekt per åtgärd och verksamhet (tkr)."
    ),
)


#: JSON figures keep six decimals: enough for any use, and no long digit runs that look like a personnummer
DECIMALS = 6


def _share(achieved: float, expected: float) -> float | None:
    return round(achieved / expected * 100, DECIMALS) if expected else None


def plan_data(ctx: Ctx, user: User) -> dict[str, Any]:
    if user.enhet:
        raise Forbidden("Åtgärdsplanen gäller hela nämnden; ditt konto visar bara din enhet.")
    path = find_plan(ctx.ws.root)
    if path is None:
        return {
            "finns": False,
            "fil": "",
            "sammanfattning": "",
            "atgarder": [],
            "verksamheter": [],
            "summa": None,
        }
    measures = read_measures(path)
    expected, achieved = totals(measures)
    activities = [
        {
            "verksamhet": r["verksamhet"],
            "forvantad_tkr": float(r["forvantad_tkr"]),
            "uppnadd_tkr": float(r["uppnadd_tkr"]),
            "andel": None if pd.isna(r["andel"]) else round(float(r["andel"]), DECIMALS),
        }
        for r in by_activity(measures).to_dict("records")
    ]
    return {
        "finns": True,
        "fil": path.name,
        "sammanfattning": summary_sentence(measures),
        "atgarder": [
            {
                "atgard_id": m.id,
                "atgard": m.text,
                "verksamhet": m.activity,
                "forvantad_tkr": m.expected_tkr,
                "uppnadd_tkr": m.achieved_tkr,
                "status": m.status,
                "status_text": STATUSES[m.status],
                "ansvarig": m.responsible,
                "kommentar": m.comment,
            }
            for m in measures
        ],
        "verksamheter": activities,
        "summa": {"forvantad_tkr": expected, "uppnadd_tkr": achieved, "andel": _share(achieved, expected)},
    }


@router.get(
    "/api/atgardsplan",
    summary="Åtgärdsplanen: förväntad och uppnådd effekt (tkr) per åtgärd och verksamhet, med sammanfattning",
)
def api_plan(ctx: Ctx, user: CurrentUser) -> dict[str, Any]:
    return plan_data(ctx, user)


@router.get("/atgardsplan", include_in_schema=False)
def plan_page(request: Request, ctx: Ctx, user: CurrentUser) -> Response:
    return render(request, "atgardsplan.html", {**plan_data(ctx, user), "tkr": _tkr})


def _tkr(value: float | None) -> str:
    """A figure already in tkr, as the report writes it (`fmt.tkr` takes kronor)."""
    return fmt.tkr(None if value is None else value * 1000)
