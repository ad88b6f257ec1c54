"""The import contracts of `make lint` (pyproject.toml, [tool.importlinter]): kept by the code, and broken by
an upward import or an import cycle planted in a copy of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "uppfolj", src / "uppfolj", ignore=shutil.ignore_patterns("__pycache__"))
    return src


def test_the_code_keeps_the_contract(source_copy: Path, tmp_path: Path) -> None:
    result = _lint(source_copy, tmp_path)
    assert result.returncode == 0, result.stdout
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "named"),
    [
        # the store reading the indicator engine: upward across four layers
        ("store.py", "from uppfolj.indicators import engine", "uppfolj.store -> uppfolj.indicators.engine"),
        # a report part importing the command line
        (
            "uppdrag/report.py",
            "from uppfolj.cli import common",
            "uppfolj.uppdrag.report -> uppfolj.cli.common",
        ),
        # two packages of one layer importing each other
        ("goals/model.py", "from uppfolj.kolada import kpis", "uppfolj.goals.model -> uppfolj.kolada.kpis"),
        # a cycle between modules of one package: diagnostics → analysis_data → dynamic → diagnostics
        (
            "effects/diagnostics.py",
            "from uppfolj.effects import analysis_data",
            "No cycles are allowed in uppfolj.effects.",
        ),
    ],
)
def test_a_planted_import_breaks_it(
    source_copy: Path, tmp_path: Path, module: str, planted: str, named: str
) -> None:
    path = source_copy / "uppfolj" / module
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("from __future__ import annotations\n")
    path.write_text(head + sep + planted + "  # noqa\n" + rest, encoding="utf-8")
    result = _lint(source_copy, tmp_path)
    assert result.returncode == 1, result.stdout
    assert "BROKEN" in result.stdout
    assert named in result.stdout
