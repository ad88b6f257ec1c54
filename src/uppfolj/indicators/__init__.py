"""Indicators: periods, the catalogue of definitions, the DuckDB and Spark engines, röjandeskydd, runs.

Public API: `compute(con, *, periods, indicators, config, kon, grupptyper, engine, publish)` returning the
result columns `uppfolj.schema.RESULT_COLUMNS`; `CATALOGUE` (id → definition) in `uppfolj.indicators.catalogue`; `Period` in
`uppfolj.indicators.periods`. See docs/indicator-definitions.md.
"""

from __future__ import annotations

from uppfolj.indicators.engine import compute

__all__ = ["compute"]
