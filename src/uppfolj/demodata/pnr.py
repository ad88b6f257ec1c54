"""Synthetic personnummer: real birth dates, a valid Luhn check digit, unique within one generated data set.

The serial number (the three digits after the date) is a per-date counter, so two persons never share a
number; its last digit carries the legal sex (odd = man, even = woman). A samordningsnummer adds 60 to the
day of birth. Only synthetic numbers are made here; nothing is looked up anywhere.
"""

from __future__ import annotations

import datetime as dt


def luhn_digit(nine: str) -> int:
    """The check digit for the nine digits YYMMDDNNN (weights 2,1,2,1,…; digit sums of the products)."""
    total = 0
    for i, ch in enumerate(nine):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p // 10 + p % 10
    return (10 - total % 10) % 10


class PnrFactory:
    """Hands out unique numbers: one counter per (birth date, sex, samordningsnummer)."""

    def __init__(self) -> None:
        self._next: dict[tuple[int, str, bool], int] = {}

    def make(self, birth: dt.date, sex: str, samordning: bool = False) -> str:
        """`YYYYMMDD-NNNC` (12 digits with a dash); the caller may reformat it."""
        key = (birth.toordinal(), sex, samordning)
        n = self._next.get(key, 0)
        self._next[key] = n + 1
        # serial NNN: the first two digits count 00..99, the third is the sex digit (0..9, parity = sex)
        pair, step = divmod(n, 5)
        if pair > 99:
            raise ValueError("more than 500 persons of one sex born on one day")
        sex_digit = 2 * step + (1 if sex == "M" else 0)
        day = birth.day + (60 if samordning else 0)
        yymmdd = f"{birth.year % 100:02d}{birth.month:02d}{day:02d}"
        serial = f"{pair:02d}{sex_digit}"
        check = luhn_digit(yymmdd + serial)
        return f"{birth.year // 100:02d}{yymmdd}-{serial}{check}"


def ten_digit(pnr12: str) -> str:
    """`19850312-1234` → `850312-1234` (the persons generated are all under 100, so `-` is right)."""
    return pnr12[2:]


def compact(pnr12: str) -> str:
    """`19850312-1234` → `198503121234`."""
    return pnr12.replace("-", "")
