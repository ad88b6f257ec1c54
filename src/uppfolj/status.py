"""What the store holds: rows and data end per table, and the import history (`uppfolj status`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from uppfolj.contract import TABLES, ColType
from uppfolj.workspace import Workspace


def data_end(con: duckdb.DuckDBPyConnection, table: str) -> dt.date | None:
    """The latest date a table covers: max of its date columns; a month counts to its last day."""
    spec = TABLES[table]
    parts = []
    for col in spec.columns:
        name = col.stored_name
        if col.type is ColType.DATE:
            parts.append(f'max("{name}")')
        elif col.type is ColType.MONTH:
            parts.append(f'last_day(max("{name}"))')
        elif col.type is ColType.YEAR:
            parts.append(f'make_date(max("{name}")::INTEGER, 12, 31)')
    if not parts:
        return None
    expr = parts[0] if len(parts) == 1 else f"greatest({', '.join(parts)})"
    row = con.execute(f'SELECT {expr} FROM "{table}"').fetchone()
    return row[0] if row else None


def store_status(ws: Workspace) -> dict[str, Any]:
    store = ws.store()
    snap = store.current()
    out: dict[str, Any] = {"ogonblick": snap.snapshot_id if snap else None, "tabeller": {}, "importer": []}
    if snap is None:
        return out
    con = store.connect(snap)
    try:
        present = store.tables(con)
        for name in TABLES:
            if name not in present:
                continue
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            end = data_end(con, name)
            out["tabeller"][name] = {
                "rader": int(rows[0]) if rows else 0,
                "dataslut": end.isoformat() if end else None,
            }
        imports = con.execute(
            "SELECT import_nr, tid, anvandare, mapp, tillagg, ogonblick FROM _importer ORDER BY import_nr"
        ).fetchall()
        files = con.execute(
            "SELECT import_nr, fil, tabell, sha256, lasta, lagrade, avvisade, varningar FROM _importfiler "
            "ORDER BY import_nr, fil"
        ).fetchall()
        findings: list[tuple[int, str]] = []
        if "_leveranskontroll" in store.tables(con):
            findings = con.execute(
                "SELECT import_nr, meddelande FROM _leveranskontroll ORDER BY import_nr, tabell, manad, matt"
            ).fetchall()
    finally:
        con.close()
    by_import: dict[int, list[dict[str, Any]]] = {}
    for nr, fil, tabell, sha, lasta, lagrade, avvisade, varningar in files:
        by_import.setdefault(nr, []).append(
            {
                "fil": fil,
                "tabell": tabell,
                "sha256": sha,
                "lasta": lasta,
                "lagrade": lagrade,
                "avvisade": avvisade,
                "varningar": varningar,
            }
        )
    for nr, tid, user, folder, tillagg, ogonblick in imports:
        out["importer"].append(
            {
                "import_nr": nr,
                "tid": tid.isoformat(timespec="seconds") if tid else None,
                "anvandare": user,
                "mapp": folder,
                "tillagg": bool(tillagg),
                "ogonblick": ogonblick,
                "filer": by_import.get(nr, []),
                "leveranskontroll": [text for n, text in findings if n == nr],
            }
        )
    return out
