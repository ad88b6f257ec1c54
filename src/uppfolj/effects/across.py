"""The comparison across insatstyper: effect on the primary outcome and net cost per additional person in
egen försörjning, one row per insatstyp, from the effect reports' JSON (`effekt-*.json` in the report folder),
so a committee sees which insats gives most per krona. Light (no plotting): the web page reads it too.

An insatstyp whose report has no primary estimate (too few participants: röjandeskydd) is listed with the
reason and no figures; its counts were already hidden when its report was written (`protection.mask_json`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from uppfolj import fmt
from uppfolj.effects.cost import SHARE_OUTCOME

PREFIX = "effekt-"
NO_PRIMARY = "Ingen skattning av egen försörjning efter 12 månader (för få deltagare, röjandeskydd)."


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def _pp(value: Any) -> float | None:
    number = _number(value)
    return None if number is None else 100 * number


def interval_text(low: float | None, high: float | None, decimals: int = 0, unbounded: bool = False) -> str:
    """'a–b' in Swedish format; a missing end is 'obegränsad' when `unbounded`, else the whole text is ''."""
    if (low is None or high is None) and not unbounded:
        return ""
    ends = ["obegränsad" if v is None else fmt.number(v, decimals) for v in (low, high)]
    if "obegränsad" in ends:
        return f"{ends[0]} – {ends[1]}"
    # "4–11", but "−2,5 till 5,9": a dash after a minus sign reads as a second minus
    return f"{ends[0]} till {ends[1]}" if low is not None and low < 0 else f"{ends[0]}–{ends[1]}"


def _row(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    typ = str(data.get("insatstyp", path.stem.removeprefix(PREFIX)))
    info = data.get("underlag") or {}
    source = {
        "ogonblick": str(data.get("ogonblick") or ""),
        "period": f"{info['datastart']} – {info['dataslut']}" if info.get("datastart") else "",
    }
    primary = (data.get("utfall") or {}).get(SHARE_OUTCOME) or {}
    cost = (data.get("underlag") or {}).get("kostnad") or {}
    if _number(primary.get("skattning")) is None:
        return {
            "insatstyp": typ,
            "effekt": None,
            "orsak": str(data.get("ej_skattad") or NO_PRIMARY),
            **source,
        }
    status = str(cost.get("status") or "kostnad_saknas")
    net_interval = cost.get("nettokostnad_ki") or [None, None]
    low, high = _pp(primary.get("ki_undre")), _pp(primary.get("ki_ovre"))
    net_low, net_high = _number(net_interval[0]), _number(net_interval[1])
    row: dict[str, Any] = {
        "insatstyp": typ,
        "effekt": _pp(primary["skattning"]),
        "ki_undre": low,
        "ki_ovre": high,
        "ki_text": interval_text(low, high, 1),
        "deltagare": primary.get("n_behandlade"),
        "kostnad_per_deltagare": _number(cost.get("kostnad_per_deltagare")),
        "besparing": _number(cost.get("besparing_bistand_24")),
        "nettokostnad": _number(cost.get("nettokostnad_per_ytterligare_egen_forsorjning")),
        "nettokostnad_undre": net_low,
        "nettokostnad_ovre": net_high,
        "nettokostnad_ki_text": interval_text(net_low, net_high, unbounded=True) if status == "ok" else "",
        "status": status,
        "forklaring": str(cost.get("forklaring") or ""),
        "mening": str(cost.get("mening") or ""),
        "orsak": "",
        **source,
    }
    return row


def _order(row: dict[str, Any]) -> tuple[int, float, str]:
    """Cheapest net cost per additional person first, then by effect, then those without an estimate."""
    if row["effekt"] is None:
        return (2, 0.0, row["insatstyp"])
    if row["nettokostnad"] is not None:
        return (0, row["nettokostnad"], row["insatstyp"])
    return (1, -row["effekt"], row["insatstyp"])


def collect(folder: Path) -> list[dict[str, Any]]:
    """Per insatstyp with an effect report: the effect and its interval (procentenheter), covered participants,
    cost per participant, kronor saved and the net cost per additional self-supporting person with its
    interval (kronor; None when not given, `status` and `forklaring` say why); or only `orsak` when the report
    has no primary estimate."""
    rows = []
    for path in sorted(folder.glob(f"{PREFIX}*.json")) if folder.exists() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "utfall" in data:
            rows.append(_row(path, data))
    return sorted(rows, key=_order)
