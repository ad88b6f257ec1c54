"""Education level written as SCB's SUN 2020 labels is stored as the level's code."""

from __future__ import annotations

from pathlib import Path

from tests.importing.helpers import do_import, make_pnr, write_csv
from uppfolj.workspace import Workspace

LABELS = {
    "Förgymnasial utbildning kortare än 9 år": "1",
    "Förgymnasial utbildning 9 (10) år": "2",
    "Gymnasial utbildning högst 2 år": "3",
    "Gymnasial utbildning 3 år": "4",
    "Eftergymnasial utbildning kortare än 3 år": "5",
    "Eftergymnasial utbildning 3 år eller längre": "6",
    "Forskarutbildning": "7",
    "Uppgift saknas": "US",
}


def test_scb_labels_become_codes(ws: Workspace, export: Path) -> None:
    import datetime as dt

    rows = [["personnummer", "utbildningsniva"]]
    expected = {}
    for i, (label, code) in enumerate(LABELS.items()):
        number = make_pnr(dt.date(1980, 1, 1 + i), 100 + i)
        rows.append([number, label])
        expected[number] = code
    write_csv(export, "personer.csv", rows)
    result = do_import(ws, export)
    assert sum(f.rejected for f in result.files) == 0
    con = ws.store().connect()
    try:
        stored = sorted(r[0] for r in con.execute("SELECT utbildningsniva FROM personer").fetchall())
    finally:
        con.close()
    assert stored == sorted(LABELS.values())
