"""Importer: the import history and rejects summary; admins upload a new export folder as a ZIP."""

from __future__ import annotations

import shutil
import tempfile
import threading
import zipfile
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from uppfolj.errors import UppfoljError
from uppfolj.status import store_status
from uppfolj.web.auth import AdminUser, AnalystUser, Csrf, Ctx, client_address
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.users import User

router = APIRouter(tags=["importer"])
page(
    "/importer",
    "Importer",
    "analytiker",
    json="/api/importer",
    order=140,
    help=(
        "Vilka exporter som importerats, av vem, och hur många rader som avvisades. Administratörer kan "
        "ladda upp en ny exportmapp som ZIP-fil."
    ),
)

MAX_ZIP_BYTES = 500 * 1024 * 1024
#: the upload routes and the role they need; `UploadGate` checks both before the body is read
UPLOAD_ROLES = {"/api/importer": "admin", "/importer": "admin"}
MAX_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024
#: the import history is the same for every user: one cache entry
_ANY = User("-", "analytiker")
#: one import at a time from the web (the store's snapshots keep readers safe either way)
_import_lock = threading.Lock()


def upload_paths() -> dict[str, str]:
    return dict(UPLOAD_ROLES)


def upload_limit() -> int:
    """The largest upload in bytes (the multipart framing included)."""
    return MAX_ZIP_BYTES + 64 * 1024


def imports_data(ctx: Ctx) -> dict[str, Any]:
    snap = ctx.data.snapshot()
    status = ctx.data.memo(snap, "status", _ANY, (), lambda: store_status(ctx.ws))
    history = []
    for entry in reversed(status["importer"]):
        files = entry["filer"]
        history.append(
            {
                "import_nr": entry["import_nr"],
                "tid": entry["tid"],
                "anvandare": entry["anvandare"],
                "tillagg": entry["tillagg"],
                "ogonblick": entry["ogonblick"],
                "lasta": sum(int(f["lasta"] or 0) for f in files),
                "lagrade": sum(int(f["lagrade"] or 0) for f in files),
                "avvisade": sum(int(f["avvisade"] or 0) for f in files),
                "varningar": sum(int(f["varningar"] or 0) for f in files),
                "filer": [
                    {k: f[k] for k in ("fil", "tabell", "lasta", "lagrade", "avvisade", "varningar")}
                    for f in files
                ],
                "leveranskontroll": entry.get("leveranskontroll", []),
            }
        )
    return {
        "ogonblick": status["ogonblick"],
        "tabeller": status["tabeller"],
        "importer": history,
    }


@router.get(
    "/api/importer", summary="Importhistorik med lästa, lagrade och avvisade rader per fil (analytiker)"
)
def api_imports(ctx: Ctx, user: AnalystUser) -> dict[str, Any]:
    return imports_data(ctx)


@router.get("/importer", include_in_schema=False)
def imports_page(request: Request, ctx: Ctx, user: AnalystUser, klar: int = 0) -> Response:
    return render(request, "importer.html", {**imports_data(ctx), "klar": klar})


def unpack(upload: Path, target: Path) -> Path:
    """Unpack a ZIP safely (no absolute paths, no `..`, bounded size); return the folder holding the files."""
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile as exc:
        raise UppfoljError(
            "Filen är ingen ZIP-fil. Packa exportmappen som ZIP och ladda upp den igen."
        ) from exc
    with archive:
        total = 0
        for info in archive.infolist():
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
                raise UppfoljError(
                    f"ZIP-filen innehåller en otillåten sökväg ({info.filename}). Packa om mappen."
                )
            total += info.file_size
            if total > MAX_UNPACKED_BYTES:
                raise UppfoljError("ZIP-filen är för stor uppackad (över 4 GB). Dela upp exporten.")
        archive.extractall(target)
    entries = [p for p in target.iterdir() if not p.name.startswith((".", "__MACOSX"))]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return target


def run_upload(ctx: Ctx, upload: UploadFile, user: str) -> dict[str, Any]:
    from uppfolj.importing.run import run_import

    with tempfile.TemporaryDirectory(prefix="uppfolj-uppladdning-") as tmp:
        zip_path = Path(tmp) / "export.zip"
        size = 0
        with open(zip_path, "wb") as out:
            while chunk := upload.file.read(1 << 20):
                size += len(chunk)
                if size > MAX_ZIP_BYTES:
                    raise UppfoljError(
                        "ZIP-filen är större än 500 MB. Importera den med `uppfolj import` i stället."
                    )
                out.write(chunk)
        folder = unpack(zip_path, Path(tmp) / "export")
        if not _import_lock.acquire(blocking=False):
            raise UppfoljError("En import pågår redan. Vänta tills den är klar och försök igen.")
        try:
            result = run_import(ctx.ws, folder)
        finally:
            _import_lock.release()
        shutil.rmtree(folder, ignore_errors=True)
    files = result.files
    return {
        "import_nr": result.record.number,
        "leveranskontroll": [f.message for f in result.findings],
        "filer": [
            {"fil": f.file, "tabell": f.table, "lasta": f.read, "lagrade": f.stored, "avvisade": f.rejected}
            for f in files
        ],
    }


@router.post(
    "/api/importer",
    summary="Importera en exportmapp som ZIP (admin); kräver X-CSRF-Token",
    dependencies=[Csrf],
)
def api_upload(
    request: Request, ctx: Ctx, user: AdminUser, fil: Annotated[UploadFile, File()]
) -> dict[str, Any]:
    result = run_upload(ctx, fil, user.namn)
    ctx.audit.write(
        user.namn,
        "import",
        f"import {result['import_nr']} från {fil.filename or 'zip'}",
        client_address(request),
    )
    return result


@router.post("/importer", include_in_schema=False, dependencies=[Csrf])
def upload_form(request: Request, ctx: Ctx, user: AdminUser, fil: Annotated[UploadFile, File()]) -> Response:
    result = run_upload(ctx, fil, user.namn)
    ctx.audit.write(
        user.namn,
        "import",
        f"import {result['import_nr']} från {fil.filename or 'zip'}",
        client_address(request),
    )
    return RedirectResponse(f"/importer?klar={result['import_nr']}", status_code=303)
