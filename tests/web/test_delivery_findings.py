"""The Importer page and its JSON twin show the delivery check's findings of each import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from tests.importing.helpers import do_import
from tests.importing.test_delivery import MONTHS, write_delivery
from uppfolj.workspace import Workspace

Login = Callable[[str], TestClient]


def test_findings_on_the_importer_page(workspace: Workspace, as_role: Login, tmp_path: Path) -> None:
    do_import(workspace, write_delivery(tmp_path / "ar", MONTHS))
    changed = do_import(workspace, write_delivery(tmp_path / "ny", MONTHS, drop={dt.date(2024, 3, 1): 18}))
    analyst = as_role("analytiker")
    latest = analyst.get("/api/importer").json()["importer"][0]
    assert latest["import_nr"] == changed.record.number
    # four measures of March changed by −30 % (rows, households, applicants, amounts), worked out in
    # tests/importing/test_delivery.py
    assert len(latest["leveranskontroll"]) == 4
    expected = "bistand_manad 2024-03: hushåll 60 → 42 (−30,0\u00a0%) i en månad som redan var lagrad."
    assert expected in latest["leveranskontroll"]
    page = analyst.get("/importer").text
    assert "Leveranskontroll: 4 avvikelser mot det som var lagrat" in page
    assert "hushåll 60 → 42" in page
