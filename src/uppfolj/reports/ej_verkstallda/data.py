"""The decisions behind both products for one quarter: reported on its last day, reported the quarter
before, and what became of the latter.

The list is `uppfolj.indicators.sol.ej_verkstallda_beslut`, the one query behind the indicator
`sol_ej_verkstallda`; the reason code (`orsakskod`) is read beside it, blank in stores imported before the
column existed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.indicators.periods import Period

#: what became of a decision reported the quarter before, in the order the report lists them
VERKSTALLT, ATERUPPTAGET, AVSLUTAT, ANDRAT = (
    "Verkställt",
    "Återupptaget efter avbrott",
    "Avslutat utan verkställighet",
    "Rapporteras inte längre av annan anledning",
)
OUTCOMES = (VERKSTALLT, ATERUPPTAGET, AVSLUTAT, ANDRAT)


@dataclass
class QuarterData:
    quarter: str
    #: the report day (the quarter's last day) and the previous report day
    day: dt.date
    previous_day: dt.date
    #: decisions reported on `day`, one row each (the columns of `ej_verkstallda_beslut` and `orsakskod`)
    current: pd.DataFrame
    #: decisions reported on `previous_day`
    previous: pd.DataFrame
    #: decisions reported on `previous_day` but not on `day`, with `utfall` (one of OUTCOMES) and `datum`
    resolved: pd.DataFrame

    @property
    def new(self) -> int:
        """Decisions reported now that were not reported the quarter before."""
        return int((~self.current["beslut_id"].isin(set(self.previous["beslut_id"]))).sum())


def quarter_days(label: str) -> tuple[str, dt.date, dt.date]:
    """(the quarter's label, its last day, the previous quarter's last day)."""
    period = Period.parse(label)
    if period.kind != "kvartal":
        raise UppfoljError(
            f"Perioden {label!r} är inget kvartal. Skriv kvartalet som ÅÅÅÅ-QN, t.ex. 2024-Q3."
        )
    previous = Period.of_months(period.first_mi - 3, period.first_mi - 1)
    return period.label, period.last_day, previous.last_day


def resolved_since(
    previous: pd.DataFrame, current: pd.DataFrame, after: dt.date, until: dt.date
) -> pd.DataFrame:
    """Decisions on the previous list that are no longer reported, with what happened and when."""
    gone = previous[~previous["beslut_id"].isin(set(current["beslut_id"]))]
    rows = []
    for rec in gone.to_dict("records"):
        events = [
            (AVSLUTAT, rec["avslutat_datum"]),
            (ATERUPPTAGET, rec["aterupptaget_datum"] if rec["typ"] == "avbrott" else None),
            (VERKSTALLT, rec["verkstallt_datum"] if rec["typ"] == "ej_verkstallt" else None),
        ]
        what, when = next(((w, d) for w, d in events if d is not None and after < d <= until), (ANDRAT, None))
        rows.append({**rec, "utfall": what, "datum": when})
    return pd.DataFrame(rows, columns=[*previous.columns, "utfall", "datum"])


def _reason_codes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    has = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'sol_beslut' "
        "AND column_name = 'orsakskod'"
    ).fetchone()
    if not has or not has[0]:
        return {}
    rows = con.execute("SELECT beslut_id, orsakskod FROM sol_beslut WHERE orsakskod IS NOT NULL").fetchall()
    return {str(b): str(c) for b, c in rows}


def _listed(con: duckdb.DuckDBPyConnection, day: dt.date, codes: dict[str, str]) -> pd.DataFrame:
    from uppfolj.indicators.sol import ej_verkstallda_beslut

    frame = ej_verkstallda_beslut(con, day)
    frame["orsakskod"] = pd.Series([codes.get(str(b)) for b in frame["beslut_id"]], dtype="object")
    return frame


def collect(con: duckdb.DuckDBPyConnection, quarter: str) -> QuarterData:
    from uppfolj.indicators.sol import data_end

    label, day, previous_day = quarter_days(quarter)
    end = data_end(con)
    if end is None:
        raise UppfoljError(
            "Datalagret har inga beslut enligt SoL (tabellen sol_beslut). Importera exporten av beslut med "
            "`uppfolj import`."
        )
    if end < day:
        raise UppfoljError(
            f"Kvartalet {label} slutar {day.isoformat()}, men beslutsuppgifterna (sol_beslut) når bara till "
            f"{end.isoformat()}. Importera en nyare export av beslut eller välj ett tidigare kvartal."
        )
    codes = _reason_codes(con)
    current = _listed(con, day, codes)
    previous = _listed(con, previous_day, codes)
    return QuarterData(
        label, day, previous_day, current, previous, resolved_since(previous, current, previous_day, day)
    )
