"""What every report is built from: a store connection, the configuration, the snapshot and the engine.

`ReportContext.compute` always asks the indicator engine for published figures (`publish=True`, so
small-number protection is applied); reports never compute an indicator themselves. (The ej verkställda
report counts the quarter's decisions from the list the indicator `sol_ej_verkstallda` counts, because the
totals the law requires are published however small: see `reports/ej_verkstallda/counts.py`.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from uppfolj.outputs.tables import data_ends
from uppfolj.schema import RESULT_COLUMNS
from uppfolj.workspace import Config, Workspace

ComputeFn = Callable[..., pd.DataFrame]


def engine_compute() -> ComputeFn:
    from uppfolj.indicators import compute

    return compute


@dataclass
class ReportContext:
    con: duckdb.DuckDBPyConnection
    config: Config
    snapshot_id: str
    created: dt.date = field(default_factory=dt.date.today)
    #: the indicator engine; tests may pass another function with the same signature
    compute_fn: ComputeFn | None = None
    #: the workspace, when the report is written for one: its goal file and registered sections join in
    workspace: Workspace | None = None
    _ends: dict[str, str] | None = None

    def compute(
        self, indicators: list[str], periods: list[str], grupptyper: list[str] | None = None, **kwargs: Any
    ) -> pd.DataFrame:
        fn = self.compute_fn or engine_compute()
        if self.compute_fn is None:
            # ids not (yet) in the catalogue are left out: the report shows them as I.U.
            from uppfolj.indicators.catalogue import CATALOGUE

            indicators = [i for i in indicators if i in CATALOGUE]
            if not indicators:
                return pd.DataFrame(columns=RESULT_COLUMNS)
        return fn(
            self.con,
            periods=periods,
            indicators=indicators,
            config=self.config,
            grupptyper=grupptyper,
            publish=True,
            **kwargs,
        )

    @property
    def ends(self) -> dict[str, str]:
        if self._ends is None:
            self._ends = data_ends(self.con)
        return self._ends

    @property
    def template(self) -> Path | None:
        """The workspace's Word reference document (`rapportmall` in uppfolj.yaml), None without one."""
        if self.workspace is None:
            return None
        from uppfolj.outputs.template import template_path

        return template_path(self.workspace.root, self.workspace.config.ovrigt)

    @classmethod
    def for_workspace(cls, ws: Workspace, con: duckdb.DuckDBPyConnection) -> ReportContext:
        snap = ws.store().current()
        return cls(con, ws.config, snap.snapshot_id if snap else "–", workspace=ws)
