"""The dashboard's own database: users, sessions (with the identity provider's part of them) and the audit
log, in `webb.sqlite` in the workspace.

It lives beside the data snapshots, not inside them: an import never touches accounts or the log, and the
snapshots stay pure data. SQLite in WAL mode lets the CLI (`uppfolj anvandare`) and the server use it at
the same time.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from uppfolj.workspace import Workspace

DB_FILE = "webb.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS anvandare (
    namn TEXT PRIMARY KEY,
    roll TEXT NOT NULL CHECK (roll IN ('admin', 'analytiker', 'lasare')),
    enhet TEXT,
    losenord TEXT NOT NULL,
    aktiv INTEGER NOT NULL DEFAULT 1,
    skapad TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessioner (
    token_hash TEXT PRIMARY KEY,
    namn TEXT NOT NULL,
    csrf TEXT NOT NULL,
    skapad REAL NOT NULL,
    senast REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS logg (
    nr INTEGER PRIMARY KEY AUTOINCREMENT,
    tid TEXT NOT NULL,
    anvandare TEXT NOT NULL,
    handelse TEXT NOT NULL,
    detaljer TEXT NOT NULL,
    adress TEXT NOT NULL,
    kedja TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS logg_ingen_andring BEFORE UPDATE ON logg
BEGIN SELECT RAISE(ABORT, 'loggen kan inte ändras'); END;
CREATE TRIGGER IF NOT EXISTS logg_ingen_radering BEFORE DELETE ON logg
BEGIN SELECT RAISE(ABORT, 'loggen kan inte raderas'); END;
-- sign-on through the identity provider (web/oidc/): flows under way, and the identity behind a session
CREATE TABLE IF NOT EXISTS oidc_inloggningar (
    webblasare TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    nonce TEXT NOT NULL,
    verifierare TEXT NOT NULL,
    skapad REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessioner_oidc (
    token_hash TEXT PRIMARY KEY,
    subjekt TEXT NOT NULL,
    visningsnamn TEXT NOT NULL,
    roll TEXT NOT NULL CHECK (roll IN ('admin', 'analytiker', 'lasare')),
    enhet TEXT,
    id_token TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS sessioner_oidc_med_sessionen AFTER DELETE ON sessioner
BEGIN DELETE FROM sessioner_oidc WHERE token_hash = OLD.token_hash; END;
"""


class WebDB:
    """Connections to `webb.sqlite`, one per thread and kept open; the schema is created on first use.

    WAL with `synchronous=NORMAL`: a commit is durable against a crash of the application, and the
    database stays consistent after a power loss, which may lose the last commits (SQLite's documented
    trade-off); a commit then costs no fsync, which is what keeps logging every view cheap.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False
        self._local = threading.local()

    @classmethod
    def of(cls, ws: Workspace) -> WebDB:
        return cls(ws.root / DB_FILE)

    def _open(self) -> sqlite3.Connection:
        new = not self.path.exists()
        con = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
        if new:
            # accounts and the log are confidential: owner-only, like the key file
            os.chmod(self.path, stat.S_IRUSR | stat.S_IWUSR)
        con.execute("PRAGMA busy_timeout=10000")
        con.execute("PRAGMA synchronous=NORMAL")
        if not self._ready:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(SCHEMA)
            self._ready = True
        return con

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = self._open()
            self._local.con = con
        try:
            yield con
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
