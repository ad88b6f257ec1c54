"""Helpers shared by the page routers."""

from __future__ import annotations

from fastapi import Request

from uppfolj.web.auth import client_address, ctx_of
from uppfolj.web.users import User


def log_unprotected(request: Request, user: User, what: str) -> None:
    """Views of unprotected figures are recorded (readers only ever get protected ones)."""
    if user.sees_unprotected:
        ctx_of(request).audit.write(user.namn, "visning_oskyddade", what, client_address(request))


def log_person_level(request: Request, user: User, what: str) -> None:
    """Every view of person-level lists (pseudonymous references, case by case) is recorded."""
    ctx_of(request).audit.write(user.namn, "visning_personniva", what, client_address(request))


def target(request: Request) -> str:
    """The path and query as written in the audit log."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")
