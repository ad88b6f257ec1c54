"""The indicator engine as the web app sees it: `compute` plus the catalogue, resolved lazily.

`create_app` takes an `Engine`; by default the real one from `uppfolj.indicators`. Resolving it when the
first figure is asked for (not at import time) keeps the app factory free of side effects.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from uppfolj.errors import UppfoljError

Compute = Callable[..., pd.DataFrame]


@dataclass(frozen=True)
class Engine:
    compute: Compute
    catalogue: Mapping[str, Any]


def default_engine() -> Engine:
    try:
        indicators = importlib.import_module("uppfolj.indicators")
        catalogue = importlib.import_module("uppfolj.indicators.catalogue")
        return Engine(indicators.compute, catalogue.CATALOGUE)
    except (ImportError, AttributeError) as exc:
        raise UppfoljError(
            "Indikatormotorn (uppfolj.indicators) saknas i den här installationen. Installera om uppfolj."
        ) from exc


class LazyEngine:
    """Resolves the engine on first use and keeps it."""

    def __init__(self, factory: Callable[[], Engine] = default_engine) -> None:
        self._factory = factory
        self._engine: Engine | None = None

    def get(self) -> Engine:
        if self._engine is None:
            self._engine = self._factory()
        return self._engine
