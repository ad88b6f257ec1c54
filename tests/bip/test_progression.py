"""Progression and aggregation on the hand-built store of conftest.py; every value worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pandas as pd
import pytest

from uppfolj.bip.aggregate import aggregate
from uppfolj.bip.progression import progression
from uppfolj.errors import UppfoljError


def _rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    out = []
    for rec in frame.to_dict("records"):
        out.append(
            tuple(
                None if isinstance(v, float) and math.isnan(v) else (v.date() if hasattr(v, "date") else v)
                for v in rec.values()
            )
        )
    return out


def test_progression_per_person_and_indicator(con: duckdb.DuckDBPyConnection) -> None:
    d = dt.date
    assert _rows(progression(con)) == [
        # A halsa: 3 → 3.5, +0.5; Jan 10 → Apr 10 = 31 + 28 + 31 = 90 days
        ("A", "halsa", 2, d(2025, 1, 10), 3.0, d(2025, 4, 10), 3.5, 0.5, 90),
        # A: first 2 (Jan 10), latest 3 (Jul 10; the 4 in between is neither): +1; 31+28+31+30+31+30 = 181 days
        ("A", "motivation", 3, d(2025, 1, 10), 2.0, d(2025, 7, 10), 3.0, 1.0, 181),
        # B: 3 → 5, +2; Feb 1 → May 1 = 28 + 31 + 30 = 89 days
        ("B", "motivation", 2, d(2025, 2, 1), 3.0, d(2025, 5, 1), 5.0, 2.0, 89),
        # C: 4 → 2, −2; Jan 15 → Mar 15 = 31 + 28 = 59 days
        ("C", "motivation", 2, d(2025, 1, 15), 4.0, d(2025, 3, 15), 2.0, -2.0, 59),
        # D: one measurement, no change
        ("D", "motivation", 1, d(2025, 3, 1), 3.0, d(2025, 3, 1), 3.0, None, None),
        # E: 1 → 1, 0; 31 days
        ("E", "motivation", 2, d(2025, 1, 20), 1.0, d(2025, 2, 20), 1.0, 0.0, 31),
    ]


def test_indicator_filter_is_normalised(con: duckdb.DuckDBPyConnection) -> None:
    assert list(progression(con, indikatorer=["Hälsa"])["person_id"]) == ["A"]


def _cells(frame: pd.DataFrame, matt: str) -> dict[tuple[str, str, str], float | None]:
    sub = frame[frame["matt"] == matt]
    return {
        (r["grupptyp"], r["grupp"], r["kon"]): (
            None if math.isnan(r["varde"]) else round(float(r["varde"]), 4)
        )
        for r in sub.to_dict("records")
    }


def test_total_with_kmt(con: duckdb.DuckDBPyConnection) -> None:
    frame = aggregate(con, indikatorer=["motivation"])
    # T: A +1, B +2, C −2, D none, E 0 → 5 persons, 4 with change, mean (1+2−2+0)/4 = 0.25, improved A,B = 2/4
    # K: A, B, E → 3, 3, mean 3/3 = 1, improved 2/3 = 66.6667 %
    # M: C, D → 2, 1, mean −2, improved 0/1 = 0 %
    assert _cells(frame, "personer") == {("", "", "K"): 3, ("", "", "M"): 2, ("", "", "T"): 5}
    assert _cells(frame, "med_forandring") == {("", "", "K"): 3, ("", "", "M"): 1, ("", "", "T"): 4}
    assert _cells(frame, "medelforandring") == {("", "", "K"): 1.0, ("", "", "M"): -2.0, ("", "", "T"): 0.25}
    assert _cells(frame, "andel_forbattrade") == {
        ("", "", "K"): 66.6667,
        ("", "", "M"): 0.0,
        ("", "", "T"): 50.0,
    }
    assert set(frame["undertryckt"]) == {0}


def test_by_insatstyp(con: duckdb.DuckDBPyConnection) -> None:
    frame = aggregate(con, indikatorer=["motivation"], per="insatstyp")
    persons = _cells(frame, "personer")
    means = _cells(frame, "medelforandring")
    # Jobbspår: A (K, +1, i1), C (M, −2, i5), D (M, no change, i7); B's i4 started after B's first measurement
    assert [persons[("insatstyp", "Jobbspår", k)] for k in "KMT"] == [1, 2, 3]
    assert [means[("insatstyp", "Jobbspår", k)] for k in "KMT"] == [1.0, -2.0, -0.5]  # T: (1 − 2) / 2
    # Praktik: only B (i3, the latest started before; A's i2 is not used since A has i1 in progress)
    assert [persons[("insatstyp", "Praktik", k)] for k in "KMT"] == [1, 0, 1]
    assert means[("insatstyp", "Praktik", "T")] == 2.0
    assert means[("insatstyp", "Praktik", "M")] is None  # nobody with a change: I.U.
    # Studier: C as well (two insatser in progress)
    assert [persons[("insatstyp", "Studier", k)] for k in "KMT"] == [0, 1, 1]
    # E had no insats
    assert [persons[("insatstyp", "(ingen insats)", k)] for k in "KMT"] == [1, 0, 1]
    shares = _cells(frame, "andel_forbattrade")
    assert shares[("insatstyp", "Jobbspår", "T")] == 50.0  # A improved, C did not: 1/2


def test_by_enhet(con: duckdb.DuckDBPyConnection) -> None:
    frame = aggregate(con, indikatorer=["motivation"], per="enhet")
    persons = _cells(frame, "personer")
    # Verkstan: A (i1), C (i5); Caféet: B (i3), D (i7); Skolan: C (i6); none: E
    assert {g: persons[("enhet", g, "T")] for g in ("Verkstan", "Caféet", "Skolan", "(ingen insats)")} == {
        "Verkstan": 2,
        "Caféet": 2,
        "Skolan": 1,
        "(ingen insats)": 1,
    }
    means = _cells(frame, "medelforandring")
    assert means[("enhet", "Caféet", "T")] == 2.0  # only B has a change
    assert means[("enhet", "Caféet", "M")] is None  # D has one measurement


def test_small_number_protection(con: duckdb.DuckDBPyConnection) -> None:
    frame = aggregate(con, indikatorer=["motivation"], per="insatstyp", publish=True, threshold=1)
    hidden = {
        (r["grupp"], r["kon"])
        for r in frame[(frame["matt"] == "personer") & (frame["undertryckt"] == 1)].to_dict("records")
    }
    # primary (a count of 1): Jobbspår K, Praktik K and T, Studier M and T, (ingen insats) K and T.
    # complementary: Jobbspår K is hidden while Jobbspår T (3) is shown, so the other sex, M (2), is hidden
    # too; zeros are never hidden (1..threshold), and the totals (5, 3, 2) stay.
    assert hidden == {
        ("Jobbspår", "K"),
        ("Jobbspår", "M"),
        ("Praktik", "K"),
        ("Praktik", "T"),
        ("Studier", "M"),
        ("Studier", "T"),
        ("(ingen insats)", "K"),
        ("(ingen insats)", "T"),
    }
    shares = frame[(frame["matt"] == "andel_forbattrade") & (frame["grupptyp"] == "")]
    by_kon = {r["kon"]: (r["undertryckt"], r["varde"]) for r in shares.to_dict("records")}
    # the total's share: M has namnare 1 → hidden; K (2/3) hidden as its complement since T (2/4) is shown
    assert by_kon["T"] == (0, 50.0)
    assert by_kon["M"][0] == 1 and math.isnan(by_kon["M"][1])
    assert by_kon["K"][0] == 1 and math.isnan(by_kon["K"][1])
    # the other change measures hide the same cells (their namnare is the same count)
    for matt in ("med_forandring", "medelforandring"):
        cells = frame[(frame["matt"] == matt) & (frame["grupptyp"] == "")]
        assert {r["kon"]: r["undertryckt"] for r in cells.to_dict("records")} == {"K": 1, "M": 1, "T": 0}


def test_without_publication_nothing_is_hidden(con: duckdb.DuckDBPyConnection) -> None:
    frame = aggregate(con, indikatorer=["motivation"], per="insatstyp", threshold=1)
    assert set(frame["undertryckt"]) == {0}


def test_missing_bip_table_is_a_swedish_error() -> None:
    with pytest.raises(UppfoljError, match="bip.csv"):
        progression(duckdb.connect())


def test_unknown_grouping(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(UppfoljError, match="insatstyp eller enhet"):
        aggregate(con, per="kommun")
