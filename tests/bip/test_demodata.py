"""The demo municipality's bip.csv: measurements of real participants, inside the period, importable as is."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from tests.importing.helpers import do_import, stored
from uppfolj import workspace
from uppfolj.demodata import generate
from uppfolj.demodata.bip import INDICATORS


def test_demo_bip_measurements(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    summary = generate(out, households=300, start="2023-01", end="2024-06", seed=2)
    with open(out / "bip.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert summary.rows["bip"] == len(rows) > 0
    with open(out / "insatser.csv", encoding="utf-8-sig", newline="") as fh:
        participants = {r["Personnummer"] for r in csv.DictReader(fh, delimiter=";")}
    assert {r["Personnummer"].replace("-", "") for r in rows} <= participants
    dates = {dt.date.fromisoformat(r["Mätdatum"]) for r in rows}
    assert dt.date(2023, 1, 1) <= min(dates) and max(dates) <= dt.date(2024, 6, 30)
    assert {r["Indikator"] for r in rows} == set(INDICATORS)
    assert {r["Värde"] for r in rows} <= {"1", "2", "3", "4", "5"}

    # the file imports without a reject under the scale 1–5 and the generator's indicator list
    ws = workspace.create(tmp_path / "ws")
    ws.config.ovrigt["bip"] = {"indikatorer": list(INDICATORS), "min": 1, "max": 5}
    ws.save_config()
    ws = workspace.open_workspace(ws.root)
    folder = tmp_path / "only_bip"
    folder.mkdir()
    shutil.copy(out / "bip.csv", folder / "bip.csv")
    result = do_import(ws, folder)
    assert result.rejected == 0
    assert stored(ws, "SELECT count(*) FROM bip") == [(len(rows),)]
