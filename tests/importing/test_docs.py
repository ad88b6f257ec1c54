"""The committed docs/exportkontrakt.md is exactly what the generator writes from the code."""

from __future__ import annotations

from uppfolj.contract import TABLES
from uppfolj.importing.docs import DOCS_FILE, render
from uppfolj.importing.rules import RULES


def test_committed_docs_equal_generated_text() -> None:
    assert DOCS_FILE.read_text(encoding="utf-8") == render(), (
        "docs/exportkontrakt.md is out of date: run `.venv/bin/python -m uppfolj.importing.docs`"
    )


def test_docs_name_every_table_column_and_rule() -> None:
    text = render()
    for table in TABLES.values():
        assert f"### {table.name}" in text
        for col in table.columns:
            assert f"| {col.name} |" in text
    for rule_id in RULES:
        assert f"| `{rule_id}` |" in text
