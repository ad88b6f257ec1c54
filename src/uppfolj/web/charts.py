"""Line charts as inline SVG, drawn on the server: no JavaScript and no external files needed.

Every chart has a text alternative (`<title>`/`<desc>`) and the figures are also in the page's table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from uppfolj import fmt

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 36, 16, 40
COLOURS = {"T": "#1f4e79", "K": "#b5503c", "M": "#3d7a4a"}


@dataclass(frozen=True)
class Series:
    name: str
    key: str
    values: list[float | None]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * exp >= value:
            return step * exp
    return 10 * exp


def line_chart(title: str, labels: list[str], series: list[Series], unit: str = "", ident: str = "d") -> str:
    """An SVG line chart of the series over `labels`; missing or hidden values leave gaps.

    `ident` prefixes the ids of `<title>`/`<desc>`, so that several charts on one page keep unique ids."""
    values = [v for s in series for v in s.values if v is not None and not math.isnan(v)]
    low = min(0.0, min(values)) if values else 0.0
    high = _nice_max(max(values)) if values else 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / ((high - low) or 1))

    decimals = 1 if unit == "%" or (high - low) < 10 else 0
    parts = [
        f'<svg class="diagram" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{ident}t {ident}d" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}t">{escape(title)}</title>',
        f'<desc id="{ident}d">{escape(_describe(labels, series, unit))}</desc>',
    ]
    for k in range(5):
        v = low + (high - low) * k / 4
        parts.append(
            f'<line class="rutnat" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
        )
        parts.append(
            f'<text class="axel" x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">'
            f"{escape(fmt.number(v, decimals))}</text>"
        )
    step = max(1, math.ceil(n / 8))
    for i, label in enumerate(labels):
        if i % step == 0 or i == n - 1:
            parts.append(
                f'<text class="axel" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    for s in series:
        colour = COLOURS.get(s.key, "#555")
        runs: list[list[str]] = [[]]
        for i, value in enumerate(s.values):
            if value is None or math.isnan(value):
                runs.append([])
                continue
            v = value
            runs[-1].append(f"{x(i):.1f},{y(v):.1f}")
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{colour}"/>')
        for run in runs:
            if len(run) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(run)}"/>'
                )
    parts.append("</svg>")
    return "".join(parts)


def _describe(labels: list[str], series: list[Series], unit: str) -> str:
    if not labels:
        return "Inga värden."
    out = []
    for s in series:
        last = next((v for v in reversed(s.values) if v is not None and not math.isnan(v)), None)
        shown = fmt.cell(last, unit=unit) if last is not None else fmt.NO_DATA
        out.append(f"{s.name}: senaste värde {shown}")
    return f"{labels[0]} till {labels[-1]}. " + "; ".join(out) + "."
