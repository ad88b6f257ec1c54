"""Mask anything shaped like a personnummer before it is stored in the log or shown on a page."""

from __future__ import annotations

import re

#: 10 or 12 digits with an optional - or + before the last four (samordningsnummer included)
PNR_LIKE = re.compile(r"(?<!\d)((?:\d{2})?\d{6})[-+]?\d{4}(?!\d)")


def mask_pnr(text: str) -> str:
    """`19121212-1212` → `19121212-****`; other text unchanged."""
    return PNR_LIKE.sub(lambda m: f"{m.group(1)}-****", text)
