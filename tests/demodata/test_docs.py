"""docs/demodata.md documents the planted effects and the defects the generator actually uses."""

from __future__ import annotations

import re
from pathlib import Path

from uppfolj.demodata import model

DOC = Path(__file__).resolve().parents[2] / "docs" / "demodata.md"


def test_effect_table_matches_the_model() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([^|]+) \| (-?\d+\.\d) \| (-?\d+\.\d) \|$", text, flags=re.MULTILINE)
    documented = {name.strip(): (float(lock), float(eff)) for name, lock, eff in rows}
    assert documented == {t.name: (t.lock_pp, t.effect_pp) for t in model.INSATS_TYPES}


def test_default_size_and_units_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "The default, " + f"{model.DEFAULT_HOUSEHOLDS:,}".replace(",", " ") in text
    assert f"({len(model.UNITS)} units" in text
    assert f"`BURN_IN` = {model.BURN_IN}" in text
