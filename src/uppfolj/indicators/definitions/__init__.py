"""Indicator definitions, one module per catalogue section (`eb.py`, `am.py`, `sol.py`, `ek.py`).

Each module holds `DEFINITIONS: list[Indicator]`; the catalogue collects every module of this package.
"""
