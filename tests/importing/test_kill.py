"""An import killed with SIGKILL leaves the previous data intact and usable, and the next import works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from tests.importing.helpers import do_import, stored, write_csv
from uppfolj.importing.run import STAGING_PREFIX
from uppfolj.store import table_fingerprint
from uppfolj.workspace import Workspace

ROWS = 1_500_000

IMPORT_SCRIPT = """
import sys
from pathlib import Path
from uppfolj.workspace import open_workspace
from uppfolj.importing import run_import
run_import(open_workspace(sys.argv[1]), Path(sys.argv[2]))
"""


def _big_export(folder: Path) -> None:
    """ROWS household-months, all valid (one household per row, the same valid sökande)."""
    folder.mkdir()
    con = duckdb.connect()
    con.execute(
        f"""COPY (SELECT 'H' || i AS hushall_id, '2024-01' AS manad, '19121212-1212' AS sokande_personnummer,
                         '0' AS antal_barn, '1 000,50' AS belopp FROM range({ROWS}) r(i))
            TO '{folder / "bistand_manad.csv"}' (HEADER, DELIMITER ';')"""
    )
    con.close()


def _fingerprints(ws: Workspace) -> dict[str, str]:
    con = ws.store().connect()
    try:
        return {
            t: table_fingerprint(con, t)
            for t in ("befolkning", "bistand_manad", "_importer", "_personregister")
        }
    finally:
        con.close()


def _kill_when(ws: Workspace, big: Path, ready: str) -> int:
    """Start an import in a child process and SIGKILL it at the moment named by `ready`:
    `staging` = its staging folder exists and no new snapshot has been started; `writing` = the new snapshot
    file exists."""
    before = set(os.listdir(ws.store_dir))
    child = subprocess.Popen([sys.executable, "-c", IMPORT_SCRIPT, str(ws.root), str(big)])
    deadline = time.monotonic() + 50
    try:
        while time.monotonic() < deadline and child.poll() is None:
            writing = bool(set(os.listdir(ws.store_dir)) - before)
            staging = any(Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}{child.pid}-*"))
            if ready == "staging" and staging and not writing:
                time.sleep(0.2)  # into reading the 1.5 million rows
                break
            if ready == "writing" and writing:
                break
            time.sleep(0.005)
        assert child.poll() is None, "the import finished before it could be killed"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    return child.pid


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["staging", "writing"])
def test_sigkill_leaves_previous_data(ws: Workspace, tmp_path: Path, moment: str) -> None:
    small = tmp_path / "small"
    small.mkdir()
    write_csv(small, "befolkning.csv", [["ar", "kon", "antal"], ["2023", "T", "160000"]])
    write_csv(
        small,
        "bistand_manad.csv",
        [
            ["hushall_id", "manad", "sokande_personnummer", "antal_barn", "belopp"],
            ["H1", "2024-01", "811228-9874", "1", "10"],
        ],
    )
    do_import(ws, small)
    snapshot = ws.store().current()
    before = _fingerprints(ws)

    big = tmp_path / "big"
    _big_export(big)
    pid = _kill_when(ws, big, moment)
    staged = list(Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}{pid}-*"))
    assert len(staged) == 1  # the killed import's private staging folder is left behind ...

    # the previous data is current, intact and readable
    assert ws.store().current() == snapshot
    assert _fingerprints(ws) == before
    assert stored(ws, "SELECT hushall_id, belopp FROM bistand_manad") == [("H1", 10)]

    # the next import works and removes what the killed one left behind
    write_csv(small, "befolkning.csv", [["ar", "kon", "antal"], ["2024", "T", "161000"]])
    do_import(ws, small)
    assert stored(ws, "SELECT ar, antal FROM befolkning") == [(2024, 161000)]
    assert not staged[0].exists()  # ... and removed by the next import
    current = ws.store().current()
    assert current is not None
    leftovers = [p for p in os.listdir(ws.store_dir) if p.startswith("ogonblick-") and p > current.path.name]
    assert leftovers == []
