"""`/hjalp`: what the pages show (each page's own `help`, in the menu's order), the table symbols and the roles,
in Swedish."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from uppfolj.web.auth import Ctx, CurrentUser
from uppfolj.web.pages import explained, page
from uppfolj.web.render import render

router = APIRouter(tags=["hjälp"])
page("/hjalp", "Hjälp", "lasare", json=None, order=None)


@router.get("/hjalp", include_in_schema=False)
def help_page(request: Request, ctx: Ctx, user: CurrentUser) -> Response:
    return render(request, "hjalp.html", {"smatal": ctx.ws.config.smatal_grans, "explained": explained()})
