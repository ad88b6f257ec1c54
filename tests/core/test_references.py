"""Code and docs cite only the repository's own documents: no issue numbers, no specification kept
elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"issue [0-9]|\(issue\b|the spec\b|shared/spec", re.IGNORECASE)


def test_no_reference_outside_the_repository() -> None:
    found = []
    for folder in ("src", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in {".py", ".md", ".html", ".yaml", ".sql"} or "egg-info" in str(path):
                continue
            for nr, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if OUTSIDE.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{nr}: {line.strip()}")
    assert found == []


def test_the_pattern_finds_what_it_should() -> None:
    # guards the check above against a pattern that can never match
    assert OUTSIDE.search("see issue 7, item 1") and OUTSIDE.search("as the spec says")
    assert OUTSIDE.search("The spec defines") and OUTSIDE.search("Issue 12")
    assert not OUTSIDE.search("docs/indikatorer.md")
