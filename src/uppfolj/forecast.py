"""The full-year forecast of a verksamhet's net cost when the finance export gives none.

Method (documented in docs/prognos.md): the year's outcome so far (ekonomi.utfall, January to the forecast
month M) plus a forecast of each remaining month. For ekonomiskt bistånd a remaining month k is

    households(k) × cost per household(k) × booking factor

- households(k) = the mean number of households with a payment in the last three months up to M (the level,
  which carries the trend), times the seasonal factor of month k: in each reference year (up to three years
  before, those with complete data), households in month k ÷ the mean of the same three months, averaged;
- cost per household(k) likewise from belopp ÷ households;
- booking factor = ekonomi.utfall ÷ Σ belopp in bistand_manad over January to M (refunds, accruals).

For any other verksamhet (or without payment data) the same level-times-season rule is applied to the
monthly utfall itself. When the history is too short (no complete reference year) the forecast is not
computed (NaN, with the reason), never guessed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.workspace import Config

#: how many earlier years the seasonal factors are averaged over
REFERENCE_YEARS = 3
#: months in the level window (the last months up to the forecast month)
LEVEL_MONTHS = 3


@dataclass
class Forecast:
    verksamhet: str
    month: dt.date
    method: str
    utfall_ytd: float
    remaining: float
    full_year: float
    budget_year: float
    reference_years: list[int] = field(default_factory=list)
    reason: str = ""

    @property
    def computed(self) -> bool:
        return not math.isnan(self.full_year)


def parse_month(text: str) -> dt.date:
    """`2024-08` → 2024-08-01, with a Swedish error for anything else."""
    try:
        year, month = text.strip().split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError as exc:
        raise UppfoljError(
            f"Månaden {text!r} kan inte läsas. Skriv den som ÅÅÅÅ-MM, till exempel 2024-08."
        ) from exc


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def ekonomi_series(con: duckdb.DuckDBPyConnection, verksamhet: str) -> pd.DataFrame:
    """Monthly budget and utfall of one verksamhet, indexed by (year, month)."""
    if "ekonomi" not in _tables(con):
        return pd.DataFrame(
            columns=["budget", "utfall"], index=pd.MultiIndex.from_tuples([], names=["ar", "m"])
        )
    df = con.execute(
        """SELECT year(manad) AS ar, month(manad) AS m, sum(budget)::DOUBLE AS budget,
                  CASE WHEN count(utfall) = count(*) THEN sum(utfall)::DOUBLE END AS utfall
           FROM ekonomi WHERE verksamhet = ? GROUP BY ALL ORDER BY ar, m""",
        [verksamhet],
    ).df()
    return df.set_index(["ar", "m"])


#: payment series already computed, keyed by a fingerprint of bistand_manad: a forecast per activity and
#: month (ek_prognos_helar by month, the backtest) would otherwise recount national-scale data each time
_PAYMENT_CACHE: dict[tuple[object, ...], pd.DataFrame] = {}


def payment_series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Households with a payment and the amount paid per month (bistand_manad), indexed by (year, month)."""
    if "bistand_manad" not in _tables(con):
        return pd.DataFrame(
            columns=["hushall", "belopp"], index=pd.MultiIndex.from_tuples([], names=["ar", "m"])
        )
    fingerprint = con.execute(
        "SELECT count(*), min(manad), max(manad), sum(belopp), sum(hash(hushall_id, manad)) FROM bistand_manad"
    ).fetchone()
    key = (id(con), *(fingerprint or ()))
    if key in _PAYMENT_CACHE:
        return _PAYMENT_CACHE[key].copy()
    df = con.execute(
        """SELECT year(manad) AS ar, month(manad) AS m, count(DISTINCT hushall_id)::DOUBLE AS hushall,
                  sum(belopp)::DOUBLE AS belopp
           FROM bistand_manad GROUP BY ALL ORDER BY ar, m"""
    ).df()
    series = df.set_index(["ar", "m"])
    if len(_PAYMENT_CACHE) >= 4:
        _PAYMENT_CACHE.pop(next(iter(_PAYMENT_CACHE)))
    _PAYMENT_CACHE[key] = series
    return series.copy()


def _get(series: pd.Series, year: int, month: int) -> float:
    try:
        value = series.loc[(year, month)]
    except KeyError:
        return math.nan
    return math.nan if value is None or pd.isna(value) else float(value)


def _complete(series: pd.Series, year: int, months: list[int]) -> bool:
    return all(not math.isnan(_get(series, year, k)) for k in months)


def _level_season(
    series: pd.Series, year: int, level: list[int], rest: list[int]
) -> tuple[list[float], list[int]]:
    """Forecast `series` for the months `rest` of `year`: level of `level` months × seasonal factors."""
    refs = [
        j
        for j in range(year - REFERENCE_YEARS, year)
        if _complete(series, j, list(range(1, 13))) and sum(_get(series, j, k) for k in level) > 0
    ]
    if not refs:
        return [], []
    current = sum(_get(series, year, k) for k in level) / len(level)
    out = []
    for k in rest:
        factors = [_get(series, j, k) / (sum(_get(series, j, q) for q in level) / len(level)) for j in refs]
        out.append(current * sum(factors) / len(factors))
    return out, refs


def forecast(con: duckdb.DuckDBPyConnection, verksamhet: str, month: dt.date, config: Config) -> Forecast:
    """The full-year forecast made at the end of `month`, with its parts (see the module docstring)."""
    year, m = month.year, month.month
    eko = ekonomi_series(con, verksamhet)
    budget_year = sum(_get(eko["budget"], year, k) for k in range(1, 13)) if not eko.empty else math.nan
    result = Forecast(verksamhet, dt.date(year, m, 1), "", math.nan, math.nan, math.nan, budget_year)
    if eko.empty or not _complete(eko["utfall"], year, list(range(1, m + 1))):
        result.reason = f"utfall saknas för {verksamhet} någon månad januari–{year}-{m:02d}"
        return result
    result.utfall_ytd = sum(_get(eko["utfall"], year, k) for k in range(1, m + 1))
    if m == 12:
        result.method, result.remaining, result.full_year = "helar", 0.0, result.utfall_ytd
        return result
    level = list(range(max(1, m - LEVEL_MONTHS + 1), m + 1))
    rest = list(range(m + 1, 13))
    pay = payment_series(con)
    use_payments = (
        verksamhet == config.verksamhet_bistand
        and not pay.empty
        and _complete(pay["hushall"], year, list(range(1, m + 1)))
    )
    if use_payments:
        cost = pay["belopp"] / pay["hushall"]
        households, refs_h = _level_season(pay["hushall"], year, level, rest)
        costs, refs_c = _level_season(cost, year, level, rest)
        paid_ytd = sum(_get(pay["belopp"], year, k) for k in range(1, m + 1))
        refs = sorted(set(refs_h) & set(refs_c))
        if refs and paid_ytd > 0:
            factor = result.utfall_ytd / paid_ytd
            result.method = "hushall_x_kostnad"
            result.remaining = factor * sum(h * c for h, c in zip(households, costs, strict=True))
            result.reference_years = refs
            result.full_year = result.utfall_ytd + result.remaining
            return result
    values, refs = _level_season(eko["utfall"], year, level, rest)
    if not refs:
        result.reason = f"för kort historik: minst ett helt år med utfall före {year} behövs för säsongen"
        return result
    result.method = "utfall"
    result.remaining = sum(values)
    result.reference_years = refs
    result.full_year = result.utfall_ytd + result.remaining
    return result


def recorded_forecast(con: duckdb.DuckDBPyConnection, verksamhet: str, month: dt.date) -> float:
    """The finance system's own prognos_helar for the month (NaN when none is recorded)."""
    if "ekonomi" not in _tables(con):
        return math.nan
    cols = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'ekonomi'"
        ).fetchall()
    }
    if "prognos_helar" not in cols:
        return math.nan
    row = con.execute(
        "SELECT CASE WHEN count(prognos_helar) > 0 AND count(prognos_helar) = count(*) THEN sum(prognos_helar)::DOUBLE END "
        "FROM ekonomi WHERE verksamhet = ? AND manad = ?",
        [verksamhet, month],
    ).fetchone()
    return math.nan if not row or row[0] is None else float(row[0])


def full_year_forecast(
    con: duckdb.DuckDBPyConnection, verksamhet: str, month: dt.date | str, config: Config
) -> float:
    """The forecast full-year net cost in kronor, NaN when it cannot be computed (used by ek_prognos_helar)."""
    when = parse_month(month) if isinstance(month, str) else month
    return forecast(con, verksamhet, when, config).full_year


@dataclass
class Backtest:
    year: int
    outcome: float
    budget: float
    august: Forecast
    october: Forecast

    def error_percent(self, f: Forecast) -> float:
        """|forecast − outcome| as a percentage of the annual budget."""
        if not f.computed or not self.budget:
            return math.nan
        return abs(f.full_year - self.outcome) / abs(self.budget) * 100


#: committees' targets for the forecast error, % of the annual budget
TARGET_AUGUST = 1.0
TARGET_OCTOBER = 0.5


def evaluate(con: duckdb.DuckDBPyConnection, verksamhet: str, config: Config) -> list[Backtest]:
    """Backtest over every year with a complete outcome: forecasts at the end of August and of October."""
    eko = ekonomi_series(con, verksamhet)
    if eko.empty:
        return []
    out = []
    for year in sorted({int(y) for y, _ in eko.index}):
        if not _complete(eko["utfall"], year, list(range(1, 13))):
            continue
        aug = forecast(con, verksamhet, dt.date(year, 8, 1), config)
        octo = forecast(con, verksamhet, dt.date(year, 10, 1), config)
        if not aug.computed and not octo.computed:
            continue
        outcome = sum(_get(eko["utfall"], year, k) for k in range(1, 13))
        out.append(Backtest(year, outcome, aug.budget_year, aug, octo))
    return out
