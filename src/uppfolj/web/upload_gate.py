"""The gate in front of uploads: the session and the role are checked before a byte of the body is read,
and the size limit is enforced while the body streams in.

FastAPI parses a multipart form (spooling it to a temporary file) before any dependency runs, so checks in
the route come too late: anyone who reaches the port could fill the disk. This plain ASGI middleware runs
first. A refused request gets its answer without the body being read, so nothing is written; a body that
grows past the limit is cut off and answered 413 (a declared Content-Length over the limit is refused at
once).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from uppfolj.web.auth import Forbidden, NotLoggedIn, record_refusal, session_of

TOO_LARGE = (
    "Filen är för stor för uppladdning ({mb} MB som mest). Importera den med `uppfolj import` i stället."
)


class UploadGate:
    """`paths`: the upload routes (POST) and the role each needs; `limit`: called per request for the
    largest body in bytes (a function, so the limit is read where it is defined)."""

    def __init__(self, app: ASGIApp, paths: dict[str, str], limit: Callable[[], int]) -> None:
        self.app = app
        self.paths = paths
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        role = self.paths.get(scope.get("path", "")) if scope["type"] == "http" else None
        if role is None or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refused = _check(request, role)
        if refused is not None:
            await refused(scope, receive, send)
            return
        limit = self.limit()
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(request, limit)(scope, receive, send)
            return
        await self._bounded(scope, receive, send, request, limit)

    async def _bounded(
        self, scope: Scope, receive: Receive, send: Send, request: Request, limit: int
    ) -> None:
        received = 0
        over = False
        started = False

        async def counted() -> Message:
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # stop reading: the app sees a disconnect, its answer is replaced by 413 below
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _too_large(request, limit)(scope, receive, send)


def _check(request: Request, role: str) -> Response | None:
    """The answer for a request that may not upload, or None when the session's role allows it."""
    api = request.url.path.startswith("/api/")
    try:
        user, _ = session_of(request)
    except NotLoggedIn:
        if api:
            return JSONResponse({"fel": "Inte inloggad. Logga in på /logga-in."}, status_code=401)
        return RedirectResponse("/logga-in", status_code=303)
    if not user.may(role):
        message = str(Forbidden())
        record_refusal(request, message)
        if api:
            return JSONResponse({"fel": message}, status_code=403)
        return Response(message, status_code=403, media_type="text/plain; charset=utf-8")
    return None


def _too_large(request: Request, limit: int) -> Response:
    message = TOO_LARGE.format(mb=limit // (1024 * 1024))
    if request.url.path.startswith("/api/"):
        return JSONResponse({"fel": message}, status_code=413)
    return Response(message, status_code=413, media_type="text/plain; charset=utf-8")
