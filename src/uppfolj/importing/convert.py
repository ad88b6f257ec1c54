"""SQL expressions that turn the raw text of a cell into the contract's stored type.

Every column is read as text; these expressions convert it in DuckDB, vectorised. An expression yields NULL
when the text cannot be read, so a rule can compare "text given" with "value read" to find bad cells.
Raw values reaching these expressions are already trimmed, with blanks as NULL.
"""

from __future__ import annotations

from uppfolj.contract import ColType, Column
from uppfolj.importing.sql import lit
from uppfolj.text import normalise_header

#: characters removed from numbers: spaces, no-break spaces and thin spaces used as thousands separators
_NUMBER_SPACES = "[ \u00a0\u202f\u2009]"


def date_sql(raw: str) -> str:
    """`YYYY-MM-DD`, `YYYYMMDD` (and an Excel date cell, written as `YYYY-MM-DD` with or without a time of day)."""
    return (
        f"CASE WHEN regexp_full_match({raw}, '\\d{{8}}') THEN try_strptime({raw}, '%Y%m%d')::DATE "
        f"WHEN regexp_full_match({raw}, '\\d{{4}}-\\d{{2}}-\\d{{2}}([ T]\\d{{2}}:\\d{{2}}(:\\d{{2}}(\\.\\d+)?)?)?') "
        f"THEN try_cast(left({raw}, 10) AS DATE) END"
    )


def month_sql(raw: str) -> str:
    """`YYYY-MM`, `YYYYMM` or any date (its month), as the first day of the month."""
    return (
        f"CASE WHEN regexp_full_match({raw}, '\\d{{4}}-?\\d{{2}}') "
        f"THEN try_strptime(replace({raw}, '-', '') || '01', '%Y%m%d')::DATE "
        f"ELSE date_trunc('month', {date_sql(raw)})::DATE END"
    )


def year_sql(raw: str) -> str:
    return (
        f"CASE WHEN regexp_full_match({raw}, '\\d{{4}}') AND try_cast({raw} AS INTEGER) BETWEEN 1800 AND 2200 "
        f"THEN try_cast({raw} AS INTEGER) END"
    )


def _plain_number(raw: str) -> str:
    """Remove thousands spaces; a decimal comma becomes a point (`12 345,50` → `12345.50`)."""
    spaced = f"regexp_replace({raw}, '{_NUMBER_SPACES}', '', 'g')"
    return (
        f"CASE WHEN contains({spaced}, ',') AND NOT contains({spaced}, '.') THEN replace({spaced}, ',', '.') "
        f"WHEN contains({spaced}, ',') AND contains({spaced}, '.') AND strpos({spaced}, '.') < strpos({spaced}, ',') "
        f"THEN replace(replace({spaced}, '.', ''), ',', '.') ELSE {spaced} END"
    )


def integer_sql(raw: str) -> str:
    """An integer; `3,0` and `3.0` (Excel number cells) are accepted, `3,5` is not."""
    plain = _plain_number(raw)
    return f"CASE WHEN regexp_full_match({plain}, '[-+]?\\d{{1,15}}(\\.0*)?') THEN try_cast(split_part({plain}, '.', 1) AS BIGINT) END"


def sek_sql(raw: str) -> str:
    plain = _plain_number(raw)
    return (
        f"CASE WHEN regexp_full_match({plain}, '[-+]?(\\d{{1,16}}(\\.\\d*)?|\\.\\d+)') "
        f"THEN try_cast({plain} AS DECIMAL(18,2)) END"
    )


def number_sql(raw: str) -> str:
    """Any decimal number (`3`, `3,5`, `-0.25`), stored as DOUBLE."""
    plain = _plain_number(raw)
    return (
        f"CASE WHEN regexp_full_match({plain}, '[-+]?(\\d{{1,15}}(\\.\\d*)?|\\.\\d+)') "
        f"THEN try_cast({plain} AS DOUBLE) END"
    )


def code_map(col: Column) -> dict[str, str]:
    """Normalised spelling → the contract's code: the codes themselves and the accepted labels."""
    mapping = {normalise_header(code): code for code in col.codes}
    mapping.update(col.labels)
    return mapping


def normalised_sql(raw: str) -> str:
    """The SQL twin of `uppfolj.text.normalise_header`."""
    return f"regexp_replace(lower(strip_accents({raw})), '[^a-z0-9]+', '', 'g')"


def code_sql(col: Column, raw: str) -> str:
    cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in sorted(code_map(col).items()))
    return f"CASE {normalised_sql(raw)} {cases} END"


def convert_sql(col: Column, raw: str) -> str:
    """The expression giving the stored value of a (non-personnummer) column from its raw text."""
    if col.type is ColType.DATE:
        return date_sql(raw)
    if col.type is ColType.MONTH:
        return month_sql(raw)
    if col.type is ColType.YEAR:
        return year_sql(raw)
    if col.type is ColType.INTEGER:
        return integer_sql(raw)
    if col.type is ColType.SEK:
        return sek_sql(raw)
    if col.type is ColType.CODE:
        return code_sql(col, raw)
    if col.type is ColType.NUMBER:
        return number_sql(raw)
    if col.normalised:
        return f"nullif({normalised_sql(raw)}, '')"
    return raw


def stored_type(col: Column) -> str:
    """The DuckDB type of a column in the store."""
    from uppfolj.schema import STORED_TYPES

    return STORED_TYPES[col.type]
