"""The effect-over-time charts: ATT(τ) with its 95 % band and the zero line, and the same for the two competing
exits (matplotlib PNG).

Drawn here rather than with the shared report charts because an effect goes below zero (lock-in) and its
interval is a band, not two more series.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from uppfolj import fmt  # noqa: E402
from uppfolj.effects.outcomes import EXIT_COLOURS, EXIT_LABELS  # noqa: E402

TITLE = "Effekt på andelen utan utbetalning, månad för månad efter start"
DESCRIPTION = (
    "Skillnaden i andel utan ekonomiskt bistånd mellan deltagare och jämförbara personer som inte började "
    "samtidigt, 0–24 månader efter start, med 95 % konfidensintervall (skuggat). Under 0 de första månaderna "
    "betyder inlåsning (deltagarna lämnar biståndet långsammare medan insatsen pågår); över 0 senare betyder "
    "att insatsen ger effekt."
)


#: the competing-exit chart: one effect curve per cause with its band
EXIT_TITLE = "Effekt på andelen som lämnat biståndet, per skäl, månad för månad efter start"
EXIT_DESCRIPTION = (
    "Skillnaden mellan deltagare och jämförbara personer i andelen som lämnat biståndet för arbete eller studier "
    "(blå) och i andelen som lämnat det av annat skäl (orange), 0–24 månader efter start, med 95 % "
    "konfidensintervall (skuggat). Över 0 betyder att fler deltagare än jämförbara personer hade lämnat "
    "biståndet av det skälet."
)


def _band(ax: Axes, curve: pd.DataFrame, line: str, band: str, label: str, band_label: str) -> None:
    """One effect curve in procentenheter with its 95 % band."""
    tau = curve["tau"].to_numpy(dtype=float)
    ax.fill_between(
        tau, 100 * curve["ki_undre"], 100 * curve["ki_ovre"], color=band, alpha=0.35, label=band_label
    )
    ax.plot(tau, 100 * curve["skattning"], color=line, marker="o", markersize=3, label=label)


def _figure(title: str, draw: Callable[[Axes], None]) -> bytes:
    fig, ax = plt.subplots(figsize=(16 / 2.54, 8 / 2.54), dpi=150)
    try:
        draw(ax)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel("Månader efter start", fontsize=8)
        ax.set_ylabel("Procentenheter", fontsize=8)
        ax.set_title(title, fontsize=9)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, 0)))
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", linewidth=0.3)
        ax.legend(fontsize=7)
        return png_of(fig)
    finally:
        plt.close(fig)


def effect_png(curve: pd.DataFrame, insatstyp: str) -> bytes:
    """`curve`: columns tau, skattning, ki_undre, ki_ovre (shares); drawn in procentenheter."""
    return _figure(
        f"{insatstyp}: {TITLE.lower()}",
        lambda ax: _band(ax, curve, "#0072B2", "#56B4E9", "Effekt", "95 % KI"),
    )


def exits_png(exits: pd.DataFrame, insatstyp: str) -> bytes:
    """`exits`: columns orsak, tau, skattning, ki_undre, ki_ovre (shares), one curve per orsak."""

    def draw(ax: Axes) -> None:
        for cause, (line, band) in EXIT_COLOURS.items():
            label = EXIT_LABELS[cause]
            _band(ax, exits[exits["orsak"] == cause], line, band, label, f"{label}, 95 % KI")

    return _figure(f"{insatstyp}: {EXIT_TITLE[0].lower()}{EXIT_TITLE[1:]}", draw)


def png_of(fig: Figure) -> bytes:
    """The figure laid out and saved as PNG."""
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
