"""Hand-built stored databases for indicator tests.

`stored_db(insatser=[...], personer=[...], ...)` creates an in-memory DuckDB holding the given tables in the
stored schema (contract columns, pseudonym ids instead of personnummer, months as first-of-month DATE,
amounts DECIMAL(18,2)) plus `_personregister`. Rows are dicts; missing columns are NULL. Dates are ISO
strings. `person(pid, kon)` rows for `_personregister` are passed as `register={"p1": "K", ...}`.
"""

from __future__ import annotations

from typing import Any

from tests.stores import create_table, stored_db

__all__ = ["create_table", "groups", "stored_db", "value"]


def value(
    frame: Any, indikator: str, period: str, kon: str = "T", grupptyp: str = "", grupp: str = ""
) -> Any:
    """The one result row for these keys (a pandas Series); fails when there is not exactly one."""
    rows = frame[
        (frame.indikator == indikator)
        & (frame.period == period)
        & (frame.kon == kon)
        & (frame.grupptyp == grupptyp)
        & (frame.grupp == grupp)
    ]
    assert len(rows) == 1, f"{indikator} {period} {kon} {grupptyp} {grupp}: {len(rows)} rows"
    return rows.iloc[0]


def groups(frame: Any, indikator: str, period: str, kon: str, grupptyp: str) -> dict[str, float]:
    """grupp → varde for one breakdown."""
    rows = frame[
        (frame.indikator == indikator)
        & (frame.period == period)
        & (frame.kon == kon)
        & (frame.grupptyp == grupptyp)
    ]
    return dict(zip(rows.grupp, rows.varde, strict=True))
