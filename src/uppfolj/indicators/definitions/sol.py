"""Ej verkställda beslut (SoL): the `sol_ej_verkstallda` indicator of indikatorer.md.

The rule itself lives in `uppfolj.indicators.sol` (one place: the quarterly report's list of decisions and
this count are the same query); here it is counted per period's last day, by sex, insatstyp, typ and tid.
"""

from __future__ import annotations

from uppfolj.indicators.model import Indicator, count_of
from uppfolj.indicators.sol import ej_verkstallda_sql

_LIST = ej_verkstallda_sql("p.last_day", has_personer=True, day_source="_perioder p", day_columns="p.period")

_SQL = f"""
WITH x AS (
    SELECT period, coalesce(kon, '?') AS kon_person, insatstyp, typ, tid FROM ({_LIST}) l
), g AS (
    SELECT period, kon_person, '' AS grupptyp, '' AS grupp FROM x
    UNION ALL
    SELECT period, kon_person, 'insatstyp' AS grupptyp, insatstyp AS grupp FROM x
    UNION ALL
    SELECT period, kon_person, 'typ' AS grupptyp, typ AS grupp FROM x
    UNION ALL
    SELECT period, kon_person, 'tid' AS grupptyp, tid AS grupp FROM x
)
SELECT g.period, kv.kon, g.grupptyp, g.grupp, count(*) AS varde
FROM g JOIN _konval kv ON kv.kon_person = g.kon_person
GROUP BY g.period, kv.kon, g.grupptyp, g.grupp"""

DEFINITIONS: list[Indicator] = [
    Indicator(
        id="sol_ej_verkstallda",
        name="Ej verkställda beslut",
        version=1,
        unit="antal",
        plain="Beslut om bistånd enligt socialtjänstlagen som inte verkställts inom tre månader från beslutet eller från ett avbrott.",
        definition="Gynnande beslut som den sista dagen D i perioden inte är avslutade (avslutsdatum tomt "
        "eller efter D) och antingen (a) inte verkställda senast D (verkställighetsdatum tomt eller efter D) "
        "med beslutsdatum senast D − 3 månader, eller (b) avbrutna med avbrottsdatum senast D − 3 månader "
        "och inte återupptagna senast D. Ett avböjt erbjudande avslutar inte rapporteringsskyldigheten. "
        "Uppdelat på insatstyp, typ (ej_verkstallt/avbrott) och tid i hela kalendermånader sedan beslutet "
        "eller avbrottet (3-6, 7-9, 10-12, 13-17, 18+).",
        figure=count_of("personer"),
        source="sol_beslut",
        kon=("K", "M", "T"),
        grupptyper=("insatstyp", "typ", "tid"),
        coverage=("L <= E",),
        coverage_text="Beräknas när periodens sista dag ligger inom beslutsdata (senaste datum i sol_beslut).",
        area="sol",
        sql=_SQL,
    )
]
