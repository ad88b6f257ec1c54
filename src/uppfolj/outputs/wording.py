"""Swedish phrases for drafted report text: values with their unit, changes with their sign, lists.

The drafted paragraphs of the yearly report and the education survey are built from these, so that every
sign (ökning, minskning, oförändrat) and every missing value reads as correct Swedish in one place.
"""

from __future__ import annotations

import math

from uppfolj import fmt

#: the difference of two values in a unit is told in this unit (singular, plural)
_DIFF_UNITS = {"%": ("procentenhet", "procentenheter"), "dagar": ("dag", "dagar"), "kr": ("kr", "kr")}
_VALUE_UNITS = {"dagar": ("dag", "dagar"), "kr": ("kr", "kr"), "månader": ("månad", "månader")}


def usable(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


def _with_unit(number: float, text: str, unit: str, units: dict[str, tuple[str, str]]) -> str:
    if unit in units:
        singular, plural = units[unit]
        return f"{text} {singular if abs(number) == 1 else plural}"
    if unit in ("", "antal"):
        return text
    if unit == "antal per mnkr":
        return f"{text} per mnkr"
    return f"{text} {unit}"


def value_text(value: float, unit: str, decimals: int) -> str:
    """`33,6 %`, `12 dagar`, `1 602`, `4,2 per mnkr`."""
    if unit == "%":
        return fmt.percent(value, decimals)
    return _with_unit(round(value, decimals), fmt.number(value, decimals), unit, _VALUE_UNITS)


def amount_text(value: float, unit: str, decimals: int) -> str:
    """A difference without its sign: `0,5 procentenheter`, `3 dagar`, `20`."""
    return _with_unit(round(abs(value), decimals), fmt.number(abs(value), decimals), unit, _DIFF_UNITS)


def change_text(current: float, previous: float, unit: str, decimals: int, than: str) -> str:
    """`en ökning med 0,5 procentenheter jämfört med 2023`, `en minskning med 3 dagar …`, `oförändrat …`
    (equal after rounding to the shown decimals is unchanged)."""
    diff = round(current, decimals) - round(previous, decimals)
    if abs(diff) < 0.5 * 10**-decimals:
        return f"oförändrat jämfört med {than}"
    word = "en ökning" if diff > 0 else "en minskning"
    return f"{word} med {amount_text(diff, unit, decimals)} jämfört med {than}"


def count_text(n: float, singular: str, plural: str) -> str:
    """`1 person`, `1 602 personer`."""
    return f"{fmt.number(n)} {singular if n == 1 else plural}"


def join(items: list[str]) -> str:
    """`a`, `a och b`, `a, b och c`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def number_word(n: int) -> str:
    """Small counts in words as committee text writes them (`två av fyra`), larger ones in digits."""
    words = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]
    return words[n] if 0 <= n < len(words) else fmt.number(n)
