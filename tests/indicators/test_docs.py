"""docs/indikatorer.md is generated from the catalogue and is up to date."""

from __future__ import annotations

from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.indicators.docgen import DOC_PATH, render


def test_catalogue_page_is_generated_and_current() -> None:
    text = DOC_PATH.read_text(encoding="utf-8")
    assert text == render(), "run `python -m uppfolj.indicators.docgen` and commit docs/indikatorer.md"


def test_every_indicator_is_documented() -> None:
    text = DOC_PATH.read_text(encoding="utf-8")
    for ind_id, ind in CATALOGUE.items():
        assert f"### `{ind_id}` {ind.name}" in text
