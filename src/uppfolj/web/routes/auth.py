"""`/logga-in` and `/logga-ut`: the login form (with its own CSRF cookie) and session cookies."""

from __future__ import annotations

import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from uppfolj.web.auth import Csrf, Ctx, CurrentUser, client_address, ctx_of, set_session_cookie
from uppfolj.web.context import WebContext
from uppfolj.web.render import render
from uppfolj.web.routes.oidc import START as OIDC_START
from uppfolj.web.routes.oidc import logout_response
from uppfolj.web.security import csrf_ok
from uppfolj.web.sessions import COOKIE
from uppfolj.web.throttle import Busy, Refusal

router = APIRouter(tags=["inloggning"])
LOGIN_COOKIE = "uppfolj_inloggning"


def _login_form(request: Request, message: str = "", status: int = 200, namn: str = "") -> Response:
    token = secrets.token_urlsafe(32)
    ctx = ctx_of(request)
    response = render(
        request,
        "logga_in.html",
        {
            "login_csrf": token,
            "meddelande": message,
            "namn": namn,
            "oidc": OIDC_START if ctx.oidc else None,
            "lokala": ctx.signon.local_accounts,
        },
        status=status,
    )
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=1800,
        path="/logga-in",
    )
    return response


def _refusals_note(ctx: WebContext, account: str, address: str) -> str:
    """Refused attempts not yet in the log, reported in the row being written (one row, not one per try)."""
    count = ctx.limiter.pending_refusals(account, address)
    return f"; {count} avvisade försök sedan förra loggposten" if count else ""


def _refused(
    request: Request, ctx: WebContext, refusal: Refusal, account: str, address: str, namn: str
) -> Response:
    """Too many failures: refused before the password check. Only the first refusal gets a log row; the
    later ones are counted and reported in the next row for the account or address."""
    if refusal.log:
        ctx.audit.write(
            account or "-",
            "inloggning_misslyckad",
            "spärrad: för många försök (fler försök räknas och redovisas i nästa loggpost)",
            address,
        )
    minutes = max(1, math.ceil(refusal.wait / 60))
    response = _login_form(
        request,
        f"För många misslyckade inloggningar. Vänta {minutes} minut(er) och försök igen.",
        status=429,
        namn=namn,
    )
    response.headers["Retry-After"] = str(math.ceil(refusal.wait))
    return response


@router.get("/logga-in", include_in_schema=False)
def login_page(request: Request) -> Response:
    return _login_form(request)


@router.post("/logga-in", include_in_schema=False)
def login(
    request: Request,
    ctx: Ctx,
    namn: Annotated[str, Form(max_length=100)] = "",
    losenord: Annotated[str, Form(max_length=1000)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    address = client_address(request)
    if not ctx.signon.local_accounts:
        # one row per address, not one per attempt: the log cannot be flooded from outside
        if ctx.limiter.first_refusal(f"adress:{address}"):
            ctx.audit.write(
                namn.strip().lower()[:100] or "-",
                "inloggning_misslyckad",
                "lokala konton avstängda (fler försök från adressen räknas och redovisas i nästa loggpost)",
                address,
            )
        return _login_form(
            request, "Lokala konton är avstängda. Logga in med kommunens konto.", status=403, namn=namn
        )
    if not csrf_ok(request.cookies.get(LOGIN_COOKIE, ""), csrf):
        return _login_form(request, "Formuläret har gått ut. Försök igen.", status=403, namn=namn)
    account = namn.strip().lower()[:100]
    attempt = ctx.limiter.begin(account, address)
    if isinstance(attempt, Refusal):
        return _refused(request, ctx, attempt, account, address, namn)
    try:
        with ctx.limiter.checking():
            user = ctx.users.authenticate(namn, losenord)
    except Busy:
        ctx.limiter.cancel(attempt)
        response = _login_form(
            request, "Servern är upptagen. Försök igen om en stund.", status=503, namn=namn
        )
        response.headers["Retry-After"] = "10"
        return response
    except BaseException:
        ctx.limiter.cancel(attempt)
        raise
    ctx.limiter.finish(attempt, ok=user is not None)
    refused = _refusals_note(ctx, account, address)
    if user is None:
        ctx.audit.write(account or "-", "inloggning_misslyckad", "fel namn eller lösenord" + refused, address)
        return _login_form(request, "Fel användarnamn eller lösenord.", status=401, namn=namn)
    token, _ = ctx.sessions.create(user.namn)
    ctx.audit.write(user.namn, "inloggning", f"roll {user.roll}{refused}", address)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, request, token)
    response.delete_cookie(LOGIN_COOKIE, path="/logga-in")
    return response


@router.get("/logga-ut", include_in_schema=False)
def logout_page(request: Request, user: CurrentUser) -> Response:
    return render(request, "logga_ut.html", {})


@router.post("/logga-ut", include_in_schema=False, dependencies=[Csrf])
def logout(request: Request, user: CurrentUser) -> Response:
    ctx = ctx_of(request)
    token = request.cookies.get(COOKIE)
    session = ctx.sessions.get(token)
    ctx.sessions.delete(token)
    ctx.audit.write(user.namn, "utloggning", "", client_address(request))
    # the provider's session ends too, where the provider offers it (RP-initiated logout)
    response = logout_response(request, ctx, session)
    response.delete_cookie(COOKIE, path="/")
    return response
