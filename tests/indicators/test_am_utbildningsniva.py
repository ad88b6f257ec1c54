"""am_utbildningsniva on the data set of test_am_deltagare, with personer giving SUN levels.

In progress some day of March 2024: p1 K (i1 arendetyp X at A, i2 blank at B), p2 M (i3, X at A),
p4 M (i5, blank at A); p3 is not (i4 ended Feb 29). Levels: p1 '4', p4 blank → US, p2 has no personer row
→ US, p3 '6' (not in March).
"""

from __future__ import annotations

import pytest

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value
from .test_am_deltagare import INSATSER, REGISTER

PERSONER = [
    {"person_id": "p1", "utbildningsniva": "4"},
    {"person_id": "p3", "utbildningsniva": "6"},
    {"person_id": "p4", "utbildningsniva": None},
]


@pytest.fixture(scope="module")
def result():
    con = stored_db(register=REGISTER, insatser=INSATSER, personer=PERSONER)
    return compute(con, periods=["2024-03", "2024-Q1"], indicators=["am_utbildningsniva"])


def test_levels_total_and_by_sex(result) -> None:
    # 3 persons: p1 level 4; p2, p4 unknown → 4: 1/3, US: 2/3
    assert groups(result, "am_utbildningsniva", "2024-03", "T", "utbildningsniva") == pytest.approx(
        {"4": 100 / 3, "US": 200 / 3}
    )
    assert groups(result, "am_utbildningsniva", "2024-03", "K", "utbildningsniva") == {"4": 100.0}
    assert groups(result, "am_utbildningsniva", "2024-03", "M", "utbildningsniva") == {"US": 100.0}
    total = value(result, "am_utbildningsniva", "2024-03")
    assert (total.varde, total.taljare, total.namnare) == (100.0, 3, 3)


def test_pairs_share_within_group(result) -> None:
    # ärendetyp X: p1 (4), p2 (US) → 50/50; blank ärendetyp (saknas): p1 (4, via i2), p4 (US) → 50/50
    assert groups(result, "am_utbildningsniva", "2024-03", "T", "arendetyp×utbildningsniva") == {
        "X×4": 50.0, "X×US": 50.0, "saknas×4": 50.0, "saknas×US": 50.0,
    }  # fmt: skip
    # enhet A: p1, p2, p4 → 4: 1/3, US: 2/3; B: p1 → 4: 100
    row = value(result, "am_utbildningsniva", "2024-03", "T", "enhet×utbildningsniva", "A×US")
    assert (row.taljare, row.namnare) == (2, 3)
    assert groups(result, "am_utbildningsniva", "2024-03", "T", "enhet×utbildningsniva") == pytest.approx(
        {"A×4": 100 / 3, "A×US": 200 / 3, "B×4": 100.0}
    )


def test_quarter_includes_earlier_spells(result) -> None:
    # Q1 adds p3 (i4 Jan 1 – Feb 29, level 6): 4 persons → 4: 1, 6: 1, US: 2
    assert groups(result, "am_utbildningsniva", "2024-Q1", "T", "utbildningsniva") == {
        "4": 25.0, "6": 25.0, "US": 50.0,
    }  # fmt: skip
