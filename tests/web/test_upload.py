"""Admins import a new export folder as a ZIP; bad archives are refused in Swedish."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of
from tests.web.test_import_while_serving import write_export

Login = Callable[[str], TestClient]


def zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"export/{path.name}")
    return buffer.getvalue()


@pytest.mark.slow
def test_admin_uploads_a_zip_and_the_new_data_is_served(as_role: Login, tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    admin = as_role("admin")
    token = csrf_of(admin.get("/importer").text)
    files = {"fil": ("export.zip", zipped(tmp_path / "export"), "application/zip")}
    response = admin.post("/api/importer", files=files, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    result = response.json()
    # write_export: 5 + 5 + 5 + 9 = 24 rows, all valid
    assert result["filer"] == [
        {"fil": "bistand_manad.csv", "tabell": "bistand_manad", "lasta": 24, "lagrade": 24, "avvisade": 0}
    ]
    overview = admin.get("/api/oversikt").json()
    assert overview["period"] == "2024-04"
    assert next(c for c in overview["indikatorer"] if c["id"] == "eb_hushall")["varde"] == 9
    log = admin.get("/api/admin/logg", params={"handelse": "import"}).json()["poster"]
    assert log[0]["anvandare"] == "admin" and f"import {result['import_nr']}" in log[0]["detaljer"]


def test_upload_refused_for_analysts_without_csrf_and_for_bad_archives(as_role: Login) -> None:
    analyst = as_role("analytiker")
    token = csrf_of(analyst.get("/importer").text)
    files = {"fil": ("export.zip", b"PK", "application/zip")}
    assert analyst.post("/api/importer", files=files, headers={"X-CSRF-Token": token}).status_code == 403
    admin = as_role("admin")
    token = csrf_of(admin.get("/importer").text)
    assert admin.post("/api/importer", files=files).status_code == 403
    not_zip = admin.post("/api/importer", files=files, headers={"X-CSRF-Token": token})
    assert not_zip.status_code == 400 and "ingen ZIP-fil" in not_zip.json()["fel"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../utanfor.csv", "x")
    evil = {"fil": ("export.zip", buffer.getvalue(), "application/zip")}
    refused = admin.post("/api/importer", files=evil, headers={"X-CSRF-Token": token})
    assert refused.status_code == 400 and "otillåten sökväg" in refused.json()["fel"]
