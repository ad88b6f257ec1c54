"""The whole catalogue on DuckDB and on Spark (local mode) gives identical results.

The store is the demo municipality (`uppfolj.demodata` through the importer), computed by month for the
latest full year plus the year, a quarter, a tertial, a half-year and a rolling twelve months. One
SparkSession serves the whole test session (`backends.spark_session`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from uppfolj import workspace
from uppfolj.indicators import compute
from uppfolj.indicators.catalogue import CATALOGUE

pytestmark = [pytest.mark.spark, pytest.mark.slow]

PERIODS = [f"2024-{m:02d}" for m in range(1, 13)] + ["2024", "2023", "2024-Q2", "2024-T3", "2024-H1",
                                                      "2023-10--2024-09"]  # fmt: skip


def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    generate = pytest.importorskip("uppfolj.demodata.generate")
    run = pytest.importorskip("uppfolj.importing.run")
    generate.generate(tmp_path / "export", households=400, start="2019-01", end="2024-12")
    ws = workspace.create(tmp_path / "ws")
    run.run_import(ws, tmp_path / "export")
    con = ws.store().connect()
    a = compute(con, periods=PERIODS)
    b = compute(con, periods=PERIODS, engine="spark")
    # every indicator of the catalogue is there, with computed values
    assert set(a.indikator) == set(CATALOGUE)
    assert a["varde"].notna().sum() > 0.5 * len(a)
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(
        a.drop(columns=["varde", "taljare", "namnare"]), b.drop(columns=["varde", "taljare", "namnare"])
    )
    for col in ("varde", "taljare", "namnare"):
        # floating sums may differ in the last bits between engines (summation order): 1e-9 relative
        x, y = a[col].to_numpy(), b[col].to_numpy()
        assert (np.isnan(x) == np.isnan(y)).all(), col
        ok = ~np.isnan(x)
        np.testing.assert_allclose(x[ok], y[ok], rtol=1e-9, atol=1e-9, err_msg=col)
