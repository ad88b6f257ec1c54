"""The list of non-executed SoL decisions (uppfolj.indicators.sol.ej_verkstallda_beslut), worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from uppfolj.indicators.sol import COLUMNS, data_end, ej_verkstallda_beslut

from .handbuilt import stored_db

D = dt.date(2024, 6, 30)  # end of 2024-Q2; D − 3 months = 2024-03-30


def _decision(bid: str, pid: str, beslut: str, **dates: str) -> dict[str, str]:
    return {
        "beslut_id": bid,
        "person_id": pid,
        "beslut_datum": beslut,
        "insatstyp": "Arbetsrehabilitering",
    } | dates


ROWS = [
    # exactly at the three-month mark: 2024-03-30 ≤ D − 3 months → reported; Mar 30→Jun 30 = 1+30+31+30 = 92 days
    _decision("s01", "p1", "2024-03-30", lagrum="SoL 4:1", orsak="Platsbrist"),
    # one day after the mark (2024-03-31 > 2024-03-30): only 2 whole months → not reported
    _decision("s02", "p2", "2024-03-31"),
    # executed after D → still not executed on D; Jan 15→Jun 30 = 16+29+31+30+31+30 = 167 days, 5 months
    _decision("s03", "p3", "2024-01-15", verkstallt_datum="2024-07-05"),
    # executed on D itself → not reported
    _decision("s04", "p4", "2024-01-15", verkstallt_datum="2024-06-30"),
    # declined offer does not end the duty to report: 12 months; 2023-06-01→2024-06-01 = 366 (Feb 29), +29 = 395
    _decision("s05", "p5", "2023-06-01", erbjudande_datum="2023-08-01"),
    # closed before D → not reported
    _decision("s06", "p6", "2023-01-10", avslutat_datum="2024-05-01"),
    # closed after D → reported; 12+5 = 17 months; 365 + (31+29+31+30+31) + 20 = 537 days
    _decision("s07", "p1", "2023-01-10", avslutat_datum="2024-07-01"),
    # interrupted 2024-02-15, not resumed: 4 months; Feb 15→Jun 30 = 14+31+30+31+30 = 136 days
    _decision("s08", "p2", "2022-01-01", verkstallt_datum="2022-02-01", avbrott_datum="2024-02-15"),
    # interrupted, resumed on D → not reported
    _decision(
        "s09",
        "p3",
        "2022-01-01",
        verkstallt_datum="2022-02-01",
        avbrott_datum="2024-02-15",
        aterupptaget_datum="2024-06-30",
    ),
    # interrupted, resumed only after D → reported as avbrott, 4 months, 136 days
    _decision(
        "s10",
        "p4",
        "2022-01-01",
        verkstallt_datum="2022-02-01",
        avbrott_datum="2024-02-15",
        aterupptaget_datum="2024-07-02",
    ),
    # interrupted less than three months ago (2024-04-15 > 2024-03-30) → not reported
    _decision("s11", "p5", "2022-01-01", verkstallt_datum="2022-02-01", avbrott_datum="2024-04-15"),
    # (2024−2022)·12 + 6 − 12 = 18, day 31 > 30 → 17 months (band 13-17); 365 + 182 = 547 days
    _decision("s12", "p6", "2022-12-31"),
    # 18 months → 18+; 548 days
    _decision("s13", "p1", "2022-12-30"),
    # 12 + 6 − 9 = 9 months → 7-9; Sep 30→Dec 31 = 92, + 182 = 274 days
    _decision("s14", "p2", "2023-09-30"),
    # a resumption dated before the interruption belongs to an earlier one: still interrupted;
    # Jan 10→Jun 30 = 21+29+31+30+31+30 = 172 days, 5 months
    _decision(
        "s15",
        "p3",
        "2021-05-01",
        verkstallt_datum="2021-06-01",
        avbrott_datum="2024-01-10",
        aterupptaget_datum="2023-05-01",
    ),
    # decided after D → not reported
    _decision("s16", "p4", "2024-07-15"),
]

REGISTER = {"p1": "K", "p2": "M", "p3": "K", "p4": "M", "p5": "K", "p6": "M"}


def test_reported_decisions_types_bands_and_days() -> None:
    con = stored_db(register=REGISTER, sol_beslut=ROWS)
    got = ej_verkstallda_beslut(con, D)
    assert list(got.columns) == list(COLUMNS)
    table = {r.beslut_id: (r.typ, int(r.manader), r.tid, int(r.dagar)) for r in got.itertuples()}
    assert table == {
        "s01": ("ej_verkstallt", 3, "3-6", 92),
        "s03": ("ej_verkstallt", 5, "3-6", 167),
        "s05": ("ej_verkstallt", 12, "10-12", 395),
        "s07": ("ej_verkstallt", 17, "13-17", 537),
        "s08": ("avbrott", 4, "3-6", 136),
        "s10": ("avbrott", 4, "3-6", 136),
        "s12": ("ej_verkstallt", 17, "13-17", 547),
        "s13": ("ej_verkstallt", 18, "18+", 548),
        "s14": ("ej_verkstallt", 9, "7-9", 274),
        "s15": ("avbrott", 5, "3-6", 172),
    }
    # longest wait first, ties by beslut_id
    assert list(got.beslut_id) == ["s13", "s12", "s07", "s05", "s14", "s15", "s03", "s08", "s10", "s01"]


def test_report_columns_are_carried() -> None:
    con = stored_db(register=REGISTER, sol_beslut=ROWS)
    got = ej_verkstallda_beslut(con, D).set_index("beslut_id")
    s01 = got.loc["s01"]
    assert (s01.person_id, s01.kon, s01.insatstyp, s01.lagrum, s01.orsak) == (
        "p1",
        "K",
        "Arbetsrehabilitering",
        "SoL 4:1",
        "Platsbrist",
    )
    assert s01.beslut_datum == dt.date(2024, 3, 30)
    assert got.loc["s05"].erbjudande_datum == dt.date(2023, 8, 1)
    assert got.loc["s08"].referens_datum == dt.date(2024, 2, 15)
    assert got.loc["s12"].kon == "M"


def test_personer_kon_overrides_register() -> None:
    con = stored_db(
        register=REGISTER,
        sol_beslut=[_decision("s01", "p2", "2024-01-01")],
        personer=[{"person_id": "p2", "kon": "K"}],
    )
    assert list(ej_verkstallda_beslut(con, D).kon) == ["K"]


def test_month_end_clamping() -> None:
    # D = 2024-05-31: D − 3 months = 2024-02-29 (February has no 31st)
    rows = [_decision("a", "p1", "2024-02-29"), _decision("b", "p1", "2024-03-01")]
    con = stored_db(register=REGISTER, sol_beslut=rows)
    assert list(ej_verkstallda_beslut(con, dt.date(2024, 5, 31)).beslut_id) == ["a"]
    # D = 2024-02-29: D − 3 months = 2023-11-29; 2023-11-30 is one day short
    rows = [_decision("a", "p1", "2023-11-29"), _decision("b", "p1", "2023-11-30")]
    con = stored_db(register=REGISTER, sol_beslut=rows)
    got = ej_verkstallda_beslut(con, dt.date(2024, 2, 29))
    assert list(got.beslut_id) == ["a"]
    # Nov 29 → Feb 29 = 1 + 31 + 31 + 29 = 92 days
    assert int(got.dagar.iloc[0]) == 92


def test_no_sol_table_gives_empty_list() -> None:
    con = stored_db(register=REGISTER)
    got = ej_verkstallda_beslut(con, D)
    assert got.empty and list(got.columns) == list(COLUMNS)
    assert data_end(con) is None


def test_data_end_is_latest_date_in_any_column() -> None:
    # latest date: s03's verkstallt_datum 2024-07-05? no — s16 beslut 2024-07-15 is later
    con = stored_db(register=REGISTER, sol_beslut=ROWS)
    assert data_end(con) == dt.date(2024, 7, 15)
    con = stored_db(register=REGISTER, sol_beslut=ROWS[:4])
    # among s01–s04 the latest is s03's verkstallt_datum
    assert data_end(con) == dt.date(2024, 7, 5)


def test_executed_just_before_or_after_the_three_month_mark() -> None:
    # decided 2024-01-15; on D = 2024-04-15 the decision is exactly three months old (D − 3 months = Jan 15)
    rows = [
        _decision("before", "p1", "2024-01-15", verkstallt_datum="2024-04-14"),  # executed the day before D
        _decision("on", "p1", "2024-01-15", verkstallt_datum="2024-04-15"),  # executed on D: not reported
        _decision("after", "p2", "2024-01-15", verkstallt_datum="2024-04-16"),  # executed the day after D
    ]
    con = stored_db(register=REGISTER, sol_beslut=rows)
    got = ej_verkstallda_beslut(con, dt.date(2024, 4, 15))
    # only "after" is still unexecuted on D: 3 months, Jan 15 → Apr 15 = 16 + 29 + 31 + 15 = 91 days
    assert [(r.beslut_id, r.manader, r.tid, r.dagar) for r in got.itertuples()] == [("after", 3, "3-6", 91)]
    # a day later it has been executed: nothing is reported
    assert ej_verkstallda_beslut(con, dt.date(2024, 4, 16)).empty


@pytest.mark.parametrize(
    ("beslut", "months", "band"),
    [
        # D = 2024-06-30; whole calendar months from the decision to D
        ("2023-12-30", 6, "3-6"),
        ("2023-11-30", 7, "7-9"),
        ("2023-09-30", 9, "7-9"),
        ("2023-08-30", 10, "10-12"),
        ("2023-06-30", 12, "10-12"),
        ("2023-05-30", 13, "13-17"),
        ("2023-01-01", 17, "13-17"),
        ("2022-12-30", 18, "18+"),
        ("2019-06-30", 60, "18+"),
    ],
)
def test_time_band_edges(beslut: str, months: int, band: str) -> None:
    con = stored_db(register=REGISTER, sol_beslut=[_decision("b", "p1", beslut)])
    row = ej_verkstallda_beslut(con, D).iloc[0]
    assert (row.manader, row.tid) == (months, band)
