"""The workspace's BIP settings (`bip:` in uppfolj.yaml): which indicators and which answer scale.

    bip:
      indikatorer: [Motivation, Hälsa, Självförtroende]   # optional: any non-empty name when absent
      min: 1                                                # optional lower end of the scale
      max: 5                                                # optional upper end of the scale

Indicator names are normalised like codes (`Självförtroende` → `sjalvfortroende`), in the file and in the
list alike, so spelling and case do not matter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from uppfolj.errors import UppfoljError
from uppfolj.importing.rules import Configured
from uppfolj.text import normalise_header
from uppfolj.workspace import Config

BIP_TABLE = "bip"


@dataclass(frozen=True)
class BipSettings:
    #: allowed indicators (normalised), or None for any non-empty name
    indikatorer: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None

    @classmethod
    def from_config(cls, config: Config) -> BipSettings:
        raw = config.ovrigt.get("bip")
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise UppfoljError(
                "Avsnittet bip i uppfolj.yaml ska vara en lista av nycklar (indikatorer, min, max). "
                "Rätta avsnittet eller ta bort det."
            )
        names = raw.get("indikatorer")
        indikatorer = None
        if names is not None:
            if not isinstance(names, list) or not names:
                raise UppfoljError(
                    "bip.indikatorer i uppfolj.yaml ska vara en lista med indikatornamn, t.ex. "
                    "[Motivation, Hälsa]. Rätta listan eller ta bort den."
                )
            normalised = [normalise_header(str(n)) for n in names]
            if not all(normalised):
                raise UppfoljError(
                    "bip.indikatorer i uppfolj.yaml har ett namn utan bokstäver eller siffror. Rätta listan."
                )
            indikatorer = tuple(dict.fromkeys(normalised))
        low, high = _bound(raw, "min"), _bound(raw, "max")
        if low is not None and high is not None and low > high:
            raise UppfoljError(
                f"bip.min ({low:g}) är större än bip.max ({high:g}) i uppfolj.yaml. Rätta skalan."
            )
        return cls(indikatorer, low, high)

    def import_limits(self) -> Configured:
        """The import rules' view: `kodlista` on indikator, `tal` on the scale of varde."""
        codes = {"indikator": self.indikatorer} if self.indikatorer else {}
        ranges = {"varde": (self.min, self.max)} if self.min is not None or self.max is not None else {}
        return Configured(codes=codes, ranges=ranges, source="bip i uppfolj.yaml")


def _bound(raw: dict[str, Any], key: str) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(float(value)):
        raise UppfoljError(f"bip.{key} i uppfolj.yaml ska vara ett tal, t.ex. {key}: 1. Rätta värdet.")
    return float(value)


def import_limits(config: Config, table: str) -> Configured:
    """Configured limits for a contract table's import (only bip has any)."""
    if table != BIP_TABLE:
        return Configured()
    return BipSettings.from_config(config).import_limits()
