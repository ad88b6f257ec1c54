"""Who is asking: the session cookie → user, role checks, CSRF checks. Used as FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import Response

from uppfolj.web.context import WebContext
from uppfolj.web.security import csrf_ok
from uppfolj.web.sessions import COOKIE, IDLE_SECONDS, Session
from uppfolj.web.users import User


class NotLoggedIn(Exception):
    """No valid session: pages redirect to the login page, the API answers 401."""


class Forbidden(Exception):
    """Logged in, but the role does not allow this: 403."""

    def __init__(self, message: str = "Din roll ger inte behörighet till den här sidan.") -> None:
        super().__init__(message)


class CsrfRejected(Exception):
    """A state-changing request without the session's CSRF token: 403."""


def ctx_of(request: Request) -> WebContext:
    return request.app.state.ctx


Ctx = Annotated[WebContext, Depends(ctx_of)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "okänd"


def record_refusal(request: Request, reason: str) -> None:
    """A refused request (role, CSRF) in the audit log: who, what and from where. Only for a valid session:
    anonymous requests are answered without a row, so the log cannot be flooded from outside."""
    user = getattr(request.state, "user", None)
    if user is None:
        return
    query = request.url.query
    target = request.method + " " + request.url.path + (f"?{query}" if query else "")
    ctx_of(request).audit.write(user.namn, "nekad", f"{target}: {reason}", client_address(request))


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    """The session cookie, for a local login and a provider sign-on alike."""
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=IDLE_SECONDS * 10,
        path="/",
    )


def session_of(request: Request) -> tuple[User, Session]:
    ctx = ctx_of(request)
    session = ctx.sessions.get(request.cookies.get(COOKIE))
    if session is None:
        raise NotLoggedIn()
    if session.extern is not None:
        # signed on through the identity provider: role and unit are those its groups gave at sign-on
        extern = session.extern
        user: User | None = User(session.namn, extern.roll, extern.enhet, visningsnamn=extern.visningsnamn)
    else:
        user = ctx.users.get(session.namn) if ctx.signon.local_accounts else None
    if user is None or not user.aktiv:
        raise NotLoggedIn()
    request.state.user = user
    request.state.csrf = session.csrf
    return user, session


def current_user(request: Request) -> User:
    return session_of(request)[0]


CurrentUser = Annotated[User, Depends(current_user)]


def _require(role: str) -> object:
    def dependency(request: Request) -> User:
        user = current_user(request)
        if not user.may(role):
            raise Forbidden()
        return user

    return Depends(dependency)


AnalystUser = Annotated[User, _require("analytiker")]
AdminUser = Annotated[User, _require("admin")]


async def check_csrf(request: Request) -> None:
    """Every POST must carry the session's token: form field `csrf` or header `X-CSRF-Token`."""
    _, session = session_of(request)
    given = request.headers.get("x-csrf-token")
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf")
        given = value if isinstance(value, str) else None
    if not csrf_ok(session.csrf, given):
        raise CsrfRejected()


Csrf = Depends(check_csrf)
