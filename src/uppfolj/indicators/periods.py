"""Periods of the indicator catalogue: parse the period labels and build ranges of them.

Labels (indikatorer.md, "Concepts"): month `2024-09`, quarter `2024-Q3`, tertial `2024-T2`, half-year
`2024-H1`, year `2024`, and any range of months `2024-01--2024-08` (also rolling twelve months
`2023-10--2024-09`). A period is a set of whole months. Inside the engines a month is an integer *month
index* `year * 12 + month - 1`, so month arithmetic is plain integer arithmetic on every engine.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from uppfolj.errors import UppfoljError

#: period kinds, with the Swedish word used by `--per`
KINDS = ("manad", "kvartal", "tertial", "halvar", "ar", "intervall")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART = re.compile(r"^(\d{4})-([QTH])(\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2})--(\d{4}-\d{2})$")
_PART_SIZE = {"Q": (3, 4, "kvartal"), "T": (4, 3, "tertial"), "H": (6, 2, "halvar")}
_PER_LETTER = {"kvartal": "Q", "tertial": "T", "halvar": "H"}


def month_index(year: int, month: int) -> int:
    """The integer month index used by the engines: `year * 12 + month - 1`."""
    return year * 12 + month - 1


def month_of_index(mi: int) -> dt.date:
    """First day of the month with index `mi`."""
    return dt.date(mi // 12, mi % 12 + 1, 1)


def month_label(mi: int) -> str:
    return f"{mi // 12:04d}-{mi % 12 + 1:02d}"


@dataclass(frozen=True)
class Period:
    """A set of whole months with its label. `first_mi`/`last_mi` are month indices (inclusive)."""

    label: str
    kind: str
    first_mi: int
    last_mi: int

    @classmethod
    def parse(cls, label: str) -> Period:
        """Parse a period label; raise a Swedish error naming the label and the accepted forms."""
        text = label.strip()
        if m := _MONTH.match(text):
            mi = _checked_month(int(m.group(1)), int(m.group(2)), label)
            return cls(text, "manad", mi, mi)
        if m := _PART.match(text):
            year, letter, number = int(m.group(1)), m.group(2), int(m.group(3))
            size, count, kind = _PART_SIZE[letter]
            if not 1 <= number <= count:
                raise _bad(label)
            first = month_index(year, (number - 1) * size + 1)
            return cls(text, kind, first, first + size - 1)
        if m := _YEAR.match(text):
            year = int(m.group(1))
            return cls(text, "ar", month_index(year, 1), month_index(year, 12))
        if m := _RANGE.match(text):
            first = Period.parse(m.group(1)).first_mi
            last = Period.parse(m.group(2)).first_mi
            if last < first:
                raise UppfoljError(
                    f"Perioden {label!r} slutar före den börjar. Skriv första månaden först, "
                    f"t.ex. 2024-01--2024-08."
                )
            return cls(text, "intervall", first, last)
        raise _bad(label)

    @classmethod
    def of_months(cls, first_mi: int, last_mi: int) -> Period:
        """The period of these months with its canonical label (month, quarter, …, year or range)."""
        if first_mi == last_mi:
            return cls.parse(month_label(first_mi))
        year, month, size = first_mi // 12, first_mi % 12 + 1, last_mi - first_mi + 1
        if month == 1 and size == 12:
            return cls.parse(str(year))
        for letter, (part_size, _, _) in _PART_SIZE.items():
            if size == part_size and (month - 1) % part_size == 0:
                return cls.parse(f"{year}-{letter}{(month - 1) // part_size + 1}")
        return cls.parse(f"{month_label(first_mi)}--{month_label(last_mi)}")

    @property
    def first_month(self) -> dt.date:
        return month_of_index(self.first_mi)

    @property
    def last_month(self) -> dt.date:
        return month_of_index(self.last_mi)

    @property
    def first_day(self) -> dt.date:
        return self.first_month

    @property
    def last_day(self) -> dt.date:
        last = self.last_month
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])

    @property
    def n_months(self) -> int:
        return self.last_mi - self.first_mi + 1

    @property
    def n_days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def months(self) -> tuple[dt.date, ...]:
        """The first day of each month in the period, in order."""
        return tuple(month_of_index(mi) for mi in range(self.first_mi, self.last_mi + 1))

    @property
    def is_calendar_year(self) -> bool:
        return self.first_mi % 12 == 0 and self.n_months == 12

    @property
    def year(self) -> int:
        """The calendar year of the last month."""
        return self.last_mi // 12


def _checked_month(year: int, month: int, label: str) -> int:
    if not 1 <= month <= 12:
        raise _bad(label)
    return month_index(year, month)


def _bad(label: str) -> UppfoljError:
    return UppfoljError(
        f"Perioden {label!r} går inte att läsa. Skriv den som månad 2024-09, kvartal 2024-Q3, tertial "
        f"2024-T2, halvår 2024-H1, år 2024 eller intervall 2024-01--2024-08."
    )


def periods_between(fran: str, till: str, per: str) -> list[Period]:
    """Every period of kind `per` (manad, kvartal, tertial, halvar, ar) from `fran` to `till`.

    `fran` and `till` are any labels; the result covers the months from the first month of `fran` to the
    last month of `till`, one period per step (a partial first or last step is left out).
    """
    first = Period.parse(fran).first_mi
    last = Period.parse(till).last_mi
    if last < first:
        raise UppfoljError(f"--till ({till}) ligger före --fran ({fran}). Byt plats på dem.")
    if per == "manad":
        return [Period.of_months(mi, mi) for mi in range(first, last + 1)]
    if per == "ar":
        size = 12
    elif per in _PER_LETTER:
        size = _PART_SIZE[_PER_LETTER[per]][0]
    else:
        raise UppfoljError(f"--per {per!r} finns inte. Välj manad, kvartal, tertial, halvar eller ar.")
    out = []
    start = first + (-first) % size
    while start + size - 1 <= last:
        out.append(Period.of_months(start, start + size - 1))
        start += size
    if not out:
        raise UppfoljError(
            f"Det finns ingen hel period av typen {per} mellan {fran} och {till}. Välj ett längre intervall."
        )
    return out
