"""Swedish number formats for everything users see: `1 621`, `16,1 mnkr`, `4,9 %`, `I.U.`, `..`.

One place for these rules; reports, the dashboard and the CLI all call it. The thousands separator is a
non-breaking space (U+00A0) unless `plain_space=True`, so figures never break across lines in documents.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
NO_DATA = "I.U."
HIDDEN = ".."
#: the one explanation of each sign, printed wherever a document shows it
NO_DATA_TEXT = (
    f"{NO_DATA} = ingen uppgift: värdet kan inte beräknas (till exempel ingen i gruppen att räkna en andel av, "
    "eller en period utanför uppgifterna)."
)
HIDDEN_TEXT = (
    f"{HIDDEN} = dolt av röjandeskydd: ett litet antal personer eller hushåll redovisas inte. Även ett större tal "
    "kan vara dolt, så att ett dolt litet tal inte kan räknas fram ur en summa."
)
#: under a table whose rounded parts do not add up to its rounded total
ROUNDING_NOTE = "Summan kan avvika på grund av avrundning."


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def rounded(value: float, decimals: int = 0) -> Decimal:
    """The value as it is shown with `decimals` places (half away from zero, like `number`)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def data_end(text: str) -> str:
    """A data end as readers write it: `2024-12` → `december 2024`, `2024-12-31` → `31 december 2024`."""
    parts = text.split("-")
    if len(parts) in (2, 3) and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        month = MONTHS[int(parts[1]) - 1]
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    return text


def number(value: object, decimals: int = 0, *, plain_space: bool = False) -> str:
    """`1621` → `1 621`; `-12345.5, 1` → `−12 345,5`. Missing → `I.U.`. Rounds half away from zero."""
    if _is_missing(value):
        return NO_DATA
    shown = rounded(value, decimals)  # type: ignore[arg-type]
    if shown == 0:
        shown = abs(shown)
    sign = "−" if shown < 0 else ""
    digits = f"{abs(shown):.{decimals}f}"
    whole, _, frac = digits.partition(".")
    sep = " " if plain_space else NBSP
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = sep.join(groups)
    if frac:
        text += "," + frac
    return sign + text


def percent(value: object, decimals: int = 1, *, plain_space: bool = False) -> str:
    """`4.93` (already 0–100) → `4,9 %`."""
    if _is_missing(value):
        return NO_DATA
    sep = " " if plain_space else NBSP
    return number(value, decimals, plain_space=plain_space) + sep + "%"


def mnkr(value_kr: object, decimals: int = 1, *, plain_space: bool = False) -> str:
    """Kronor → `16,1 mnkr`."""
    if _is_missing(value_kr):
        return NO_DATA
    sep = " " if plain_space else NBSP
    return number(float(value_kr) / 1_000_000, decimals, plain_space=plain_space) + sep + "mnkr"  # type: ignore[arg-type]


def tkr(value_kr: object, *, plain_space: bool = False) -> str:
    """Kronor → thousands of kronor, `1 234 tkr`."""
    if _is_missing(value_kr):
        return NO_DATA
    sep = " " if plain_space else NBSP
    return number(float(value_kr) / 1_000, 0, plain_space=plain_space) + sep + "tkr"  # type: ignore[arg-type]


def cell(value: object, *, hidden: bool = False, unit: str = "", decimals: int | None = None) -> str:
    """One figure as a table cell: hidden → `..`, missing → `I.U.`, else by unit (`%`, `kr`, count)."""
    if hidden:
        return HIDDEN
    if unit == "%":
        return percent(value, 1 if decimals is None else decimals)
    return number(value, 0 if decimals is None else decimals)


def month(year: int, month_no: int, *, short: bool = False) -> str:
    """`2024, 9` → `september 2024`; short: `sep 2024` (Swedish lower-case month names)."""
    name = MONTHS[month_no - 1]
    return f"{name[:3] if short else name} {year}"
