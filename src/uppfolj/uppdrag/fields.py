"""Reading field values as users type them (CLI, CSV, web): dates, paragraphs, text. Swedish errors."""

from __future__ import annotations

import datetime as dt
import re

from uppfolj.errors import UppfoljError
from uppfolj.uppdrag.model import FIELDS

_PARAGRAPH = re.compile(r"^§?\s*(\d+)\s*([a-z]?)$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


def parse_date(text: str, field: str) -> dt.date:
    """`2024-06-30` or `20240630`."""
    m = _DATE.match(text.strip())
    try:
        if m is None:
            raise ValueError
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise UppfoljError(
            f"{FIELDS[field]}: {text!r} är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2025-03-31."
        ) from None


def parse_paragraph(text: str) -> str:
    """`122`, `§122`, `§ 122` → `§ 122` (a letter suffix kept: `§ 12a`)."""
    m = _PARAGRAPH.match(text.strip())
    if m is None:
        raise UppfoljError(f"Paragraf: {text!r} går inte att läsa; skriv t.ex. § 122.")
    return f"§ {m.group(1)}{m.group(2).lower()}"


def parse_field(name: str, text: str) -> str | dt.date:
    """One field's value from text; blank required fields are errors."""
    if name not in FIELDS:
        raise UppfoljError(f"Fältet {name!r} finns inte; fälten är {', '.join(FIELDS)}.")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UppfoljError(f"{FIELDS[name]} saknas; alla fält måste fyllas i ({', '.join(FIELDS)}).")
    if name in ("beslut_datum", "aterrapport_datum"):
        return parse_date(cleaned, name)
    if name == "paragraf":
        return parse_paragraph(cleaned)
    return cleaned
