"""Server-side sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored.

Each session carries its own CSRF token, which every form and every state-changing API call must send
back. Sessions expire after `IDLE_SECONDS` without use and after `MAX_SECONDS` in all.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from uppfolj.web.db import WebDB

COOKIE = "uppfolj_session"
IDLE_SECONDS = 60 * 60
MAX_SECONDS = 10 * 60 * 60
#: `senast` is written at most this often, so that reads stay reads
_TOUCH_SECONDS = 60


@dataclass(frozen=True)
class Session:
    namn: str
    csrf: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    def __init__(self, db: WebDB) -> None:
        self.db = db

    def create(self, namn: str) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = time.time()
        with self.db.connect() as con:
            con.execute(
                "INSERT INTO sessioner (token_hash, namn, csrf, skapad, senast) VALUES (?, ?, ?, ?, ?)",
                (_digest(token), namn, csrf, now, now),
            )
            con.execute(
                "DELETE FROM sessioner WHERE senast < ? OR skapad < ?",
                (now - IDLE_SECONDS, now - MAX_SECONDS),
            )
        return token, Session(namn, csrf)

    def get(self, token: str | None) -> Session | None:
        if not token or len(token) > 200:
            return None
        now = time.time()
        digest = _digest(token)
        with self.db.connect() as con:
            row = con.execute(
                "SELECT namn, csrf, skapad, senast FROM sessioner WHERE token_hash = ?", (digest,)
            ).fetchone()
            if row is None:
                return None
            namn, csrf, skapad, senast = row
            if senast < now - IDLE_SECONDS or skapad < now - MAX_SECONDS:
                con.execute("DELETE FROM sessioner WHERE token_hash = ?", (digest,))
                return None
            if now - senast > _TOUCH_SECONDS:
                con.execute("UPDATE sessioner SET senast = ? WHERE token_hash = ?", (now, digest))
        return Session(namn, csrf)

    def delete(self, token: str | None) -> None:
        if token:
            with self.db.connect() as con:
                con.execute("DELETE FROM sessioner WHERE token_hash = ?", (_digest(token),))
