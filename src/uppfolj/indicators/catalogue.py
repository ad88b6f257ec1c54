"""The catalogue: every indicator definition, in a stable order, keyed by id.

Definitions live in `uppfolj.indicators.definitions.<section>` modules, each with
`DEFINITIONS: list[Indicator]`. Adding an indicator is one entry there plus its test; nothing here changes.
"""

from __future__ import annotations

import importlib
import pkgutil

from uppfolj.errors import UppfoljError
from uppfolj.indicators import definitions
from uppfolj.indicators.model import Indicator

#: catalogue sections in display order (docs/indikatorer.md's order); unknown sections come after, by name
SECTION_ORDER = ("eb", "am", "sol", "ek")
SECTION_NAMES = {
    "eb": "Ekonomiskt bistånd",
    "am": "Arbetsmarknadsinsatser",
    "sol": "Ej verkställda beslut (SoL)",
    "ek": "Ekonomi",
}


def _load() -> dict[str, Indicator]:
    modules = sorted(
        (m.name for m in pkgutil.iter_modules(definitions.__path__)),
        key=lambda n: (SECTION_ORDER.index(n) if n in SECTION_ORDER else len(SECTION_ORDER), n),
    )
    out: dict[str, Indicator] = {}
    for name in modules:
        module = importlib.import_module(f"{definitions.__name__}.{name}")
        for ind in getattr(module, "DEFINITIONS", []):
            if ind.id in out:
                raise ValueError(f"indicator {ind.id} defined twice")
            out[ind.id] = ind
    return out


CATALOGUE: dict[str, Indicator] = _load()


def resolve(ids: list[str] | None) -> list[Indicator]:
    """The definitions for these ids in catalogue order (all when None), or a Swedish error naming the
    unknown id and the nearest known one."""
    if ids is None:
        return list(CATALOGUE.values())
    unknown = [i for i in ids if i not in CATALOGUE]
    if unknown:
        import difflib

        hints = []
        for bad in unknown:
            close = difflib.get_close_matches(bad, list(CATALOGUE), n=1)
            hints.append(f"{bad!r}" + (f" (menade du {close[0]}?)" if close else ""))
        raise UppfoljError(f"Okänd indikator: {', '.join(hints)}. Se alla med `uppfolj indikatorer --lista`.")
    wanted = set(ids)
    return [ind for ind in CATALOGUE.values() if ind.id in wanted]
