"""The eb_* indicators on small hand-built stores; every expected value is worked out in a comment.

G (uppehall_manader) is 2 throughout: consecutive payment months at most 3 apart belong to one spell.
"""

from __future__ import annotations

import math
from typing import Any

import duckdb
import pandas as pd
import pytest

from uppfolj.indicators import compute
from uppfolj.indicators.periods import month_index, month_label

from .handbuilt import stored_db


def months(first: str, last: str) -> list[str]:
    a = month_index(int(first[:4]), int(first[5:]))
    b = month_index(int(last[:4]), int(last[5:]))
    return [month_label(mi) for mi in range(a, b + 1)]


def bm(
    h: str, ms: list[str], sok: str, med: str | None = None, barn: int = 0, belopp: float = 1000
) -> list[dict[str, Any]]:
    return [
        {
            "hushall_id": h,
            "manad": m,
            "sokande_id": sok,
            "medsokande_id": med,
            "antal_barn": barn,
            "belopp": belopp,
        }
        for m in ms
    ]


def values(con: duckdb.DuckDBPyConnection, ind: str, periods: list[str]) -> dict[tuple[str, ...], float]:
    """(period, kon) or (period, kon, grupptyp, grupp) -> varde."""
    frame = compute(con, periods=periods, indicators=[ind])
    out: dict[tuple[str, ...], float] = {}
    for r in frame.itertuples(index=False):
        key = (r.period, r.kon) if r.grupptyp == "" else (r.period, r.kon, r.grupptyp, r.grupp)
        out[key] = r.varde
    return out


def is_iu(value: float) -> bool:
    return math.isnan(value)


@pytest.fixture
def basic() -> duckdb.DuckDBPyConnection:
    # data 2023-01..2023-12 (h0 pays every month)
    rows = (
        bm("h0", months("2023-01", "2023-12"), "p0", barn=1, belopp=1000)
        + bm("h1", ["2023-03", "2023-04"], "p1", "p2", barn=2, belopp=2000)
        + bm("h2", ["2023-04"], "p3", belopp=500)
    )
    return stored_db(register={"p0": "K", "p1": "M", "p2": "K", "p3": "M"}, bistand_manad=rows)


def test_household_counts_and_amounts(basic: duckdb.DuckDBPyConnection) -> None:
    p = ["2023-04", "2023-Q2", "2024-01", "2022-12"]
    # 2023-Q2 (Apr-Jun): h0 (Apr, May, Jun), h1 (Apr), h2 (Apr) -> 3 households
    hh = values(basic, "eb_hushall", p)
    assert hh[("2023-04", "T")] == 3 and hh[("2023-Q2", "T")] == 3
    # months outside the data (after the end, before the start) are I.U., never 0
    assert is_iu(hh[("2024-01", "T")]) and is_iu(hh[("2022-12", "T")])
    # last month of Q2 is June: only h0 pays
    last = values(basic, "eb_hushall_manad", p)
    assert last[("2023-Q2", "T")] == 1 and last[("2023-04", "T")] == 3
    # household payment months in Q2: h0 3 + h1 1 + h2 1 = 5, over 3 months
    snitt = values(basic, "eb_hushall_snitt", p)
    assert snitt[("2023-Q2", "T")] == pytest.approx(5 / 3)
    # Q2 paid: h0 3 x 1000 + h1 2000 + h2 500 = 5500; April: 1000 + 2000 + 500 = 3500
    paid = values(basic, "eb_utbetalt", p)
    assert paid[("2023-Q2", "T")] == 5500 and paid[("2023-04", "T")] == 3500
    # per household-month: 5500 / 5 = 1100
    assert values(basic, "eb_belopp_per_hushall", p)[("2023-Q2", "T")] == 1100
    # children in June: h0's 1; in April: h0 1 + h1 2 + h2 0 = 3
    kids = values(basic, "eb_barn_manad", p)
    assert kids[("2023-Q2", "T")] == 1 and kids[("2023-04", "T")] == 3


def test_adult_recipients_by_sex(basic: duckdb.DuckDBPyConnection) -> None:
    v = values(basic, "eb_vuxna", ["2023-Q1", "2023-Q2"])
    # Q1: p0 (K), p1 (M, sökande h1 in March), p2 (K, medsökande h1) -> K 2, M 1, T 3
    assert (v[("2023-Q1", "K")], v[("2023-Q1", "M")], v[("2023-Q1", "T")]) == (2, 1, 3)
    # Q2 adds p3 (M): K 2, M 2, T 4
    assert (v[("2023-Q2", "K")], v[("2023-Q2", "M")], v[("2023-Q2", "T")]) == (2, 2, 4)


def test_personer_sex_overrides_register() -> None:
    con = stored_db(
        register={"p1": "M"},
        bistand_manad=bm("h1", ["2023-01"], "p1"),
        personer=[{"person_id": "p1", "kon": "K"}],
    )
    v = values(con, "eb_vuxna", ["2023-01"])
    # personer.kon K wins over the register's M
    assert (v[("2023-01", "K")], v[("2023-01", "M")], v[("2023-01", "T")]) == (1, 0, 1)


def test_long_term() -> None:
    rows = (
        bm("h0", months("2023-01", "2023-12"), "p0")  # p0 K: 12 months
        + bm("h1", months("2023-01", "2023-10"), "p1", "p2")  # p1 M, p2 K: 10 months
        + bm("h2", months("2023-01", "2023-09"), "p3")  # p3 M: 9 months
        + bm("h3", months("2023-01", "2023-05"), "p4")  # p4 K: 5 months here ...
        + bm("h4", months("2023-06", "2023-10"), "p4")  # ... and 5 here: 10 as a person
    )
    con = stored_db(register={"p0": "K", "p1": "M", "p2": "K", "p3": "M", "p4": "K"}, bistand_manad=rows)
    v = values(con, "eb_langvarigt_andel", ["2023", "2023-Q1", "2024"])
    # K: p0, p2, p4 all >= 10 -> 3/3 = 100 %; M: p1 yes, p3 no -> 1/2 = 50 %; T: 4/5 = 80 %
    assert v[("2023", "K")] == 100 and v[("2023", "M")] == 50 and v[("2023", "T")] == 80
    # calendar years only; 2024 is outside the data
    assert is_iu(v[("2023-Q1", "T")]) and is_iu(v[("2024", "T")])
    frame = compute(con, periods=["2023"], indicators=["eb_langvarigt_andel"])
    t = frame[frame.kon == "T"].iloc[0]
    assert (t.taljare, t.namnare) == (4, 5)
    # households with >= 10 months: h0 (12), h1 (10); h2 has 9, h3 and h4 have 5 each -> 2
    assert values(con, "eb_langvariga_hushall", ["2023"])[("2023", "T")] == 2


@pytest.fixture
def spells() -> duckdb.DuckDBPyConnection:
    # data 2020-01 (hA) .. 2023-06 (hB); G = 2, so S + 24 + G + 1 = 2020-01 + 27 months = 2022-04
    gap_bridged = [m for m in months("2020-06", "2022-12") if m not in ("2021-03", "2021-04")]
    rows = (
        bm("hA", ["2020-01"], "pA")
        + bm("hB", ["2023-06"], "pB")
        # h1: two missing months bridge (2021-02 -> 2021-05 is 3 apart): one spell from 2020-06
        + bm("h1", gap_bridged, "p1", barn=3)
        # h2: three missing months break (2021-01 -> 2021-05 is 4 apart): current spell from 2021-05
        + bm("h2", months("2020-08", "2021-01") + months("2021-05", "2022-12"), "p2", barn=1)
        # h3: from 2020-07, one month short of 25 at 2022-06
        + bm("h3", months("2020-07", "2022-06"), "p3", barn=5)
        # h4: a short spell, 2022-05..2022-06
        + bm("h4", ["2022-05", "2022-06"], "p4")
    )
    return stored_db(
        register={"pA": "K", "pB": "K", "p1": "K", "p2": "M", "p3": "K", "p4": "M"}, bistand_manad=rows
    )


def test_over_24_months_gap_rule_and_left_censoring(spells: duckdb.DuckDBPyConnection) -> None:
    p = ["2022-03", "2022-04", "2022-06", "2022-Q3"]
    v = values(spells, "eb_hushall_over_24_man", p)
    # 2022-03 < 2022-04: a spell may have begun before the data -> I.U.
    assert is_iu(v[("2022-03", "T")])
    # 2022-04: L - 24 = 2020-04; h1 starts 2020-06 -> none yet
    assert v[("2022-04", "T")] == 0
    # 2022-06: L - 24 = 2020-06; h1 (start 2020-06, bridged gap) yes; h2 (2021-05) no; h3 (2020-07) no
    assert v[("2022-06", "T")] == 1
    # Q3 -> last month 2022-09: h1 yes; h2 no; h3 ended in June -> 1
    assert v[("2022-Q3", "T")] == 1
    kids = values(spells, "eb_barn_over_24_man", p)
    # h1's 3 children
    assert kids[("2022-06", "T")] == 3 and kids[("2022-04", "T")] == 0 and is_iu(kids[("2022-03", "T")])


def test_median_spell_length_with_even_count(spells: duckdb.DuckDBPyConnection) -> None:
    v = values(spells, "eb_spelltid_median", ["2022-06"])
    # paying in 2022-06: h1 2020-06..2022-06 = 25 months, h2 2021-05.. = 14, h3 2020-07.. = 24,
    # h4 2022-05.. = 2. Sorted 2, 14, 24, 25 -> median (14 + 24) / 2 = 19.
    # No counted household starts within the first G + 1 months (2020-01..2020-03).
    assert v[("2022-06", "T")] == 19


def test_median_spell_length_left_censored() -> None:
    # data start S = 2020-01; S + G = 2020-03
    base = (
        bm("hA", months("2020-01", "2020-06"), "pA")  # 6 months at 2020-06, may have begun earlier
        + bm("hB", months("2020-02", "2020-06"), "pB")  # 5
        + bm("hC", months("2020-03", "2020-06"), "pC")  # 4, starts within the first G+1 months
        + bm("hD", months("2020-05", "2020-06"), "pD")  # 2
    )
    reg = {k: "K" for k in ("pA", "pB", "pC", "pD", "pE")}
    con = stored_db(register=reg, bistand_manad=base)
    # 6, 5, 4, 2 -> median 4.5; hC (4) is censored-possible and shorter than 4.5 -> I.U.
    assert is_iu(values(con, "eb_spelltid_median", ["2020-06"])[("2020-06", "T")])
    con = stored_db(register=reg, bistand_manad=base + bm("hE", ["2020-06"], "pE"))
    # 6, 5, 4, 2, 1 -> median 4; hC's 4 is not shorter -> computed, 4
    assert values(con, "eb_spelltid_median", ["2020-06"])[("2020-06", "T")] == 4


def test_ended_households_by_reason() -> None:
    rows = (
        bm("hA", months("2023-01", "2023-12"), "pA")  # never ends inside the data
        + bm("h1", ["2023-02", "2023-03"], "p1")  # ends 2023-03
        + bm("h2", ["2023-02", "2023-05"], "p2")  # gap 03, 04 bridged: ends 2023-05
        + bm("h3", ["2023-03", "2023-07"], "p3")  # gap 04, 05, 06 breaks: ends 2023-03 and 2023-07
    )
    avslut = [
        {"hushall_id": "h1", "manad": "2023-03", "avslutsorsak": "arbete"},
        {"hushall_id": "h2", "manad": "2023-02", "avslutsorsak": "ovrigt"},  # not a spell end: ignored
        {"hushall_id": "h3", "manad": "2023-03", "avslutsorsak": "studier"},
        {"hushall_id": "h3", "manad": "2023-07", "avslutsorsak": "flytt"},
    ]
    reg = {k: "K" for k in ("pA", "p1", "p2", "p3")}
    con = stored_db(register=reg, bistand_manad=rows, eb_avslut=avslut)
    v = values(con, "eb_avslutade_hushall", ["2023-Q1", "2023-Q2", "2023-Q3", "2023-10"])
    # Q1: h1 (arbete) and h3 (studier) end in March
    assert v[("2023-Q1", "T")] == 2
    assert v[("2023-Q1", "T", "avslutsorsak", "arbete")] == 1
    assert v[("2023-Q1", "T", "avslutsorsak", "studier")] == 1
    # Q2: h2 ends in May, no reason recorded -> okand
    assert v[("2023-Q2", "T")] == 1 and v[("2023-Q2", "T", "avslutsorsak", "okand")] == 1
    # Q3: h3's second spell ends in July (flytt); L + G + 1 = 2023-12 <= data end
    assert v[("2023-Q3", "T")] == 1 and v[("2023-Q3", "T", "avslutsorsak", "flytt")] == 1
    # October: 2023-10 + 3 = 2024-01 > data end, an end cannot be known yet -> I.U.
    assert is_iu(v[("2023-10", "T")])


def test_not_returned_after_a_year() -> None:
    rows = (
        bm("hA", months("2022-01", "2023-06"), "pA")  # data 2022-01..2023-06; pA never ends
        + bm("h1", months("2022-01", "2022-03"), "p1")  # p1 K: ends 2022-03, never back -> success
        + bm("h2", months("2022-02", "2022-04"), "p2")  # p2 M: ends 2022-04 ...
        + bm("h5", ["2022-12"], "p2")  # ... back 8 months later (in another household) -> fail
        + bm("h3", ["2022-01"], "p3")  # p3 M: ends 2022-01 ...
        + bm("h7", ["2023-02"], "p3")  # ... back after 13 months, outside the 12 -> success
        + bm("h4", ["2022-05", "2022-06", "2022-09"], "p4")  # p4 K: bridged, ends 2022-09: not in cohort
        + bm("h6", ["2022-02", "2022-06"], "p5")  # p5 K: two spells end in H1; the latest (06) counts
    )
    reg = {"pA": "K", "p1": "K", "p2": "M", "p3": "M", "p4": "K", "p5": "K"}
    con = stored_db(register=reg, bistand_manad=rows)
    v = values(con, "eb_ej_aterakt_andel", ["2023", "2024", "2023-Q1"])
    # K: p1 yes, p5 yes -> 2/2 = 100 %; M: p2 no, p3 yes -> 1/2 = 50 %; T: 3/4 = 75 %
    assert (v[("2023", "K")], v[("2023", "M")], v[("2023", "T")]) == (100, 50, 75)
    # 2024's follow-up needs data to 2024-06; quarters are not allowed
    assert is_iu(v[("2024", "T")]) and is_iu(v[("2023-Q1", "T")])


def test_share_of_population() -> None:
    rows = (
        bm("h3", ["2023-01"], "p1", barn=0)  # data start; p1 also in h1
        + bm("h1", ["2023-03"], "p1", "p2", barn=2)
        + bm("h1", ["2023-04"], "p1", "p2", barn=3)
        + bm("h2", ["2023-12"], "p3", barn=1)  # data end
    )
    pop = [{"ar": 2023, "kon": "T", "antal": 1000}, {"ar": 2023, "kon": "K", "antal": 500}]
    con = stored_db(register={"p1": "K", "p2": "M", "p3": "K"}, bistand_manad=rows, befolkning=pop)
    v = values(con, "eb_andel_befolkning", ["2023", "2023-12", "2023-06"])
    # 2023: adults p1, p2, p3 = 3 (p1 once); children: h1's largest 3 + h2 1 + h3 0 = 4; 7 / 1000 = 0.7 %
    assert v[("2023", "T")] == pytest.approx(0.7) and v[("2023-12", "T")] == pytest.approx(0.7)
    # 2023-06: the 12 months from 2022-07 reach before the data start -> I.U.
    assert is_iu(v[("2023-06", "T")])


@pytest.fixture
def applications() -> duckdb.DuckDBPyConnection:
    a = [
        # id, inkom, beslut_datum, beslut, kanal, nybesok
        ("a1", "2023-03-01", "2023-03-11", "bifall", "e_tjanst", "ja"),  # 10 days
        ("a2", "2023-02-18", "2023-03-02", "avslag", "papper", "ja"),  # 10 (Feb 18->28) + 2 = 12 days
        ("a3", "2023-03-05", "2023-03-05", "delvis_bifall", "e_tjanst", "ja"),  # same day: 0
        ("a4", "2023-03-01", "2023-03-31", "avskriven", "papper", "ja"),  # avskriven: left out
        ("a5", "2023-03-01", "2023-03-21", "bifall", "annat", "nej"),  # not nybesök: left out
        ("a6", "2023-03-10", "2023-04-03", "bifall", None, "ja"),  # 21 + 3 = 24 days, decided April
        ("a7", "2023-03-15", None, None, "e_tjanst", "ja"),  # not decided
    ]
    rows = [
        {
            "ansokan_id": i,
            "hushall_id": "h1",
            "inkom_datum": inkom,
            "beslut_datum": besl,
            "beslut": b,
            "kanal": k,
            "nybesok": n,
        }
        for i, inkom, besl, b, k, n in a
    ]
    return stored_db(
        register={"p1": "K"}, bistand_manad=bm("h1", months("2023-01", "2023-06"), "p1"), ansokningar=rows
    )


def test_waiting_times(applications: duckdb.DuckDBPyConnection) -> None:
    p = ["2023-03", "2023-03--2023-04"]
    mean = values(applications, "eb_vantetid_medel", p)
    med = values(applications, "eb_vantetid_median", p)
    # March: 10, 12, 0 -> mean 22/3, median 10
    assert mean[("2023-03", "T")] == pytest.approx(22 / 3) and med[("2023-03", "T")] == 10
    # March-April: 0, 10, 12, 24 -> mean 46/4 = 11.5, median (10 + 12) / 2 = 11
    assert mean[("2023-03--2023-04", "T")] == 11.5 and med[("2023-03--2023-04", "T")] == 11


def test_share_of_e_applications(applications: duckdb.DuckDBPyConnection) -> None:
    v = values(applications, "eb_andel_e_ansokan", ["2023-02", "2023-03"])
    # received in March: a1, a3, a4, a5, a6, a7 = 6; via e-tjänst a1, a3, a7 = 3 -> 50 %
    assert v[("2023-03", "T")] == 50
    # February: a2 on paper -> 0 %
    assert v[("2023-02", "T")] == 0


def test_activity_within_two_weeks() -> None:
    rows = (
        bm("hA", months("2023-01", "2023-12"), "pA")  # data 2023-01..12; S + G = 2023-03
        + bm("h1", ["2023-05", "2023-06"], "p1", "p2")  # p1 K, p2 M start in May
        + bm("h2", ["2023-05"], "p3")  # p3 M starts in May
        + bm("h3", ["2023-05"], "p4")  # p4 K starts in May, no applications
        + bm("h4", ["2023-02", "2023-03", "2023-05"], "p5")  # p5: one spell from Feb (bridged), not May
    )
    apps = [
        # h1: decided the month before the spell -> reference 2023-04-20
        ("b1", "h1", "2023-04-01", "2023-04-20", "bifall"),
        # h2: an avslag does not count; the delvis bifall on 2023-05-12 does; March is too early
        ("b2", "h2", "2023-05-01", "2023-05-10", "avslag"),
        ("b3", "h2", "2023-05-02", "2023-05-12", "delvis_bifall"),
        ("b4", "h2", "2023-03-01", "2023-03-30", "bifall"),
    ]
    ins = [
        ("i1", "p1", "2023-05-04"),  # 2023-04-20 + 14 days -> in time
        ("i2", "p2", "2023-05-05"),  # + 15 days -> too late
        ("i3", "p3", "2023-05-11"),  # before p3's reference date 2023-05-12 -> does not count
        ("i4", "p3", "2023-05-26"),  # 2023-05-12 + 14 -> in time
        ("i5", "p4", "2023-05-15"),  # reference 2023-05-01 (no decision) + 14 -> in time
    ]
    con = stored_db(
        register={"pA": "K", "p1": "K", "p2": "M", "p3": "M", "p4": "K", "p5": "K"},
        bistand_manad=rows,
        ansokningar=[
            {"ansokan_id": i, "hushall_id": h, "inkom_datum": d0, "beslut_datum": d1, "beslut": b}
            for i, h, d0, d1, b in apps
        ],
        insatser=[
            {"insats_id": i, "person_id": p, "insatstyp": "Jobbspår", "enhet": "E1", "start_datum": d}
            for i, p, d in ins
        ],
    )
    v = values(con, "eb_aktivitet_14_dagar", ["2023-05", "2023-12", "2023-02"])
    # K: p1 yes, p4 yes -> 100 %; M: p2 no, p3 yes -> 50 %; T: 3 of 4 -> 75 %
    assert (v[("2023-05", "K")], v[("2023-05", "M")], v[("2023-05", "T")]) == (100, 50, 75)
    # December needs 14 days of January 2024 -> I.U.; February: p5's spell starts within S + G -> no cohort
    assert is_iu(v[("2023-12", "T")]) and is_iu(v[("2023-02", "T")])


def test_result_columns_and_stable_order(basic: duckdb.DuckDBPyConnection) -> None:
    a = compute(basic, periods=["2023-Q2", "2023-01"], indicators=["eb_vuxna", "eb_hushall"])
    b = compute(basic, periods=["2023-Q2", "2023-01"], indicators=["eb_hushall", "eb_vuxna"])
    assert list(a.columns) == [
        "indikator",
        "period",
        "kon",
        "grupptyp",
        "grupp",
        "varde",
        "taljare",
        "namnare",
        "undertryckt",
    ]
    pd.testing.assert_frame_equal(a, b)
    # catalogue order, then requested period order, then K, M, T
    assert list(zip(a.indikator, a.period, a.kon, strict=True))[:4] == [
        ("eb_hushall", "2023-Q2", "T"),
        ("eb_hushall", "2023-01", "T"),
        ("eb_vuxna", "2023-Q2", "K"),
        ("eb_vuxna", "2023-Q2", "M"),
    ]
