"""Server-side sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored.

Each session carries its own CSRF token, which every form and every state-changing API call must send
back. Sessions expire after `IDLE_SECONDS` without use and after `MAX_SECONDS` in all.

A session opened through the identity provider carries its `ExternalIdentity` (table `sessioner_oidc`,
removed with the session by a trigger): role and unit as the provider's groups gave them at sign-on.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass, field

from uppfolj.web.db import WebDB

COOKIE = "uppfolj_session"
IDLE_SECONDS = 60 * 60
MAX_SECONDS = 10 * 60 * 60
#: `senast` is written at most this often, so that reads stay reads
_TOUCH_SECONDS = 60


@dataclass(frozen=True)
class ExternalIdentity:
    """Who the identity provider vouched for, and what its groups gave them, for one session."""

    subjekt: str
    visningsnamn: str
    roll: str
    enhet: str | None
    #: kept for the provider's logout (id_token_hint); never logged or shown
    id_token: str = field(repr=False)


@dataclass(frozen=True)
class Session:
    namn: str
    csrf: str
    extern: ExternalIdentity | None = None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    def __init__(self, db: WebDB) -> None:
        self.db = db

    def create(self, namn: str, extern: ExternalIdentity | None = None) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = time.time()
        with self.db.connect() as con:
            con.execute(
                "INSERT INTO sessioner (token_hash, namn, csrf, skapad, senast) VALUES (?, ?, ?, ?, ?)",
                (_digest(token), namn, csrf, now, now),
            )
            if extern is not None:
                con.execute(
                    "INSERT INTO sessioner_oidc (token_hash, subjekt, visningsnamn, roll, enhet, id_token) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        _digest(token),
                        extern.subjekt,
                        extern.visningsnamn,
                        extern.roll,
                        extern.enhet,
                        extern.id_token,
                    ),
                )
            con.execute(
                "DELETE FROM sessioner WHERE senast < ? OR skapad < ?",
                (now - IDLE_SECONDS, now - MAX_SECONDS),
            )
        return token, Session(namn, csrf, extern)

    def get(self, token: str | None) -> Session | None:
        if not token or len(token) > 200:
            return None
        now = time.time()
        digest = _digest(token)
        with self.db.connect() as con:
            row = con.execute(
                "SELECT s.namn, s.csrf, s.skapad, s.senast, o.subjekt, o.visningsnamn, o.roll, o.enhet, o.id_token "
                "FROM sessioner s LEFT JOIN sessioner_oidc o USING (token_hash) WHERE s.token_hash = ?",
                (digest,),
            ).fetchone()
            if row is None:
                return None
            namn, csrf, skapad, senast = row[:4]
            if senast < now - IDLE_SECONDS or skapad < now - MAX_SECONDS:
                con.execute("DELETE FROM sessioner WHERE token_hash = ?", (digest,))
                return None
            if now - senast > _TOUCH_SECONDS:
                con.execute("UPDATE sessioner SET senast = ? WHERE token_hash = ?", (now, digest))
        return Session(namn, csrf, ExternalIdentity(*row[4:]) if row[4] is not None else None)

    def delete(self, token: str | None) -> None:
        if token:
            with self.db.connect() as con:
                con.execute("DELETE FROM sessioner WHERE token_hash = ?", (_digest(token),))
