"""Period labels of indikatorer.md, parsed and built into ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from uppfolj.errors import UppfoljError
from uppfolj.indicators.periods import Period, periods_between


@pytest.mark.parametrize(
    ("label", "kind", "first", "last", "n"),
    [
        ("2024-09", "manad", dt.date(2024, 9, 1), dt.date(2024, 9, 30), 1),
        ("2024-Q3", "kvartal", dt.date(2024, 7, 1), dt.date(2024, 9, 30), 3),
        ("2024-T2", "tertial", dt.date(2024, 5, 1), dt.date(2024, 8, 31), 4),
        ("2024-H1", "halvar", dt.date(2024, 1, 1), dt.date(2024, 6, 30), 6),
        ("2024", "ar", dt.date(2024, 1, 1), dt.date(2024, 12, 31), 12),
        ("2024-01--2024-08", "intervall", dt.date(2024, 1, 1), dt.date(2024, 8, 31), 8),
        ("2023-10--2024-09", "intervall", dt.date(2023, 10, 1), dt.date(2024, 9, 30), 12),
        ("2024-02", "manad", dt.date(2024, 2, 1), dt.date(2024, 2, 29), 1),  # leap year
    ],
)
def test_parse(label: str, kind: str, first: dt.date, last: dt.date, n: int) -> None:
    p = Period.parse(label)
    assert (p.label, p.kind, p.first_day, p.last_day, p.n_months) == (label, kind, first, last, n)
    assert len(p.months) == n
    assert p.last_month == last.replace(day=1)


def test_days_and_year() -> None:
    # 2024 is a leap year: 366 days; Q1 = 31 + 29 + 31 = 91 days
    assert Period.parse("2024").n_days == 366
    assert Period.parse("2024-Q1").n_days == 91
    assert Period.parse("2023-10--2024-09").year == 2024
    assert Period.parse("2024").is_calendar_year
    assert not Period.parse("2023-10--2024-09").is_calendar_year


@pytest.mark.parametrize(
    "label", ["2024-13", "2024-Q5", "2024-T4", "2024-H3", "24-01", "2024-08--2024-01", ""]
)
def test_bad_labels_are_swedish_errors(label: str) -> None:
    with pytest.raises(UppfoljError, match="Perioden"):
        Period.parse(label)


def test_ranges() -> None:
    assert [p.label for p in periods_between("2024-01", "2024-04", "manad")] == [
        "2024-01",
        "2024-02",
        "2024-03",
        "2024-04",
    ]
    # from February: the first whole quarter is Q2; Q4 ends in December, inside 2024
    assert [p.label for p in periods_between("2024-02", "2024", "kvartal")] == [
        "2024-Q2",
        "2024-Q3",
        "2024-Q4",
    ]
    assert [p.label for p in periods_between("2022", "2024", "ar")] == ["2022", "2023", "2024"]
    assert [p.label for p in periods_between("2024", "2024", "tertial")] == ["2024-T1", "2024-T2", "2024-T3"]
    assert [p.label for p in periods_between("2024", "2024", "halvar")] == ["2024-H1", "2024-H2"]
    with pytest.raises(UppfoljError):
        periods_between("2024-03", "2024-01", "manad")
    with pytest.raises(UppfoljError):
        periods_between("2024-01", "2024-03", "vecka")
