"""Figures for the pages: one place that asks the engine, per role, with the unit filter and a cache.

Every request reads the snapshot that is current when it starts (`Store.current()` re-reads the pointer),
through its own read-only connection, so an import running meanwhile never disturbs a request and its
result is served as soon as the pointer moves. Results are cached per snapshot id, so a new snapshot
can never be answered from an old cache entry.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pandas as pd

from uppfolj import schema
from uppfolj.errors import UppfoljError
from uppfolj.indicators.periods import Period, month_label, periods_between
from uppfolj.schema import RESULT_COLUMNS
from uppfolj.store import Snapshot
from uppfolj.web.engine import LazyEngine
from uppfolj.web.users import User
from uppfolj.workspace import Workspace


class DataService:
    def __init__(self, ws: Workspace, engine: LazyEngine, cache_size: int = 512) -> None:
        self.ws = ws
        self.engine = engine
        self._cache: OrderedDict[tuple[Any, ...], pd.DataFrame] = OrderedDict()
        self._meta: dict[tuple[str, str], Any] = {}
        self._views: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._cache_size = cache_size

    # ---- snapshot ------------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        snap = self.ws.store().current()
        if snap is None:
            raise UppfoljError(
                "Arbetsytan har inga data än. Importera en exportmapp med `uppfolj import MAPP`."
            )
        return snap

    @contextmanager
    def connect(self, snap: Snapshot) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self.ws.store().connect(snap)
        try:
            yield con
        finally:
            con.close()

    def catalogue(self) -> dict[str, Any]:
        return dict(self.engine.get().catalogue)

    def definition(self, indikator: str) -> Any:
        cat = self.engine.get().catalogue
        if indikator not in cat:
            raise KeyError(indikator)
        return cat[indikator]

    def memo(self, snap: Snapshot, name: str, user: User, params: tuple[Any, ...], build: Any) -> Any:
        """A view's data, built once per snapshot, role kind (protected or not), unit and parameters."""
        key = ("vy", snap.snapshot_id, name, user.sees_unprotected, user.enhet, params)
        with self._lock:
            if key in self._views:
                return self._views[key]
        value = build()
        with self._lock:
            self._views[key] = value
            while len(self._views) > self._cache_size:
                self._views.popitem(last=False)
        return value

    # ---- data ends -----------------------------------------------------------------------------
    def data_end(self, snap: Snapshot, table: str) -> str | None:
        """The last whole month (`2024-09`) with data in a stored table, or None when it is empty or absent."""
        key = (snap.snapshot_id, table)
        with self._lock:
            if key in self._meta:
                return self._meta[key]
        with self.connect(snap) as con:
            end = schema.data_end(con, table)
        value = last_whole_month(end) if end is not None else None
        with self._lock:
            self._meta[key] = value
        return value

    def latest_month(self, snap: Snapshot, indikator: str = "eb") -> str | None:
        return self.data_end(snap, schema.table_for_indicator(indikator) or "bistand_manad")

    # ---- indicators ----------------------------------------------------------------------------
    def compute(
        self,
        user: User,
        snap: Snapshot,
        *,
        periods: list[str],
        indicators: list[str] | None = None,
        kon: list[str] | None = None,
        grupptyper: list[str] | None = None,
    ) -> pd.DataFrame:
        """The engine's frame for this user: protected for readers, only their unit for unit readers."""
        publish = not user.sees_unprotected
        if user.enhet:
            grupptyper = ["enhet"]
        key = (
            snap.snapshot_id,
            tuple(periods),
            tuple(indicators or ()),
            tuple(kon or ()),
            tuple(grupptyper) if grupptyper is not None else None,
            publish,
        )
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is None:
            engine = self.engine.get()
            with self.connect(snap) as con:
                cached = engine.compute(
                    con,
                    periods=periods,
                    indicators=indicators,
                    config=self.ws.config,
                    kon=kon,
                    grupptyper=grupptyper,
                    publish=publish,
                )
            cached = cached[RESULT_COLUMNS]
            with self._lock:
                self._cache[key] = cached
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        frame = cached
        if user.enhet:
            frame = only_unit(frame, user.enhet)
        return frame.copy()


def last_whole_month(end: dt.date) -> str:
    """The last month a data end covers completely (`2024-09`; a date mid-month covers the month before)."""
    year, month = schema.last_whole_month(end)
    return f"{year}-{month:02d}"


def only_unit(frame: pd.DataFrame, enhet: str) -> pd.DataFrame:
    """Rows about one unit only: grupptyp `enhet` (or a pair with it) and that unit as group."""
    keep = []
    for grupptyp, grupp in zip(frame["grupptyp"], frame["grupp"], strict=True):
        types = str(grupptyp).split("×")
        groups = str(grupp).split("×")
        ok = "enhet" in types and len(groups) == len(types) and groups[types.index("enhet")] == enhet
        keep.append(ok)
    return frame[pd.Series(keep, index=frame.index, dtype=bool)]


def parse_periods(
    period: list[str] | None, fran: str | None, till: str | None, per: str | None, default: str | None
) -> list[str]:
    """The CLI's period options: `period` labels (comma-separated allowed), or `fran`/`till`/`per`."""
    labels: list[str] = []
    for item in period or []:
        labels += [p.strip() for p in item.split(",") if p.strip()]
    if fran or till:
        if not (fran and till):
            raise UppfoljError("Ange både fran och till (t.ex. fran=2024-01&till=2024-09&per=manad).")
        labels += [p.label for p in periods_between(fran, till, per or "manad")]
    if not labels:
        if default is None:
            raise UppfoljError("Ange en period, t.ex. period=2024-09, eller fran, till och per.")
        labels = [default]
    if len(labels) > 120:
        raise UppfoljError(f"För många perioder ({len(labels)}). Välj högst 120 åt gången.")
    return [Period.parse(label).label for label in labels]


def months_back(last: str, count: int) -> list[str]:
    """The `count` months ending with the month `last`, oldest first."""
    end = Period.parse(last).last_mi
    return [month_label(mi) for mi in range(end - count + 1, end + 1)]


def split_list(values: list[str] | None) -> list[str] | None:
    out: list[str] = []
    for item in values or []:
        out += [v.strip() for v in item.split(",") if v.strip()]
    return out or None


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame as JSON-ready rows with exactly the result columns (NaN → null)."""
    out = []
    for row in frame[RESULT_COLUMNS].itertuples(index=False):
        item = dict(zip(RESULT_COLUMNS, row, strict=True))
        for col in ("varde", "taljare", "namnare"):
            v = item[col]
            item[col] = None if v is None or pd.isna(v) else float(v)
        item["undertryckt"] = int(item["undertryckt"])
        for col in ("indikator", "period", "kon", "grupptyp", "grupp"):
            item[col] = (
                ""
                if item[col] is None or (isinstance(item[col], float) and pd.isna(item[col]))
                else str(item[col])
            )
        out.append(item)
    return out
