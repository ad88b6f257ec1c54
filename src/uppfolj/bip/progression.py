"""Progression per person and BIP indicator: first and latest measurement, change and days between.

A person with one measurement of an indicator has no change (`forandring` and `dagar` empty). Change is
latest minus first, so on the usual BIP scales (higher = closer to work) a positive change is an improvement.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.text import normalise_header

#: the columns of `progression()`, in order
COLUMNS = (
    "person_id",
    "indikator",
    "antal_matningar",
    "forsta_datum",
    "forsta_varde",
    "senaste_datum",
    "senaste_varde",
    "forandring",
    "dagar",
)


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?",
        [name],
    ).fetchall()
    return bool(rows[0][0])


def require_bip(con: duckdb.DuckDBPyConnection) -> None:
    if not has_table(con, "bip"):
        raise UppfoljError(
            "Datalagret har inga BIP-mätningar (tabellen bip). Lägg bip.csv eller bip.xlsx i exportmappen "
            "och kör `uppfolj import`."
        )


def indicator_filter(indikatorer: list[str] | None) -> tuple[str, list[str]]:
    """SQL condition and parameters restricting `bip.indikator` (names normalised like at import)."""
    if not indikatorer:
        return "true", []
    names = [normalise_header(n) for n in indikatorer]
    return f"indikator IN ({', '.join('?' for _ in names)})", names


def progression_sql(where: str = "true") -> str:
    """SQL of the per person and indicator progression (parameters: those of `where`)."""
    return f"""
        SELECT person_id, indikator, count(*) AS antal_matningar,
               min(matdatum) AS forsta_datum, arg_min(varde, matdatum) AS forsta_varde,
               max(matdatum) AS senaste_datum, arg_max(varde, matdatum) AS senaste_varde,
               CASE WHEN count(*) > 1 THEN arg_max(varde, matdatum) - arg_min(varde, matdatum) END AS forandring,
               CASE WHEN count(*) > 1 THEN datediff('day', min(matdatum), max(matdatum)) END AS dagar
        FROM bip WHERE {where}
        GROUP BY person_id, indikator"""


def progression(con: duckdb.DuckDBPyConnection, *, indikatorer: list[str] | None = None) -> pd.DataFrame:
    """One row per person and indicator (columns `COLUMNS`), ordered by indicator and person."""
    require_bip(con)
    where, params = indicator_filter(indikatorer)
    frame = con.execute(f"{progression_sql(where)} ORDER BY indikator, person_id", params).df()
    return frame[list(COLUMNS)]
