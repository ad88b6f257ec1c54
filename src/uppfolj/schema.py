"""The stored schema as data: what the store holds, derived once from the export contract (`contract.py`).

One place for the facts every part reads about the store: the SQL type of each column, the tables an
indicator definition may read, the indicator result columns, the date columns of each table, the one
data-end rule per table and which table an indicator's figures come from. `status`, the indicator engine,
the reports, the web and the demo steps read these; none of them spells a date column or a type again.

Data end: the latest date a table covers, the maximum over its date columns, where a month (stored as its
first day) counts to its last day and a year to 31 December. `ekonomi` alone has a condition: a month
counts only once it has an `utfall` (the budget is entered for future months ahead of time). A table
without date columns has no data end. Status, the reports, the web and the demo all read this data end.

The indicator engine's coverage is the one place that reads further: the rows' whole span. For every table
but ekonomi that is the same thing; ekonomi's budget rows run ahead of its utfall, and its planned figures
(`ek_budget` for a whole year, the forecast) are computed over them, while `ek_utfall` and what builds on
it require utfall in every month themselves (docs/indicators-am-sol-ek.md).
"""

from __future__ import annotations

import datetime as dt

import duckdb

from uppfolj.contract import TABLES, ColType

#: SQL types of the stored columns (docs/architecture.md, "The stored schema")
STORED_TYPES: dict[ColType, str] = {
    ColType.PNR: "VARCHAR",
    ColType.TEXT: "VARCHAR",
    ColType.CODE: "VARCHAR",
    ColType.DATE: "DATE",
    ColType.MONTH: "DATE",
    ColType.YEAR: "INTEGER",
    ColType.INTEGER: "BIGINT",
    ColType.SEK: "DECIMAL(18,2)",
    ColType.NUMBER: "DOUBLE",
}

#: the register of persons the import keeps beside the contract tables (birth year and sex from the number)
PERSON_REGISTER = "_personregister"

#: the stored tables a definition may read, as (column, SQL type); absent ones are read as empty tables
STORED_TABLES: dict[str, list[tuple[str, str]]] = {
    name: [(c.stored_name, STORED_TYPES[c.type]) for c in table.columns] for name, table in TABLES.items()
}
STORED_TABLES[PERSON_REGISTER] = [("person_id", "VARCHAR"), ("fodelsear", "INTEGER"), ("kon", "VARCHAR")]

#: the columns of the indicator engine's result, in order (docs/indikatorer.md)
RESULT_COLUMNS: list[str] = [
    "indikator",
    "period",
    "kon",
    "grupptyp",
    "grupp",
    "varde",
    "taljare",
    "namnare",
    "undertryckt",
]

_DATED = (ColType.DATE, ColType.MONTH, ColType.YEAR)

#: the stored date, month and year columns of each table that has any, in contract order
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    name: cols
    for name, table in TABLES.items()
    if (cols := tuple(c.stored_name for c in table.columns if c.type in _DATED))
}

#: rows that count towards a table's data end, where not all do
DATA_END_CONDITION: dict[str, str] = {"ekonomi": "utfall IS NOT NULL"}

#: the table whose data end applies to an indicator, by the id's prefix (`eb_barn_manad` → bistand_manad);
#: tests check it names each catalogue definition's source table
INDICATOR_TABLE: dict[str, str] = {
    "eb": "bistand_manad",
    "am": "insatser",
    "sol": "sol_beslut",
    "ek": "ekonomi",
}


def table_for_indicator(indicator: str) -> str | None:
    """The stored table an indicator (or an id prefix such as `eb`) reads, or None for an unknown prefix."""
    return INDICATOR_TABLE.get(indicator.split("_", 1)[0])


def is_monthly(table: str) -> bool:
    """True when every date column of the table is a month (its data end is shown as `2024-09`)."""
    return all(_type_of(table, c) is ColType.MONTH for c in DATE_COLUMNS.get(table, ()))


def _type_of(table: str, column: str) -> ColType:
    return next(c.type for c in TABLES[table].columns if c.stored_name == column)


def _end_of(table: str, column: str) -> str:
    kind = _type_of(table, column)
    if kind is ColType.MONTH:
        return f"last_day(max({column}))"
    if kind is ColType.YEAR:
        return f"make_date(CAST(max({column}) AS INTEGER), 12, 31)"
    return f"max({column})"


def data_end_expression(table: str) -> str:
    """SQL for the table's data end (a DATE; NULL when no row counts), to select FROM the table filtered by
    `data_end_where(table)`."""
    parts = [_end_of(table, c) for c in DATE_COLUMNS[table]]
    return parts[0] if len(parts) == 1 else f"greatest({', '.join(parts)})"


def data_end_where(table: str) -> str:
    """` WHERE …` selecting the rows that count towards the data end ('' when all do)."""
    condition = DATA_END_CONDITION.get(table)
    return f" WHERE {condition}" if condition else ""


def data_end_sql(table: str) -> str:
    """The query giving the table's data end as one DATE."""
    return f"SELECT {data_end_expression(table)} FROM {table}{data_end_where(table)}"


def present_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
    return {r[0] for r in rows.fetchall()}


def data_end(con: duckdb.DuckDBPyConnection, table: str) -> dt.date | None:
    """The table's data end, or None when it is absent, has no date columns or no row counts."""
    if table not in DATE_COLUMNS or table not in present_tables(con):
        return None
    row = con.execute(data_end_sql(table)).fetchone()
    return row[0] if row and row[0] is not None else None


def data_ends(con: duckdb.DuckDBPyConnection) -> dict[str, dt.date]:
    """The data end of every stored table that has one."""
    out: dict[str, dt.date] = {}
    present = present_tables(con)
    for table in DATE_COLUMNS:
        if table in present and (end := data_end(con, table)) is not None:
            out[table] = end
    return out


def data_end_label(table: str, end: dt.date) -> str:
    """The data end as reports show it: `2024-09` for a monthly table, the date otherwise."""
    return end.strftime("%Y-%m") if is_monthly(table) else end.isoformat()


def last_whole_month(end: dt.date) -> tuple[int, int]:
    """(year, month) of the last month a data end covers completely: a date mid-month covers the month
    before (a month's data end is its last day, so a monthly table covers its own last month)."""
    year, month = end.year, end.month
    if (end + dt.timedelta(days=1)).month == end.month:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return year, month


def last_whole_month_index_sql(day: str) -> str:
    """SQL: month index (`year * 12 + month - 1`) of the last whole month up to the date `day`."""
    mi = f"year({day}) * 12 + month({day}) - 1"
    return f"CASE WHEN {day} = last_day({day}) THEN {mi} ELSE {mi} - 1 END"
