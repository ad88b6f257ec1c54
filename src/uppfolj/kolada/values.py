"""The fetched Kolada values, kept in the workspace (`kolada/varden.duckdb`) for offline comparisons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from uppfolj.kolada.client import KoladaValue

DDL = """
CREATE TABLE IF NOT EXISTS varden (
    kpi VARCHAR, kommun_id VARCHAR, ar INTEGER, kon VARCHAR, varde DOUBLE, status VARCHAR, hamtad TIMESTAMP,
    PRIMARY KEY (kpi, kommun_id, ar, kon)
);
CREATE TABLE IF NOT EXISTS hamtningar (
    kpi VARCHAR, kommun_id VARCHAR, ar INTEGER, hamtad TIMESTAMP, PRIMARY KEY (kpi, kommun_id, ar)
);
CREATE TABLE IF NOT EXISTS kommuner (kommun_id VARCHAR PRIMARY KEY, namn VARCHAR);
CREATE TABLE IF NOT EXISTS nyckeltal (kpi VARCHAR PRIMARY KEY, titel VARCHAR, konsuppdelad BOOLEAN);
"""


class ValueStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(str(self.path))
        con.execute(DDL)
        return con

    def save(
        self,
        values: Iterable[KoladaValue],
        requested: Iterable[tuple[str, str, int]],
        fetched_at: dt.datetime,
    ) -> None:
        """Store values; `requested` (kpi, kommun, år) records what was asked, so a missing value is known."""
        rows = [
            (v.kpi, v.kommun_id, v.ar, v.kon, v.varde, v.status, fetched_at.replace(tzinfo=None))
            for v in values
        ]
        asked = [(k, m, y, fetched_at.replace(tzinfo=None)) for k, m, y in requested]
        con = self._connect()
        try:
            con.execute("BEGIN")
            if asked:
                con.executemany("INSERT OR REPLACE INTO hamtningar VALUES (?, ?, ?, ?)", asked)
                con.executemany(
                    "DELETE FROM varden WHERE kpi = ? AND kommun_id = ? AND ar = ?", [a[:3] for a in asked]
                )
            if rows:
                con.executemany("INSERT OR REPLACE INTO varden VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            con.execute("COMMIT")
        finally:
            con.close()

    def save_names(self, municipalities: dict[str, str], kpis: dict[str, tuple[str, bool]]) -> None:
        con = self._connect()
        try:
            if municipalities:
                con.executemany("INSERT OR REPLACE INTO kommuner VALUES (?, ?)", list(municipalities.items()))
            if kpis:
                con.executemany(
                    "INSERT OR REPLACE INTO nyckeltal VALUES (?, ?, ?)",
                    [(k, t, g) for k, (t, g) in kpis.items()],
                )
        finally:
            con.close()

    def missing(
        self, kpis: list[str], municipalities: list[str], years: list[int]
    ) -> list[tuple[str, str, int]]:
        wanted = [(k, m, y) for k in kpis for m in municipalities for y in years]
        if not self.path.exists():
            return wanted
        con = self._connect()
        try:
            have = set(con.execute("SELECT kpi, kommun_id, ar FROM hamtningar").fetchall())
        finally:
            con.close()
        return [w for w in wanted if w not in have]

    def load(self, kpis: list[str], municipalities: list[str], years: list[int]) -> pd.DataFrame:
        con = self._connect()
        try:
            return con.execute(
                """
                SELECT v.kpi, v.kommun_id, coalesce(k.namn, v.kommun_id) AS kommun, v.ar, v.kon, v.varde,
                       v.status, v.hamtad
                FROM varden v LEFT JOIN kommuner k USING (kommun_id)
                WHERE list_contains(?, v.kpi) AND list_contains(?, v.kommun_id) AND list_contains(?, v.ar)
                ORDER BY v.kpi, v.ar, v.kommun_id, v.kon
                """,
                [kpis, municipalities, years],
            ).df()
        finally:
            con.close()

    def names(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        con = self._connect()
        try:
            return dict(con.execute("SELECT kommun_id, namn FROM kommuner").fetchall())
        finally:
            con.close()

    def kpi_titles(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        con = self._connect()
        try:
            return dict(con.execute("SELECT kpi, titel FROM nyckeltal").fetchall())
        finally:
            con.close()
