"""mypy checks src/ (with `warn_unused_ignores`), not tests/: an ignore comment for mypy in a test silences nothing and
only hides that the line was never checked, so the tests carry none."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
MARK = "type: " + "ignore"  # split so this file does not find itself


def test_no_type_ignore_in_the_tests() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{nr}"
        for path in sorted(TESTS.rglob("*.py"))
        for nr, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if MARK in line
    ]
    assert found == []
