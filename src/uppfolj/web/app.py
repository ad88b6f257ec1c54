"""The app factory: `create_app(workspace)` builds the FastAPI application; nothing happens at import."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from uppfolj import fmt, private
from uppfolj.errors import UppfoljError, WorkspaceError
from uppfolj.masking import install_log_masking, mask_deep, mask_pnr
from uppfolj.web.audit import AuditLog
from uppfolj.web.auth import CsrfRejected, CurrentUser, Forbidden, NotLoggedIn, record_refusal
from uppfolj.web.context import WebContext
from uppfolj.web.data import DataService
from uppfolj.web.db import WebDB
from uppfolj.web.engine import Engine, LazyEngine, default_engine
from uppfolj.web.goals import GoalService
from uppfolj.web.oidc.provider import Provider
from uppfolj.web.oidc.settings import sign_on_settings
from uppfolj.web.render import render
from uppfolj.web.routes import routers
from uppfolj.web.routes.imports import upload_limit, upload_paths
from uppfolj.web.security import SecurityHeaders
from uppfolj.web.sessions import Sessions
from uppfolj.web.throttle import LoginThrottle
from uppfolj.web.upload_gate import UploadGate
from uppfolj.web.users import ROLE_TITLES, Users
from uppfolj.workspace import Workspace

HERE = Path(__file__).parent


class MaskedJSONResponse(JSONResponse):
    """Every JSON answer: any personnummer in any string is masked before it is sent."""

    def render(self, content: Any) -> bytes:
        return super().render(mask_deep(content))


class UppfoljApp(FastAPI):
    """FastAPI with the outermost layers of its own: security headers around everything (Starlette's
    500 answers included), the upload gate, and in proxy mode the trusted proxy's forwarded headers."""

    proxies: Sequence[str] = ()

    def build_middleware_stack(self) -> ASGIApp:
        app: ASGIApp = UploadGate(super().build_middleware_stack(), upload_paths(), upload_limit)
        app = SecurityHeaders(app)
        if self.proxies:
            # uvicorn's middleware is typed against its own ASGI types; at run time both are plain ASGI
            app = ProxyHeadersMiddleware(app, trusted_hosts=list(self.proxies))  # type: ignore[arg-type,assignment]
        return app


def proxies_of(ws: Workspace) -> list[str]:
    """Trusted reverse-proxy addresses from `webb: proxy:` in uppfolj.yaml (one address, or a list)."""
    webb = ws.config.ovrigt.get("webb") or {}
    value = webb.get("proxy") if isinstance(webb, dict) else None
    if not value:
        return []
    return [str(value)] if isinstance(value, str) else [str(v) for v in value]


def _masked(value: Any) -> Any:
    """Jinja's finalize: everything a template prints goes through the masking function."""
    if isinstance(value, Markup):
        return Markup(mask_pnr(str(value)))
    return mask_pnr(value) if isinstance(value, str) else value


def create_app(
    ws: Workspace,
    *,
    engine: Callable[[], Engine] = default_engine,
    login_limit: int = 5,
    login_window: float = 300.0,
    proxies: Sequence[str] | None = None,
) -> FastAPI:
    """The dashboard for one workspace. `engine` supplies the indicator engine (the real one by default);
    `proxies` the trusted reverse-proxy addresses (default: `webb: proxy:` in uppfolj.yaml)."""
    private.restrict()
    install_log_masking()
    app = UppfoljApp(
        title="uppfolj",
        description="Uppföljning för arbetsmarknadsnämnden: sidor och JSON-API. Alla anrop kräver inloggning.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        default_response_class=MaskedJSONResponse,
    )
    app.proxies = list(proxies) if proxies is not None else proxies_of(ws)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.finalize = _masked
    templates.env.globals.update(
        fmt=fmt, roller=ROLE_TITLES, kommun=ws.config.kommun_namn, namnd=ws.config.namnd
    )
    signon = sign_on_settings(ws.config)
    db = WebDB.of(ws)
    data = DataService(ws, LazyEngine(engine))
    app.state.ctx = WebContext(
        ws=ws,
        db=db,
        users=Users(db),
        sessions=Sessions(db),
        audit=AuditLog(db),
        limiter=LoginThrottle(login_limit, login_window),
        data=data,
        templates=templates,
        goals=GoalService(data),
        signon=signon,
        oidc=Provider(signon.oidc) if signon.oidc else None,
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in routers():
        app.include_router(router)
    _handlers(app)

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi(user: CurrentUser) -> dict[str, Any]:
        """The API description, for logged-in users only (it maps every route)."""
        return app.openapi()

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    message = mask_pnr(message)
    if _wants_json(request):
        return MaskedJSONResponse({"fel": message}, status_code=status)
    return render(request, "fel.html", {"meddelande": message, "status": status}, status=status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, exc: NotLoggedIn) -> Response:
        if _wants_json(request):
            return JSONResponse({"fel": "Inte inloggad. Logga in på /logga-in."}, status_code=401)
        return RedirectResponse("/logga-in", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        record_refusal(request, "rollen räcker inte")
        return _error(request, 403, str(exc))

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, exc: CsrfRejected) -> Response:
        record_refusal(request, "CSRF-token saknas eller är fel")
        return _error(
            request, 403, "Formuläret saknar giltig säkerhetstoken (CSRF). Ladda om sidan och försök igen."
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return _error(request, 404, "Sidan finns inte. Gå till översikten och välj därifrån.")
        if exc.status_code == 405:
            return _error(request, 405, "Metoden är inte tillåten för den här adressen.")
        return _error(request, exc.status_code, "Förfrågan kunde inte behandlas.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # Starlette answers 500 from this handler; the message never echoes the exception (it may hold data)
        message = "Ett oväntat fel inträffade. Försök igen; kvarstår felet, kontakta administratören."
        if _wants_json(request):
            return MaskedJSONResponse({"fel": message}, status_code=500)
        return Response(message, status_code=500, media_type="text/plain; charset=utf-8")

    @app.exception_handler(WorkspaceError)
    async def workspace_error(request: Request, exc: WorkspaceError) -> Response:
        return _error(request, 409, str(exc))

    @app.exception_handler(UppfoljError)
    async def user_error(request: Request, exc: UppfoljError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        where = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()[:3])
        return _error(request, 422, f"Ogiltig förfrågan ({where}). Kontrollera parametrarna.")
