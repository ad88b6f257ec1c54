"""No look-ahead: the analysis data built from the store cut at month M equals, row for row up to M, the data
built from the full store (covariates, who is at risk, who starts), and every outcome is missing exactly when
its window reaches past the data end.

The store is a small demo municipality (gaps in payments, several spells per person, insatser with end dates,
eb_avslut), so the rules are checked where they bite.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from rich.console import Console

from uppfolj.demodata.generate import generate
from uppfolj.effects.analysis_data import KEY_COLUMNS, build_analysis_data
from uppfolj.importing.run import run_import
from uppfolj.workspace import create

pytestmark = pytest.mark.slow

TYPE = "Jobbspår"
GAP = 2
CUT = 2022 * 12 + 5  # 2022-06
WINDOWS = {
    "ingen_betalning_6": 6,
    "ingen_betalning_12": 12,
    "manader_kvar_24": 24 + GAP,
    "bistand_kr_24": 24,
    "arbete_studier_12": 15,
}


def _cut(full: duckdb.DuckDBPyConnection, month: int) -> duckdb.DuckDBPyConnection:
    """The store as an export made at the end of `month` would have written it."""
    day = f"DATE '{month // 12}-{month % 12 + 1:02d}-01'"
    cut = duckdb.connect()
    for table in ("bistand_manad", "insatser", "eb_avslut", "_personregister", "personer"):
        cut.register("src", full.execute(f"SELECT * FROM {table}").df())
        if table in ("bistand_manad", "eb_avslut"):
            cut.execute(f"CREATE TABLE {table} AS SELECT * FROM src WHERE manad <= {day}")
        elif table == "insatser":
            # an insats not ended by the cut has no end date yet
            cut.execute(
                f"""CREATE TABLE insatser AS SELECT * REPLACE (
                        CASE WHEN slut_datum < {day} + INTERVAL 1 MONTH THEN slut_datum END AS slut_datum)
                    FROM src WHERE start_datum < {day} + INTERVAL 1 MONTH"""
            )
        else:
            cut.execute(f"CREATE TABLE {table} AS SELECT * FROM src")
        cut.unregister("src")
    return cut


@pytest.fixture(scope="module")
def stores(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection]:
    root = tmp_path_factory.mktemp("trunk")
    generate(root / "export", households=600, start="2019-01", end="2024-12", seed=7)
    ws = create(root / "ay")
    run_import(ws, root / "export", console=Console(quiet=True))
    full = ws.store().connect()
    return full, _cut(full, CUT)


@pytest.mark.parametrize("include_stock", [False, True])
def test_rows_up_to_the_cut_are_the_same(stores, include_stock: bool) -> None:
    full_con, cut_con = stores
    full = build_analysis_data(full_con, TYPE, gap=GAP, include_stock=include_stock)
    cut = build_analysis_data(cut_con, TYPE, gap=GAP, include_stock=include_stock)
    assert cut.info["dataslut"] == "2022-06"
    key = ["person", "manad"]
    a = full.panel[full.panel["manad"] <= CUT].set_index(key).sort_index()
    b = cut.panel.set_index(key).sort_index()
    assert len(b) > 2000 and b["behandlad"].sum() > 15  # the test has something to bite on
    # the same person-months are at risk, and the same ones start
    assert a.index.equals(b.index)
    pd.testing.assert_series_equal(a["behandlad"], b["behandlad"])
    pd.testing.assert_series_equal(a["insats_id"], b["insats_id"])
    pd.testing.assert_series_equal(a["u"], b["u"])
    covariates = [
        c for c in b.columns if c not in KEY_COLUMNS and c not in WINDOWS and not c.startswith("ingen_")
    ]
    for col in covariates:
        pd.testing.assert_series_equal(a[col], b[col], check_names=False, obj=col)
    # outcomes: where the cut store can see them they agree; missing exactly when the window passes the end
    month = b.index.get_level_values("manad").to_numpy()
    for col, window in {**WINDOWS, **{f"ingen_betalning_{t}": t for t in range(25)}}.items():
        seen = b[col].notna().to_numpy()
        np.testing.assert_array_equal(seen, month + window <= CUT, err_msg=col)
        np.testing.assert_array_equal(a[col].to_numpy()[seen], b[col].to_numpy()[seen], err_msg=col)
        in_full = a[col].notna().to_numpy()
        np.testing.assert_array_equal(in_full, month + window <= 2024 * 12 + 11, err_msg=col)
