"""Where an indicator's figures come from: its catalogue name, definition version, unit and stored table.

Outputs name this under every table (`Källa: …`); keeping it beside the catalogue means the reports and
the web never look into a definition themselves. An id the catalogue does not know (a manual value in the
goal follow-up) has its id as name and no version or unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from uppfolj.schema import table_for_indicator


@dataclass(frozen=True)
class Provenance:
    indicator: str
    name: str
    version: str
    unit: str
    #: the stored table whose data end the figures follow ('' for an unknown id prefix)
    table: str
    #: what it counts in plain Swedish ('' when the definition has none)
    plain: str = ""
    #: the definition's data source (a key of indicators.helpers.SOURCES)
    source: str = ""


def provenance(indicator: str) -> Provenance:
    from uppfolj.indicators.catalogue import CATALOGUE

    definition = CATALOGUE.get(indicator)
    table = table_for_indicator(indicator) or ""
    if definition is None:
        return Provenance(indicator, indicator, "", "", table)
    return Provenance(
        indicator,
        definition.name,
        str(definition.version),
        definition.unit,
        table,
        definition.plain,
        definition.source,
    )
