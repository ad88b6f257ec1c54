"""The routers, one module per page family; `create_app` includes every router listed here."""

from __future__ import annotations

from fastapi import APIRouter

from uppfolj.web.routes import (
    admin,
    auth,
    effects,
    goals,
    help,
    imports,
    indicators,
    overview,
    reports,
    units,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    overview.router,
    indicators.router,
    goals.router,
    units.router,
    reports.router,
    effects.router,
    imports.router,
    admin.router,
    help.router,
]
