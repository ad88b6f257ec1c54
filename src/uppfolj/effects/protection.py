"""Röjandeskydd for effect outputs: a count of persons from 1 to the threshold (`smatal_grans`, as for the
indicators) is never shown, and a group that small is not estimated.

`mask_json` walks a result's JSON and hides every count field in that range (and the estimates resting on
such a count, in the month-by-month rows); `count_text` writes a count for a sentence.
"""

from __future__ import annotations

import math
from typing import Any

from uppfolj import fmt
from uppfolj.effects.coverage import REASONS

DEFAULT_THRESHOLD = 4

#: JSON keys whose values are counts of persons
COUNT_KEYS = frozenset(
    {
        "deltagare",
        "omfattas",
        "i_analysen",
        "n_behandlade",
        "n_jamforelse",
        "trimmade",
        "behandlade_totalt",
        "behandlade",
        "personer",
        "perioder",
        *REASONS,
    }
)
#: estimates in a row that rest on the row's count
_ROW_ESTIMATES = ("skattning", "ki_undre", "ki_ovre", "effekt", "andel_deltagare", "andel_jamforelse")


def hidden(value: object, threshold: int) -> bool:
    return isinstance(value, int | float) and 0 < float(value) <= threshold


def count_text(value: int, threshold: int) -> str:
    return f"färre än {threshold + 1}" if hidden(value, threshold) else fmt.number(value)


def mask_json(value: Any, threshold: int) -> Any:
    """A copy of `value` with every count in 1..threshold replaced by None (and a row's estimates with it), and
    NaN as None."""
    if isinstance(value, list | tuple):
        return [mask_json(v, threshold) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN
    if not isinstance(value, dict):
        return value
    out = {
        k: (None if k in COUNT_KEYS and hidden(v, threshold) else mask_json(v, threshold))
        for k, v in value.items()
    }
    if any(k in COUNT_KEYS and hidden(v, threshold) for k, v in value.items() if not isinstance(v, dict)):
        for key in _ROW_ESTIMATES:
            if key in out and not isinstance(out[key], dict | list):
                out[key] = None
    return out
