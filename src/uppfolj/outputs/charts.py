"""Charts as PNG images (matplotlib, no display), with Swedish number formats on the axis."""

from __future__ import annotations

import io
import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from uppfolj import fmt  # noqa: E402
from uppfolj.outputs.model import Chart  # noqa: E402

#: colour-blind safe palette (Okabe–Ito); series are also told apart by marker and line style
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
MARKERS = ["o", "s", "^", "D", "v", "x"]
STYLES = ["-", "--", "-.", ":", "-", "--"]
#: stacked segments beyond the palette's six colours repeat a colour with a hatching
HATCHES = ["", "//", "..", "xx", "--", "++"]


#: the y axis reaches this factor above the highest value
HEADROOM = 1.15
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def axis_label(label: str) -> str:
    """A month label `2024-01` shown as `jan 2024`; other labels as they are."""
    found = _MONTH.match(label)
    return fmt.month(int(found[1]), int(found[2]), short=True) if found else label


def render_png(chart: Chart, *, width_cm: float = 16.0, height_cm: float = 8.0) -> bytes:
    """Draw the chart and return the PNG bytes (150 dpi)."""
    if chart.kind == "stacked":
        return _stacked_png(chart, width_cm)
    fig, ax = plt.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=150)
    try:
        x = list(range(len(chart.x_labels)))
        n = max(len(chart.series), 1)
        for i, (name, values) in enumerate(chart.series):
            ys = [float("nan") if v is None else v / chart.y_scale for v in values]
            if chart.kind == "bar":
                width = 0.8 / n
                ax.bar(
                    [xi + (i - (n - 1) / 2) * width for xi in x], ys, width, label=name, color=PALETTE[i % 6]
                )
            else:
                ax.plot(
                    x,
                    ys,
                    label=name,
                    color=PALETTE[i % 6],
                    marker=MARKERS[i % 6],
                    linestyle=STYLES[i % 6],
                    markersize=3,
                )
        every = max(1, len(x) // 12)
        ax.set_xticks(x[::every])
        ax.set_xticklabels(
            [axis_label(t) for t in chart.x_labels[::every]], rotation=45, ha="right", fontsize=7
        )
        # from 0, with headroom above the highest value so the line never touches the frame
        top = max(
            (v / chart.y_scale for _, values in chart.series for v in values if v is not None and v == v),
            default=0.0,
        )
        ax.set_ylim(bottom=0, top=top * HEADROOM if top > 0 else None)
        ticks = [t for t in ax.get_yticks() if t >= 0]
        step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
        decimals = max(0, -math.floor(math.log10(step))) if step > 0 else 0
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, decimals)))
        ax.tick_params(axis="y", labelsize=7)
        ax.set_ylabel(chart.y_label, fontsize=8)
        ax.set_title(chart.title, fontsize=9)
        ax.grid(axis="y", linewidth=0.3)
        if len(chart.series) > 1:
            ax.legend(fontsize=7)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


def _stacked_png(chart: Chart, width_cm: float) -> bytes:
    """Horizontal stacked bars, the first x label on top, the legend under the plot."""
    rows = len(chart.x_labels)
    height_cm = 3.5 + 0.6 * rows
    fig, ax = plt.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=150)
    try:
        y = list(range(rows))[::-1]
        left = [0.0] * rows
        for i, (name, values) in enumerate(chart.series):
            widths = [0.0 if v is None else v / chart.y_scale for v in values]
            ax.barh(y, widths, 0.7, left=left, label=name, color=PALETTE[i % 6], hatch=HATCHES[(i // 6) % 6])
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_yticks(y)
        ax.set_yticklabels(chart.x_labels, fontsize=7)
        ax.set_xlim(0, max([100.0, *left]))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, 0)))
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel(chart.y_label, fontsize=8)
        ax.set_title(chart.title, fontsize=9)
        ax.grid(axis="x", linewidth=0.3)
        ax.set_axisbelow(True)
        ax.legend(fontsize=6, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -1.1 / (0.8 * height_cm)))
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")
        return buf.getvalue()
    finally:
        plt.close(fig)
