"""The latest complete periods of the data: what `uppfolj demo` (and a controller by default) reports on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from uppfolj.outputs.tables import data_ends


@dataclass(frozen=True)
class LatestPeriods:
    month: str | None
    quarter: str | None
    year: str | None

    def of_kind(self, kind: str) -> str | None:
        """The latest period of a report's period kind (manad, kvartal or ar)."""
        return {"manad": self.month, "kvartal": self.quarter, "ar": self.year}[kind]


def _last_day(month: dt.date) -> dt.date:
    nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def latest_periods(con: duckdb.DuckDBPyConnection) -> LatestPeriods:
    """Month: the data end of bistand_manad. Quarter: the latest quarter whose last day is within the data
    of sol_beslut. Year: the latest calendar year wholly within the data of insatser and bistand_manad."""
    ends = data_ends(con)
    month = ends.get("bistand_manad")
    quarter = None
    if "sol_beslut" in ends:
        end = dt.date.fromisoformat(ends["sol_beslut"])
        q_month = dt.date(end.year, ((end.month - 1) // 3) * 3 + 3, 1)
        if _last_day(q_month) > end:
            q_month = dt.date(q_month.year - (q_month.month == 3), (q_month.month - 4) % 12 + 1, 1)
        quarter = f"{q_month.year}-Q{(q_month.month - 1) // 3 + 1}"
    year = None
    candidates = []
    if month:
        y, m = map(int, month.split("-"))
        candidates.append(y if m == 12 else y - 1)
    if "insatser" in ends:
        end = dt.date.fromisoformat(ends["insatser"])
        candidates.append(end.year if end >= dt.date(end.year, 12, 31) else end.year - 1)
    if candidates:
        year = str(min(candidates))
    return LatestPeriods(month, quarter, year)
