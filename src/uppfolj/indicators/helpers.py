"""Shared helper views every definition may read, and the data sources whose start/end set coverage.

All SQL here is in the DuckDB dialect and is run unchanged on DuckDB and translated by sqlglot on Spark.
Months are integer month indices (`year * 12 + month - 1`); parameters `{G}`, `{S}`, `{E}` are
replaced by integers before a query runs (G = uppehall_manader; S/E = data start/end month of the
indicator's source).

A helper is materialised once per `compute()` call, only when some requested definition (or another
helper it needs) names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uppfolj.schema import (
    DATE_COLUMNS,
    STORED_TABLES,
    data_end_expression,
    last_whole_month_index_sql,
)


@dataclass(frozen=True)
class Helper:
    name: str
    doc: str
    sql: str
    #: computed once into a table (spells, distinct person-months); else a view (cheap projections)
    materialise: bool = True


HELPERS: dict[str, Helper] = {}


def _helper(name: str, doc: str, sql: str, *, materialise: bool = True) -> None:
    HELPERS[name] = Helper(name, doc, sql, materialise)


_helper(
    "_konval",
    "sex expansion: join `ON kv.kon_person = x.kon` to count a person under its sex and under T "
    "(`?` = unknown sex, counted in T only)",
    "SELECT * FROM (VALUES ('K', 'K'), ('K', 'T'), ('M', 'M'), ('M', 'T'), ('?', 'T')) AS t(kon_person, kon)",
    materialise=False,
)
_helper(
    "_person_kon",
    "person_id, kon: the sex to use, coalesce(personer.kon, _personregister.kon)",
    """SELECT r.person_id, coalesce(pe.kon, r.kon) AS kon
FROM _personregister r LEFT JOIN personer pe ON pe.person_id = r.person_id""",
    materialise=False,
)
_helper(
    "_bm",
    "bistand_manad with mi (month index): hushall_id, mi, sokande_id, medsokande_id, antal_barn, belopp",
    """SELECT hushall_id, year(manad) * 12 + month(manad) - 1 AS mi, sokande_id, medsokande_id,
       antal_barn, belopp
FROM bistand_manad""",
    materialise=False,
)
_helper(
    "_pm",
    "adult recipients' payment months: one row per (person_id, mi); join `_person_kon` for the sex",
    """SELECT DISTINCT person_id, mi FROM (
    SELECT sokande_id AS person_id, mi FROM _bm
    UNION ALL
    SELECT medsokande_id AS person_id, mi FROM _bm WHERE medsokande_id IS NOT NULL
) a""",
)


def _spells(key: str, source: str) -> str:
    """One row per spell by the gap rule: a spell starts where the previous payment month is more than
    G + 1 months back and ends where the next one is more than G + 1 months ahead; the k-th start and the
    k-th end of a key belong together. One sort of the monthly rows, then only spell-sized sets."""
    return f"""WITH edges AS (
    SELECT {key}, mi,
           lag(mi) OVER (PARTITION BY {key} ORDER BY mi) AS prev_mi,
           lead(mi) OVER (PARTITION BY {key} ORDER BY mi) AS next_mi
    FROM {source}
), starts AS (
    SELECT {key}, mi, row_number() OVER (PARTITION BY {key} ORDER BY mi) AS nr
    FROM edges WHERE prev_mi IS NULL OR mi - prev_mi > {{G}} + 1
), ends AS (
    SELECT {key}, mi, row_number() OVER (PARTITION BY {key} ORDER BY mi) AS nr
    FROM edges WHERE next_mi IS NULL OR next_mi - mi > {{G}} + 1
)
SELECT s.{key}, s.mi AS spell_start, e.mi AS spell_end
FROM starts s JOIN ends e ON e.{key} = s.{key} AND e.nr = s.nr"""


_helper(
    "_hh_spells",
    "one row per household spell by the gap rule: hushall_id, spell_start, spell_end (month indices); "
    "join `_bm` with `b.mi BETWEEN s.spell_start AND s.spell_end` for its months",
    _spells("hushall_id", "_bm"),
)
_helper(
    "_p_spells",
    "one row per adult recipient's spell by the gap rule: person_id, spell_start, spell_end",
    _spells("person_id", "_pm"),
)

#: the tables every engine provides per indicator (not helpers: they change with the periods)
PERIOD_TABLES = {
    "_perioder": "one row per requested period: period (label), first_mi, last_mi, first_day, last_day "
    "(DATE), n_months, n_days, year (of the last month)",
    "_periodmanader": "period, mi: one row per month of each requested period (equi-join to monthly data)",
}


@dataclass(frozen=True)
class Source:
    """A data source: SQL giving its start and end month index (NULL when empty)."""

    name: str
    doc: str
    sql: str


SOURCES: dict[str, Source] = {}


def _source(name: str, doc: str, sql: str) -> None:
    SOURCES[name] = Source(name, doc, sql)


_MI = "year({d}) * 12 + month({d}) - 1"


def _table_source(name: str, table: str, start_column: str, start_doc: str) -> None:
    """A source whose start is the month of the earliest `start_column` and whose end is the last whole
    month up to the latest date in any date column of the table (uppfolj.schema's data end over all rows:
    for ekonomi that includes the budget months ahead of utfall, see uppfolj.schema)."""
    _source(
        name,
        f"start: {start_doc}; end: the last whole month up to the latest date in any of "
        f"{', '.join(DATE_COLUMNS[table])}",
        f"SELECT min({_MI.format(d=start_column)}), "
        f"{last_whole_month_index_sql(data_end_expression(table))} FROM {table}",
    )


_table_source("bistand", "bistand_manad", "manad", "the first month present in bistand_manad")
_table_source("insatser", "insatser", "start_datum", "month of the earliest start_datum")
_table_source("sol_beslut", "sol_beslut", "beslut_datum", "month of the earliest beslut_datum")
_table_source("ekonomi", "ekonomi", "manad", "the first month present in ekonomi")

_PARAMETER = re.compile(r"\{(G|S|E|VERKSAMHET_AM|VERKSAMHET_EB)\}")


def substitute_parameters(sql: str, values: dict[str, int | str]) -> str:
    """Replace `{G}`, `{S}`, `{E}` by integers (an absent S/E gives NULL), and `{VERKSAMHET_AM}` /
    `{VERKSAMHET_EB}` (the workspace's ekonomi activities) by SQL string literals."""

    def repl(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            return "NULL"
        if isinstance(value, str):
            return "'" + value.replace("'", "''") + "'"
        return str(int(value))

    return _PARAMETER.sub(repl, sql)


def names_in(sql: str) -> set[str]:
    """Helper and stored-table names a SQL text mentions (word match)."""
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", sql))
    return words & (set(HELPERS) | set(STORED_TABLES) | set(PERIOD_TABLES))


def helpers_needed(sqls: list[str]) -> list[str]:
    """The helpers the given SQL texts need, dependencies first."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for dep in sorted(names_in(HELPERS[name].sql) & set(HELPERS)):
            if dep != name:
                visit(dep)
        order.append(name)

    for sql in sqls:
        for name in sorted(names_in(sql) & set(HELPERS)):
            visit(name)
    return order
