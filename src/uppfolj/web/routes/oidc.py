"""`/logga-in/oidc` and its answer `/logga-in/oidc/svar`: sign-on through the municipality's identity
provider (OpenID Connect, authorization code flow with PKCE, state and nonce).

Role and unit come from the ID token's groups at each sign-on and live in the session only, so a change in
the directory takes effect at the user's next sign-on. Every outcome is written to the audit log: a
sign-on with the provider's subject and name, a refusal (no mapped group) and a failure with its reason,
never with a code, token or secret.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from uppfolj.web.auth import Ctx, client_address, set_session_cookie
from uppfolj.web.context import WebContext
from uppfolj.web.masking import mask_pnr
from uppfolj.web.oidc.flow import COOKIE as FLOW_COOKIE
from uppfolj.web.oidc.flow import FLOW_SECONDS, PendingSignOns
from uppfolj.web.oidc.mapping import Refused, grant, groups_of
from uppfolj.web.oidc.provider import Provider, ProviderUnavailable, SignOnFailed
from uppfolj.web.render import render
from uppfolj.web.sessions import ExternalIdentity, Session

router = APIRouter(tags=["inloggning"])
START = "/logga-in/oidc"
CALLBACK = "/logga-in/oidc/svar"
#: the audit log's user field holds at most this many characters
NAME_LIMIT = 100
_ERROR_CODE = re.compile(r"[^a-z0-9_.-]")


def _provider(ctx: WebContext) -> Provider:
    if ctx.oidc is None:
        raise HTTPException(status_code=404)
    return ctx.oidc


def _base(request: Request, provider: Provider) -> str:
    return provider.settings.public_url or str(request.base_url).rstrip("/")


def audit_name(visningsnamn: str, subjekt: str) -> str:
    """The user as the audit log and the registers record them: the provider's name and its subject."""
    room = NAME_LIMIT - len(subjekt) - 3
    return mask_pnr(f"{visningsnamn[:room].strip()} ({subjekt})")


@router.get(START, include_in_schema=False)
def start(request: Request, ctx: Ctx) -> Response:
    provider = _provider(ctx)
    try:
        provider.metadata()  # an unreachable provider is told before an attempt is stored
        browser, pending = PendingSignOns(ctx.db).start()
        url = provider.authorization_url(
            _base(request, provider) + CALLBACK, pending.state, pending.nonce, pending.code_verifier
        )
    except ProviderUnavailable as exc:
        return _failed(request, ctx, str(exc), 503)
    response = RedirectResponse(url, status_code=303)
    # Lax, not Strict: the provider's answer arrives as a navigation from the provider's site
    response.set_cookie(
        FLOW_COOKIE,
        browser,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        max_age=FLOW_SECONDS,
        path=CALLBACK,
    )
    return response


@router.get(CALLBACK, include_in_schema=False)
def callback(request: Request, ctx: Ctx, code: str = "", state: str = "", error: str = "") -> Response:
    provider = _provider(ctx)
    try:
        claims, id_token = _verified_claims(request, ctx, provider, code, state, error)
    except ProviderUnavailable as exc:
        return _failed(request, ctx, str(exc), 503)
    except SignOnFailed as exc:
        return _failed(request, ctx, str(exc), 400)
    subjekt = str(claims["sub"])
    if len(subjekt) > NAME_LIMIT // 2:
        return _failed(
            request, ctx, f"identitetsleverantörens subjekt är längre än {NAME_LIMIT // 2} tecken", 400
        )
    visningsnamn = mask_pnr(_display_name(claims))
    namn = audit_name(visningsnamn, subjekt)
    who = {"subjekt": subjekt, "namn": visningsnamn, "utfardare": claims["iss"]}
    address = client_address(request)
    try:
        given = grant(
            groups_of(claims, provider.settings.groups_claim),
            provider.settings.roles,
            provider.settings.units,
        )
    except Refused as exc:
        ctx.audit.write(namn, "inloggning_nekad", {**who, "orsak": str(exc)}, address)
        response = render(
            request, "oidc_nekad.html", {"meddelande": str(exc), "namn": visningsnamn}, status=403
        )
        response.delete_cookie(FLOW_COOKIE, path=CALLBACK)
        return response
    identity = ExternalIdentity(subjekt, visningsnamn, given.roll, given.enhet, id_token)
    token, _ = ctx.sessions.create(namn, identity)
    ctx.audit.write(
        namn,
        "inloggning",
        {**who, "roll": given.roll, "enhet": given.enhet, "grupper": list(given.grupper)},
        address,
    )
    # a page, not a redirect: the Strict session cookie is sent only on a navigation started on our site
    response = render(request, "oidc_vidare.html", {})
    set_session_cookie(response, request, token)
    response.delete_cookie(FLOW_COOKIE, path=CALLBACK)
    return response


def _verified_claims(
    request: Request, ctx: WebContext, provider: Provider, code: str, state: str, error: str
) -> tuple[dict[str, Any], str]:
    """The ID token's validated claims and the token itself, or SignOnFailed / ProviderUnavailable."""
    if error:
        code_name = _ERROR_CODE.sub("", error.lower())[:60]
        if code_name == "access_denied":
            raise SignOnFailed("inloggningen avbröts hos identitetsleverantören (access_denied)")
        raise SignOnFailed(f"identitetsleverantören avbröt inloggningen ({code_name})")
    pending = PendingSignOns(ctx.db).take(request.cookies.get(FLOW_COOKIE), state)
    if not code:
        raise SignOnFailed("svaret från identitetsleverantören saknar inloggningskod")
    answer = provider.exchange(code, _base(request, provider) + CALLBACK, pending.code_verifier)
    id_token = answer["id_token"]
    access = answer.get("access_token")
    claims = provider.validate_id_token(id_token, pending.nonce, access if isinstance(access, str) else None)
    return claims, id_token


def _display_name(claims: dict[str, Any]) -> str:
    for claim in ("name", "preferred_username", "email"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return str(claims["sub"])


def _failed(request: Request, ctx: WebContext, reason: str, status: int) -> Response:
    ctx.audit.write("-", "inloggning_misslyckad", {"orsak": reason}, client_address(request))
    response = render(
        request,
        "oidc_fel.html",
        {"meddelande": mask_pnr(reason), "status": status, "lokala": ctx.signon.local_accounts},
        status=status,
    )
    response.delete_cookie(FLOW_COOKIE, path=CALLBACK)
    return response


def logout_response(request: Request, ctx: WebContext, session: Session | None) -> Response:
    """After uppfolj's session is gone: the provider's end-session page too (RP-initiated logout), where the
    provider offers it, else the login page.

    The provider is reached through a page, not a redirect: the logout is a form post, and the pages' CSP
    (`form-action 'self'`) stops a form's redirect to another site."""
    if session is not None and session.extern is not None and ctx.oidc is not None:
        url = ctx.oidc.logout_url(session.extern.id_token, _base(request, ctx.oidc) + "/logga-in")
        if url:
            request.state.user = None  # the page is shown after the session ended: no menu
            return render(request, "oidc_utloggning.html", {"adress": url})
    return RedirectResponse("/logga-in", status_code=303)


def sign_on_summary(ctx: WebContext) -> dict[str, Any]:
    """For the admins' account page: local accounts on or off, and which groups give which access."""
    settings = ctx.oidc.settings if ctx.oidc else None
    return {
        "lokala_konton": ctx.signon.local_accounts,
        "oidc": None
        if settings is None
        else {
            "utfardare": settings.issuer,
            "klient_id": settings.client_id,
            "gruppansprak": settings.groups_claim,
            "roller": settings.roles,
            "enheter": settings.units,
        },
    }
