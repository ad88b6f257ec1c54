"""Text normalisation shared by header matching, file stems and code lists."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_header(text: str) -> str:
    """Lowercase, remove diacritics and every character that is not a letter or digit.

    `Kön`, `kon` and `KON` become `kon`; `Start datum`, `start-datum` and `start_datum` become `startdatum`.
    """
    return _NON_ALNUM.sub("", strip_diacritics(str(text)).lower())
