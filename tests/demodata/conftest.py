"""Small synthetic municipalities shared by the demodata tests (generated once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from uppfolj.demodata import generate

#: the test municipality: 4 000 households over the default period (the default size is 14 000)
HOUSEHOLDS = 4000


@pytest.fixture(scope="session")
def clean_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demodata") / "ren"
    generate(out, households=HOUSEHOLDS, seed=7)
    return out


@pytest.fixture(scope="session")
def dirty_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same small municipality written clean and with --smutsig."""
    base = tmp_path_factory.mktemp("smutsig")
    clean, dirty = base / "ren", base / "smutsig"
    generate(clean, households=800, start="2022-01", end="2024-12", seed=3)
    generate(dirty, households=800, start="2022-01", end="2024-12", seed=3, dirty=True)
    return clean, dirty
