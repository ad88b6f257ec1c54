"""Turn a table into the arrays the estimators use, with Swedish errors for bad input.

A `Design` holds the treatment indicator, the outcome and the covariate matrix of one analysis. Rows are
kept in the order given (estimators sort stably where they need order), so the same table always gives the
same answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from uppfolj.errors import UppfoljError

#: row numbers shown in an error message (the rest is counted)
_MAX_ROWS_SHOWN = 5


@dataclass(frozen=True)
class Design:
    treated: np.ndarray  # bool, shape (n,)
    y: np.ndarray  # float, shape (n,)
    x: np.ndarray  # float, shape (n, k)
    covariates: tuple[str, ...]
    outcome: str
    treatment: str
    #: cluster code per row (e.g. household) for cluster-robust standard errors; None = independent rows
    cluster: np.ndarray | None = None

    @property
    def n_treated(self) -> int:
        return int(self.treated.sum())

    @property
    def n_control(self) -> int:
        return int((~self.treated).sum())

    def subset(self, keep: np.ndarray) -> Design:
        return Design(
            self.treated[keep],
            self.y[keep],
            self.x[keep],
            self.covariates,
            self.outcome,
            self.treatment,
            None if self.cluster is None else self.cluster[keep],
        )


def _rows(mask: np.ndarray) -> str:
    rows = (np.flatnonzero(mask) + 2).tolist()  # +2: header is row 1, first data row is row 2
    shown = ", ".join(str(r) for r in rows[:_MAX_ROWS_SHOWN])
    more = f" och {len(rows) - _MAX_ROWS_SHOWN} till" if len(rows) > _MAX_ROWS_SHOWN else ""
    return shown + more


def _require_column(data: pd.DataFrame, name: str, source: str, what: str = "Kolumnen") -> None:
    if name not in data.columns:
        found = ", ".join(str(c) for c in data.columns)
        raise UppfoljError(
            f"{what} '{name}' finns inte i {source}. Kolumner som finns: {found}. "
            "Ange ett av de namnen (stavning och stora/små bokstäver måste stämma)."
        )


def numeric_column(data: pd.DataFrame, name: str, source: str = "tabellen") -> np.ndarray:
    """One column as float; a Swedish error naming the rows that are blank or not numbers."""
    _require_column(data, name, source)
    raw = data[name]
    if raw.dtype == object:
        raw = raw.astype(str).str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
        raw = raw.str.replace(",", ".", regex=False)
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        raise UppfoljError(
            f"Kolumnen '{name}' i {source} saknar värde eller har något som inte är ett tal på rad {_rows(bad)}. "
            "Fyll i ett tal (decimalkomma går bra) eller ta bort raderna innan analysen."
        )
    return values


def build_design(
    data: pd.DataFrame,
    *,
    treatment: str,
    outcome: str,
    covariates: Sequence[str],
    source: str = "tabellen",
) -> Design:
    """Validate and convert; the treatment must be 0/1 with both groups present."""
    t = numeric_column(data, treatment, source)
    not_binary = ~np.isin(t, (0.0, 1.0))
    if not_binary.any():
        raise UppfoljError(
            f"Behandlingskolumnen '{treatment}' i {source} får bara innehålla 0 och 1, men har andra värden på "
            f"rad {_rows(not_binary)}. Koda deltagare som 1 och jämförelsepersoner som 0."
        )
    treated = t == 1.0
    if treated.all() or not treated.any():
        group = "jämförelsepersoner (0)" if treated.all() else "behandlade (1)"
        raise UppfoljError(
            f"Behandlingskolumnen '{treatment}' i {source} saknar {group}. Det behövs både behandlade och "
            "jämförelsepersoner för att skatta en effekt."
        )
    y = numeric_column(data, outcome, source)
    cols = [c for c in covariates if c]
    if not cols:
        raise UppfoljError("Inga kovariater angavs. Ange minst en med --kovariater a,b,c.")
    x = np.column_stack([numeric_column(data, c, source) for c in cols])
    constant = [c for c, sd in zip(cols, x.std(axis=0), strict=True) if sd == 0]
    if constant:
        raise UppfoljError(
            f"Kovariaten {', '.join(constant)} har samma värde för alla i {source} och kan inte användas. "
            "Ta bort den ur --kovariater."
        )
    return Design(treated, y, x, tuple(cols), outcome, treatment)


def cluster_codes(data: pd.DataFrame, name: str, source: str = "tabellen") -> np.ndarray:
    """A cluster column (any values, e.g. a household id) as integer codes; blanks are an error."""
    _require_column(data, name, source, "Klusterkolumnen")
    raw = data[name]
    blank = (raw.isna() | (raw.astype(str).str.strip() == "")).to_numpy()
    if blank.any():
        raise UppfoljError(
            f"Klusterkolumnen '{name}' i {source} saknar värde på rad {_rows(blank)}. Ge varje rad ett "
            "kluster (t.ex. hushållets id) eller ta bort raderna."
        )
    return pd.factorize(raw.astype(str), sort=True)[0].astype(np.int64)
