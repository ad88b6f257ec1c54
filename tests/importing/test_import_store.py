"""What an import does to the store: replace or merge, all or nothing, idempotent, recorded."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.importing.helpers import do_import, stored, write_csv
from uppfolj.cli import main
from uppfolj.errors import ImportFailed
from uppfolj.status import store_status
from uppfolj.store import table_fingerprint
from uppfolj.workspace import Workspace

HEADER = ["ansokan_id", "hushall_id", "inkom_datum", "beslut_datum", "beslut"]


def _applications(folder: Path, rows: list[list[str]]) -> None:
    folder.mkdir(exist_ok=True)
    write_csv(folder, "ansokningar.csv", [HEADER, *rows])


def _population(folder: Path) -> None:
    write_csv(folder, "befolkning.csv", [["ar", "kon", "antal"], ["2023", "T", "160000"]])


def test_replace_and_merge(ws: Workspace, tmp_path: Path) -> None:
    first = tmp_path / "first"
    _applications(first, [["A1", "H1", "2024-01-02", "", ""], ["A2", "H1", "2024-01-03", "", ""]])
    _population(first)
    do_import(ws, first)

    # --tillagg: A2 is replaced by the newer row, A3 added, A1 kept; befolkning (absent) kept as it was
    merge = tmp_path / "merge"
    _applications(
        merge, [["A2", "H9", "2024-01-03", "2024-01-10", "avslag"], ["A3", "H2", "2024-02-01", "", ""]]
    )
    do_import(ws, merge, merge=True)
    assert stored(ws, "SELECT ansokan_id, hushall_id, beslut FROM ansokningar ORDER BY 1") == [
        ("A1", "H1", None),
        ("A2", "H9", "avslag"),
        ("A3", "H2", None),
    ]
    assert stored(ws, "SELECT antal FROM befolkning") == [(160000,)]

    # without --tillagg the imported table is replaced by the file's rows
    do_import(ws, merge)
    assert stored(ws, "SELECT ansokan_id FROM ansokningar ORDER BY 1") == [("A2",), ("A3",)]
    assert stored(ws, "SELECT antal FROM befolkning") == [(160000,)]


def _truncated_xlsx(path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["ar", "kon", "antal"])
    wb.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("kind", ["empty", "junk", "truncated_xlsx", "empty_xlsx"])
def test_unreadable_file_changes_nothing(ws: Workspace, tmp_path: Path, kind: str) -> None:
    good = tmp_path / "good"
    _applications(good, [["A1", "H1", "2024-01-02", "", ""]])
    do_import(ws, good)
    before_snapshot = ws.store().current()
    before = stored(ws, "SELECT count(*) FROM _importer")
    fingerprint = _fingerprint(ws, "ansokningar")
    rejects_before = sorted(p.name for p in ws.rejects_dir.iterdir())

    bad = tmp_path / "bad"
    _applications(bad, [["A9", "H9", "2024-05-01", "", ""]])  # a good file next to the bad one
    if kind == "empty":
        (bad / "befolkning.csv").write_bytes(b"")
    elif kind == "junk":
        (bad / "befolkning.csv").write_bytes(bytes(range(256)) * 8)
    elif kind == "truncated_xlsx":
        _truncated_xlsx(bad / "befolkning.xlsx")
    else:
        (bad / "befolkning.xlsx").write_bytes(b"")
    with pytest.raises(ImportFailed, match="befolkning.(csv|xlsx) kan inte läsas.*Ingenting har importerats"):
        do_import(ws, bad)
    assert ws.store().current() == before_snapshot
    assert stored(ws, "SELECT count(*) FROM _importer") == before
    assert _fingerprint(ws, "ansokningar") == fingerprint
    assert sorted(p.name for p in ws.rejects_dir.iterdir()) == rejects_before


def test_truncated_zip_is_really_truncated(tmp_path: Path) -> None:
    _truncated_xlsx(tmp_path / "x.xlsx")
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(tmp_path / "x.xlsx")


def _fingerprint(ws: Workspace, table: str) -> str:
    con = ws.store().connect()
    try:
        return table_fingerprint(con, table)
    finally:
        con.close()


def test_same_files_twice_give_the_same_store(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    _applications(folder, [["A1", "H1", "2024-01-02", "", ""], ["A1", "H2", "2024-01-02", "", ""]])
    write_csv(
        folder,
        "bistand_manad.csv",
        [
            ["hushall_id", "manad", "sokande_personnummer", "antal_barn", "belopp"],
            ["H1", "2024-01", "19121212-1212", "1", "100"],
            ["H1", "2024-01", "19121212-1212", "2", "50,50"],
            ["H2", "2024-01", "811228-9874", "0", "75"],
        ],
    )
    tables = ["ansokningar", "bistand_manad", "_personregister"]
    do_import(ws, folder)
    first = {t: _fingerprint(ws, t) for t in tables}
    do_import(ws, folder)
    assert {t: _fingerprint(ws, t) for t in tables} == first
    assert stored(ws, "SELECT count(*) FROM _importer") == [(2,)]


@pytest.mark.slow  # builds the whole CLI (every command module)
def test_import_is_recorded_and_shown_by_status(
    ws: Workspace, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _applications(export, [["A1", "H1", "2024-01-02", "2024-01-05", "bifall"], ["A2", "H1", "bad", "", ""]])
    path = export / "ansokningar.csv"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    main(["import", str(export), "--arbetsyta", str(ws.root)])
    out = capsys.readouterr().out
    assert "ansokningar.csv" in out and "Avvisade rader" in out
    status = store_status(ws)
    assert status["tabeller"]["ansokningar"] == {"rader": 1, "dataslut": "2024-01-05"}
    (entry,) = status["importer"]
    assert entry["tillagg"] is False and entry["anvandare"]
    assert entry["filer"] == [
        {
            "fil": "ansokningar.csv",
            "tabell": "ansokningar",
            "sha256": sha,
            "lasta": 2,
            "lagrade": 1,
            "avvisade": 1,
            "varningar": 0,
        }
    ]
    main(["status", "--format", "json", "--arbetsyta", str(ws.root)])
    data = json.loads(capsys.readouterr().out)
    assert data["importer"][0]["filer"][0]["sha256"] == sha
    assert dt.datetime.fromisoformat(data["importer"][0]["tid"]).date() == dt.date.today()


def test_cli_error_is_one_swedish_line(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tom").mkdir()
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(tmp_path / "tom"), "--arbetsyta", str(ws.root)])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "innehåller ingen fil som heter som en tabell" in err
