"""The routers, one module per page family; `create_app` includes every router listed here."""

from __future__ import annotations

from fastapi import APIRouter

from uppfolj.web.routes import (
    admin,
    atgardsplan,
    auth,
    bip,
    effects,
    goals,
    help,
    imports,
    indicators,
    internkontroll,
    kolada,
    oidc,
    overview,
    reports,
    texts,
    units,
    uppdrag,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    oidc.router,
    overview.router,
    indicators.router,
    goals.router,
    units.router,
    reports.router,
    texts.router,
    effects.router,
    uppdrag.router,
    atgardsplan.router,
    bip.router,
    internkontroll.router,
    kolada.router,
    imports.router,
    admin.router,
    help.router,
]
