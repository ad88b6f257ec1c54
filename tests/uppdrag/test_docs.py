"""docs/uppdrag.md documents every field, status and CSV column."""

from __future__ import annotations

from pathlib import Path

from uppfolj.uppdrag.csvio import COLUMNS
from uppfolj.uppdrag.model import FIELDS, STATUSES

DOC = Path(__file__).resolve().parents[2] / "docs" / "uppdrag.md"


def test_fields_statuses_and_columns_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert [f for f in FIELDS if f"| `{f}` | {FIELDS[f]} |" not in text] == []
    assert [s for s in STATUSES if f"`{s}`" not in text] == []
    assert "Columns `" + ";".join(COLUMNS[:-1]) + ";\n" + COLUMNS[-1] + "`" in text
