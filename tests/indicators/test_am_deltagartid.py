"""am_deltagare (persons during the period, with the ärendetyp × enhet crosstab) and am_deltagartid_medel /
_median (time as participant per person) on the data set of test_am_deltagare, worked out by hand.

In progress some day of March 2024: p1 K (i1 X at A 02-10 – 03-10, i2 blank at B 03-05 – ongoing),
p2 M (i3 X at A 03-31 – 04-20), p4 M (i5 blank at A 03-15); p3 is not (i4 ended 02-29).
"""

from __future__ import annotations

import pytest

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value
from .test_am_deltagare import INSATSER, REGISTER

IDS = ["am_deltagare", "am_deltagartid_medel", "am_deltagartid_median"]


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return compute(stored_db(register=REGISTER, insatser=INSATSER), periods=["2024-03"], indicators=IDS)


def test_participants_and_crosstab(result) -> None:  # type: ignore[no-untyped-def]
    assert value(result, "am_deltagare", "2024-03").varde == 3
    assert value(result, "am_deltagare", "2024-03", "K").varde == 1
    assert value(result, "am_deltagare", "2024-03", "M").varde == 2
    assert groups(result, "am_deltagare", "2024-03", "T", "arendetyp") == {"X": 2, "saknas": 2}
    # p1 is in both ärendetyper and at both units: counted once in each group
    assert groups(result, "am_deltagare", "2024-03", "T", "arendetyp×enhet") == {
        "X×A": 2, "saknas×B": 1, "saknas×A": 1,
    }  # fmt: skip


def test_time_per_person_not_per_insats(result) -> None:  # type: ignore[no-untyped-def]
    # p1: i1 and i2 overlap, merged 02-10 – 03-31 (end of March): 20 February days (leap year) + 31 = 51,
    # not 30 + 27 = 57; p2: 03-31 only = 1; p4: 1. Mean 53 / 3, median 1
    t = value(result, "am_deltagartid_medel", "2024-03")
    assert (t.varde, t.taljare, t.namnare) == (pytest.approx(53 / 3), 53, 3)
    assert value(result, "am_deltagartid_medel", "2024-03", "K").varde == 51
    assert value(result, "am_deltagartid_medel", "2024-03", "M").varde == 1
    assert value(result, "am_deltagartid_median", "2024-03").varde == 1
    # per ärendetyp only that group's insatser: X p1 i1 = 30, p2 1 → 15,5; blank p1 i2 = 27, p4 1 → 14
    assert groups(result, "am_deltagartid_medel", "2024-03", "T", "arendetyp") == {"X": 15.5, "saknas": 14}
