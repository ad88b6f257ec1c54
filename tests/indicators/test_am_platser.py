"""am_belaggningsgrad and am_kostnad_per_plats on hand-built place rows that change within a period.

Place rows:
  A  2024-01-01 – 2024-03-15  2 places  intern  200 000 kr
  A  2024-03-16 – (open)      4 places  extern  500 000 kr   ← changes mid-March, and changes platstyp
  B  2023-01-01 – (open)     10 places  intern 1 000 000 kr
  D  2024-03-01 – (open)      5 places  (blank platstyp = saknas), no cost
  E  2024-03-01 – 2024-03-31  3 places  intern  300 000 kr
  E  2024-03-21 – (open)      2 places  extern  260 000 kr   ← overlaps: Mar 21–31 has 5 places, counted
                                                               under `extern` (first platstyp by name)
Insatser: those of test_am_deltagare (A: i1 Mar 1–10, i5 Mar 15, i3 Mar 31; B: i2 Mar 5–; B: i4 Jan 1 –
Feb 29; C has no places) plus i7 at D Mar 20–, i8 at E Mar 25 – Apr 5, and i9 p1 at B Mar 30– (p1 has two
insatser at B on Mar 30–31: both count).
"""

from __future__ import annotations

import pytest

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value
from .test_am_deltagare import INSATSER, REGISTER, _ins


def _plats(enhet: str, fran: str, till: str | None, antal: int, typ: str | None, kostnad: int | None) -> dict:
    return {"enhet": enhet, "fran_datum": fran, "till_datum": till, "antal_platser": antal, "platstyp": typ,
            "arskostnad": kostnad}  # fmt: skip


PLATSER = [
    _plats("A", "2024-01-01", "2024-03-15", 2, "intern", 200_000),
    _plats("A", "2024-03-16", None, 4, "extern", 500_000),
    _plats("B", "2023-01-01", None, 10, "intern", 1_000_000),
    _plats("D", "2024-03-01", None, 5, None, None),
    _plats("E", "2024-03-01", "2024-03-31", 3, "intern", 300_000),
    _plats("E", "2024-03-21", None, 2, "extern", 260_000),
]
MORE = [
    _ins("i7", "p4", "Praktik", "D", None, "2024-03-20", None),
    _ins("i8", "p2", "Praktik", "E", None, "2024-03-25", "2024-04-05"),
    _ins("i9", "p1", "OSA", "B", None, "2024-03-30", None),
]


@pytest.fixture(scope="module")
def result():
    con = stored_db(register=REGISTER, insatser=INSATSER + MORE, platser=PLATSER)
    return compute(
        con, periods=["2024-03", "2024-02"], indicators=["am_belaggningsgrad", "am_kostnad_per_plats"]
    )


def test_belaggning_march(result) -> None:
    # place-days: A 2×15 + 4×16 = 94; B 10×31 = 310; D 5×31 = 155; E 3×20 + 5×11 = 115 → 674
    # insats-days: A 10 + 1 + 1 = 12; B 27 + 2 = 29; D Mar 20–31 = 12; E Mar 25–31 = 7 → 60
    t = value(result, "am_belaggningsgrad", "2024-03")
    assert (t.taljare, t.namnare) == (60, 674)
    assert t.varde == pytest.approx(100 * 60 / 674)
    assert groups(result, "am_belaggningsgrad", "2024-03", "T", "enhet") == pytest.approx(
        {"A": 1200 / 94, "B": 2900 / 310, "D": 1200 / 155, "E": 700 / 115}
    )


def test_belaggning_by_platstyp_follows_the_row_of_the_day(result) -> None:
    # intern: A Mar 1–15 (30 place-days; i1 10 + i5 1 = 11) + B (310; 29) + E Mar 1–20 (60; 0) = 40/400
    # extern: A Mar 16–31 (64; i3 1) + E Mar 21–31 (55; i8 7) = 8/119; saknas: D 12/155
    assert groups(result, "am_belaggningsgrad", "2024-03", "T", "platstyp") == pytest.approx(
        {"intern": 10.0, "extern": 800 / 119, "saknas": 1200 / 155}
    )
    row = value(result, "am_belaggningsgrad", "2024-03", "T", "platstyp", "intern")
    assert (row.taljare, row.namnare) == (40, 400)


def test_belaggning_february(result) -> None:
    # A: 2 × 29 = 58 place-days, i1 Feb 10–29 = 20; B: 10 × 29 = 290, i4 Feb 1–29 = 29
    assert groups(result, "am_belaggningsgrad", "2024-02", "T", "enhet") == pytest.approx(
        {"A": 2000 / 58, "B": 10.0}
    )


def test_kostnad_per_plats(result) -> None:
    # rows valid on Mar 31 with a cost: A 4/500 000, B 10/1 000 000, E 3/300 000, E 2/260 000 (D: no cost)
    t = value(result, "am_kostnad_per_plats", "2024-03")
    assert (t.taljare, t.namnare) == (2_060_000, 19)
    assert t.varde == pytest.approx(2_060_000 / 19)
    assert groups(result, "am_kostnad_per_plats", "2024-03", "T", "platstyp") == pytest.approx(
        {"extern": 760_000 / 6, "intern": 100_000}
    )
    assert groups(result, "am_kostnad_per_plats", "2024-03", "T", "enhet") == pytest.approx(
        {"A": 125_000, "B": 100_000, "E": 112_000}
    )
    # Feb 29: A's first row (2, 200 000) and B → 1 200 000 / 12
    assert value(result, "am_kostnad_per_plats", "2024-02").varde == pytest.approx(100_000)
