"""The import: export files (CSV/XLSX) → validated, pseudonymised tables in a new store snapshot.

`run_import(ws, folder)` is the entry point; `rules.RULES` holds the validation rules.
"""

from uppfolj.importing.run import ImportResult, run_import

__all__ = ["ImportResult", "run_import"]
