"""Month indices of the simulation ↔ calendar months and dates."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from uppfolj.demodata import model as m
from uppfolj.errors import UppfoljError


def parse_month(text: str, option: str) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in text.strip().split("-"))
        if not (1900 <= year <= 2200 and 1 <= month <= 12):
            raise ValueError
    except ValueError:
        raise UppfoljError(
            f"{option} {text!r} är ingen månad. Ange månaden som ÅÅÅÅ-MM, t.ex. 2019-01."
        ) from None
    return year, month


def month_end(day: dt.date) -> dt.date:
    """The last day of the month of `day`."""
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@functools.cache
def _first_day(first_year: int, first_month: int, k: int) -> dt.date:
    total = first_year * 12 + first_month - 1 + k - m.BURN_IN
    year, month0 = divmod(total, 12)
    return dt.date(year, month0 + 1, 1)


@dataclass(frozen=True)
class Period:
    """The exported months: index BURN_IN is the first exported month, BURN_IN + months - 1 the last."""

    first_year: int
    first_month: int
    months: int

    @classmethod
    def from_labels(cls, start: str, end: str) -> Period:
        y0, m0 = parse_month(start, "--fran")
        y1, m1 = parse_month(end, "--till")
        months = (y1 * 12 + m1) - (y0 * 12 + m0) + 1
        if months < 13:
            raise UppfoljError(
                f"Perioden {start}–{end} är för kort: demodata behöver minst 13 månader. "
                f"Ange en senare --till eller en tidigare --fran."
            )
        return cls(y0, m0, months)

    @property
    def horizon(self) -> int:
        return m.BURN_IN + self.months + m.AFTER

    @property
    def first_k(self) -> int:
        return m.BURN_IN

    @property
    def end_k(self) -> int:
        """One past the last exported month index."""
        return m.BURN_IN + self.months

    def year_month(self, k: int) -> tuple[int, int]:
        total = self.first_year * 12 + self.first_month - 1 + k - m.BURN_IN
        year, month0 = divmod(total, 12)
        return year, month0 + 1

    def first_day(self, k: int) -> dt.date:
        return _first_day(self.first_year, self.first_month, k)

    def days_in(self, k: int) -> int:
        return (self.first_day(k + 1) - self.first_day(k)).days

    def label(self, k: int) -> str:
        year, month = self.year_month(k)
        return f"{year:04d}-{month:02d}"

    @property
    def last_day(self) -> dt.date:
        """The export date: the last day of the last exported month."""
        return self.first_day(self.end_k) - dt.timedelta(days=1)

    @property
    def first_date(self) -> dt.date:
        return self.first_day(self.first_k)

    def k_of(self, day: dt.date) -> int:
        return (day.year * 12 + day.month - 1) - (self.first_year * 12 + self.first_month - 1) + m.BURN_IN
