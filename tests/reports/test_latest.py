"""The latest complete periods the demo reports on."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from uppfolj.reports.latest import latest_periods


def test_latest_complete_month_quarter_and_year(store: Callable[..., duckdb.DuckDBPyConnection]) -> None:
    con = store(
        {"p1": "K"},
        bistand_manad=[
            {"hushall_id": "h1", "manad": "2024-09-01", "sokande_id": "p1", "antal_barn": 0, "belopp": 1}
        ],
        insatser=[
            {
                "insats_id": "i1",
                "person_id": "p1",
                "insatstyp": "P",
                "enhet": "E",
                "start_datum": "2024-10-15",
            }
        ],
        sol_beslut=[{"beslut_id": "B1", "person_id": "p1", "beslut_datum": "2024-09-29", "insatstyp": "S"}],
    )
    got = latest_periods(con)
    # payments end 2024-09; sol_beslut ends 2024-09-29, before the quarter's last day 09-30: so 2024-Q2;
    # the latest whole year inside both bistand_manad (to 2024-09) and insatser (to 2024-10-15) is 2023
    assert (got.month, got.quarter, got.year) == ("2024-09", "2024-Q2", "2023")


def test_quarter_ending_on_the_data_end_is_complete(store: Callable[..., duckdb.DuckDBPyConnection]) -> None:
    con = store(
        {"p1": "K"},
        sol_beslut=[{"beslut_id": "B1", "person_id": "p1", "beslut_datum": "2024-03-31", "insatstyp": "S"}],
    )
    assert latest_periods(con).quarter == "2024-Q1"
    con = store(
        {"p1": "K"},
        sol_beslut=[{"beslut_id": "B1", "person_id": "p1", "beslut_datum": "2024-02-10", "insatstyp": "S"}],
    )
    assert latest_periods(con).quarter == "2023-Q4"
