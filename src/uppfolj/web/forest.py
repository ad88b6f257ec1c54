"""Positions for the web's forest plot of the comparison across insatstyper (an SVG drawn by the template):
two panels side by side, effect in procentenheter and net cost per additional person in tkr, with ticks, the
zero line and axis labels. Pure arithmetic; the report's PNG is drawn by `effects.across_report`."""

from __future__ import annotations

import math
from typing import Any

from uppfolj import fmt

LABEL_WIDTH = 170
PANEL_WIDTH = 320
GAP = 40
ROW_HEIGHT = 26
TOP = 12
BOTTOM = 52
PANELS = (
    ("Effekt, procentenheter", "effekt", "ki_undre", "ki_ovre", 1.0),
    (
        "Nettokostnad per ytterligare person i egen försörjning, tkr",
        "nettokostnad",
        "nettokostnad_undre",
        "nettokostnad_ovre",
        1000.0,
    ),
)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 × a power of ten apart) covering low–high."""
    raw = (high - low) / max(count - 1, 1) or 1.0
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(int(math.ceil((high - first) / step)) + 1)]


def _panel(
    rows: list[dict[str, Any]], keys: tuple[str, str, str], scale: float, left: float
) -> dict[str, Any]:
    est_key, low_key, high_key = keys

    def value(row: dict[str, Any], key: str) -> float | None:
        v = row.get(key)
        return None if v is None else float(v) / scale

    values = [v for r in rows for k in keys if (v := value(r, k)) is not None] + [0.0]
    ticks = nice_ticks(min(values), max(values))
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    # room for the arrow of an interval without an end, beyond the last tick
    if any(value(r, est_key) is not None and value(r, high_key) is None for r in rows):
        ticks.append(ticks[-1] + step)
    if any(value(r, est_key) is not None and value(r, low_key) is None for r in rows):
        ticks.insert(0, ticks[0] - step)
    lo, hi = ticks[0], ticks[-1]
    span = (hi - lo) or 1.0

    def x(v: float) -> float:
        return left + PANEL_WIDTH * (v - lo) / span

    marks = []
    for i, r in enumerate(rows):
        y = TOP + ROW_HEIGHT * i + ROW_HEIGHT / 2
        est = value(r, est_key)
        if est is None:
            note = "ingen skattning" if r.get("effekt") is None else "kan inte anges"
            marks.append({"y": y, "note": note, "x": left + PANEL_WIDTH / 2})
            continue
        low, high = value(r, low_key), value(r, high_key)
        marks.append(
            {
                "y": y,
                "x": x(est),
                "x_lo": x(low) if low is not None else left,
                "x_hi": x(high) if high is not None else left + PANEL_WIDTH,
                "pil_lo": low is None,
                "pil_hi": high is None,
                "note": "",
            }
        )
    return {
        "left": left,
        "right": left + PANEL_WIDTH,
        "noll": x(0.0),
        "ticks": [{"x": x(t), "text": fmt.number(t, 0 if abs(t) >= 10 or t == int(t) else 1)} for t in ticks],
        "marks": marks,
    }


def forest(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The SVG's geometry for rows of `effects.across.collect`, top to bottom in their order."""
    height = TOP + ROW_HEIGHT * len(rows) + BOTTOM
    panels = []
    for n, (title, *keys, scale) in enumerate(PANELS):
        left = LABEL_WIDTH + n * (PANEL_WIDTH + GAP)
        panel = _panel(rows, (keys[0], keys[1], keys[2]), float(scale), left)
        panel["rubrik"] = title
        panels.append(panel)
    return {
        "width": LABEL_WIDTH + 2 * PANEL_WIDTH + GAP + 20,
        "height": height,
        "axel_y": TOP + ROW_HEIGHT * len(rows),
        "namn": [
            {"y": TOP + ROW_HEIGHT * i + ROW_HEIGHT / 2, "text": r["insatstyp"]} for i, r in enumerate(rows)
        ],
        "paneler": panels,
    }
