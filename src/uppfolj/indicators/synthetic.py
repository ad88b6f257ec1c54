"""Synthetic stored data at any scale, written with DuckDB SQL straight into a connection.

For the indicator benchmark (national scale: ~400 000 households over six years, ~25 million
household-months, ~2 million insatser) and the DuckDB/Spark parity test. Every table of the stored schema is
filled; values are deterministic (hash-based, not `random()`), so the same arguments give the same data on
any number of threads. It is not the demo municipality (`uppfolj.demodata`): no planted effects, no
realism beyond what exercises every indicator.
"""

from __future__ import annotations

import duckdb

from uppfolj.schema import STORED_TABLES

INSATSTYPER = ("Jobbspår", "Arbetsträning", "OSA", "Praktik", "Arbetsmarknadsanställning")
AVSLUT = (
    "arbete_utan_stod",
    "arbete_med_stod",
    "studier",
    "annan_insats",
    "af_program",
    "ohalsa",
    "flytt",
    "avbrott",
    "ovrigt",
    "okand",
)


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def _pick(values: tuple[str, ...], r: str) -> str:
    return f"{_list(values)}[1 + CAST(floor({r} * {len(values)}) AS INTEGER)]"


def build(
    con: duckdb.DuckDBPyConnection,
    *,
    households: int,
    last_year: int = 2024,
    years: int = 6,
    start_before: int = 24,
    start_span: int | None = None,
    mean_months: int = 90,
) -> None:
    """Create and fill every stored table in `con` (replacing existing ones).

    A household's payments run from a start month drawn uniformly from `start_before` months before the
    first month over `start_span` months (default: to the last month), for an exponential number of months
    with mean `mean_months`, with 4 % of the months missing (gaps). The defaults give about 31 payment
    months per household in six years; `start_before=72, start_span=96, mean_months=600` about 60.
    """
    n = int(households)
    y0 = last_year - years + 1
    nm = years * 12
    span = int(start_span) if start_span is not None else nm + int(start_before)
    con.execute("CREATE OR REPLACE TEMP MACRO rnd(a, b) AS (hash(a, b) % 1000003) / 1000003.0")
    for name, cols in STORED_TABLES.items():
        con.execute(f"CREATE OR REPLACE TABLE {name} ({', '.join(f'{c} {t}' for c, t in cols)})")
    month = f"make_date({y0} + CAST(m.range // 12 AS INTEGER), CAST(m.range % 12 AS INTEGER) + 1, 1)"
    con.execute(
        f"""
INSERT INTO bistand_manad BY NAME
WITH hh AS (
    SELECT range AS h,
           CAST(floor(rnd(range, 1) * {span}) AS INTEGER) - {int(start_before)} AS s,
           CAST(floor(-ln(1 - rnd(range, 2)) * {int(mean_months)}) AS INTEGER) + 1 AS d
    FROM range({n})
)
SELECT 'h' || h AS hushall_id, {month} AS manad, 'p' || h AS sokande_id,
       CASE WHEN rnd(h, 3) < 0.35 THEN 'q' || h END AS medsokande_id,
       CAST(floor(rnd(h, 4) * 4) AS BIGINT) AS antal_barn,
       CAST(3000 + floor(rnd(h * 100 + m.range, 5) * 9000) AS DECIMAL(18,2)) AS belopp,
       NULL AS hushallstyp
FROM hh JOIN range({nm}) m ON m.range BETWEEN greatest(hh.s, 0) AND hh.s + hh.d - 1
WHERE rnd(h * 100 + m.range, 6) >= 0.04
"""
    )
    con.execute(
        """
INSERT INTO eb_avslut BY NAME
SELECT hushall_id, max(manad) AS manad,
       ['arbete', 'studier', 'annan_ersattning', 'flytt', 'ovrigt', 'okand'][
           1 + CAST(floor(rnd(hash(hushall_id), 7) * 6) AS INTEGER)] AS avslutsorsak
FROM bistand_manad GROUP BY hushall_id HAVING rnd(hash(hushall_id), 8) < 0.6
"""
    )
    con.execute(
        f"""
INSERT INTO _personregister BY NAME
SELECT who || range AS person_id, 1960 + CAST(floor(rnd(range, 9) * 40) AS INTEGER) AS fodelsear,
       CASE WHEN rnd(range, length(who) + 10) < 0.5 THEN 'K' ELSE 'M' END AS kon
FROM range({n}) CROSS JOIN (VALUES ('p'), ('q')) w(who)
"""
    )
    con.execute(
        f"""
INSERT INTO personer BY NAME
SELECT person_id, NULL AS kon,
       {_pick(("1", "2", "3", "4", "5", "6", "7", "US"), "rnd(hash(person_id), 12)")} AS utbildningsniva,
       NULL AS fodelseland_grupp, NULL AS invandringsar
FROM _personregister WHERE rnd(hash(person_id), 13) < 0.9
"""
    )
    end_day = f"DATE '{last_year}-12-31'"
    con.execute(
        f"""
INSERT INTO insatser BY NAME
WITH i AS (
    SELECT range AS i,
           DATE '{y0}-01-01' + CAST(floor(rnd(range, 20) * {years * 365}) AS INTEGER) AS start_datum,
           CAST(floor(rnd(range, 21) * 400) AS INTEGER) AS len
    FROM range({5 * n})
)
SELECT 'i' || i AS insats_id, 'p' || CAST(floor(rnd(i, 22) * {n}) AS BIGINT) AS person_id,
       {_pick(INSATSTYPER, "rnd(i, 23)")} AS insatstyp,
       'Enhet ' || CAST(floor(rnd(i, 24) * 40) AS INTEGER) AS enhet,
       CASE WHEN rnd(i, 25) < 0.9 THEN {_pick(("Försörjningsstöd", "AF", "LSS", "Övrigt"), "rnd(i, 26)")} END
           AS arendetyp,
       CASE WHEN rnd(i, 27) < 0.8 THEN start_datum - CAST(floor(rnd(i, 28) * 30) AS INTEGER) END
           AS anvisad_datum,
       start_datum,
       CASE WHEN start_datum + len <= {end_day} THEN start_datum + len END AS slut_datum,
       CASE WHEN start_datum + len <= {end_day} THEN {_pick(AVSLUT, "rnd(i, 29)")} END AS avslutsorsak
FROM i
"""
    )
    con.execute(
        f"""
INSERT INTO ansokningar BY NAME
WITH a AS (
    SELECT range AS a, DATE '{y0}-01-01' + CAST(floor(rnd(range, 30) * {years * 365 - 40}) AS INTEGER) AS inkom
    FROM range({6 * n})
)
SELECT 'a' || a AS ansokan_id, 'h' || CAST(floor(rnd(a, 31) * {n}) AS BIGINT) AS hushall_id,
       inkom AS inkom_datum,
       CASE WHEN rnd(a, 32) >= 0.03 THEN inkom + CAST(floor(rnd(a, 33) * 40) AS INTEGER) END AS beslut_datum,
       CASE WHEN rnd(a, 32) >= 0.03 THEN
           {_pick(("bifall", "bifall", "delvis_bifall", "avslag", "avskriven"), "rnd(a, 34)")} END AS beslut,
       {_pick(("e_tjanst", "e_tjanst", "papper", "annat"), "rnd(a, 35)")} AS kanal,
       CASE WHEN rnd(a, 36) < 0.3 THEN 'ja' ELSE 'nej' END AS nybesok
FROM a
"""
    )
    con.execute(
        f"""
INSERT INTO platser BY NAME
SELECT 'Enhet ' || e.range AS enhet,
       CASE WHEN half.k = 0 THEN DATE '{y0}-01-01' ELSE DATE '{y0 + 3}-01-01' END AS fran_datum,
       CASE WHEN half.k = 0 THEN DATE '{y0 + 2}-12-31' END AS till_datum,
       CAST(10 + floor(rnd(e.range * 2 + half.k, 40) * 50) AS BIGINT) AS antal_platser,
       CASE WHEN rnd(e.range, 41) < 0.5 THEN 'intern' ELSE 'extern' END AS platstyp,
       CAST(200000 + floor(rnd(e.range * 2 + half.k, 42) * 2000000) AS DECIMAL(18,2)) AS arskostnad
FROM range(40) e CROSS JOIN (VALUES (0), (1)) half(k)
"""
    )
    con.execute(
        f"""
INSERT INTO ekonomi BY NAME
SELECT {month} AS manad, v.name AS verksamhet,
       CAST(CAST(v.size AS DOUBLE) * {n} AS DECIMAL(18,2)) AS budget,
       CAST(CAST(v.size AS DOUBLE) * {n} * (0.9 + rnd(m.range, hash(v.name)) * 0.2) AS DECIMAL(18,2)) AS utfall,
       CASE WHEN m.range % 12 >= 3 THEN CAST(12.0 * v.size * {n} * (0.95 + rnd(m.range, 50) * 0.1)
           AS DECIMAL(18,2)) END AS prognos_helar
FROM range({nm}) m CROSS JOIN (VALUES ('Ekonomiskt bistånd', 800), ('Arbetsmarknadsåtgärder', 300),
     ('Nämnd- och styrelseverksamhet', 5)) v(name, size)
"""
    )
    con.execute(
        f"""
INSERT INTO befolkning BY NAME
SELECT {y0} + y.range AS ar, k.kon,
       CAST({25 * n}.0 * CASE WHEN k.kon = 'T' THEN 1.0 ELSE 0.5 END + y.range * 100 AS BIGINT) AS antal
FROM range({years}) y CROSS JOIN (VALUES ('K'), ('M'), ('T')) k(kon)
"""
    )
    con.execute(
        f"""
INSERT INTO sol_beslut BY NAME
WITH b AS (
    SELECT range AS b, DATE '{y0}-01-01' + CAST(floor(rnd(range, 60) * {years * 365}) AS INTEGER) AS d
    FROM range({max(n // 40, 10)})
)
SELECT 'b' || b AS beslut_id, 'p' || CAST(floor(rnd(b, 61) * {n}) AS BIGINT) AS person_id, d AS beslut_datum,
       {_pick(("Arbetsrehabilitering", "Sysselsättning"), "rnd(b, 62)")} AS insatstyp, 'SoL 4:1' AS lagrum,
       NULL AS erbjudande_datum,
       CASE WHEN rnd(b, 63) < 0.7 AND d + 120 <= {end_day} THEN d + CAST(floor(rnd(b, 64) * 120) AS INTEGER)
           END AS verkstallt_datum,
       NULL AS avbrott_datum, NULL AS aterupptaget_datum,
       CASE WHEN rnd(b, 65) < 0.05 AND d + 200 <= {end_day} THEN d + 200 END AS avslutat_datum,
       NULL AS orsak
FROM b
"""
    )
