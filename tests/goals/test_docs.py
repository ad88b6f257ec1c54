"""docs/mal.md documents every key of the goal file and every column of the manual values."""

from __future__ import annotations

from pathlib import Path

from uppfolj.goals import goalfile
from uppfolj.goals.manual import MANUAL_COLUMNS

DOC = Path(__file__).resolve().parents[2] / "docs" / "mal.md"


def test_every_goal_file_key_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    keys = {
        *goalfile.KEYS_TOP,
        *goalfile.KEYS_RULE,
        *goalfile.KEYS_OMRADE,
        *goalfile.KEYS_KOMMUNMAL,
        *goalfile.KEYS_NAMNDMAL,
        *goalfile.KEYS_INDIKATOR,
        *goalfile.KEYS_TARGET,
    }
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert missing == []


def test_every_manual_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"Columns `{', '.join(MANUAL_COLUMNS)}`" in text


def test_the_documented_example_is_valid() -> None:
    from uppfolj.goals.goalfile import parse_goals

    text = DOC.read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    goals, problems = parse_goals(example)
    assert problems.items == []
    targets = goals.indicators()[0].targets
    assert targets[2024].value == 36.5 and targets[2025].relative and targets[2026].value == 30.0
