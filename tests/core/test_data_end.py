"""One data end per table: `uppfolj status`, the web and the reports agree, for every table with dates.

The store (worked out by hand):

  bistand_manad  payments 2024-01 … 2024-03            → data end 2024-03-31 (shown `2024-03`)
  eb_avslut      last month 2024-02                    → 2024-02-29 (`2024-02`)
  ansokningar    inkom 2024-03-02, decided 2024-03-20  → 2024-03-20
  insatser       latest date: slut_datum 2024-05-15    → 2024-05-15; the web's last whole month 2024-04
  platser        fran 2023-01-01, till 2024-06-30      → 2024-06-30
  sol_beslut     latest date: avslutat_datum 2024-06-30 → 2024-06-30; whole month 2024-06
  ekonomi        budget 2024-01 … 2024-12, utfall only 2024-01 … 2024-04
                                                       → 2024-04-30 (`2024-04`), not December
  personer       invandringsar 2015                    → 2015-12-31
  befolkning     ar 2023                               → 2023-12-31
  bip            matdatum 2024-02-10                   → 2024-02-10; whole month 2024-01
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from uppfolj import schema
from uppfolj.outputs.tables import data_ends
from uppfolj.reports.latest import latest_periods
from uppfolj.status import store_status
from uppfolj.web.data import DataService
from uppfolj.web.engine import LazyEngine
from uppfolj.workspace import Workspace

EXPECTED = {
    "bistand_manad": (dt.date(2024, 3, 31), "2024-03", "2024-03"),
    "eb_avslut": (dt.date(2024, 2, 29), "2024-02", "2024-02"),
    "ansokningar": (dt.date(2024, 3, 20), "2024-03-20", "2024-02"),
    "insatser": (dt.date(2024, 5, 15), "2024-05-15", "2024-04"),
    "platser": (dt.date(2024, 6, 30), "2024-06-30", "2024-06"),
    "sol_beslut": (dt.date(2024, 6, 30), "2024-06-30", "2024-06"),
    "ekonomi": (dt.date(2024, 4, 30), "2024-04", "2024-04"),
    "personer": (dt.date(2015, 12, 31), "2015-12-31", "2015-12"),
    "befolkning": (dt.date(2023, 12, 31), "2023-12-31", "2023-12"),
    "bip": (dt.date(2024, 2, 10), "2024-02-10", "2024-01"),
}


def _tables() -> dict[str, list[dict[str, Any]]]:
    return {
        "personer": [{"person_id": "p1", "invandringsar": 2015}],
        "bistand_manad": [
            {"hushall_id": "h1", "manad": f"2024-0{m}", "sokande_id": "p1", "antal_barn": 0, "belopp": 5000}
            for m in (1, 2, 3)
        ],
        "eb_avslut": [{"hushall_id": "h1", "manad": "2024-02", "avslutsorsak": "arbete"}],
        "ansokningar": [
            {
                "ansokan_id": "a1",
                "hushall_id": "h1",
                "inkom_datum": "2024-03-02",
                "beslut_datum": "2024-03-20",
            }
        ],
        "insatser": [
            {
                "insats_id": "i1",
                "person_id": "p1",
                "insatstyp": "Praktik",
                "enhet": "Jobbtorget",
                "anvisad_datum": "2024-01-05",
                "start_datum": "2024-01-10",
                "slut_datum": "2024-05-15",
                "avslutsorsak": "studier",
            }
        ],
        "platser": [
            {
                "enhet": "Jobbtorget",
                "fran_datum": "2023-01-01",
                "till_datum": "2024-06-30",
                "antal_platser": 5,
            }
        ],
        "sol_beslut": [
            {
                "beslut_id": "b1",
                "person_id": "p1",
                "beslut_datum": "2024-01-15",
                "insatstyp": "Daglig sysselsättning",
                "avslutat_datum": "2024-06-30",
            }
        ],
        "ekonomi": [
            {
                "manad": f"2024-{m:02d}",
                "verksamhet": "Ekonomiskt bistånd",
                "budget": 100_000,
                "utfall": 90_000 if m <= 4 else None,
            }
            for m in range(1, 13)
        ],
        "befolkning": [{"ar": 2023, "kon": "T", "antal": 160_000}],
        "bip": [{"person_id": "p1", "matdatum": "2024-02-10", "indikator": "motivation", "varde": 3}],
    }


def test_every_table_with_dates_is_covered() -> None:
    assert set(schema.DATE_COLUMNS) == set(EXPECTED)


def test_status_web_and_reports_report_the_same_data_end(
    stored_workspace: Callable[..., Workspace],
) -> None:
    ws = stored_workspace({"p1": "K"}, **_tables())
    status = store_status(ws)["tabeller"]
    data = DataService(ws, LazyEngine())
    snap = data.snapshot()
    with ws.store().connect() as con:
        reports = data_ends(con)
    for table, (end, shown, whole_month) in EXPECTED.items():
        assert status[table]["dataslut"] == end.isoformat(), table
        assert reports[table] == shown, table
        assert data.data_end(snap, table) == whole_month, table


def test_the_dashboard_defaults_to_the_month_the_reports_use(
    stored_workspace: Callable[..., Workspace],
) -> None:
    ws = stored_workspace({"p1": "K"}, **_tables())
    data = DataService(ws, LazyEngine())
    snap = data.snapshot()
    # ekonomi's budget runs to December, but its data end is April, the last month with utfall
    assert data.latest_month(snap, "ek_utfall") == "2024-04"
    assert data.latest_month(snap, "eb") == "2024-03"
    with ws.store().connect() as con:
        assert latest_periods(con).month == "2024-03"


def test_the_table_of_an_indicator_is_the_one_its_source_reads() -> None:
    from uppfolj.indicators.catalogue import CATALOGUE
    from uppfolj.indicators.helpers import SOURCES, names_in

    for ind, definition in CATALOGUE.items():
        table = schema.table_for_indicator(ind)
        assert table is not None and table in names_in(SOURCES[definition.source].sql), ind
