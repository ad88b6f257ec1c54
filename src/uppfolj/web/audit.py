"""The audit log: who did what, when and from where. Append-only.

Rows are only ever inserted: the table has triggers that abort any UPDATE or DELETE, the application has
no code path that changes a row, and each row carries `kedja`, an HMAC-SHA256 over the previous row's chain
value and this row's content, keyed with a secret kept outside the database (the file `loggnyckel` beside
the pseudonym key `nyckel`, owner-only). Someone who can edit `webb.sqlite` but not read that file cannot
recompute the chain, so a row changed, removed or inserted is detected by `verify()` (`uppfolj logg
verifiera`), which names the first row where the chain breaks. Removing rows from the end leaves no break
in the chain; see docs/webb.md, "Hotmodell".

A log written before the chain was keyed keeps its unkeyed SHA-256 chain up to a row `logg_nyckel`, written
when the key is created; from that row on every row is keyed.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import hashlib
import hmac
import io
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from uppfolj.masking import mask_pnr
from uppfolj.web.db import WebDB

#: events written to the log, with their Swedish names shown to admins
EVENTS = {
    "inloggning": "Inloggning",
    "inloggning_misslyckad": "Misslyckad inloggning",
    "inloggning_nekad": "Nekad inloggning (ingen behörighet i identitetsleverantörens grupper)",
    "utloggning": "Utloggning",
    "visning_oskyddade": "Visning av oskyddade tal",
    "export": "Export",
    "export_sekretess": "Export av arbetslista med sekretess",
    "rapport": "Rapport skapad",
    "rapporttext": "Rapporttext ändrad",
    "import": "Import",
    "anvandare": "Användarkonto ändrat",
    "logg_export": "Loggen exporterad",
    "uppdrag": "Uppdrag ändrat",
    "internkontroll": "Kontrollresultat registrerat",
    "nekad": "Åtkomst nekad",
    "visning_personniva": "Visning av uppgifter på personnivå",
    "logg_nyckel": "Loggkedjan nycklad",
}
GENESIS = "0" * 64
#: the chain's secret, beside the workspace's pseudonym key `nyckel`
KEY_FILE = "loggnyckel"
#: cells a spreadsheet would read as a formula (CSV injection); such cells get a leading apostrophe
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cli_actor() -> str:
    """Who made a change from the command line: the OS user running it."""
    try:
        who = getpass.getuser()
    except (OSError, KeyError):
        who = "okänd"
    return f"kommandoraden ({who})"


def formula_safe(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class Entry:
    nr: int
    tid: str
    anvandare: str
    handelse: str
    detaljer: str
    adress: str
    kedja: str


def _chain(
    key: bytes | None, previous: str, tid: str, anvandare: str, handelse: str, detaljer: str, adress: str
) -> str:
    """HMAC-SHA256 with the log's key; without a key, the unkeyed SHA-256 of logs from before the key."""
    payload = json.dumps([previous, tid, anvandare, handelse, detaljer, adress], ensure_ascii=False).encode()
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _load_key(path: Path) -> tuple[bytes, bool]:
    """The key, and whether it was created just now (owner-only, created once; a lost key cannot be
    recreated: the log then fails verification from its first keyed row)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        return path.read_bytes().strip(), False
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    return path.read_bytes().strip(), True


class AuditLog:
    def __init__(self, db: WebDB) -> None:
        self.db = db
        self.key_path = db.path.parent / KEY_FILE
        self._key: bytes | None = None
        self._mark = False

    def _secret(self) -> bytes:
        if self._key is None:
            self._key, self._mark = _load_key(self.key_path)
        return self._key

    def write(self, anvandare: str, handelse: str, detaljer: str | dict[str, Any], adress: str) -> None:
        if handelse not in EVENTS:
            raise ValueError(f"unknown audit event {handelse!r}")
        text = (
            detaljer
            if isinstance(detaljer, str)
            else json.dumps(detaljer, ensure_ascii=False, sort_keys=True)
        )
        # a user may type a personnummer into the name field: it never reaches the log
        anvandare, text, adress = mask_pnr(anvandare)[:100], mask_pnr(text)[:2000], adress[:100]
        tid = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        key = self._secret()
        with self.db.connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                row = con.execute("SELECT kedja FROM logg ORDER BY nr DESC LIMIT 1").fetchone()
                previous = row[0] if row else GENESIS
                if self._mark and row:
                    # a log from before the key: its unkeyed chain ends here, keyed from this row on
                    note = "loggkedjan nycklas från och med denna post"
                    previous = self._insert(con, key, previous, tid, "uppfolj", "logg_nyckel", note, "lokal")
                self._mark = False
                self._insert(con, key, previous, tid, anvandare, handelse, text, adress)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    @staticmethod
    def _insert(con: Any, key: bytes, previous: str, *fields: str) -> str:
        chain = _chain(key, previous, *fields)
        con.execute(
            "INSERT INTO logg (tid, anvandare, handelse, detaljer, adress, kedja) VALUES (?, ?, ?, ?, ?, ?)",
            (*fields, chain),
        )
        return chain

    def entries(self, *, limit: int = 200, offset: int = 0, handelse: str | None = None) -> list[Entry]:
        sql = "SELECT nr, tid, anvandare, handelse, detaljer, adress, kedja FROM logg"
        args: list[Any] = []
        if handelse:
            sql += " WHERE handelse = ?"
            args.append(handelse)
        sql += " ORDER BY nr DESC LIMIT ? OFFSET ?"
        args += [limit, offset]
        with self.db.connect() as con:
            rows = con.execute(sql, args).fetchall()
        return [Entry(*r) for r in rows]

    def all_entries(self) -> list[Entry]:
        with self.db.connect() as con:
            rows = con.execute(
                "SELECT nr, tid, anvandare, handelse, detaljer, adress, kedja FROM logg ORDER BY nr"
            ).fetchall()
        return [Entry(*r) for r in rows]

    def verify(self) -> int | None:
        """The number of the first row whose chain does not hold (or that is missing), or None when the log
        is intact."""
        entries = self.all_entries()
        if not entries:
            return None
        key = self._secret()
        marks = [i for i, e in enumerate(entries) if e.handelse == "logg_nyckel"]
        # a key created only now: the whole log is from before it (its marker comes with the next row)
        keyed_from = marks[0] if marks else len(entries) if self._mark else 0
        previous = GENESIS
        expected_nr = None
        for i, e in enumerate(entries):
            if expected_nr is not None and e.nr != expected_nr:
                return expected_nr
            row_key = key if i >= keyed_from else None
            if not hmac.compare_digest(
                _chain(row_key, previous, e.tid, e.anvandare, e.handelse, e.detaljer, e.adress), e.kedja
            ):
                return e.nr
            previous, expected_nr = e.kedja, e.nr + 1
        return None

    def export_csv(self) -> str:
        """The whole log as CSV; a cell that a spreadsheet would take for a formula starts with `'`."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["nr", "tid", "anvandare", "handelse", "detaljer", "adress", "kedja"])
        for e in self.all_entries():
            row = [e.nr, e.tid, e.anvandare, e.handelse, e.detaljer, e.adress, e.kedja]
            writer.writerow([formula_safe(v) for v in row])
        return buffer.getvalue()
