"""Översikt `/`: the key indicators for the latest month, with trend; JSON twin `/api/oversikt`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from uppfolj.web import views
from uppfolj.web.auth import Ctx, CurrentUser
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.common import log_unprotected, target
from uppfolj.web.schemas import Overview

router = APIRouter(tags=["översikt"])
page(
    "/",
    "Översikt",
    "lasare",
    json="/api/oversikt",
    order=10,
    help=(
        "Nyckeltalen för den senaste hela månaden i datalagret, med förändring mot månaden före och mot "
        "samma månad året före, och målbedömningen när indikatorn har ett mål."
    ),
)


@router.get("/api/oversikt", summary="Nyckeltal för senaste månaden med förändring", response_model=Overview)
def api_overview(request: Request, ctx: Ctx, user: CurrentUser) -> dict[str, Any]:
    data = views.overview(ctx.data, user, ctx.goals)
    log_unprotected(request, user, target(request))
    return data


@router.get("/", include_in_schema=False)
def overview_page(request: Request, ctx: Ctx, user: CurrentUser) -> Response:
    data = views.overview(ctx.data, user, ctx.goals)
    log_unprotected(request, user, target(request))
    return render(request, "oversikt.html", data)
