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

from uppfolj.contract import TABLES, ColType

#: SQL types of the stored schema (architecture.md, "The stored schema")
STORED_TYPES = {
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

#: the stored tables a definition may read; absent ones are given as empty tables of this schema
STORED_TABLES: dict[str, list[tuple[str, str]]] = {
    name: [(c.stored_name, STORED_TYPES[c.type]) for c in table.columns] for name, table in TABLES.items()
}
STORED_TABLES["_personregister"] = [("person_id", "VARCHAR"), ("fodelsear", "INTEGER"), ("kon", "VARCHAR")]


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


def _last_whole_month(day: str) -> str:
    """Month index of the last month whose last day is on or before `day`."""
    return f"CASE WHEN {day} = last_day({day}) THEN {_MI.format(d=day)} ELSE {_MI.format(d=day)} - 1 END"


_source(
    "bistand",
    "first and latest month present in bistand_manad",
    f"SELECT min({_MI.format(d='manad')}), max({_MI.format(d='manad')}) FROM bistand_manad",
)
_source(
    "insatser",
    "start: month of the earliest start_datum; end: the last whole month up to the latest date in any "
    "date column of insatser",
    "SELECT min(year(start_datum) * 12 + month(start_datum) - 1), "
    + _last_whole_month("greatest(max(start_datum), max(slut_datum), max(anvisad_datum))")
    + " FROM insatser",
)
_source(
    "sol_beslut",
    "start: month of the earliest beslut_datum; end: the last whole month up to the latest date in any "
    "date column of sol_beslut",
    "SELECT min(year(beslut_datum) * 12 + month(beslut_datum) - 1), "
    + _last_whole_month(
        "greatest(max(beslut_datum), max(erbjudande_datum), max(verkstallt_datum), max(avbrott_datum), "
        "max(aterupptaget_datum), max(avslutat_datum))"
    )
    + " FROM sol_beslut",
)
_source(
    "ekonomi",
    "first and latest month present in ekonomi",
    f"SELECT min({_MI.format(d='manad')}), max({_MI.format(d='manad')}) FROM ekonomi",
)

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
