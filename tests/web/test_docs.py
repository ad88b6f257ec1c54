"""Every route of the app is described in docs/webb.md (the developer docs cannot silently fall behind)."""

from __future__ import annotations

from pathlib import Path

from fastapi.routing import APIRoute

from uppfolj.web.routes import routers

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webb.md"


def route_paths() -> set[str]:
    return {r.path for router in routers() for r in router.routes if isinstance(r, APIRoute)}


def test_routes_are_found() -> None:
    # guards the check below against finding no routes at all
    assert {"/", "/api/indikatorer", "/logga-in", "/admin/logg"} <= route_paths()


def test_every_route_is_in_the_docs() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert sorted(p for p in route_paths() if f"`{p}" not in text and f" {p}" not in text) == []
