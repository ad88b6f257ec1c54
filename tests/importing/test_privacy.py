"""No clear personnummer anywhere in the workspace after an import: store files, logs, rejects, outputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tests.importing.helpers import do_import, make_pnr, write_csv
from tests.importing.privacy_scan import find_in_store_values, find_in_tree, numbers_in_exports, written_forms
from uppfolj.demodata.generate import generate
from uppfolj.workspace import Workspace


def test_written_forms() -> None:
    assert written_forms("191212121212") == {
        "191212121212",
        "19121212-1212",
        "1212121212",
        "121212-1212",
        "121212+1212",
    }


def test_store_value_scan_finds_a_clear_number(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.execute("CREATE TABLE t (a VARCHAR, b VARCHAR)")
    con.execute("INSERT INTO t VALUES ('1000052', 'x'), ('1000053', 'id 1212121212 here')")
    assert find_in_store_values(con, {"191212121212"}) == [("t.b", "masked")]
    con.close()


def test_scan_finds_a_planted_number(tmp_path: Path) -> None:
    (tmp_path / "a.log").write_bytes(b"x;121212-1212;y")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01191212121212\x00")
    # the 12-digit number also contains its 10-digit form
    assert sorted(find_in_tree(tmp_path, {"191212121212"})) == [
        ("a.log", "121212-1212"),
        ("b.bin", "1212121212"),
        ("b.bin", "191212121212"),
    ]


def _own_export(folder: Path) -> None:
    """Persons from our own generator in every written form, some with a wrong check digit or date."""
    born = [dt.date(1950, 1, 1) + dt.timedelta(days=97 * i) for i in range(120)]
    numbers = [make_pnr(b, 100 + i) for i, b in enumerate(born)]
    forms = [
        lambda n: n,  # 19500101-1004
        lambda n: n.replace("-", ""),
        lambda n: n[2:],
        lambda n: n[2:].replace("-", ""),
    ]
    written = [forms[i % 4](n) for i, n in enumerate(numbers)]
    bad = [n[:-1] + str((int(n[-1]) + 1) % 10) for n in numbers[:10]]  # wrong check digit
    rows = [
        ["hushall_id", "manad", "sokande_personnummer", "medsokande_personnummer", "antal_barn", "belopp"]
    ]
    for i, nr in enumerate(written + bad):
        rows.append([f"H{i}", "2024-01", nr, written[(i + 1) % len(written)], "1", "1 000,00"])
    write_csv(folder, "bistand_manad.csv", rows, encoding="cp1252")
    write_csv(
        folder,
        "insatser.csv",
        [["insats_id", "personnummer", "insatstyp", "enhet", "start_datum"]]
        + [[f"I{i}", nr, "Jobbspår", "Jobbtorget", "2024-02-01"] for i, nr in enumerate(written + bad)],
    )


def test_no_personnummer_in_workspace_own_data(ws: Workspace, export: Path) -> None:
    _own_export(export)
    numbers = numbers_in_exports(export)
    assert len(numbers) == 130
    result = do_import(ws, export)
    assert result.rejected == 20  # the 10 bad numbers, once in each file
    _assert_nowhere(ws, numbers)


def _assert_nowhere(ws: Workspace, numbers: set[str]) -> None:
    assert find_in_tree(ws.root, numbers) == []
    snap = ws.store().current()
    assert snap is not None
    con = duckdb.connect(str(snap.path), read_only=True)  # every text value of every stored table
    try:
        assert find_in_store_values(con, numbers) == []
    finally:
        con.close()


@pytest.mark.slow
def test_no_personnummer_in_workspace_demo_data(ws: Workspace, tmp_path: Path) -> None:
    export = tmp_path / "demo"
    generate(export, households=600, seed=3, dirty=True)
    numbers = numbers_in_exports(export)
    assert len(numbers) > 500
    do_import(ws, export)
    _assert_nowhere(ws, numbers)


def test_personnummer_in_free_text_is_masked(ws: Workspace, export: Path) -> None:
    write_csv(
        export,
        "sol_beslut.csv",
        [
            ["beslut_id", "personnummer", "beslut_datum", "insatstyp", "orsak"],
            [
                "B1",
                "811228-9874",
                "2024-01-02",
                "Arbetsrehabilitering",
                "Samma hushåll som 19121212-1212, se akt",
            ],
        ],
    )
    do_import(ws, export)
    con = ws.store().connect()
    try:
        assert con.execute("SELECT orsak FROM sol_beslut").fetchall() == [
            ("Samma hushåll som 19121212-****, se akt",)
        ]
    finally:
        con.close()
    _assert_nowhere(ws, {"191212121212", "198112289874"})


def test_personnummer_used_as_household_id_is_pseudonymised(ws: Workspace, export: Path) -> None:
    # some case systems use the registerledare's personnummer as the household's id
    write_csv(
        export,
        "bistand_manad.csv",
        [
            ["hushall_id", "manad", "sokande_personnummer", "antal_barn", "belopp"],
            ["19121212-1212", "2024-01", "19121212-1212", "0", "5000"],
            ["19121212-1212", "2024-02", "19121212-1212", "0", "5000"],
            ["H-77", "2024-01", "19811228-9874", "1", "7000"],
        ],
    )
    write_csv(
        export,
        "ansokningar.csv",
        [["ansokan_id", "hushall_id", "inkom_datum"], ["A1", "191212121212", "2024-01-03"]],
    )
    do_import(ws, export)
    con = ws.store().connect()
    try:
        ids = sorted(r[0] for r in con.execute("SELECT DISTINCT hushall_id FROM bistand_manad").fetchall())
        applied = con.execute("SELECT hushall_id FROM ansokningar").fetchone()
    finally:
        con.close()
    # an ordinary id stays as given; the personnummer becomes ID- and 20 hex characters
    assert ids[0] == "H-77" and ids[1].startswith("ID-") and len(ids[1]) == 23
    assert all(ch in "0123456789ABCDEF" for ch in ids[1][3:])
    # the same household is the same id in another table (the separator does not matter)
    assert applied == (ids[1],)
    _assert_nowhere(ws, {"191212121212", "198112289874"})
