"""The comparison across insatstyper: effect on the primary outcome and net cost per additional person in
egen försörjning, one row per insatstyp, from the effect reports' JSON (`effekt-*.json` in the report folder),
so a committee sees which insats gives most per krona. Light (no plotting): the web page reads it too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PRIMARY = "ingen_betalning_12"
PREFIX = "effekt-"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def collect(folder: Path) -> list[dict[str, Any]]:
    """Per insatstyp with a primary estimate: effect and interval (procentenheter), covered participants and
    the net cost per additional self-supporting person with its interval (kronor, None when not computed)."""
    rows = []
    for path in sorted(folder.glob(f"{PREFIX}*.json")) if folder.exists() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        primary = (data.get("utfall") or {}).get(PRIMARY)
        if not primary or _number(primary.get("skattning")) is None:
            continue
        cost = (data.get("underlag") or {}).get("kostnad") or {}
        interval = cost.get("nettokostnad_ki") or [None, None]
        rows.append(
            {
                "insatstyp": str(data.get("insatstyp", path.stem.removeprefix(PREFIX))),
                "effekt": 100 * float(primary["skattning"]),
                "ki_undre": 100 * (_number(primary.get("ki_undre")) or 0.0),
                "ki_ovre": 100 * (_number(primary.get("ki_ovre")) or 0.0),
                "deltagare": primary.get("n_behandlade"),
                "kostnad_per_deltagare": _number(cost.get("kostnad_per_deltagare")),
                "nettokostnad": _number(cost.get("nettokostnad_per_ytterligare_egen_forsorjning")),
                "nettokostnad_undre": _number(interval[0]),
                "nettokostnad_ovre": _number(interval[1]),
            }
        )
    return sorted(rows, key=lambda r: -r["effekt"])
