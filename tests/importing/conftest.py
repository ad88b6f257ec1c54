"""Fixtures for the import tests: a fresh workspace and an export folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from uppfolj import workspace
from uppfolj.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return workspace.create(tmp_path / "ws")


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    return folder
