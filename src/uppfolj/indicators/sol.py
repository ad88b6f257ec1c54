"""Non-executed favourable SoL decisions (ej verkställda beslut): one place for the rule.

The rule of indikatorer.md, `sol_ej_verkstallda`: on day D, a decision not closed by D (avslutat_datum
blank or after D) is reported when either

* (a) it is not executed by D (verkstallt_datum blank or after D) and beslut_datum ≤ D − 3 months, or
* (b) its execution was interrupted with avbrott_datum ≤ D − 3 months and not resumed by D.

"3 months" is calendar months: D − 3 months, clamped to the month's end as date arithmetic does
(2024-05-31 − 3 months = 2024-02-29). The months since the reference date (the decision, or the
interruption) are the largest m with reference ≤ D − m months, which is the calendar-month difference minus
one when the reference's day of month is later than D's; so "≥ 3 months" and the time bands use the same
count. Decisions made in the (pure integer) SQL below, so that it runs unchanged on DuckDB and, through
sqlglot, on Spark.

Decisions where the documented rules are silent (documented in docs/indicators-am-sol-ek.md):

* A decision meeting both (a) and (b) is reported once, as `avbrott` (the interruption is the later and
  more specific fact).
* A resumption counts only when it is on or after the interruption (aterupptaget_datum between
  avbrott_datum and D); an older resumption date belongs to an earlier interruption.
* A declined offer (erbjudande_datum) does not end the duty to report; it is only listed.

`ej_verkstallda_beslut(con, day)` lists the decisions one by one (the quarterly report's table);
`ej_verkstallda_sql(day_sql)` is the same query as SQL text, which the catalogue definition of
`sol_ej_verkstallda` builds on.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from uppfolj import schema

#: the time bands of indikatorer.md: (label, lowest month count, highest month count or None)
TIME_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("3-6", 3, 6),
    ("7-9", 7, 9),
    ("10-12", 10, 12),
    ("13-17", 13, 17),
    ("18+", 18, None),
)

#: the columns of ej_verkstallda_beslut, in order
COLUMNS = (
    "beslut_id",
    "person_id",
    "kon",
    "insatstyp",
    "lagrum",
    "beslut_datum",
    "erbjudande_datum",
    "verkstallt_datum",
    "avbrott_datum",
    "aterupptaget_datum",
    "avslutat_datum",
    "orsak",
    "typ",
    "referens_datum",
    "manader",
    "tid",
    "dagar",
)


def _months_since(ref: str, day: str) -> str:
    """SQL: whole calendar months from `ref` to `day` (largest m with ref ≤ day − m months)."""
    return (
        f"((YEAR({day}) - YEAR({ref})) * 12 + MONTH({day}) - MONTH({ref})"
        f" - CASE WHEN DAY({ref}) > DAY({day}) THEN 1 ELSE 0 END)"
    )


def _band_case(months: str) -> str:
    parts = []
    for label, low, high in TIME_BANDS:
        cond = f"{months} >= {low}" if high is None else f"{months} BETWEEN {low} AND {high}"
        parts.append(f"WHEN {cond} THEN '{label}'")
    return "CASE " + " ".join(parts) + " END"


def ej_verkstallda_sql(
    day_sql: str, *, has_personer: bool, day_source: str = "", day_columns: str = ""
) -> str:
    """The query listing the reported decisions on day `day_sql` (a SQL date expression).

    `day_source` is an optional extra FROM item (e.g. `_perioder p`) that `day_sql` refers to
    (`p.last_day`); then the query lists the decisions of every row of it, and `day_columns`
    (e.g. `p.period`) are carried along. Reads `sol_beslut`, `_personregister` and, when
    `has_personer`, `personer`.
    """
    kon = "COALESCE(pe.kon, r.kon)" if has_personer else "r.kon"
    personer_join = "LEFT JOIN personer pe ON pe.person_id = s.person_id" if has_personer else ""
    cross = f"CROSS JOIN {day_source}" if day_source else ""
    d = day_sql
    m_decision = _months_since("s.beslut_datum", d)
    m_interrupt = _months_since("s.avbrott_datum", d)
    interrupted = (
        f"(s.avbrott_datum IS NOT NULL AND s.avbrott_datum <= {d} AND {m_interrupt} >= 3"
        f" AND NOT (s.aterupptaget_datum IS NOT NULL AND s.aterupptaget_datum >= s.avbrott_datum"
        f" AND s.aterupptaget_datum <= {d}))"
    )
    not_executed = (
        f"((s.verkstallt_datum IS NULL OR s.verkstallt_datum > {d})"
        f" AND s.beslut_datum <= {d} AND {m_decision} >= 3)"
    )
    return f"""
SELECT *, {_band_case("manader")} AS tid
FROM (
    SELECT
        s.beslut_id, s.person_id, {kon} AS kon, s.insatstyp, s.lagrum, s.beslut_datum,
        s.erbjudande_datum, s.verkstallt_datum, s.avbrott_datum, s.aterupptaget_datum,
        s.avslutat_datum, s.orsak,
        CASE WHEN {interrupted} THEN 'avbrott' ELSE 'ej_verkstallt' END AS typ,
        CASE WHEN {interrupted} THEN s.avbrott_datum ELSE s.beslut_datum END AS referens_datum,
        CASE WHEN {interrupted} THEN {m_interrupt} ELSE {m_decision} END AS manader,
        CASE WHEN {interrupted} THEN DATE_DIFF('day', s.avbrott_datum, {d})
             ELSE DATE_DIFF('day', s.beslut_datum, {d}) END AS dagar,
        {d} AS rapport_dag{", " + day_columns if day_columns else ""}
    FROM sol_beslut s
    {cross}
    LEFT JOIN _personregister r ON r.person_id = s.person_id
    {personer_join}
    WHERE (s.avslutat_datum IS NULL OR s.avslutat_datum > {d})
      AND ({not_executed} OR {interrupted})
) reported
"""


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(row and row[0])


def ej_verkstallda_beslut(con: duckdb.DuckDBPyConnection, day: dt.date) -> pd.DataFrame:
    """The decisions reported as not executed on `day`, one row each (columns `COLUMNS`).

    `typ` is `ej_verkstallt` or `avbrott`; `referens_datum` the decision or interruption date the time
    is counted from; `manader` the whole calendar months since it, `tid` its band (`3-6` … `18+`),
    `dagar` the days since it (day − reference). Dates are `datetime.date` (None when blank). Sorted longest wait first. Empty when the store has
    no `sol_beslut`. Whether `day` is within the data is the caller's question (see `data_end`).
    """
    if not _has_table(con, "sol_beslut"):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    day_sql = f"CAST('{day.isoformat()}' AS DATE)"
    sql = ej_verkstallda_sql(day_sql, has_personer=_has_table(con, "personer"))
    cols = ", ".join(COLUMNS)
    frame = con.execute(f"SELECT {cols} FROM ({sql}) q ORDER BY dagar DESC, beslut_id").df()
    for col in (*SOL_DATE_COLUMNS, "referens_datum"):
        frame[col] = pd.Series([None if pd.isna(v) else v.date() for v in frame[col]], dtype="object")
    return frame.reset_index(drop=True)


SOL_DATE_COLUMNS = schema.DATE_COLUMNS["sol_beslut"]


def data_end(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The data end of sol_beslut (uppfolj.schema's rule: the latest date in any of its date columns)."""
    return schema.data_end(con, "sol_beslut")
