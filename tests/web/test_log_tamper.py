"""A copy of the log database edited with the sqlite3 tool (triggers dropped, a row deleted, the rest
renumbered and their unkeyed chain recomputed) fails verification at that row: the chain is keyed with a
secret kept outside the database."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from uppfolj.cli import main
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import DB_FILE, WebDB
from uppfolj.workspace import Workspace, open_workspace


def _unkeyed(previous: str, row: tuple[str, ...]) -> str:
    payload = json.dumps([previous, *row], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _tamper(db: Path, delete_nr: int) -> None:
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("DROP TRIGGER logg_ingen_andring")
    con.execute("DROP TRIGGER logg_ingen_radering")
    con.execute("DELETE FROM logg WHERE nr = ?", (delete_nr,))
    con.execute("UPDATE logg SET nr = nr - 1 WHERE nr > ?", (delete_nr,))
    # the rows before the deleted one stay as they are; the chain is recomputed from there on
    previous = con.execute("SELECT kedja FROM logg WHERE nr = ?", (delete_nr - 1,)).fetchone()[0]
    rows = con.execute(
        "SELECT nr, tid, anvandare, handelse, detaljer, adress FROM logg WHERE nr >= ? ORDER BY nr",
        (delete_nr,),
    ).fetchall()
    for nr, *content in rows:
        chain = _unkeyed(previous, tuple(content))
        con.execute("UPDATE logg SET kedja = ? WHERE nr = ?", (chain, nr))
        previous = chain
    con.close()


def test_edited_copy_fails_at_the_deleted_row(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audit = AuditLog(WebDB.of(workspace))
    for n in range(5):
        audit.write(f"anvandare{n}", "export", f"export {n}", "127.0.0.1")
    first = audit.all_entries()[0].nr
    assert audit.verify() is None
    copy = tmp_path / "kopia"
    shutil.copytree(workspace.root, copy)
    (copy / (DB_FILE + "-wal")).unlink(missing_ok=True)
    (copy / (DB_FILE + "-shm")).unlink(missing_ok=True)
    with WebDB.of(workspace).connect() as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(workspace.root / DB_FILE, copy / DB_FILE)
    deleted = first + 2
    _tamper(copy / DB_FILE, deleted)
    assert AuditLog(WebDB.of(open_workspace(copy))).verify() == deleted
    main(["logg", "verifiera", "--arbetsyta", str(workspace.root)])
    assert "intakt" in capsys.readouterr().out.lower()
    with pytest.raises(SystemExit) as exit_info:
        main(["logg", "verifiera", "--arbetsyta", str(copy)])
    assert exit_info.value.code != 0
    assert f"rad {deleted}" in " ".join(capsys.readouterr().err.split())
