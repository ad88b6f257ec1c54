"""Login throttling that holds under concurrency and cannot be used to lock a user out from elsewhere.

Three counts of failed attempts in a sliding window (in memory, one server process):

- per account and address: `limit` failures lock that account *from that address* for the window;
- per address, any account: `address_limit` failures lock the address (one address trying many names);
- per account, every address: after `account_limit` failures the account is under attack, and each address
  gets one attempt per window instead of `limit` (the slower global back-off). An address that has not
  failed for the account still gets its attempt, so an attacker cannot lock the rightful user out.

`begin` checks and counts in one step under a lock: an attempt reserves its place before the password is
checked, so parallel guesses cannot all pass the check before any is counted. Password checks (Argon2id,
64 MiB each) run at most `concurrent` at a time.

Refusals are not logged one row each: the first refusal since the account's (or address's) last log row is
logged, later ones are counted and reported in the next row written for it (`pending_refusals`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: a password check waits at most this long for a free slot before the attempt is refused
CHECK_WAIT_SECONDS = 30.0
#: forget keys idle for longer than the window once the tables grow past this size
PRUNE_AT = 10_000


@dataclass(frozen=True)
class Attempt:
    """A reserved attempt: the password may be checked. `finish` must follow."""

    account: str
    address: str


@dataclass(frozen=True)
class Refusal:
    """The attempt is refused without a password check. `log` is True for the first refusal since the
    last log row for `key` (later ones are only counted)."""

    wait: float
    key: str
    log: bool


class Busy(Exception):
    """Every password-check slot stayed taken for CHECK_WAIT_SECONDS."""


class LoginThrottle:
    def __init__(
        self,
        limit: int = 5,
        window: float = 300.0,
        *,
        address_limit: int | None = None,
        account_limit: int | None = None,
        concurrent: int = 2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.address_limit = address_limit or limit * 4
        self.account_limit = account_limit or limit * 4
        self._clock = clock
        self._lock = threading.Lock()
        self._checks = threading.BoundedSemaphore(concurrent)
        self._fails: dict[str, deque[float]] = {}
        self._pending: dict[str, int] = {}
        self._refused: dict[str, int] = {}

    # -- keys ------------------------------------------------------------------------------------------
    @staticmethod
    def _keys(account: str, address: str) -> tuple[str, str, str]:
        return f"par:{account}\n{address}", f"adress:{address}", f"konto:{account}"

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._fails.get(key)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def _count(self, key: str, now: float) -> int:
        return len(self._recent(key, now)) + self._pending.get(key, 0)

    def _wait(self, key: str, now: float) -> float:
        hits = self._recent(key, now)
        return max(1.0, hits[0] + self.window - now) if hits else self.window

    def _prune(self, now: float) -> None:
        if len(self._fails) < PRUNE_AT:
            return
        for key in [k for k in self._fails if not self._recent(k, now) and not self._pending.get(k)]:
            del self._fails[key]

    # -- the attempt -----------------------------------------------------------------------------------
    def begin(self, account: str, address: str) -> Attempt | Refusal:
        """Check and count in one step: the attempt is reserved, or refused with the seconds to wait."""
        pair, addr, acct = self._keys(account, address)
        with self._lock:
            now = self._clock()
            self._prune(now)
            if self._count(addr, now) >= self.address_limit:
                return self._refuse(addr, self._wait(addr, now))
            pair_limit = 1 if len(self._recent(acct, now)) >= self.account_limit else self.limit
            if self._count(pair, now) >= pair_limit:
                return self._refuse(acct, self._wait(pair, now))
            for key in (pair, addr, acct):
                self._pending[key] = self._pending.get(key, 0) + 1
            return Attempt(account, address)

    def first_refusal(self, key: str) -> bool:
        """Count a refusal that needs no password check (e.g. local accounts switched off); True for the
        first since the last log row for `key`, the only one that gets a row of its own."""
        with self._lock:
            return self._refuse(key, 0.0).log

    def _refuse(self, key: str, wait: float) -> Refusal:
        count = self._refused.get(key, 0) + 1
        self._refused[key] = count
        return Refusal(wait, key, log=count == 1)

    @contextlib.contextmanager
    def checking(self) -> Iterator[None]:
        """A slot for one password check (bounded, so parallel guesses cannot exhaust memory)."""
        if not self._checks.acquire(timeout=CHECK_WAIT_SECONDS):
            raise Busy()
        try:
            yield
        finally:
            self._checks.release()

    def cancel(self, attempt: Attempt) -> None:
        """The password was never checked (no free slot, or an error): release the reservation only."""
        with self._lock:
            self._release(attempt)

    def _release(self, attempt: Attempt) -> None:
        for key in self._keys(attempt.account, attempt.address):
            self._pending[key] -= 1
            if not self._pending[key]:
                del self._pending[key]

    def finish(self, attempt: Attempt, ok: bool) -> None:
        """Record the outcome: a failure counts for the account, the address and the pair; a success clears
        the pair (the account's and the address's counts stay until the window passes)."""
        pair, addr, acct = self._keys(attempt.account, attempt.address)
        with self._lock:
            now = self._clock()
            self._release(attempt)
            if ok:
                self._fails.pop(pair, None)
                return
            for key in (pair, addr, acct):
                self._fails.setdefault(key, deque()).append(now)

    def pending_refusals(self, account: str, address: str) -> int:
        """Refusals counted but not yet logged for this account and this address; they are reported in the
        row now being written, and the counts start again. The first refusal had a row of its own."""
        _, addr, acct = self._keys(account, address)
        with self._lock:
            return sum(max(0, self._refused.pop(key, 0) - 1) for key in (acct, addr))
