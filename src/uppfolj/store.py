"""The store: immutable DuckDB snapshots and a pointer to the current one.

Each import writes a complete new snapshot file (`lager/ogonblick-000007.duckdb`): the tables it imported
plus the untouched tables copied from the previous snapshot, plus the import log. When the file is
complete and synced, the pointer file `lager/AKTUELL` is replaced atomically (`os.replace`). So:

- readers (CLI, web) always open a complete snapshot read-only, and an import never blocks them;
- an import killed at any point (even SIGKILL) leaves the pointer on the previous snapshot;
- a result can name the snapshot it was computed from (`snapshot_id`), which makes runs reproducible.

Old snapshots beyond `keep` are removed after a successful switch; half-written files of killed imports
(never pointed to) are removed by the next import.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from uppfolj.errors import WorkspaceError
from uppfolj.private import private_dir, private_file

POINTER = "AKTUELL"
_SNAPSHOT_RE = re.compile(r"^ogonblick-(\d{6})\.duckdb$")

#: Tables holding the import log; they live in every snapshot and are carried forward.
IMPORT_LOG_DDL = """
CREATE TABLE IF NOT EXISTS _importer (
    import_nr INTEGER, tid TIMESTAMP, anvandare VARCHAR, mapp VARCHAR, tillagg BOOLEAN, ogonblick VARCHAR
);
CREATE TABLE IF NOT EXISTS _importfiler (
    import_nr INTEGER, fil VARCHAR, tabell VARCHAR, sha256 VARCHAR,
    lasta BIGINT, lagrade BIGINT, avvisade BIGINT, varningar BIGINT
);
CREATE TABLE IF NOT EXISTS _personregister (
    person_id VARCHAR PRIMARY KEY, fodelsear INTEGER, kon VARCHAR
);
"""


@dataclass(frozen=True)
class Snapshot:
    number: int
    path: Path

    @property
    def snapshot_id(self) -> str:
        return f"{self.number:06d}"


class Store:
    def __init__(self, root: Path, keep: int = 5) -> None:
        self.root = Path(root)
        self.keep = keep

    # ---- reading -------------------------------------------------------------------------------
    def current(self) -> Snapshot | None:
        pointer = self.root / POINTER
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        match = _SNAPSHOT_RE.match(name)
        if not match or not (self.root / name).exists():
            raise WorkspaceError(
                f"Lagret i {self.root} pekar på en ögonblicksbild som saknas ({name!r}). "
                f"Kör en ny import med `uppfolj import`."
            )
        return Snapshot(int(match.group(1)), self.root / name)

    def connect(self, snapshot: Snapshot | None = None) -> duckdb.DuckDBPyConnection:
        """A read-only connection to the current (or given) snapshot."""
        snap = snapshot or self.current()
        if snap is None:
            raise WorkspaceError(
                "Arbetsytan har inga data än. Importera en exportmapp med `uppfolj import MAPP`."
            )
        return duckdb.connect(str(snap.path), read_only=True)

    def tables(self, con: duckdb.DuckDBPyConnection) -> set[str]:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema='main'"
        ).fetchall()
        return {r[0] for r in rows}

    # ---- writing -------------------------------------------------------------------------------
    def initialise(self) -> None:
        """Create the first, empty snapshot so that every workspace has a current one."""
        private_dir(self.root)
        if self.current() is None:
            with self.new_snapshot() as con:
                con.execute(IMPORT_LOG_DDL)

    def _snapshot_numbers(self) -> list[int]:
        numbers = []
        for entry in self.root.iterdir():
            match = _SNAPSHOT_RE.match(entry.name)
            if match:
                numbers.append(int(match.group(1)))
        return sorted(numbers)

    @contextlib.contextmanager
    def new_snapshot(self, copy_from_current: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Write a new snapshot; it becomes current only if the block finishes without an exception.

        With `copy_from_current`, every table of the current snapshot is first copied into the new one
        (the caller then replaces what it imports).
        """
        private_dir(self.root)
        self._remove_orphans()
        current = self.current()
        numbers = self._snapshot_numbers()
        number = (max(numbers) if numbers else 0) + 1
        path = self.root / f"ogonblick-{number:06d}.duckdb"
        con = duckdb.connect(str(path))
        private_file(path)
        ok = False
        try:
            con.execute(IMPORT_LOG_DDL)
            if copy_from_current and current is not None:
                copy_tables(con, current.path)
            yield con
            con.execute("CHECKPOINT")
            ok = True
        finally:
            con.close()
            if not ok:
                for leftover in (path, Path(str(path) + ".wal")):
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
        _fsync_file(path)
        self._point_to(path.name)
        self._prune()

    def _point_to(self, name: str) -> None:
        tmp = self.root / (POINTER + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / POINTER)
        _fsync_dir(self.root)

    def _remove_orphans(self) -> None:
        """Remove snapshot files newer than the current one: left by an import that was killed."""
        current = self.current()
        limit = current.number if current else 0
        for entry in list(self.root.iterdir()):
            match = _SNAPSHOT_RE.match(entry.name.removesuffix(".wal"))
            if match and int(match.group(1)) > limit:
                entry.unlink()

    def _prune(self) -> None:
        current = self.current()
        if current is None:
            return
        old = [n for n in self._snapshot_numbers() if n < current.number]
        for number in old[: max(0, len(old) - self.keep)]:
            for suffix in ("", ".wal"):
                with contextlib.suppress(FileNotFoundError):
                    (self.root / f"ogonblick-{number:06d}.duckdb{suffix}").unlink()


def copy_tables(con: duckdb.DuckDBPyConnection, source: Path, only: set[str] | None = None) -> None:
    """Copy every table (or those in `only`) of the snapshot file `source` into `con`'s database."""
    con.execute(f"ATTACH '{_sql_path(source)}' AS prev (READ_ONLY)")
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog='prev' AND table_schema='main'"
            ).fetchall()
        ]
        for name in names:
            if only is not None and name not in only:
                continue
            con.execute(f'CREATE OR REPLACE TABLE main."{name}" AS SELECT * FROM prev.main."{name}"')
    finally:
        con.execute("DETACH prev")


def table_fingerprint(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """An order-independent content hash of a table, for checking that two stores hold the same data."""
    row = con.execute(
        f'SELECT count(*), coalesce(sum(hash(t)), 0), coalesce(bit_xor(hash(t)), 0) FROM "{table}" t'
    ).fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _fsync_file(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
