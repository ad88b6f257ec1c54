"""Property-based tests (Hypothesis) of the am_* and sol_* definitions against plain day-by-day oracles.

The definitions never expand days (they merge intervals and split place rows into segments); these
tests draw small random data sets and recount the same quantities the slow, obvious way: for every day of
the period, which insatser and place rows are valid that day.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uppfolj.indicators import compute

from .handbuilt import stored_db

FIRST = dt.date(2024, 1, 1)
PERIODS = {"2024-02": (dt.date(2024, 2, 1), dt.date(2024, 2, 29)), "2024-Q1": (FIRST, dt.date(2024, 3, 31))}
REGISTER = {"p1": "K", "p2": "M", "p3": "K", "p4": "M"}
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _day(offset: int) -> dt.date:
    return FIRST + dt.timedelta(days=offset)


@st.composite
def insatser(draw: st.DrawFn) -> list[dict]:
    rows = []
    for n in range(draw(st.integers(1, 8))):
        start = draw(st.integers(-20, 100))
        length = draw(st.one_of(st.none(), st.integers(0, 60)))
        rows.append(
            {
                "insats_id": f"i{n}",
                "person_id": draw(st.sampled_from(sorted(REGISTER))),
                "insatstyp": draw(st.sampled_from(["Jobbspår", "Praktik"])),
                "enhet": draw(st.sampled_from(["A", "B"])),
                "start_datum": _day(start).isoformat(),
                "slut_datum": None if length is None else _day(start + length).isoformat(),
                "avslutsorsak": None if length is None else draw(st.sampled_from(["studier", "ovrigt"])),
            }
        )
    # an early and a late insats so that every period of the test lies inside the data (coverage)
    rows.append({"insats_id": "start", "person_id": "p1", "insatstyp": "OSA", "enhet": "C",
                 "start_datum": "2023-12-01", "slut_datum": "2023-12-01", "avslutsorsak": "ovrigt"})  # fmt: skip
    rows.append({"insats_id": "end", "person_id": "p1", "insatstyp": "OSA", "enhet": "C",
                 "start_datum": "2024-12-31"})  # fmt: skip
    return rows


def _in_progress(row: dict, day: dt.date) -> bool:
    start = dt.date.fromisoformat(row["start_datum"])
    end = row.get("slut_datum")
    return start <= day and (end is None or dt.date.fromisoformat(end) >= day)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


@SETTINGS
@given(insatser())
def test_deltagare_snitt_equals_day_by_day_count(rows: list[dict]) -> None:
    got = compute(stored_db(register=REGISTER, insatser=rows), periods=list(PERIODS),
                  indicators=["am_deltagare_snitt"])  # fmt: skip
    for label, (first, last) in PERIODS.items():
        days = _days(first, last)
        for kon in ("K", "M", "T"):
            for gt, key in (("", None), ("insatstyp", "insatstyp"), ("enhet", "enhet")):
                expected: dict[str, int] = {}
                for day in days:
                    seen = {
                        ("" if key is None else r[key], r["person_id"])
                        for r in rows
                        if _in_progress(r, day) and (kon == "T" or REGISTER[r["person_id"]] == kon)
                    }
                    for group, _ in seen:
                        expected[group] = expected.get(group, 0) + 1
                sel = got[(got.period == label) & (got.kon == kon) & (got.grupptyp == gt)]
                actual = {g: t for g, t in zip(sel.grupp, sel.taljare, strict=True) if t == t and t > 0}
                assert actual == {g: n for g, n in expected.items() if n > 0}, (label, kon, gt)


@SETTINGS
@given(insatser())
def test_counts_of_persons_add_up_and_stock_within_distinct(rows: list[dict]) -> None:
    ids = ["am_deltagare_sista_dag", "am_nya_deltagare", "am_avslutade", "am_utbildningsniva",
           "am_andel_arbete_studier"]  # fmt: skip
    got = compute(stored_db(register=REGISTER, insatser=rows), periods=["2024-02", "2024-Q1"], indicators=ids)
    totals = got[got.grupptyp == ""].set_index(["indikator", "period", "kon"])
    for ind in ("am_deltagare_sista_dag", "am_nya_deltagare", "am_avslutade"):
        for period in ("2024-02", "2024-Q1"):
            # every person has a known sex here, so K + M = T
            k, m, t = (totals.loc[(ind, period, kon), "varde"] for kon in "KMT")
            assert k + m == t
    # the stock on the last day never exceeds the persons in progress some day of the period
    for period in ("2024-02", "2024-Q1"):
        stock = totals.loc[("am_deltagare_sista_dag", period, "T"), "varde"]
        distinct = totals.loc[("am_utbildningsniva", period, "T"), "namnare"]
        assert stock <= (0 if distinct != distinct else distinct)
    shares = got[got.indikator.isin(["am_utbildningsniva", "am_andel_arbete_studier"])].varde.dropna()
    assert ((shares >= 0) & (shares <= 100)).all()


@st.composite
def places(draw: st.DrawFn) -> list[dict]:
    rows = []
    for enhet in ("A", "B"):
        start = draw(st.integers(-10, 40))
        for _n in range(draw(st.integers(1, 3))):
            length = draw(st.one_of(st.none(), st.integers(0, 40)))
            rows.append(
                {
                    "enhet": enhet,
                    "fran_datum": _day(start).isoformat(),
                    "till_datum": None if length is None else _day(start + length).isoformat(),
                    "antal_platser": draw(st.integers(1, 5)),
                    "platstyp": draw(st.sampled_from(["intern", "extern", None])),
                }
            )
            start += draw(st.integers(1, 30))  # rows of a unit may overlap or leave gaps
    return rows


@SETTINGS
@given(insatser(), places())
def test_belaggning_equals_day_by_day_count(rows: list[dict], plats: list[dict]) -> None:
    got = compute(stored_db(register=REGISTER, insatser=rows, platser=plats), periods=list(PERIODS),
                  indicators=["am_belaggningsgrad"])  # fmt: skip
    for label, (first, last) in PERIODS.items():
        num: dict[tuple[str, str], int] = {}
        den: dict[tuple[str, str], int] = {}
        for day in _days(first, last):
            for enhet in ("A", "B"):
                valid = [p for p in plats if p["enhet"] == enhet and _in_progress(
                    {"start_datum": p["fran_datum"], "slut_datum": p["till_datum"]}, day)]  # fmt: skip
                if not valid:
                    continue
                typ = min(p["platstyp"] or "saknas" for p in valid)
                n_ins = sum(1 for r in rows if r["enhet"] == enhet and _in_progress(r, day))
                for key in (("", ""), ("enhet", enhet), ("platstyp", typ)):
                    num[key] = num.get(key, 0) + n_ins
                    den[key] = den.get(key, 0) + sum(p["antal_platser"] for p in valid)
        sel = got[got.period == label]
        # a period without any place-days has no rows, or a total of 0 of 0 (filled by the engine)
        actual = {(g, r): (t, n) for g, r, t, n in zip(sel.grupptyp, sel.grupp, sel.taljare, sel.namnare, strict=True)
                  if n == n and n > 0}  # fmt: skip
        assert actual == {key: (num[key], den[key]) for key in den}, label
