"""Shared test setup."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import stores
from uppfolj.workspace import Workspace

# Tests never depend on a workspace given by the developer's environment.
os.environ.pop("UPPFOLJ_ARBETSYTA", None)


@pytest.fixture
def stored_workspace(tmp_path: Path) -> Callable[..., Workspace]:
    """`stored_workspace(register, **tables)`: a new workspace whose snapshot holds these tables
    (tests/stores.py)."""

    def make(register: dict[str, str] | None = None, **tables: list[dict[str, Any]]) -> Workspace:
        return stores.stored_workspace(tmp_path / "arbetsyta", register, **tables)

    return make
