"""The snapshot store: a new snapshot becomes current only when complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from uppfolj.store import Store, table_fingerprint


def _write(store: Store, rows: list[int], fail: bool = False) -> None:
    with store.new_snapshot(copy_from_current=True) as con:
        con.execute("CREATE OR REPLACE TABLE t (x INTEGER)")
        for x in rows:
            con.execute("INSERT INTO t VALUES (?)", [x])
        if fail:
            raise RuntimeError("avbruten")


def test_snapshot_switch_and_failed_write(tmp_path: Path) -> None:
    store = Store(tmp_path / "lager", keep=1)
    store.initialise()
    _write(store, [1, 2, 3])
    first = store.current()
    assert first is not None and first.number == 2
    with pytest.raises(RuntimeError):
        _write(store, [9], fail=True)
    # the failed write left the pointer and the data as they were, and no half-written file
    assert store.current() == first
    con = store.connect()
    assert con.execute("SELECT sum(x) FROM t").fetchone() == (6,)
    con.close()
    assert not (tmp_path / "lager" / "ogonblick-000003.duckdb").exists()


def test_tables_are_carried_forward_and_old_snapshots_pruned(tmp_path: Path) -> None:
    store = Store(tmp_path / "lager", keep=1)
    store.initialise()
    _write(store, [1])
    with store.new_snapshot(copy_from_current=True) as con:
        con.execute("CREATE TABLE u AS SELECT 5 AS y")
    con = store.connect()
    assert con.execute("SELECT x FROM t").fetchall() == [(1,)]
    assert con.execute("SELECT y FROM u").fetchall() == [(5,)]
    con.close()
    files = sorted(p.name for p in (tmp_path / "lager").glob("ogonblick-*.duckdb"))
    # current (3) plus keep=1 older snapshot (2); snapshot 1 was pruned
    assert files == ["ogonblick-000002.duckdb", "ogonblick-000003.duckdb"]


def test_fingerprint_ignores_row_order(tmp_path: Path) -> None:
    store = Store(tmp_path / "lager")
    store.initialise()
    _write(store, [1, 2, 3])
    con = store.connect()
    a = table_fingerprint(con, "t")
    con.close()
    _write(store, [3, 1, 2])
    con = store.connect()
    b = table_fingerprint(con, "t")
    con.close()
    _write(store, [3, 1, 4])
    con = store.connect()
    c = table_fingerprint(con, "t")
    con.close()
    assert a == b != c
