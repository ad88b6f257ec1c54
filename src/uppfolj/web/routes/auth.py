"""`/logga-in` and `/logga-ut`: the login form (with its own CSRF cookie) and session cookies."""

from __future__ import annotations

import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from uppfolj.web.auth import Csrf, Ctx, CurrentUser, client_address, ctx_of, set_session_cookie
from uppfolj.web.masking import mask_pnr
from uppfolj.web.render import render
from uppfolj.web.routes.oidc import START as OIDC_START
from uppfolj.web.routes.oidc import logout_response
from uppfolj.web.security import csrf_ok
from uppfolj.web.sessions import COOKIE

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
            "namn": mask_pnr(namn),
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
        ctx.audit.write(
            namn.strip().lower()[:100] or "-", "inloggning_misslyckad", "lokala konton avstängda", address
        )
        return _login_form(
            request, "Lokala konton är avstängda. Logga in med kommunens konto.", status=403, namn=namn
        )
    if not csrf_ok(request.cookies.get(LOGIN_COOKIE, ""), csrf):
        return _login_form(request, "Formuläret har gått ut. Försök igen.", status=403, namn=namn)
    keys = (f"adress:{address}", f"namn:{namn.strip().lower()}")
    wait = ctx.limiter.blocked(*keys)
    if wait > 0:
        ctx.audit.write(
            namn.strip().lower()[:100] or "-", "inloggning_misslyckad", "spärrad: för många försök", address
        )
        minutes = max(1, math.ceil(wait / 60))
        response = _login_form(
            request,
            f"För många misslyckade inloggningar. Vänta {minutes} minut(er) och försök igen.",
            status=429,
            namn=namn,
        )
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response
    user = ctx.users.authenticate(namn, losenord)
    if user is None:
        ctx.limiter.fail(*keys)
        ctx.audit.write(
            namn.strip().lower()[:100] or "-", "inloggning_misslyckad", "fel namn eller lösenord", address
        )
        return _login_form(request, "Fel användarnamn eller lösenord.", status=401, namn=namn)
    ctx.limiter.reset(keys[1])
    token, _ = ctx.sessions.create(user.namn)
    ctx.audit.write(user.namn, "inloggning", f"roll {user.roll}", address)
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
