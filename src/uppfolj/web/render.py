"""Render a page: the template gets the request, the user, the menu, the CSRF token and the page's data."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from uppfolj.web.pages import navigation


def render(request: Request, template: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
    ctx = request.app.state.ctx
    user = getattr(request.state, "user", None)
    context = {
        "request": request,
        "user": user,
        "nav": navigation(user) if user is not None else [],
        "csrf": getattr(request.state, "csrf", ""),
        "path": request.url.path,
        **data,
    }
    return ctx.templates.TemplateResponse(request, template, context, status_code=status)
