"""Every catalogue indicator has a plain one-sentence definition a committee member can read."""

from __future__ import annotations

import re

from uppfolj.indicators.catalogue import CATALOGUE


def test_every_indicator_has_one_plain_sentence_without_developer_words() -> None:
    for ind, definition in CATALOGUE.items():
        text = definition.plain
        assert text, ind
        assert text[0].isupper() and text.endswith("."), (ind, text)
        assert text.count(". ") == 0, (ind, text)  # one sentence
        assert not re.search(r"\b[a-z]+_[a-z_]+\b|\b[FLSEG]\b|[<>=≤≥]", text), (ind, text)
        assert len(text) <= 130, (ind, len(text))
