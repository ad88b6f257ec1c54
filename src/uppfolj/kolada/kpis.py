"""The committee's default Kolada KPIs, resolved by title through Kolada's metadata.

KPI ids are not trusted as hard-coded: each default is a search text plus words the title must contain, and
is resolved against the metadata of the server in use (a mirror may differ from the real Kolada).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from uppfolj.kolada.client import KoladaClient
from uppfolj.text import strip_diacritics


@dataclass(frozen=True)
class DefaultKpi:
    key: str
    label: str
    search: str
    #: all of these (lowercase, without diacritics) must occur in the title
    must: tuple[str, ...]
    #: none of these may occur in the title
    must_not: tuple[str, ...] = ()
    #: the uppfolj indicator that measures the same thing for the own municipality, if any
    indicator: str | None = None


DEFAULT_KPIS: tuple[DefaultKpi, ...] = (
    DefaultKpi(
        "kostnad_eb",
        "Kostnad för ekonomiskt bistånd per invånare",
        "ekonomiskt bistånd",
        ("ekonomiskt bistand", "kr/inv"),
        ("langvarig", "andel"),
    ),
    DefaultKpi(
        "kostnad_am",
        "Kostnad för arbetsmarknadsåtgärder per invånare",
        "arbetsmarknadsåtgärder",
        ("arbetsmarknadsatgarder", "kr/inv"),
    ),
    DefaultKpi(
        "andel_eb",
        "Invånare med ekonomiskt bistånd, andel",
        "ekonomiskt bistånd",
        ("ekonomiskt bistand", "andel"),
        ("langvarig", "unga", "barn", "utrikes", "kr/"),
        indicator="eb_andel_befolkning",
    ),
    DefaultKpi(
        "langvarigt_eb",
        "Invånare med långvarigt ekonomiskt bistånd, andel",
        "långvarigt ekonomiskt bistånd",
        ("langvarig", "ekonomiskt bistand"),
        ("unga", "barn", "utrikes"),
    ),
    DefaultKpi(
        "am_resultat",
        "Deltagare i kommunala arbetsmarknadsinsatser som gått till arbete eller studier",
        "arbetsmarknadsinsats",
        ("arbetsmarknads", "arbete eller studier"),
    ),
)


def _norm(text: str) -> str:
    return strip_diacritics(text).lower()


def matches(kpi: DefaultKpi, title: str) -> bool:
    t = _norm(title)
    return all(w in t for w in kpi.must) and not any(w in t for w in kpi.must_not)


def choose(kpi: DefaultKpi, candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Among metadata records, the municipal KPI whose title fits; the shortest title wins, then the id."""
    fitting = [
        c
        for c in candidates
        if matches(kpi, str(c.get("title", "")))
        and str(c.get("municipality_type", "K")).upper() in ("K", "A", "")
    ]
    if not fitting:
        return None
    return sorted(fitting, key=lambda c: (len(str(c.get("title", ""))), str(c.get("id", ""))))[0]


def resolve_defaults(client: KoladaClient) -> dict[str, dict[str, Any] | None]:
    """key → the KPI metadata record chosen for it (None when the server has no fitting KPI)."""
    out: dict[str, dict[str, Any] | None] = {}
    for kpi in DEFAULT_KPIS:
        out[kpi.key] = choose(kpi, client.kpis(title=kpi.search))
    return out
