"""Mål: the goal tree (målområde → kommunmål → nämndmål → indicators) with assessments; `/api/mal`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from uppfolj.errors import UppfoljError
from uppfolj.indicators.periods import Period
from uppfolj.web.auth import Ctx, CurrentUser, Forbidden
from uppfolj.web.goals import GoalService
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.common import log_unprotected, target
from uppfolj.web.users import User

router = APIRouter(tags=["mål"])
page(
    "/mal",
    "Mål",
    "lasare",
    json="/api/mal",
    order=30,
    unit_readers=False,
    help=("Nämndens mål med indikatorer, målvärden och bedömning per år."),
)


def goals_data(ctx: Ctx, user: User, ar: int | None) -> dict[str, Any]:
    if user.enhet:
        raise Forbidden("Målen gäller hela nämnden; ditt konto visar bara din enhet.")
    service: GoalService = ctx.goals
    if not service.has_goals():
        raise UppfoljError("Arbetsytan har ingen målfil (mal.yaml). Lägg in nämndens mål enligt docs/mal.md.")
    if ar is None:
        last = ctx.data.latest_month(ctx.data.snapshot(), "eb")
        if last is None:
            raise UppfoljError("Det finns inga data att följa upp målen mot. Importera en exportmapp först.")
        ar = Period.parse(last).year
    data = dict(service.table(user, ar))
    if not user.may("analytiker"):
        # the warnings name files in the workspace: for the people who maintain them
        data["varningar"] = []
    return data


Year = Annotated[
    int | None, Query(ge=2000, le=2100, description="Året som följs upp; standard senaste dataåret")
]


@router.get("/api/mal", summary="Målen med indikatorer, värden och bedömning för ett år")
def api_goals(request: Request, ctx: Ctx, user: CurrentUser, ar: Year = None) -> dict[str, Any]:
    data = goals_data(ctx, user, ar)
    log_unprotected(request, user, target(request))
    return data


@router.get("/mal", include_in_schema=False)
def goals_page(request: Request, ctx: Ctx, user: CurrentUser, ar: Year = None) -> Response:
    data = goals_data(ctx, user, ar)
    log_unprotected(request, user, target(request))
    return render(request, "mal.html", data)
