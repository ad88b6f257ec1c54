"""Arbetsmarknadsinsatser: the `am_*` indicators of indikatorer.md.

Each query returns `period, kon, grupptyp, grupp, varde [, taljare, namnare]` for the periods in
`_perioder` (only the covered ones are there); the engine adds the missing totals. Everything is written so
that it runs unchanged on DuckDB and, translated by sqlglot, on Spark: dates are compared and subtracted
with `date_diff('day', …)` only, divisions cast to DOUBLE and divide by `NULLIF(x, 0)`.

Days are never expanded one row per day. "Distinct persons in progress, summed over the days of P" is the
length of the union of each person's insats intervals clipped to P: overlapping insatser of one person
(within the breakdown's group) are merged first, gaps-and-islands style, then each merged interval
contributes `least(end, last_day) − greatest(start, first_day) + 1` days. Occupancy splits each unit's
timeline into segments at the place rows' boundaries (one segment = one set of valid place rows), so that
a day counts under the places and platstyp valid that day.

Decisions where the spec is silent (docs/indicators-am-sol-ek.md):
* Occupancy counts insats-days only on days when the unit has a valid place row (a day without places has
  no denominator); where place rows of a unit overlap, their places add up (as the spec says) and the day
  counts under the alphabetically first platstyp among them (`extern` before `intern`, blank = `saknas`).
* Cost per place uses the place rows valid on the last day of P that have an arskostnad; a row without a
  cost is unknown, not free, and is left out of both sums.
* am_utbildningsniva's breakdown shares are within the group: for `arendetyp×utbildningsniva`, the persons
  of that ärendetyp at that level ÷ the persons of that ärendetyp. The total row is 100 % (taljare =
  namnare = the persons in progress).
"""

from __future__ import annotations

from uppfolj.indicators.model import Indicator, count_of, ratio_of

KMT = ("K", "M", "T")
EXITS = "('arbete_utan_stod', 'arbete_med_stod', 'studier')"

#: insatser that overlap some period of the call (the others cannot count anywhere), with the person's sex
#: ('?' = unknown: counted in T only); an ongoing insats gets `slut` far ahead
_INS_IN_RANGE = """pn AS (
    SELECT person_id, row_number() OVER (ORDER BY person_id) AS pn
    FROM (SELECT DISTINCT person_id FROM insatser) u
), ins AS (
    SELECT i.insats_id, pn.pn, coalesce(k.kon, '?') AS kon_person, i.insatstyp, i.enhet,
           coalesce(i.arendetyp, '') AS arendetyp, i.anvisad_datum, i.start_datum, i.slut_datum,
           coalesce(i.slut_datum, CAST('2999-12-31' AS DATE)) AS slut, i.avslutsorsak
    FROM insatser i
    JOIN pn ON pn.person_id = i.person_id
    LEFT JOIN _person_kon k ON k.person_id = i.person_id
    WHERE i.start_datum <= (SELECT max(last_day) FROM _perioder)
      AND (i.slut_datum IS NULL OR i.slut_datum >= (SELECT min(first_day) FROM _perioder))
)"""


def _grouped(columns: str, grupptyper: tuple[str, ...], source: str = "ins") -> str:
    """Every row of `source` once per breakdown (the total first), with grupptyp and grupp columns.

    A cross join with the list of breakdowns, so that `source` is read once (a UNION ALL of one SELECT
    per breakdown would evaluate it once per breakdown).
    """
    values = ", ".join(f"('{g}')" for g in ("", *grupptyper))
    case = (
        "CASE gt.grupptyp "
        + " ".join(f"WHEN '{g}' THEN {_group_expr(g)}" for g in grupptyper)
        + " ELSE '' END"
    )
    return (
        f"SELECT {columns}, gt.grupptyp, {case} AS grupp\n"
        f"    FROM {source} CROSS JOIN (VALUES {values}) AS gt(grupptyp)"
    )


def _group_expr(grupptyp: str) -> str:
    """The group value of a breakdown: the column, or for a pair `a×b` both values joined by `×` (a blank
    value is `saknas`, as the engine names it for single breakdowns)."""
    if "×" not in grupptyp:
        return grupptyp
    a, b = grupptyp.split("×", 1)
    return f"coalesce(nullif({a}, ''), 'saknas') || '×' || coalesce(nullif({b}, ''), 'saknas')"


def _kon_grouped(select: str, where: str) -> str:
    """Count per period, kon and group from a CTE `x(period, kon_person, grupptyp, grupp, …)`."""
    return f"""
SELECT x.period, kv.kon, x.grupptyp, x.grupp, {select}
FROM x JOIN _konval kv ON kv.kon_person = x.kon_person
{where}
GROUP BY x.period, kv.kon, x.grupptyp, x.grupp"""


def _deltagare_snitt_sql() -> str:
    grupper = _grouped("pn, kon_person, start_datum, slut", ("insatstyp", "enhet"))
    return f"""
WITH {_INS_IN_RANGE}, g AS (
    {grupper}
), o AS (
    SELECT g.*,
           max(slut) OVER (PARTITION BY pn, grupptyp, grupp ORDER BY start_datum, slut
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_slut
    FROM g
), isl AS (
    SELECT o.*,
           sum(CASE WHEN prev_slut IS NOT NULL AND start_datum <= prev_slut THEN 0 ELSE 1 END)
               OVER (PARTITION BY pn, grupptyp, grupp ORDER BY start_datum, slut
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS nr
    FROM o
), merged AS (
    SELECT pn, kon_person, grupptyp, grupp, min(start_datum) AS s, max(slut) AS e
    FROM isl GROUP BY pn, kon_person, grupptyp, grupp, nr
), x AS (
    SELECT p.period, p.n_days, m.kon_person, m.grupptyp, m.grupp,
           date_diff('day', greatest(m.s, p.first_day), least(m.e, p.last_day)) + 1 AS dagar
    FROM _perioder p JOIN merged m ON m.s <= p.last_day AND m.e >= p.first_day
)
SELECT x.period, kv.kon, x.grupptyp, x.grupp,
       CAST(sum(x.dagar) AS DOUBLE) / max(x.n_days) AS varde,
       sum(x.dagar) AS taljare, max(x.n_days) AS namnare
FROM x JOIN _konval kv ON kv.kon_person = x.kon_person
GROUP BY x.period, kv.kon, x.grupptyp, x.grupp"""


def _persons_on(join: str, grupptyper: tuple[str, ...]) -> str:
    """Distinct persons per period and group among the insatser matching `join` (on `p`, `i`)."""
    grupper = _grouped("period, pn, kon_person", grupptyper, source="d")
    return f"""
WITH {_INS_IN_RANGE}, d AS (
    SELECT DISTINCT p.period, i.pn, i.kon_person, i.insatstyp, i.enhet, i.arendetyp
    FROM _perioder p JOIN ins i ON {join}
), x AS (
    SELECT DISTINCT period, pn, kon_person, grupptyp, grupp FROM (
    {grupper}
    ) e
), c AS (
    SELECT period, kon_person, grupptyp, grupp, count(*) AS n FROM x GROUP BY period, kon_person, grupptyp, grupp
)
SELECT c.period, kv.kon, c.grupptyp, c.grupp, sum(c.n) AS varde
FROM c JOIN _konval kv ON kv.kon_person = c.kon_person
GROUP BY c.period, kv.kon, c.grupptyp, c.grupp"""


def _deltagare_sista_dag_sql() -> str:
    return _persons_on(
        "i.start_datum <= p.last_day AND i.slut >= p.last_day", ("insatstyp", "enhet", "arendetyp")
    )


def _deltagare_sql() -> str:
    return _persons_on(
        "i.start_datum <= p.last_day AND i.slut >= p.first_day", ("arendetyp", "enhet", "arendetyp×enhet")
    )


def _deltagartid_sql(select: str) -> str:
    """Per person in progress some day of P (per group): the days of their insatser that overlap P, from
    each insats's start up to its end or P's last day, overlapping days counted once; `select` aggregates
    `x.dagar` over the persons."""
    grupper = _grouped("period, last_day, pn, kon_person, start_datum, slut", ("arendetyp", "enhet"), "d")
    return f"""
WITH {_INS_IN_RANGE}, d AS (
    SELECT p.period, p.last_day, i.pn, i.kon_person, i.arendetyp, i.enhet, i.start_datum,
           least(i.slut, p.last_day) AS slut
    FROM _perioder p JOIN ins i ON i.start_datum <= p.last_day AND i.slut >= p.first_day
), g AS (
    {grupper}
), o AS (
    SELECT g.*,
           max(slut) OVER (PARTITION BY period, pn, grupptyp, grupp ORDER BY start_datum, slut
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_slut
    FROM g
), isl AS (
    SELECT o.*,
           sum(CASE WHEN prev_slut IS NOT NULL AND start_datum <= prev_slut THEN 0 ELSE 1 END)
               OVER (PARTITION BY period, pn, grupptyp, grupp ORDER BY start_datum, slut
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS nr
    FROM o
), merged AS (
    SELECT period, pn, kon_person, grupptyp, grupp, min(start_datum) AS s, max(slut) AS e
    FROM isl GROUP BY period, pn, kon_person, grupptyp, grupp, nr
), x AS (
    SELECT period, pn, kon_person, grupptyp, grupp, sum(date_diff('day', s, e) + 1) AS dagar
    FROM merged GROUP BY period, pn, kon_person, grupptyp, grupp
)
{_kon_grouped(select, "")}"""


def _nya_deltagare_sql() -> str:
    return _persons_on("i.start_datum BETWEEN p.first_day AND p.last_day", ("insatstyp", "enhet"))


def _ended(grupptyper: tuple[str, ...]) -> str:
    """CTE `x`: insatser ended in P, once per breakdown, with dagar and whether they exit to work/studies."""
    cols = "period, insats_id, kon_person, dagar, till_arbete"
    return f"""
WITH {_INS_IN_RANGE}, d AS (
    SELECT p.period, i.*, date_diff('day', i.start_datum, i.slut_datum) + 1 AS dagar,
           CASE WHEN i.avslutsorsak IN {EXITS} THEN 1 ELSE 0 END AS till_arbete
    FROM _perioder p JOIN ins i ON i.slut_datum BETWEEN p.first_day AND p.last_day
), x AS (
    {_grouped(cols, grupptyper, source="d")}
)"""


def _utbildningsniva_sql() -> str:
    grupper = _grouped("period, pn, kon_person, niva", ("arendetyp", "enhet"), source="inp")
    return f"""
WITH {_INS_IN_RANGE}, niva AS (
    SELECT pn.pn, max(coalesce(pe.utbildningsniva, '')) AS niva
    FROM personer pe JOIN pn ON pn.person_id = pe.person_id
    GROUP BY pn.pn
), inp AS (
    SELECT DISTINCT p.period, i.pn, i.kon_person, i.arendetyp, i.enhet,
           coalesce(nullif(n.niva, ''), 'US') AS niva
    FROM _perioder p
    JOIN ins i ON i.start_datum <= p.last_day AND i.slut >= p.first_day
    LEFT JOIN niva n ON n.pn = i.pn
), g AS (
    SELECT DISTINCT period, pn, kon_person, grupptyp, grupp, niva FROM (
    {grupper}
    ) e
), c0 AS (
    SELECT period, kon_person, grupptyp, coalesce(nullif(grupp, ''), 'saknas') AS bas, niva, count(*) AS n
    FROM g GROUP BY period, kon_person, grupptyp, coalesce(nullif(grupp, ''), 'saknas'), niva
), cell AS (
    SELECT c0.period, kv.kon, c0.grupptyp, c0.bas, c0.niva, sum(c0.n) AS n
    FROM c0 JOIN _konval kv ON kv.kon_person = c0.kon_person
    GROUP BY c0.period, kv.kon, c0.grupptyp, c0.bas, c0.niva
), bas AS (
    SELECT period, kon, grupptyp, bas, sum(n) AS n FROM cell GROUP BY period, kon, grupptyp, bas
)
SELECT period, kon, '' AS grupptyp, '' AS grupp, 100.0 AS varde, n AS taljare, n AS namnare
FROM bas WHERE grupptyp = ''
UNION ALL
SELECT c.period, c.kon,
       CASE WHEN c.grupptyp = '' THEN 'utbildningsniva' ELSE c.grupptyp || '×utbildningsniva' END
           AS grupptyp,
       CASE WHEN c.grupptyp = '' THEN c.niva ELSE c.bas || '×' || c.niva END AS grupp,
       100 * CAST(c.n AS DOUBLE) / b.n AS varde, c.n AS taljare, b.n AS namnare
FROM cell c JOIN bas b ON b.period = c.period AND b.kon = c.kon AND b.grupptyp = c.grupptyp
                      AND b.bas = c.bas"""


#: place rows split into segments per unit: within a segment the same rows are valid every day
_SEGMENTS = """pl AS (
    SELECT enhet, fran_datum AS s, coalesce(till_datum, CAST('2999-12-31' AS DATE)) AS e, antal_platser,
           coalesce(nullif(platstyp, ''), 'saknas') AS platstyp
    FROM platser
), pts AS (
    SELECT enhet, s AS d FROM pl
    UNION
    SELECT enhet, e + INTERVAL 1 DAY AS d FROM pl
), seg0 AS (
    SELECT enhet, d AS s, lead(d) OVER (PARTITION BY enhet ORDER BY d) AS nxt FROM pts
), seg AS (
    SELECT x.enhet, x.s, x.nxt - INTERVAL 1 DAY AS e, sum(pl.antal_platser) AS platser,
           min(pl.platstyp) AS platstyp
    FROM seg0 x JOIN pl ON pl.enhet = x.enhet AND pl.s <= x.s AND pl.e >= x.s
    WHERE x.nxt IS NOT NULL
    GROUP BY x.enhet, x.s, x.nxt
)"""


def _belaggning_sql() -> str:
    return f"""
WITH {_SEGMENTS}, sp AS (
    SELECT p.period, seg.enhet, seg.platstyp, seg.platser,
           greatest(seg.s, p.first_day) AS cs, least(seg.e, p.last_day) AS ce
    FROM _perioder p JOIN seg ON seg.s <= p.last_day AND seg.e >= p.first_day
), ins AS (
    SELECT enhet, start_datum, coalesce(slut_datum, CAST('2999-12-31' AS DATE)) AS slut FROM insatser
), platsdagar AS (
    SELECT period, enhet, platstyp, cs, sum(platser * (date_diff('day', cs, ce) + 1)) AS platsdagar
    FROM sp GROUP BY period, enhet, platstyp, cs
), insatsdagar AS (
    SELECT sp.period, sp.enhet, sp.cs,
           sum(date_diff('day', greatest(sp.cs, i.start_datum), least(sp.ce, i.slut)) + 1) AS dagar
    FROM sp JOIN ins i ON i.enhet = sp.enhet AND i.start_datum <= sp.ce AND i.slut >= sp.cs
    GROUP BY sp.period, sp.enhet, sp.cs
), x AS (
    SELECT pd.period, pd.enhet, pd.platstyp, pd.platsdagar, coalesce(d.dagar, 0) AS dagar
    FROM platsdagar pd
    LEFT JOIN insatsdagar d ON d.period = pd.period AND d.enhet = pd.enhet AND d.cs = pd.cs
), g AS (
    {_grouped("period, dagar, platsdagar", ("enhet", "platstyp"), source="x")}
)
SELECT period, 'T' AS kon, grupptyp, grupp,
       100 * CAST(sum(dagar) AS DOUBLE) / NULLIF(sum(platsdagar), 0) AS varde,
       sum(dagar) AS taljare, sum(platsdagar) AS namnare
FROM g GROUP BY period, grupptyp, grupp"""


def _kostnad_per_plats_sql() -> str:
    return f"""
WITH x AS (
    SELECT p.period, pl.enhet, coalesce(nullif(pl.platstyp, ''), 'saknas') AS platstyp,
           pl.arskostnad, pl.antal_platser
    FROM _perioder p
    JOIN platser pl ON pl.fran_datum <= p.last_day
                   AND (pl.till_datum IS NULL OR pl.till_datum >= p.last_day)
    WHERE pl.arskostnad IS NOT NULL
), g AS (
    {_grouped("period, arskostnad, antal_platser", ("platstyp", "enhet"), source="x")}
)
SELECT period, 'T' AS kon, grupptyp, grupp,
       CAST(sum(arskostnad) AS DOUBLE) / NULLIF(sum(antal_platser), 0) AS varde,
       CAST(sum(arskostnad) AS DOUBLE) AS taljare, sum(antal_platser) AS namnare
FROM g GROUP BY period, grupptyp, grupp"""


def _start_14_dagar_sql() -> str:
    cols = (
        "kon_person, start_datum, "
        "CASE WHEN date_diff('day', anvisad_datum, start_datum) <= 14 THEN 1 ELSE 0 END AS inom"
    )
    share = (
        "100 * CAST(sum(x.inom) AS DOUBLE) / count(*) AS varde, sum(x.inom) AS taljare, count(*) AS namnare"
    )
    return f"""
WITH {_INS_IN_RANGE}, a AS (
    SELECT * FROM ins WHERE anvisad_datum IS NOT NULL
), g AS (
    {_grouped(cols, ("insatstyp",), source="a")}
), x AS (
    SELECT p.period, g.*
    FROM _perioder p JOIN g ON g.start_datum BETWEEN p.first_day AND p.last_day
)
{_kon_grouped(share, "")}"""


def _utslussade_sql(verksamhet_sql: str) -> str:
    return f"""
WITH ut AS (
    SELECT p.period, count(i.insats_id) AS n
    FROM _perioder p
    LEFT JOIN insatser i ON i.slut_datum BETWEEN p.first_day AND p.last_day AND i.avslutsorsak IN {EXITS}
    GROUP BY p.period
), kost AS (
    SELECT pm.period, CAST(sum(e.utfall) AS DOUBLE) / 1000000 AS mnkr, count(e.utfall) AS n_utfall,
           count(*) AS n_rader
    FROM _periodmanader pm
    JOIN ekonomi e ON year(e.manad) * 12 + month(e.manad) - 1 = pm.mi AND e.verksamhet = {verksamhet_sql}
    GROUP BY pm.period
), manader AS (
    SELECT period, count(*) AS n FROM _periodmanader GROUP BY period
)
SELECT ut.period, 'T' AS kon,
       CASE WHEN k.n_utfall = m.n THEN CAST(ut.n AS DOUBLE) / NULLIF(k.mnkr, 0) END AS varde,
       ut.n AS taljare, CASE WHEN k.n_utfall = m.n THEN k.mnkr END AS namnare
FROM ut JOIN manader m ON m.period = ut.period
LEFT JOIN kost k ON k.period = ut.period"""


_ENDED_COUNT = "count(*) AS varde"
_ENDED_SHARE = (
    "100 * CAST(sum(x.till_arbete) AS DOUBLE) / count(*) AS varde, sum(x.till_arbete) AS taljare, "
    "count(*) AS namnare"
)
_MEAN_DAYS = "CAST(sum(x.dagar) AS DOUBLE) / count(*) AS varde, sum(x.dagar) AS taljare, count(*) AS namnare"
_MEDIAN_DAYS = "CAST(median(x.dagar) AS DOUBLE) AS varde, count(*) AS namnare"

_INSATSER = "insatser"
_FRAN_INSATSER = "Beräknas när periodens sista dag ligger inom insatsdata (senaste datum i insatser)."

DEFINITIONS: list[Indicator] = [
    Indicator(
        id="am_deltagare_snitt",
        name="Deltagare i snitt",
        version=1,
        unit="antal",
        plain="Genomsnittligt antal personer per dag som deltagit i en arbetsmarknadsinsats under perioden.",
        definition="Medelvärde över periodens dagar av antal olika personer med en pågående insats "
        "(start ≤ dagen och slut tomt eller ≥ dagen).",
        figure=count_of("personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("insatstyp", "enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_deltagare_snitt_sql(),
    ),
    Indicator(
        id="am_deltagare_sista_dag",
        name="Inskrivna deltagare, sista dagen",
        version=1,
        unit="antal",
        plain="Personer som deltog i en arbetsmarknadsinsats periodens sista dag.",
        definition="Antal olika personer med en pågående insats periodens sista dag.",
        figure=count_of("personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("insatstyp", "enhet", "arendetyp"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_deltagare_sista_dag_sql(),
    ),
    Indicator(
        id="am_deltagare",
        name="Deltagare under perioden",
        version=1,
        unit="antal",
        plain="Personer som deltagit i en arbetsmarknadsinsats någon gång under perioden.",
        definition="Antal olika personer med en pågående insats någon dag under perioden. Per ärendetyp "
        "och enhet räknas en person en gång i varje grupp där hen haft en insats.",
        figure=count_of("personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("arendetyp", "enhet", "arendetyp×enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_deltagare_sql(),
    ),
    Indicator(
        id="am_deltagartid_medel",
        name="Tid som deltagare, medel (dagar)",
        version=1,
        unit="dagar",
        plain="Genomsnittligt antal dagar som periodens deltagare hittills varit i insats.",
        definition="Per person med en pågående insats någon dag under perioden: antal dagar i de insatser "
        "som pågår under perioden, från insatsens start till dess slut eller periodens sista dag; dagar "
        "då personen har flera insatser samtidigt räknas en gång. Medelvärdet över personerna.",
        figure=ratio_of("ovrigt", "personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("arendetyp", "enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_deltagartid_sql(_MEAN_DAYS),
    ),
    Indicator(
        id="am_deltagartid_median",
        name="Tid som deltagare, median (dagar)",
        version=1,
        unit="dagar",
        plain="Antal dagar i insats för den mittersta av periodens deltagare (medianen).",
        definition="Som Tid som deltagare, medel, men medianen över personerna (vid jämnt antal "
        "medelvärdet av de två mittersta).",
        figure=ratio_of(None, "personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("arendetyp", "enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_deltagartid_sql(_MEDIAN_DAYS),
    ),
    Indicator(
        id="am_nya_deltagare",
        name="Nya deltagare",
        version=1,
        unit="antal",
        plain="Personer som började en arbetsmarknadsinsats under perioden.",
        definition="Antal olika personer med en insats som startar under perioden.",
        figure=count_of("personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("insatstyp", "enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_nya_deltagare_sql(),
    ),
    Indicator(
        id="am_avslutade",
        name="Avslutade insatser",
        version=1,
        unit="antal",
        plain="Arbetsmarknadsinsatser som avslutades under perioden.",
        definition="Antal insatser med slutdatum under perioden.",
        figure=count_of("personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("avslutsorsak", "insatstyp", "enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_ended(("avslutsorsak", "insatstyp", "enhet")) + _kon_grouped(_ENDED_COUNT, ""),
    ),
    Indicator(
        id="am_andel_arbete_studier",
        name="Andel avslutade till arbete eller studier (%)",
        version=1,
        unit="%",
        plain="Andel av periodens avslutade insatser där deltagaren gick vidare till arbete eller studier.",
        definition="Av insatserna med slutdatum under perioden, andelen som avslutats till arbete "
        "(utan eller med stöd) eller studier.",
        figure=ratio_of("personer", "personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("insatstyp", "enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_ended(("insatstyp", "enhet")) + _kon_grouped(_ENDED_SHARE, ""),
    ),
    Indicator(
        id="am_tid_medel",
        name="Tid i insats, medel (dagar)",
        version=1,
        unit="dagar",
        plain="Genomsnittligt antal dagar i insats för de insatser som avslutades under perioden.",
        definition="Medelvärde av slutdatum − startdatum + 1 för insatser som avslutats under perioden.",
        figure=ratio_of("ovrigt", "personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("arendetyp", "insatstyp"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_ended(("arendetyp", "insatstyp")) + _kon_grouped(_MEAN_DAYS, ""),
    ),
    Indicator(
        id="am_tid_median",
        name="Tid i insats, median (dagar)",
        version=1,
        unit="dagar",
        plain="Antal dagar i insats för den mittersta av de insatser som avslutades under perioden (medianen).",
        definition="Median av slutdatum − startdatum + 1 för insatser som avslutats under perioden "
        "(vid jämnt antal medelvärdet av de två mittersta).",
        figure=ratio_of(None, "personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("arendetyp", "insatstyp"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_ended(("arendetyp", "insatstyp")) + _kon_grouped(_MEDIAN_DAYS, ""),
    ),
    Indicator(
        id="am_utbildningsniva",
        name="Deltagare per utbildningsnivå (%)",
        version=1,
        unit="%",
        plain="Hur periodens deltagare i arbetsmarknadsinsatser fördelar sig på utbildningsnivåer.",
        definition="Olika personer med en pågående insats någon dag under perioden, andel per "
        "utbildningsnivå enligt SUN 2020 (okänd redovisas som US). Uppdelat på ärendetyp eller enhet är "
        "andelen räknad inom gruppen. Totalraden är 100 % med antalet personer som täljare och nämnare.",
        figure=ratio_of("personer", "personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("utbildningsniva", "arendetyp×utbildningsniva", "enhet×utbildningsniva"),
        shares_within_group=True,
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_utbildningsniva_sql(),
    ),
    Indicator(
        id="am_belaggningsgrad",
        name="Beläggningsgrad (%)",
        version=1,
        unit="%",
        plain="Hur stor del av enhetens platser som varit använda under perioden.",
        definition="Summan över periodens dagar av antal pågående insatser på enheten (en person med två "
        "insatser där räknas två gånger), delat med platsdagarna (antal platser enligt de platsrader som "
        "gäller dagen, summerat över periodens dagar). Bara dagar då enheten har en giltig platsrad räknas. "
        "Per platstyp räknas varje dag under platstypen i den platsrad som gäller den dagen.",
        figure=ratio_of("ovrigt", "ovrigt"),
        source=_INSATSER,
        grupptyper=("enhet", "platstyp"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_belaggning_sql(),
    ),
    Indicator(
        id="am_kostnad_per_plats",
        name="Kostnad per plats och år (kr)",
        version=1,
        unit="kr",
        plain="Vad en plats på enheten kostar per år.",
        definition="Summa årskostnad delat med summa antal platser, över de platsrader som gäller periodens "
        "sista dag och har en årskostnad.",
        figure=ratio_of("belopp", "ovrigt"),
        source=_INSATSER,
        grupptyper=("platstyp", "enhet"),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_kostnad_per_plats_sql(),
    ),
    Indicator(
        id="am_start_14_dagar_anvisning",
        name="Start inom 14 dagar från anvisning (%)",
        version=1,
        unit="%",
        plain="Andel av insatserna som startade inom två veckor från det att deltagaren anvisades.",
        definition="Insatser som startar under perioden och har ett anvisningsdatum: andelen med "
        "startdatum − anvisningsdatum ≤ 14 dagar.",
        figure=ratio_of("personer", "personer"),
        source=_INSATSER,
        kon=KMT,
        grupptyper=("insatstyp",),
        coverage_text=_FRAN_INSATSER,
        area="am",
        sql=_start_14_dagar_sql(),
    ),
    Indicator(
        id="am_utslussade_per_mnkr",
        name="Utslussade till arbete/studier per mnkr",
        version=1,
        unit="antal per mnkr",
        plain="Deltagare som gått vidare till arbete eller studier per miljon kronor som arbetsmarknadsinsatserna kostat.",
        definition="Insatser avslutade under perioden till arbete eller studier, delat med utfallet under "
        "perioden (miljoner kronor) för ekonomiverksamheten för arbetsmarknadsåtgärder. Ej beräknad när "
        "någon månad i perioden saknar utfall.",
        figure=ratio_of("personer", "belopp"),
        source=_INSATSER,
        coverage_text=_FRAN_INSATSER,
        area="am",
        # the workspace's activity for labour-market measures (verksamhet_arbetsmarknad in uppfolj.yaml)
        sql=_utslussade_sql("{VERKSAMHET_AM}"),
    ),
]
