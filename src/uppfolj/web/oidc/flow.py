"""Sign-ons under way: the state, nonce and PKCE verifier of each, bound to the browser that started it.

The browser holds only a random token in a cookie; the row is found by the token's SHA-256, used once and
never older than `FLOW_SECONDS`. So an answer from the provider is accepted only in the browser that asked,
only once, and only with the state, nonce and verifier made for that attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from authlib.common.security import generate_token

from uppfolj.web.db import WebDB
from uppfolj.web.oidc.provider import SignOnFailed

COOKIE = "uppfolj_oidc"
#: how long the user may spend at the provider's sign-on page
FLOW_SECONDS = 10 * 60


@dataclass(frozen=True)
class Pending:
    state: str
    nonce: str
    code_verifier: str = field(repr=False)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PendingSignOns:
    def __init__(self, db: WebDB) -> None:
        self.db = db

    def start(self) -> tuple[str, Pending]:
        """A new attempt: the browser's cookie value and the attempt's values."""
        browser = secrets.token_urlsafe(32)
        # RFC 7636: the verifier is 43–128 characters of the unreserved set
        pending = Pending(secrets.token_urlsafe(32), secrets.token_urlsafe(32), generate_token(64))
        now = time.time()
        with self.db.connect() as con:
            con.execute("DELETE FROM oidc_inloggningar WHERE skapad < ?", (now - FLOW_SECONDS,))
            con.execute(
                "INSERT INTO oidc_inloggningar (webblasare, state, nonce, verifierare, skapad) VALUES (?, ?, ?, ?, ?)",
                (_digest(browser), pending.state, pending.nonce, pending.code_verifier, now),
            )
        return browser, pending

    def take(self, browser: str | None, state: str) -> Pending:
        """The attempt this browser started, when `state` is its state (used up either way); else
        SignOnFailed."""
        row = None
        if browser and len(browser) <= 200:
            with self.db.connect() as con:
                row = con.execute(
                    "DELETE FROM oidc_inloggningar WHERE webblasare = ? RETURNING state, nonce, verifierare, skapad",
                    (_digest(browser),),
                ).fetchone()
        if row is None or row[3] < time.time() - FLOW_SECONDS:
            raise SignOnFailed(
                "inloggningsförsöket hittades inte i den här webbläsaren eller tog mer än tio minuter"
            )
        if not hmac.compare_digest(row[0].encode(), state.encode()):
            raise SignOnFailed("svaret från identitetsleverantören hör inte till inloggningsförsöket (state)")
        return Pending(row[0], row[1], row[2])
