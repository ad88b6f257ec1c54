"""A hand-built in-memory store for the BIP tests: five persons, two indicators, seven insatser.

Persons (sex from _personregister; ids stand in for pseudonyms):
  A K  motivation 2025-01-10: 2, 2025-04-10: 4, 2025-07-10: 3; halsa 2025-01-10: 3, 2025-04-10: 3.5
  B K  motivation 2025-02-01: 3, 2025-05-01: 5
  C M  motivation 2025-01-15: 4, 2025-03-15: 2
  D M  motivation 2025-03-01: 3 (one measurement)
  E K  motivation 2025-01-20: 1, 2025-02-20: 1
Insatser:
  i1 A Jobbspår/Verkstan 2025-01-01..2025-06-30  in progress on A's first measurement
  i2 A Praktik/Caféet    2024-06-01..2024-12-31  ended before it (A has i1 in progress: not used)
  i3 B Praktik/Caféet    2024-09-01..2025-01-15  ended; none in progress → the latest started before
  i4 B Jobbspår/Verkstan 2025-03-01..            started after B's first measurement: not attributed
  i5 C Jobbspår/Verkstan 2025-01-15..            starts on C's first measurement (inclusive)
  i6 C Studier/Skolan    2024-12-01..            also in progress: C counts in both
  i7 D Jobbspår/Caféet   2025-02-01..2025-03-01  ends on D's measurement day (inclusive)
  E has no insats → (ingen insats)
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

BIP_ROWS = [
    ("A", "2025-01-10", "motivation", 2.0),
    ("A", "2025-04-10", "motivation", 4.0),
    ("A", "2025-07-10", "motivation", 3.0),
    ("A", "2025-01-10", "halsa", 3.0),
    ("A", "2025-04-10", "halsa", 3.5),
    ("B", "2025-02-01", "motivation", 3.0),
    ("B", "2025-05-01", "motivation", 5.0),
    ("C", "2025-01-15", "motivation", 4.0),
    ("C", "2025-03-15", "motivation", 2.0),
    ("D", "2025-03-01", "motivation", 3.0),
    ("E", "2025-01-20", "motivation", 1.0),
    ("E", "2025-02-20", "motivation", 1.0),
]
INSATSER = [
    ("i1", "A", "Jobbspår", "Verkstan", "2025-01-01", "2025-06-30"),
    ("i2", "A", "Praktik", "Caféet", "2024-06-01", "2024-12-31"),
    ("i3", "B", "Praktik", "Caféet", "2024-09-01", "2025-01-15"),
    ("i4", "B", "Jobbspår", "Verkstan", "2025-03-01", None),
    ("i5", "C", "Jobbspår", "Verkstan", "2025-01-15", None),
    ("i6", "C", "Studier", "Skolan", "2024-12-01", None),
    ("i7", "D", "Jobbspår", "Caféet", "2025-02-01", "2025-03-01"),
]
PERSONS = [("A", 1990, "K"), ("B", 1985, "K"), ("C", 1970, "M"), ("D", 2000, "M"), ("E", 1995, "K")]


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    db = duckdb.connect()
    db.execute("CREATE TABLE bip (person_id VARCHAR, matdatum DATE, indikator VARCHAR, varde DOUBLE)")
    db.executemany("INSERT INTO bip VALUES (?, ?::DATE, ?, ?)", BIP_ROWS)
    db.execute(
        "CREATE TABLE insatser (insats_id VARCHAR, person_id VARCHAR, insatstyp VARCHAR, enhet VARCHAR, "
        "start_datum DATE, slut_datum DATE)"
    )
    db.executemany("INSERT INTO insatser VALUES (?, ?, ?, ?, ?::DATE, ?::DATE)", INSATSER)
    db.execute("CREATE TABLE _personregister (person_id VARCHAR, fodelsear INTEGER, kon VARCHAR)")
    db.executemany("INSERT INTO _personregister VALUES (?, ?, ?)", PERSONS)
    yield db
    db.close()
