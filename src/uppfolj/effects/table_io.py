"""Read an analysis table (CSV as Swedish Excel writes it, or XLSX) for `uppfolj effekt fil`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.importing.readers import detect_delimiter, detect_encoding


def read_table(path: Path) -> pd.DataFrame:
    """All columns as text; numbers are parsed per column by the design (decimal comma accepted)."""
    if not path.is_file():
        raise UppfoljError(f"Filen {path} finns inte. Kontrollera sökvägen.")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return pd.read_excel(path, dtype=str)
        encoding = detect_encoding(path)
        with open(path, encoding=encoding, newline="") as fh:
            header = fh.readline()
        return pd.read_csv(
            path,
            sep=detect_delimiter(header),
            encoding="utf-8-sig" if encoding == "utf-8" else encoding,
            dtype=str,
        )
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise UppfoljError(
            f"Filen {path.name} gick inte att läsa som tabell ({exc}). Spara den som CSV (semikolon) eller XLSX "
            "med kolumnnamn på första raden."
        ) from exc
