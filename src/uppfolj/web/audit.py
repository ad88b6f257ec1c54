"""The audit log: who did what, when and from where. Append-only.

Rows are only ever inserted: the table has triggers that abort any UPDATE or DELETE, the application has
no code path that changes a row, and each row carries `kedja`, the SHA-256 of the previous row's chain
value and this row's content, so that a row changed or removed outside the application (with the sqlite3
tool) is detected by `verify()`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from uppfolj.web.db import WebDB
from uppfolj.web.masking import mask_pnr

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
}
GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    nr: int
    tid: str
    anvandare: str
    handelse: str
    detaljer: str
    adress: str
    kedja: str


def _chain(previous: str, tid: str, anvandare: str, handelse: str, detaljer: str, adress: str) -> str:
    payload = json.dumps([previous, tid, anvandare, handelse, detaljer, adress], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


class AuditLog:
    def __init__(self, db: WebDB) -> None:
        self.db = db

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
        with self.db.connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                row = con.execute("SELECT kedja FROM logg ORDER BY nr DESC LIMIT 1").fetchone()
                chain = _chain(row[0] if row else GENESIS, tid, anvandare, handelse, text, adress)
                con.execute(
                    "INSERT INTO logg (tid, anvandare, handelse, detaljer, adress, kedja) VALUES (?, ?, ?, ?, ?, ?)",
                    (tid, anvandare, handelse, text, adress, chain),
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

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
        """The number of the first row whose chain does not hold, or None when the log is intact."""
        previous = GENESIS
        expected_nr = None
        for e in self.all_entries():
            if expected_nr is not None and e.nr != expected_nr:
                return expected_nr
            if _chain(previous, e.tid, e.anvandare, e.handelse, e.detaljer, e.adress) != e.kedja:
                return e.nr
            previous, expected_nr = e.kedja, e.nr + 1
        return None
