"""Parallel wrong logins for one account: at most the configured number reach the Argon2 check, the rest are
refused without it, and the right password from another address still works."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, csrf_of
from uppfolj.web import create_app
from uppfolj.web import users as users_module
from uppfolj.workspace import Workspace

LIMIT = 5
ATTEMPTS = 30


def test_thirty_parallel_wrong_logins(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = 0
    lock = threading.Lock()

    class CountingHasher(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            nonlocal checked
            with lock:
                checked += 1
            return super().verify(hash, password)

    monkeypatch.setattr(users_module, "_hasher", CountingHasher())
    app = create_app(workspace, login_limit=LIMIT, login_window=300)
    with TestClient(app, client=("203.0.113.7", 4000)) as attacker:
        token = csrf_of(attacker.get("/logga-in").text)
        start = threading.Barrier(ATTEMPTS)

        def attempt(_: int) -> tuple[int, float]:
            start.wait()
            began = time.perf_counter()
            response = attacker.post(
                "/logga-in",
                data={"namn": "admin", "losenord": "fel-losenord!", "csrf": token},
            )
            return response.status_code, time.perf_counter() - began

        with ThreadPoolExecutor(ATTEMPTS) as pool:
            results = list(pool.map(attempt, range(ATTEMPTS)))
    statuses = [s for s, _ in results]
    assert checked <= LIMIT, checked
    assert statuses.count(429) >= ATTEMPTS - LIMIT, statuses
    refused = sorted(t for s, t in results if s == 429)
    checked_times = sorted(t for s, t in results if s == 401)
    assert checked_times, statuses
    # refused without the password check: the median refusal is faster than the fastest check
    assert refused[len(refused) // 2] < checked_times[0], (refused, checked_times)
    with TestClient(app, client=("10.1.2.3", 4000)) as colleague:
        token = csrf_of(colleague.get("/logga-in").text)
        ok = colleague.post(
            "/logga-in", data={"namn": "admin", "losenord": PASSWORD, "csrf": token}, follow_redirects=False
        )
        assert ok.status_code == 303
