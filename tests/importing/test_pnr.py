"""Personnummer: Luhn worked by hand, the century rule on the import date, samordningsnummer, pseudonyms."""

from __future__ import annotations

import hashlib
import hmac

import duckdb

from tests.importing.helpers import TODAY, luhn_digit
from uppfolj.importing.pnr import Pseudonymiser, build_lookup


def test_luhn_by_hand() -> None:
    # 811228-987?: weights 2,1,2,1,...: 16→7, 1, 2, 2, 4, 8, 18→9, 8, 14→5; sum 46 → check digit 4
    assert luhn_digit("811228987") == 4
    # 121212-121?: 2, 2, 2, 2, 2, 2, 2, 2, 2; sum 18 → check digit 2
    assert luhn_digit("121212121") == 2
    # 170102-238?: 2, 7, 0, 1, 0, 2, 4, 3, 16→7; sum 26 → check digit 4
    assert luhn_digit("170102238") == 4


def _lookup(values: list[str]) -> dict[str, tuple[object, ...]]:
    con = duckdb.connect()
    con.execute("CREATE TABLE src (raw VARCHAR)")
    con.executemany("INSERT INTO src VALUES (?)", [[v] for v in values])
    build_lookup(con, "src", "lk", TODAY, Pseudonymiser(b"k"))
    rows = con.execute("SELECT raw, status, fodelsear, kon, masked FROM lk").fetchall()
    return {r[0]: r[1:] for r in rows}


def test_century_rule_on_the_import_date() -> None:
    # the import date is 2026-11-24: born 26-11-24 is 0 years old (2026); born 26-11-25 would be born
    # tomorrow, so the number is 100 years older (1926); with `+` both are a century older again
    today = "261124-123" + str(luhn_digit("261124123"))
    tomorrow = "261125-123" + str(luhn_digit("261125123"))
    plus = today.replace("-", "+")
    woman = "261124-122" + str(luhn_digit("261124122"))
    out = _lookup([today, tomorrow, plus, woman, " 19121212-1212 "])
    assert out[woman] == ("ok", 2026, "K", "20261124-****")  # 9th digit 2: even → woman
    assert out[today] == ("ok", 2026, "M", "20261124-****")  # 9th digit 3: odd → man
    assert out[tomorrow] == ("ok", 1926, "M", "19261125-****")
    assert out[plus] == ("ok", 1926, "M", "19261124-****")
    assert out[" 19121212-1212 "] == ("ok", 1912, "M", "19121212-****")  # blanks around are trimmed


def test_samordningsnummer_and_bad_dates() -> None:
    good = "701063-2391"  # Skatteverket's example: day 63 = the 3rd
    bad_day = "701092-239" + str(luhn_digit("701092239"))  # day 92 − 60 = 32
    zero_day = "700100-239" + str(luhn_digit("700100239"))
    leap = "20000229-123" + str(luhn_digit("000229123"))  # 2000 was a leap year
    not_leap = "19000229-123" + str(luhn_digit("000229123"))  # 1900 was not
    out = _lookup([good, bad_day, zero_day, leap, not_leap, "7010632391x"])
    assert out[good][0:2] == ("ok", 1970)
    assert out[bad_day][0] == "datum"
    assert out[zero_day][0] == "datum"
    assert out[leap][0:2] == ("ok", 2000)
    assert out[not_leap][0] == "datum"
    assert out["7010632391x"][0] == "format"


def test_pseudonym_is_hmac_sha256_of_the_twelve_digits() -> None:
    key = b"0123456789abcdef" * 4
    expected = hmac.new(key, b"191212121212", hashlib.sha256).hexdigest()[:20]
    assert Pseudonymiser(key).pseudonym("191212121212") == expected
    long_key = b"x" * 100  # longer than the SHA-256 block: hashed first, as RFC 2104 says
    assert Pseudonymiser(long_key).pseudonym("1") == hmac.new(long_key, b"1", hashlib.sha256).hexdigest()[:20]


def test_number_like_text_is_masked_but_ids_are_not() -> None:
    from uppfolj.importing.pnr import mask_text_sql

    con = duckdb.connect()
    cases = {
        "se 19121212-1212, akt": "se 19121212-****, akt",
        "x 7010632391 y": "x 701063-**** y",  # ten digits: the date part stays, the last four go
        "121212+1212": "121212-****",
        "A0000002871": "A0000002871",  # an application id, not a number of its own
        "2024-01-05": "2024-01-05",
    }
    for text, masked in cases.items():
        assert con.execute(f"SELECT {mask_text_sql('?')}", [text]).fetchall() == [(masked,)]


def test_sql_pseudonym_equals_hmac() -> None:
    con = duckdb.connect()
    for key in (b"k", b"0123456789abcdef" * 4, b"x" * 100):
        expr, params = Pseudonymiser(key).sql("$3")
        got = con.execute(f"SELECT {expr}", [*params, "197010632391"]).fetchall()
        assert got == [(hmac.new(key, b"197010632391", hashlib.sha256).hexdigest()[:20],)]
