"""Ekonomiskt bistånd: the `eb_*` indicators of indikatorer.md.

Each query returns `period, kon, [grupptyp, grupp,] varde [, taljare, namnare]` for the periods in
`_perioder` (only the covered ones are there). Divisions cast to DOUBLE first and divide by
`NULLIF(x, 0)`, so DuckDB and Spark agree.
"""

from __future__ import annotations

from uppfolj.indicators.model import Indicator, count_of, ratio_of

KMT = ("K", "M", "T")

_MONTHS_IN_P = """
FROM _perioder p
JOIN _periodmanader pm ON pm.period = p.period
JOIN _bm b ON b.mi = pm.mi"""

#: adults' payment months inside each period (period, person_id, mi; a person in two households the same
#: month twice): read only the period's months of bistand_manad, not the whole history as `_pm` does
_ADULTS_IN_P = """adults AS (
    SELECT pm.period, b.sokande_id AS person_id, b.mi
    FROM _periodmanader pm JOIN _bm b ON b.mi = pm.mi
    UNION ALL
    SELECT pm.period, b.medsokande_id AS person_id, b.mi
    FROM _periodmanader pm JOIN _bm b ON b.mi = pm.mi
    WHERE b.medsokande_id IS NOT NULL
)"""

DEFINITIONS: list[Indicator] = [
    Indicator(
        id="eb_hushall",
        name="Biståndshushåll",
        version=1,
        unit="antal",
        plain="Hushåll som fått ekonomiskt bistånd utbetalt minst en månad under perioden.",
        definition="Antal hushåll med minst en utbetalningsmånad under perioden.",
        figure=count_of("hushall"),
        sql=f"""
SELECT p.period, 'T' AS kon, count(DISTINCT b.hushall_id) AS varde
{_MONTHS_IN_P}
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_hushall_manad",
        name="Utbetalningshushåll, sista månaden",
        version=1,
        unit="antal",
        plain="Hushåll som fått ekonomiskt bistånd utbetalt periodens sista månad.",
        definition="Antal hushåll med utbetalning den sista månaden i perioden.",
        figure=count_of("hushall"),
        sql="""
SELECT p.period, 'T' AS kon, count(*) AS varde
FROM _perioder p JOIN _bm b ON b.mi = p.last_mi
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_hushall_snitt",
        name="Hushåll i snitt per månad",
        version=1,
        unit="antal",
        plain="Genomsnittligt antal hushåll per månad som fått ekonomiskt bistånd utbetalt under perioden.",
        definition="Antal hushållsmånader med utbetalning under perioden delat med antal månader i perioden.",
        figure=count_of("hushall"),
        sql=f"""
SELECT p.period, 'T' AS kon, CAST(count(*) AS DOUBLE) / p.n_months AS varde,
       count(*) AS taljare, p.n_months AS namnare
{_MONTHS_IN_P}
GROUP BY p.period, p.n_months""",
    ),
    Indicator(
        id="eb_utbetalt",
        name="Utbetalt ekonomiskt bistånd (kr)",
        version=1,
        unit="kr",
        plain="Hela det belopp i ekonomiskt bistånd som betalats ut under perioden.",
        definition="Summa utbetalt belopp under perioden.",
        figure=count_of("belopp"),
        sql=f"""
SELECT p.period, 'T' AS kon, CAST(sum(b.belopp) AS DOUBLE) AS varde
{_MONTHS_IN_P}
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_belopp_per_hushall",
        name="Utbetalt per hushåll och månad (kr)",
        version=1,
        unit="kr",
        plain="Genomsnittligt belopp som ett hushåll fått utbetalt en månad med bistånd.",
        definition="Utbetalt ekonomiskt bistånd under perioden delat med antal hushållsmånader med "
        "utbetalning under perioden.",
        figure=ratio_of("belopp", "ovrigt"),
        sql=f"""
SELECT p.period, 'T' AS kon, CAST(sum(b.belopp) AS DOUBLE) / count(*) AS varde,
       CAST(sum(b.belopp) AS DOUBLE) AS taljare, count(*) AS namnare
{_MONTHS_IN_P}
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_vuxna",
        name="Vuxna biståndsmottagare",
        version=1,
        unit="antal",
        plain="Vuxna (sökande och medsökande) i hushåll som fått ekonomiskt bistånd utbetalt under perioden.",
        definition="Antal olika vuxna biståndsmottagare (sökande eller medsökande) med minst en "
        "utbetalningsmånad under perioden.",
        figure=count_of("personer"),
        kon=KMT,
        sql=f"""
WITH {_ADULTS_IN_P}, x AS (
    SELECT DISTINCT period, person_id FROM adults
)
SELECT x.period, kv.kon, count(*) AS varde
FROM x LEFT JOIN _person_kon k ON k.person_id = x.person_id
JOIN _konval kv ON kv.kon_person = coalesce(k.kon, '?')
GROUP BY x.period, kv.kon""",
    ),
    Indicator(
        id="eb_barn_manad",
        name="Barn i hushåll med bistånd, sista månaden",
        version=1,
        unit="antal",
        plain="Barn som bor i hushåll som fått ekonomiskt bistånd utbetalt periodens sista månad.",
        definition="Summa antal barn i hushåll med utbetalning den sista månaden i perioden.",
        figure=count_of("personer"),
        sql="""
SELECT p.period, 'T' AS kon, sum(b.antal_barn) AS varde
FROM _perioder p JOIN _bm b ON b.mi = p.last_mi
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_langvarigt_andel",
        name="Andel vuxna med långvarigt bistånd (%)",
        version=1,
        unit="%",
        plain="Andel av årets vuxna biståndsmottagare som fått bistånd minst tio månader under året.",
        definition="Endast kalenderår: vuxna biståndsmottagare under året med minst 10 utbetalningsmånader "
        "under året, delat med alla vuxna biståndsmottagare under året (Socialstyrelsen: 10–12 månader).",
        figure=ratio_of("personer", "personer"),
        kon=KMT,
        period_kinds=("ar",),
        sql=f"""
WITH {_ADULTS_IN_P}, x AS (
    SELECT period, person_id, count(DISTINCT mi) AS n FROM adults GROUP BY period, person_id
)
SELECT x.period, kv.kon,
       100 * CAST(sum(CASE WHEN x.n >= 10 THEN 1 ELSE 0 END) AS DOUBLE) / count(*) AS varde,
       sum(CASE WHEN x.n >= 10 THEN 1 ELSE 0 END) AS taljare, count(*) AS namnare
FROM x LEFT JOIN _person_kon k ON k.person_id = x.person_id
JOIN _konval kv ON kv.kon_person = coalesce(k.kon, '?')
GROUP BY x.period, kv.kon""",
    ),
    Indicator(
        id="eb_langvariga_hushall",
        name="Hushåll med långvarigt bistånd",
        version=1,
        unit="antal",
        plain="Hushåll som fått ekonomiskt bistånd minst tio månader under året.",
        definition="Endast kalenderår: antal hushåll med minst 10 utbetalningsmånader under året.",
        figure=count_of("hushall"),
        period_kinds=("ar",),
        sql=f"""
WITH x AS (
    SELECT p.period, b.hushall_id, count(*) AS n
    {_MONTHS_IN_P}
    GROUP BY p.period, b.hushall_id
)
SELECT p.period, 'T' AS kon, count(x.hushall_id) AS varde
FROM _perioder p LEFT JOIN x ON x.period = p.period AND x.n >= 10
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_hushall_over_24_man",
        name="Hushåll med bistånd > 2 år",
        version=1,
        unit="antal",
        plain="Hushåll som periodens sista månad haft ekonomiskt bistånd i mer än två år i följd.",
        definition="Antal hushåll med utbetalning den sista månaden L i perioden vars pågående "
        "biståndsperiod började senast 24 månader före L (minst 25 månader räknat inklusive).",
        figure=count_of("hushall"),
        coverage=("L >= S + 24 + G + 1", "L <= E"),
        coverage_text="Beräknas först när sista månaden ligger minst 24 + G + 1 månader efter datastart "
        "(vänstercensurering).",
        sql="""
SELECT p.period, 'T' AS kon, count(*) AS varde
FROM _perioder p
JOIN _bm b ON b.mi = p.last_mi
JOIN _hh_spells s ON s.hushall_id = b.hushall_id AND p.last_mi BETWEEN s.spell_start AND s.spell_end
WHERE s.spell_start <= p.last_mi - 24
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_barn_over_24_man",
        name="Barn i hushåll med bistånd > 2 år",
        version=1,
        unit="antal",
        plain="Barn i de hushåll som periodens sista månad haft ekonomiskt bistånd i mer än två år i följd.",
        definition="Summa antal barn den sista månaden i perioden i hushållen i eb_hushall_over_24_man.",
        figure=count_of("personer"),
        coverage=("L >= S + 24 + G + 1", "L <= E"),
        coverage_text="Som eb_hushall_over_24_man.",
        sql="""
SELECT p.period, 'T' AS kon, sum(b.antal_barn) AS varde
FROM _perioder p
JOIN _bm b ON b.mi = p.last_mi
JOIN _hh_spells s ON s.hushall_id = b.hushall_id AND p.last_mi BETWEEN s.spell_start AND s.spell_end
WHERE s.spell_start <= p.last_mi - 24
GROUP BY p.period""",
    ),
    Indicator(
        id="eb_andel_befolkning",
        name="Andel av befolkningen med bistånd (%)",
        version=1,
        unit="%",
        plain="Andel av kommunens invånare som bor i ett hushåll som fått ekonomiskt bistånd under det senaste året.",
        definition="Personer i hushåll med utbetalning under de 12 månader som slutar med periodens sista "
        "månad (olika vuxna + för varje hushåll det största antalet barn de månaderna), delat med "
        "befolkningen (T) det året.",
        figure=ratio_of("personer", "ovrigt"),
        coverage=("L - 11 >= S", "L <= E"),
        coverage_text="Kräver data för de 12 månader som slutar med periodens sista månad.",
        sql="""
WITH window_months AS (
    SELECT p.period, b.sokande_id, b.medsokande_id
    FROM _perioder p JOIN _bm b ON b.mi BETWEEN p.last_mi - 11 AND p.last_mi
), adults AS (
    SELECT period, count(DISTINCT person_id) AS n FROM (
        SELECT period, sokande_id AS person_id FROM window_months
        UNION ALL
        SELECT period, medsokande_id AS person_id FROM window_months WHERE medsokande_id IS NOT NULL
    ) a
    GROUP BY period
), hh AS (
    SELECT p.period, b.hushall_id, max(b.antal_barn) AS barn
    FROM _perioder p JOIN _bm b ON b.mi BETWEEN p.last_mi - 11 AND p.last_mi
    GROUP BY p.period, b.hushall_id
), children AS (
    SELECT period, sum(barn) AS n FROM hh GROUP BY period
), pop AS (
    SELECT ar, max(antal) AS antal FROM befolkning WHERE kon = 'T' GROUP BY ar
)
SELECT p.period, 'T' AS kon,
       100 * CAST(coalesce(a.n, 0) + coalesce(c.n, 0) AS DOUBLE) / NULLIF(pop.antal, 0) AS varde,
       coalesce(a.n, 0) + coalesce(c.n, 0) AS taljare, pop.antal AS namnare
FROM _perioder p
LEFT JOIN adults a ON a.period = p.period
LEFT JOIN children c ON c.period = p.period
LEFT JOIN pop ON pop.ar = p.year""",
    ),
    Indicator(
        id="eb_avslutade_hushall",
        name="Avslutade hushåll",
        version=1,
        unit="antal",
        plain="Hushåll som slutat få ekonomiskt bistånd under perioden.",
        definition="Hushållens biståndsperioder som slutar en månad i perioden (kända som avslutade: "
        "dataslut minst G + 1 månader efter sista utbetalningen). Fördelas på avslutsorsak från "
        "eb_avslut (matchad på hushåll och sista månad; saknas = okand).",
        figure=count_of("hushall"),
        grupptyper=("avslutsorsak",),
        coverage=("F >= S", "L + G + 1 <= E"),
        coverage_text="Kräver data minst G + 1 månader efter periodens sista månad.",
        sql="""
WITH ends AS (
    SELECT pm.period, s.hushall_id, s.spell_end
    FROM _periodmanader pm JOIN _hh_spells s ON s.spell_end = pm.mi
), why AS (
    SELECT e.period, coalesce(max(a.avslutsorsak), 'okand') AS orsak
    FROM ends e
    LEFT JOIN eb_avslut a
        ON a.hushall_id = e.hushall_id AND year(a.manad) * 12 + month(a.manad) - 1 = e.spell_end
    GROUP BY e.period, e.hushall_id, e.spell_end
)
SELECT p.period, 'T' AS kon, '' AS grupptyp, '' AS grupp, count(w.orsak) AS varde
FROM _perioder p LEFT JOIN why w ON w.period = p.period
GROUP BY p.period
UNION ALL
SELECT period, 'T' AS kon, 'avslutsorsak' AS grupptyp, orsak AS grupp, count(*) AS varde
FROM why GROUP BY period, orsak""",
    ),
    Indicator(
        id="eb_ej_aterakt_andel",
        name="Andel ej återaktualiserade efter ett år (%)",
        version=1,
        unit="%",
        plain="Andel av dem som lämnade ekonomiskt bistånd under första halvåret förra året som inte fått bistånd igen inom ett år.",
        definition="Endast år; perioden är uppföljningsåret Y. Kohort: vuxna biståndsmottagare vars "
        "biståndsperiod slutade januari–juni år Y−1 (en gång per person, den senaste sådana perioden). "
        "Lyckat: ingen utbetalningsmånad för personen, i något hushåll, under de 12 månaderna efter "
        "sista månaden.",
        figure=ratio_of("personer", "personer"),
        kon=KMT,
        period_kinds=("ar",),
        coverage=("F - 12 >= S", "F + 5 <= E"),
        coverage_text="Kräver data från januari år Y−1 till och med juni år Y (hela uppföljningen).",
        sql="""
WITH ended AS (
    SELECT p.period, s.person_id, max(s.spell_end) AS spell_end
    FROM _perioder p
    JOIN _p_spells s ON s.spell_end BETWEEN p.first_mi - 12 AND p.first_mi - 7
    GROUP BY p.period, s.person_id
), back AS (
    SELECT DISTINCT e.period, e.person_id
    FROM ended e JOIN _pm m ON m.person_id = e.person_id
        AND m.mi BETWEEN e.spell_end + 1 AND e.spell_end + 12
), cohort AS (
    SELECT e.period, coalesce(k.kon, '?') AS kon, CASE WHEN b.person_id IS NULL THEN 1 ELSE 0 END AS ok
    FROM ended e LEFT JOIN back b ON b.period = e.period AND b.person_id = e.person_id
    LEFT JOIN _person_kon k ON k.person_id = e.person_id
)
SELECT c.period, kv.kon, 100 * CAST(sum(c.ok) AS DOUBLE) / count(*) AS varde,
       sum(c.ok) AS taljare, count(*) AS namnare
FROM cohort c JOIN _konval kv ON kv.kon_person = c.kon
GROUP BY c.period, kv.kon""",
    ),
    Indicator(
        id="eb_spelltid_median",
        name="Mediantid i bistånd (månader)",
        version=1,
        unit="månader",
        plain="Hur länge ett typiskt hushåll med bistånd har haft bistånd i följd (medianen, i månader).",
        definition="Median, över hushåll med utbetalning den sista månaden i perioden, av antal månader "
        "från den pågående biståndsperiodens start till periodens sista månad, båda inräknade.",
        figure=ratio_of(None, "hushall"),
        coverage_text="Beräknas bara när varje hushåll vars period började inom de första G + 1 "
        "månaderna av data har en observerad längd minst lika lång som medianen.",
        sql="""
WITH x AS (
    SELECT p.period, s.spell_start, p.last_mi - s.spell_start + 1 AS len
    FROM _perioder p
    JOIN _bm b ON b.mi = p.last_mi
    JOIN _hh_spells s ON s.hushall_id = b.hushall_id AND p.last_mi BETWEEN s.spell_start AND s.spell_end
), m AS (
    SELECT period, median(len) AS med, count(*) AS n FROM x GROUP BY period
), censored AS (
    SELECT x.period, count(*) AS n
    FROM x JOIN m ON m.period = x.period
    WHERE x.spell_start <= {S} + {G} AND x.len < m.med
    GROUP BY x.period
)
SELECT m.period, 'T' AS kon,
       CASE WHEN c.n IS NULL THEN CAST(m.med AS DOUBLE) END AS varde, m.n AS namnare
FROM m LEFT JOIN censored c ON c.period = m.period""",
    ),
    Indicator(
        id="eb_vantetid_medel",
        name="Väntetid ansökan–beslut, medel (dagar)",
        version=1,
        unit="dagar",
        plain="Genomsnittligt antal dagar från det att en ny ansökan kom in till beslut.",
        definition="Medelvärde av beslutsdatum − inkomstdatum för ansökningar med nybesök = ja och "
        "beslutsdatum i perioden, oavsett beslut utom avskriven.",
        figure=ratio_of("ovrigt", "hushall"),
        sql="""
WITH a AS (
    SELECT year(beslut_datum) * 12 + month(beslut_datum) - 1 AS mi,
           date_diff('day', inkom_datum, beslut_datum) AS dagar
    FROM ansokningar
    WHERE nybesok = 'ja' AND beslut_datum IS NOT NULL AND beslut <> 'avskriven'
)
SELECT pm.period, 'T' AS kon, CAST(sum(a.dagar) AS DOUBLE) / count(*) AS varde,
       sum(a.dagar) AS taljare, count(*) AS namnare
FROM _periodmanader pm JOIN a ON a.mi = pm.mi
GROUP BY pm.period""",
    ),
    Indicator(
        id="eb_vantetid_median",
        name="Väntetid ansökan–beslut, median (dagar)",
        version=1,
        unit="dagar",
        plain="Antal dagar från det att en ny ansökan kom in till beslut för den mittersta ansökan (medianen).",
        definition="Median av beslutsdatum − inkomstdatum för samma ansökningar som eb_vantetid_medel.",
        figure=ratio_of(None, "hushall"),
        sql="""
WITH a AS (
    SELECT year(beslut_datum) * 12 + month(beslut_datum) - 1 AS mi,
           date_diff('day', inkom_datum, beslut_datum) AS dagar
    FROM ansokningar
    WHERE nybesok = 'ja' AND beslut_datum IS NOT NULL AND beslut <> 'avskriven'
)
SELECT pm.period, 'T' AS kon, CAST(median(a.dagar) AS DOUBLE) AS varde, count(*) AS namnare
FROM _periodmanader pm JOIN a ON a.mi = pm.mi
GROUP BY pm.period""",
    ),
    Indicator(
        id="eb_andel_e_ansokan",
        name="Andel e-ansökningar (%)",
        version=1,
        unit="%",
        plain="Andel av periodens ansökningar om ekonomiskt bistånd som kom in via e-tjänsten.",
        definition="Ansökningar som inkommit under perioden via e-tjänst delat med alla ansökningar som "
        "inkommit under perioden.",
        figure=ratio_of("hushall", "hushall"),
        sql="""
WITH a AS (
    SELECT year(inkom_datum) * 12 + month(inkom_datum) - 1 AS mi,
           CASE WHEN kanal = 'e_tjanst' THEN 1 ELSE 0 END AS e
    FROM ansokningar
)
SELECT pm.period, 'T' AS kon, 100 * CAST(sum(a.e) AS DOUBLE) / count(*) AS varde,
       sum(a.e) AS taljare, count(*) AS namnare
FROM _periodmanader pm JOIN a ON a.mi = pm.mi
GROUP BY pm.period""",
    ),
    Indicator(
        id="eb_aktivitet_14_dagar",
        name="Aktivitet inom två veckor (%)",
        version=1,
        unit="%",
        plain="Andel av dem som började få ekonomiskt bistånd under perioden som fått en aktivitet inom två veckor.",
        definition="Kohort: vuxna biståndsmottagare vars biståndsperiod börjar en månad i perioden (bara "
        "perioder som börjar efter datastart + G; en gång per person, den första). Referensdatum: tidigaste "
        "beslutsdatum med bifall/delvis bifall bland hushållets ansökningar beslutade periodens första "
        "månad eller månaden före, annars första dagen i första månaden. Lyckat: en insats med startdatum "
        "från referensdatum till och med referensdatum + 14 dagar.",
        figure=ratio_of("personer", "personer"),
        kon=KMT,
        coverage=("F >= S", "L + 1 <= E"),
        coverage_text="Kräver en månad data efter perioden (14 dagar efter sista dagen).",
        sql="""
WITH starts AS (
    SELECT pm.period, s.person_id, coalesce(max(k.kon), '?') AS kon, min(s.spell_start) AS spell_start
    FROM _periodmanader pm
    JOIN _p_spells s ON s.spell_start = pm.mi AND s.spell_start > {S} + {G}
    LEFT JOIN _person_kon k ON k.person_id = s.person_id
    GROUP BY pm.period, s.person_id
), households AS (
    SELECT DISTINCT st.period, st.person_id, b.hushall_id
    FROM starts st JOIN _bm b ON b.mi = st.spell_start
        AND (b.sokande_id = st.person_id OR b.medsokande_id = st.person_id)
), decided AS (
    SELECT h.period, h.person_id, min(a.beslut_datum) AS beslut_datum
    FROM households h
    JOIN starts st ON st.period = h.period AND st.person_id = h.person_id
    JOIN ansokningar a ON a.hushall_id = h.hushall_id AND a.beslut IN ('bifall', 'delvis_bifall')
        AND year(a.beslut_datum) * 12 + month(a.beslut_datum) - 1
            BETWEEN st.spell_start - 1 AND st.spell_start
    GROUP BY h.period, h.person_id
), ref AS (
    SELECT st.period, st.person_id, st.kon,
           coalesce(d.beslut_datum,
                    make_date(CAST(floor(st.spell_start / 12) AS INTEGER), st.spell_start % 12 + 1, 1))
               AS ref_datum
    FROM starts st LEFT JOIN decided d ON d.period = st.period AND d.person_id = st.person_id
), hit AS (
    SELECT DISTINCT r.period, r.person_id
    FROM ref r JOIN insatser i ON i.person_id = r.person_id
        AND i.start_datum >= r.ref_datum AND date_diff('day', r.ref_datum, i.start_datum) <= 14
), cohort AS (
    SELECT r.period, r.kon, CASE WHEN h.person_id IS NULL THEN 0 ELSE 1 END AS ok
    FROM ref r LEFT JOIN hit h ON h.period = r.period AND h.person_id = r.person_id
)
SELECT c.period, kv.kon, 100 * CAST(sum(c.ok) AS DOUBLE) / count(*) AS varde,
       sum(c.ok) AS taljare, count(*) AS namnare
FROM cohort c JOIN _konval kv ON kv.kon_person = c.kon
GROUP BY c.period, kv.kon""",
    ),
]
