"""Ekonomi: the `ek_*` indicators of indikatorer.md, per verksamhet and in total.

Budget and utfall are summed over the months of P; the total row sums every verksamhet. `ek_utfall` (and
what builds on it) is computed only when every month of P that has ekonomi rows carries utfall for every
such row (utfall is blank for future months: a year-to-date follow-up asks for the months up to now).

`ek_prognos_helar` is the recorded prognos_helar of the last month of P; where none is recorded, the
system's own documented forecast (`uppfolj.forecast.full_year_forecast`, docs/prognos.md) fills in through
the definition's `fallback` (Python over the store, so both engines give the same figure). The total is the
sum over the activities once every activity has a value.
"""

from __future__ import annotations

from typing import Any

from uppfolj.indicators.model import Indicator, count_of, ratio_of
from uppfolj.indicators.periods import Period
from uppfolj.workspace import Config


def _system_forecast(con: Any, config: Config, period: Period, verksamhet: str) -> float | None:
    """The system's own full-year forecast made at the last month of P (NaN when it cannot be made)."""
    from uppfolj.forecast import full_year_forecast

    return full_year_forecast(con, verksamhet, period.last_month, config)


#: ekonomi rows of P's months, and per period and verksamhet the sums and whether utfall is complete
_SUMS = """
WITH e AS (
    SELECT pm.period, e.verksamhet, e.budget, e.utfall
    FROM _periodmanader pm
    JOIN ekonomi e ON year(e.manad) * 12 + month(e.manad) - 1 = pm.mi
), g AS (
    SELECT period, '' AS grupptyp, '' AS grupp, budget, utfall FROM e
    UNION ALL
    SELECT period, 'verksamhet' AS grupptyp, verksamhet AS grupp, budget, utfall FROM e
), s AS (
    SELECT period, grupptyp, grupp, CAST(sum(budget) AS DOUBLE) AS budget,
           CASE WHEN count(utfall) = count(*) THEN CAST(sum(utfall) AS DOUBLE) END AS utfall
    FROM g GROUP BY period, grupptyp, grupp
)"""

_UTFALL_TEXT = "Ej beräknad när någon månad i perioden saknar utfall (framtida månader)."

DEFINITIONS: list[Indicator] = [
    Indicator(
        id="ek_budget",
        name="Budget (kr)",
        version=1,
        unit="kr",
        plain="Budgeterade kostnader för perioden.",
        definition="Summa budget under perioden.",
        figure=count_of("belopp"),
        source="ekonomi",
        grupptyper=("verksamhet",),
        area="ek",
        sql=_SUMS + "\nSELECT period, 'T' AS kon, grupptyp, grupp, budget AS varde FROM s",
    ),
    Indicator(
        id="ek_utfall",
        name="Utfall (kr)",
        version=1,
        unit="kr",
        plain="Bokförda kostnader för perioden.",
        definition="Summa utfall under perioden. " + _UTFALL_TEXT,
        figure=count_of("belopp"),
        source="ekonomi",
        grupptyper=("verksamhet",),
        area="ek",
        sql=_SUMS + "\nSELECT period, 'T' AS kon, grupptyp, grupp, utfall AS varde FROM s",
    ),
    Indicator(
        id="ek_avvikelse",
        name="Budgetavvikelse (kr)",
        version=1,
        unit="kr",
        plain="Budget minus utfall: ett positivt tal betyder lägre kostnader än budgeterat.",
        definition="Budget − utfall under perioden (positiv = under budget). " + _UTFALL_TEXT,
        figure=count_of("belopp"),
        source="ekonomi",
        grupptyper=("verksamhet",),
        area="ek",
        sql=_SUMS + "\nSELECT period, 'T' AS kon, grupptyp, grupp, budget - utfall AS varde FROM s",
    ),
    Indicator(
        id="ek_avvikelse_procent",
        name="Budgetavvikelse (%)",
        version=1,
        unit="%",
        plain="Budgetavvikelsen i procent av budgeten.",
        definition="Budgetavvikelsen delat med budgeten under perioden. " + _UTFALL_TEXT,
        figure=ratio_of("belopp", "belopp"),
        source="ekonomi",
        grupptyper=("verksamhet",),
        area="ek",
        sql=_SUMS
        + """
SELECT period, 'T' AS kon, grupptyp, grupp, 100 * (budget - utfall) / NULLIF(budget, 0) AS varde,
       budget - utfall AS taljare, budget AS namnare
FROM s""",
    ),
    Indicator(
        id="ek_prognos_helar",
        name="Prognos helår (kr)",
        version=2,
        unit="kr",
        plain="Beräknade kostnader för hela året enligt månadens prognos.",
        definition="För året som periodens sista månad tillhör: den helårsprognos (prognos_helar) som "
        "registrerats för den månaden; saknas den, uppfoljs egen dokumenterade prognos (hushåll med "
        "utbetalning × kostnad per hushåll, med nivå och säsong, se docs/prognos.md) gjord samma månad. "
        "Totalen är summan över verksamheterna.",
        fallback=_system_forecast,
        figure=count_of("belopp"),
        source="ekonomi",
        grupptyper=("verksamhet",),
        coverage=("L <= E",),
        coverage_text="Beräknas när periodens sista månad finns i ekonomidata.",
        area="ek",
        sql="""
WITH e AS (
    SELECT p.period, e.verksamhet, e.prognos_helar
    FROM _perioder p
    JOIN ekonomi e ON year(e.manad) * 12 + month(e.manad) - 1 = p.last_mi
)
SELECT period, 'T' AS kon, '' AS grupptyp, '' AS grupp,
       CASE WHEN count(prognos_helar) = count(*) THEN CAST(sum(prognos_helar) AS DOUBLE) END AS varde
FROM e GROUP BY period
UNION ALL
SELECT period, 'T' AS kon, 'verksamhet' AS grupptyp, verksamhet AS grupp,
       CAST(sum(prognos_helar) AS DOUBLE) AS varde
FROM e GROUP BY period, verksamhet""",
    ),
]
