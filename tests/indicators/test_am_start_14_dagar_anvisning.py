"""am_start_14_dagar_anvisning on a hand-built data set (p1 K, p2 M).

j1 p1 Jobbspår referred 2024-03-01, started 2024-03-15 → 14 days: within
j2 p2 Jobbspår referred 2024-03-01, started 2024-03-16 → 15 days: not within
j3 p1 Praktik  no referral,         started 2024-03-10 → not counted at all
j4 p2 Praktik  referred 2024-02-20, started 2024-03-01 → Feb 20→29 = 9, +1 = 10 days (leap year): within
j5 p1 Praktik  referred 2024-03-20, started 2024-04-01 → April: 12 days, within
j6 p1 Praktik  referred 2024-03-25, started 2024-03-31 → 6 days, within (starts on the last day)
j7 p2 OSA      no referral,         started 2024-04-30 → only sets the data end to April's last day
"""

from __future__ import annotations

import math

from uppfolj.indicators import compute

from .handbuilt import groups, stored_db, value

REGISTER = {"p1": "K", "p2": "M"}


def _ins(iid: str, pid: str, typ: str, anvisad: str | None, start: str) -> dict:
    return {"insats_id": iid, "person_id": pid, "insatstyp": typ, "enhet": "A", "anvisad_datum": anvisad,
            "start_datum": start}  # fmt: skip


INSATSER = [
    _ins("j1", "p1", "Jobbspår", "2024-03-01", "2024-03-15"),
    _ins("j2", "p2", "Jobbspår", "2024-03-01", "2024-03-16"),
    _ins("j3", "p1", "Praktik", None, "2024-03-10"),
    _ins("j4", "p2", "Praktik", "2024-02-20", "2024-03-01"),
    _ins("j5", "p1", "Praktik", "2024-03-20", "2024-04-01"),
    _ins("j6", "p1", "Praktik", "2024-03-25", "2024-03-31"),
    _ins("j7", "p2", "OSA", None, "2024-04-30"),
]
ID = "am_start_14_dagar_anvisning"


def test_share_started_within_14_days() -> None:
    con = stored_db(register=REGISTER, insatser=INSATSER)
    got = compute(con, periods=["2024-03", "2024-04"], indicators=[ID])
    # March: j1 ✓, j2 ✗, j4 ✓, j6 ✓ → 3 of 4 = 75 %; K: j1, j6 → 100 %; M: j4 ✓, j2 ✗ → 50 %
    t = value(got, ID, "2024-03")
    assert (t.varde, t.taljare, t.namnare) == (75.0, 3, 4)
    assert value(got, ID, "2024-03", "K").varde == 100.0
    assert value(got, ID, "2024-03", "M").varde == 50.0
    assert groups(got, ID, "2024-03", "T", "insatstyp") == {"Jobbspår": 50.0, "Praktik": 100.0}
    # April: j5 → 1 of 1
    assert value(got, ID, "2024-04").varde == 100.0


def test_month_after_the_data_end_is_not_computed() -> None:
    # without j7 the latest date is 2024-04-01: April is not a whole month of data → I.U.
    con = stored_db(register=REGISTER, insatser=INSATSER[:-1])
    got = compute(con, periods=["2024-03", "2024-04"], indicators=[ID])
    assert value(got, ID, "2024-03").varde == 75.0
    assert math.isnan(value(got, ID, "2024-04").varde)
