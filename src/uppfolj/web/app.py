"""The app factory: `create_app(workspace)` builds the FastAPI application; nothing happens at import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from uppfolj import fmt
from uppfolj.errors import UppfoljError, WorkspaceError
from uppfolj.web.audit import AuditLog
from uppfolj.web.auth import CsrfRejected, Forbidden, NotLoggedIn
from uppfolj.web.context import WebContext
from uppfolj.web.data import DataService
from uppfolj.web.db import WebDB
from uppfolj.web.engine import Engine, LazyEngine, default_engine
from uppfolj.web.goals import GoalService
from uppfolj.web.masking import mask_pnr
from uppfolj.web.oidc.provider import Provider
from uppfolj.web.oidc.settings import sign_on_settings
from uppfolj.web.render import render
from uppfolj.web.routes import ROUTERS
from uppfolj.web.security import RateLimiter, security_headers
from uppfolj.web.sessions import Sessions
from uppfolj.web.users import ROLE_TITLES, Users
from uppfolj.workspace import Workspace

HERE = Path(__file__).parent


def create_app(
    ws: Workspace,
    *,
    engine: Callable[[], Engine] = default_engine,
    login_limit: int = 5,
    login_window: float = 300.0,
) -> FastAPI:
    """The dashboard for one workspace. `engine` supplies the indicator engine (the real one by default)."""
    app = FastAPI(
        title="uppfolj",
        description="Uppföljning för arbetsmarknadsnämnden: sidor och JSON-API. Alla anrop kräver inloggning.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
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
        limiter=RateLimiter(login_limit, login_window),
        data=data,
        templates=templates,
        goals=GoalService(data),
        signon=signon,
        oidc=Provider(signon.oidc) if signon.oidc else None,
    )
    app.middleware("http")(security_headers)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _handlers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    message = mask_pnr(message)
    if _wants_json(request):
        return JSONResponse({"fel": message}, status_code=status)
    return render(request, "fel.html", {"meddelande": message, "status": status}, status=status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, exc: NotLoggedIn) -> Response:
        if _wants_json(request):
            return JSONResponse({"fel": "Inte inloggad. Logga in på /logga-in."}, status_code=401)
        return RedirectResponse("/logga-in", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, exc: CsrfRejected) -> Response:
        return _error(
            request, 403, "Formuläret saknar giltig säkerhetstoken (CSRF). Ladda om sidan och försök igen."
        )

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
