"""Rapporter: generate the committee reports (DOCX/XLSX) and download them (analysts and admins).

Person-level lists that a report writes beside it (the ej verkställda worklist) lie in the report folder's
`sekretess/` folder: listed apart and marked confidential, served from `/rapporter/sekretess/…` to
analysts only, and every download is written to the audit log as `export_sekretess`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path as PathLike
from typing import Annotated, Any
from urllib.parse import quote_plus

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from uppfolj.errors import UppfoljError
from uppfolj.indicators.periods import Period
from uppfolj.reports.registry import CONFIDENTIAL_DIR, ReportType, reports
from uppfolj.web.auth import AnalystUser, Csrf, Ctx, client_address
from uppfolj.web.pages import page
from uppfolj.web.render import render

router = APIRouter(tags=["rapporter"])
page(
    "/rapporter",
    "Rapporter",
    "analytiker",
    json="/api/rapporter",
    order=130,
    help=("Skapa nämndrapporterna i Word och Excel och ladda ner dem."),
)

MEDIA = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
}
_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.(docx|xlsx|csv|png)$")


def available() -> dict[str, ReportType]:
    """The reports of the registry whose module is installed."""
    out = {}
    for key, report in reports().items():
        try:
            module = report.load()
        except ImportError:
            continue
        if hasattr(module, "write"):
            out[key] = report
    return out


def _url(path: PathLike) -> str:
    """Where a written report file is downloaded: confidential ones from their own route."""
    if path.parent.name == CONFIDENTIAL_DIR:
        return f"/rapporter/{CONFIDENTIAL_DIR}/{path.name}"
    return f"/rapporter/fil/{path.name}"


def _files(folder: PathLike) -> list[dict[str, Any]]:
    files = []
    if folder.exists():
        for path in sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
            if path.is_file() and _FILE.match(path.name) and path.suffix in MEDIA:
                stat = path.stat()
                files.append(
                    {
                        "namn": path.name,
                        "storlek": stat.st_size,
                        "skapad": dt.datetime.fromtimestamp(stat.st_mtime).isoformat(timespec="seconds"),
                        "url": _url(path),
                        "sekretess": path.parent.name == CONFIDENTIAL_DIR,
                    }
                )
    return files


def reports_data(ctx: Ctx) -> dict[str, Any]:
    """Report types and files; `sekretess` lists the confidential person-level files apart."""
    folder = ctx.ws.reports_dir
    return {
        "typer": [{"typ": r.key, "namn": r.title, "period": r.period_kind} for r in available().values()],
        "filer": _files(folder),
        "sekretess": _files(folder / CONFIDENTIAL_DIR),
    }


@router.get(
    "/api/rapporter", summary="Rapporttyper som kan skapas och rapportfiler att ladda ner (analytiker)"
)
def api_reports(ctx: Ctx, user: AnalystUser) -> dict[str, Any]:
    return reports_data(ctx)


@router.get("/rapporter", include_in_schema=False)
def reports_page(request: Request, ctx: Ctx, user: AnalystUser, skapad: str = "") -> Response:
    return render(request, "rapporter.html", {**reports_data(ctx), "skapad": skapad[:200]})


def generate(ctx: Ctx, typ: str, period: str) -> list[PathLike]:
    types = available()
    if typ not in types:
        raise UppfoljError(f"Rapporttypen {typ!r} finns inte. Välj bland {', '.join(types) or 'inga'}.")
    report = types[typ]
    kind = report.period_kind
    parsed = Period.parse(period)
    if parsed.kind != kind:
        raise UppfoljError(
            f"Rapporten {typ} gäller en period av typen {kind}; {period!r} är en {parsed.kind}."
        )
    from uppfolj.reports.context import ReportContext

    snap = ctx.data.snapshot()
    with ctx.data.connect(snap) as con:
        rctx = ReportContext(con, ctx.ws.config, snap.snapshot_id)
        paths = report.write(rctx, parsed.label, ctx.ws.reports_dir)
    return list(paths)


@router.post(
    "/api/rapporter", summary="Skapa en rapport (analytiker); kräver X-CSRF-Token", dependencies=[Csrf]
)
def api_generate(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    typ: Annotated[str, Form(max_length=40)],
    period: Annotated[str, Form(max_length=40)],
) -> dict[str, Any]:
    paths = generate(ctx, typ, period)
    names = ", ".join(p.name for p in paths)
    ctx.audit.write(user.namn, "rapport", f"{typ} {period}: {names}", client_address(request))
    return {
        "filer": [
            {"namn": p.name, "url": _url(p), "sekretess": p.parent.name == CONFIDENTIAL_DIR} for p in paths
        ]
    }


@router.post("/rapporter", include_in_schema=False, dependencies=[Csrf])
def generate_form(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    typ: Annotated[str, Form(max_length=40)],
    period: Annotated[str, Form(max_length=40)],
) -> Response:
    paths = generate(ctx, typ, period)
    names = ", ".join(p.name for p in paths)
    ctx.audit.write(user.namn, "rapport", f"{typ} {period}: {names}", client_address(request))
    title = available()[typ].title
    return RedirectResponse(
        f"/rapporter?skapad={quote_plus(title + ' ' + Period.parse(period).label)}", status_code=303
    )


@router.get("/rapporter/fil/{namn}", summary="Ladda ner en rapportfil (analytiker)")
def download(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    namn: Annotated[str, Path(max_length=160)],
) -> Response:
    path = ctx.ws.reports_dir / namn
    if not _FILE.match(namn) or not path.is_file():
        raise UppfoljError(f"Rapportfilen {namn!r} finns inte. Se listan på /rapporter.")
    ctx.audit.write(user.namn, "export", f"rapportfil {namn}", client_address(request))
    return FileResponse(path, media_type=MEDIA[path.suffix], filename=namn)


@router.get(
    f"/rapporter/{CONFIDENTIAL_DIR}/{{namn}}",
    summary="Ladda ner en arbetslista med uppgifter per person, sekretess (analytiker; loggas)",
)
def download_confidential(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    namn: Annotated[str, Path(max_length=160)],
) -> Response:
    path = ctx.ws.reports_dir / CONFIDENTIAL_DIR / namn
    if not _FILE.match(namn) or not path.is_file():
        raise UppfoljError(f"Filen {namn!r} finns inte. Se listan på /rapporter.")
    ctx.audit.write(user.namn, "export_sekretess", f"arbetslista {namn}", client_address(request))
    return FileResponse(path, media_type=MEDIA[path.suffix], filename=namn)
