"""The engines that run definition SQL: DuckDB (default) and Apache Spark (local mode).

Both get the same SQL text (DuckDB dialect). DuckDB runs it as is on the caller's connection, using TEMP
tables for helpers and periods (so a read-only snapshot connection works). Spark reads the stored tables
from the DuckDB connection through Arrow, and runs each query after sqlglot has translated it to Spark SQL.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

import duckdb
import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.schema import STORED_TABLES


class Backend(Protocol):
    def load(self, tables: list[str]) -> None: ...
    def materialise(self, name: str, sql: str, *, as_view: bool = False) -> None: ...
    def set_table(self, name: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None: ...
    def query(self, sql: str) -> pd.DataFrame: ...
    def close(self) -> None: ...


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def _create_empty_sql(name: str) -> str:
    cols = ", ".join(f"{c} {t}" for c, t in STORED_TABLES[name])
    return f"CREATE OR REPLACE TEMP TABLE {name} ({cols})"


class DuckDBBackend:
    """Runs the SQL as is on the caller's DuckDB connection; everything it creates is TEMP and dropped."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.created: list[str] = []
        self.views: list[str] = []

    def load(self, tables: list[str]) -> None:
        present = existing_tables(self.con)
        for name in tables:
            if name not in present:
                self.con.execute(_create_empty_sql(name))
                self.created.append(name)

    def materialise(self, name: str, sql: str, *, as_view: bool = False) -> None:
        if as_view:
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")
            self.views.append(name)
        else:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
            self.created.append(name)

    def set_table(self, name: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        cols = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in schema)
        self.con.register("_uppfolj_frame", frame)
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {cols} FROM _uppfolj_frame")
        finally:
            self.con.unregister("_uppfolj_frame")
        self.created.append(name)

    def query(self, sql: str) -> pd.DataFrame:
        return self.con.execute(sql).df()

    def close(self) -> None:
        for name in reversed(dict.fromkeys(self.views)):
            self.con.execute(f"DROP VIEW IF EXISTS temp.main.{name}")
        for name in reversed(dict.fromkeys(self.created)):
            self.con.execute(f"DROP TABLE IF EXISTS temp.main.{name}")
        self.created.clear()
        self.views.clear()


_SPARK_LOCK = threading.Lock()
_SPARK: Any = None


def spark_session() -> Any:
    """The one local SparkSession of this process (started on first use, 2 cores)."""
    global _SPARK
    with _SPARK_LOCK:
        if _SPARK is None:
            try:
                from pyspark.sql import SparkSession
            except ImportError as exc:  # pragma: no cover - pyspark is in the locked environment
                raise UppfoljError(
                    "Motorn spark kräver PySpark. Installera uppfolj med tillägget [spark] eller använd "
                    "--motor duckdb."
                ) from exc
            _SPARK = (
                SparkSession.builder.master("local[2]")
                .appName("uppfolj")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                .config("spark.driver.memory", "4g")
                .getOrCreate()
            )
            _SPARK.sparkContext.setLogLevel("ERROR")
        return _SPARK


def to_spark_sql(sql: str) -> str:
    """Translate one DuckDB-dialect query to Spark SQL with sqlglot."""
    import sqlglot

    return str(sqlglot.transpile(sql, read="duckdb", write="spark")[0])


_SPARK_TYPES = {"VARCHAR": "string", "INTEGER": "int", "BIGINT": "bigint", "DATE": "date", "DOUBLE": "double"}


class SparkBackend:
    """Runs the translated SQL on a local SparkSession; stored tables come from the DuckDB connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.spark = spark_session()
        self.views: list[str] = []
        self.cached: list[Any] = []

    def load(self, tables: list[str]) -> None:
        present = existing_tables(self.con)
        for name in tables:
            cols = ", ".join(c for c, _ in STORED_TABLES[name])
            if name in present:
                arrow = self.con.sql(f"SELECT {cols} FROM {name}").to_arrow_table()
            else:
                arrow = self.con.sql(
                    f"SELECT {', '.join(f'CAST(NULL AS {t}) AS {c}' for c, t in STORED_TABLES[name])} "
                    "WHERE false"
                ).to_arrow_table()
            frame = self.spark.createDataFrame(arrow)
            frame.createOrReplaceTempView(name)
            self.views.append(name)

    def materialise(self, name: str, sql: str, *, as_view: bool = False) -> None:
        frame = self.spark.sql(to_spark_sql(sql))
        if not as_view:
            frame = frame.cache()
            frame.count()
            self.cached.append(frame)
        frame.createOrReplaceTempView(name)
        self.views.append(name)

    def set_table(self, name: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        ddl = ", ".join(f"{c} {_SPARK_TYPES[t]}" for c, t in schema)
        rows = [tuple(r) for r in frame[[c for c, _ in schema]].itertuples(index=False)]
        self.spark.createDataFrame(rows, schema=ddl).createOrReplaceTempView(name)
        self.views.append(name)

    def query(self, sql: str) -> pd.DataFrame:
        return self.spark.sql(to_spark_sql(sql)).toPandas()

    def close(self) -> None:
        for frame in self.cached:
            frame.unpersist()
        for name in dict.fromkeys(self.views):
            self.spark.catalog.dropTempView(name)
        self.cached.clear()
        self.views.clear()


def make_backend(engine: str, con: duckdb.DuckDBPyConnection) -> Backend:
    if engine == "duckdb":
        return DuckDBBackend(con)
    if engine == "spark":
        return SparkBackend(con)
    raise UppfoljError(f"Motorn {engine!r} finns inte. Välj duckdb eller spark.")
