"""The effect-over-time chart: ATT(τ) with its 95 % band and the zero line (matplotlib PNG).

Drawn here rather than with the shared report charts because an effect goes below zero (lock-in) and its
interval is a band, not two more series.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from uppfolj import fmt  # noqa: E402

TITLE = "Effekt på andelen utan utbetalning, månad för månad efter start"
DESCRIPTION = (
    "Skillnaden i andel utan ekonomiskt bistånd mellan deltagare och jämförbara personer som inte började "
    "samtidigt, 0–24 månader efter start, med 95 % konfidensintervall (skuggat). Under 0 de första månaderna "
    "betyder inlåsning (deltagarna lämnar biståndet långsammare medan insatsen pågår); över 0 senare betyder "
    "att insatsen ger effekt."
)


def effect_png(curve: pd.DataFrame, insatstyp: str) -> bytes:
    """`curve`: columns tau, skattning, ki_undre, ki_ovre (shares); drawn in procentenheter."""
    fig, ax = plt.subplots(figsize=(16 / 2.54, 8 / 2.54), dpi=150)
    try:
        tau = curve["tau"].to_numpy(dtype=float)
        ax.fill_between(
            tau, 100 * curve["ki_undre"], 100 * curve["ki_ovre"], color="#56B4E9", alpha=0.35, label="95 % KI"
        )
        ax.plot(tau, 100 * curve["skattning"], color="#0072B2", marker="o", markersize=3, label="Effekt")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel("Månader efter start", fontsize=8)
        ax.set_ylabel("Procentenheter", fontsize=8)
        ax.set_title(f"{insatstyp}: {TITLE.lower()}", fontsize=9)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, 0)))
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", linewidth=0.3)
        ax.legend(fontsize=7)
        return png_of(fig)
    finally:
        plt.close(fig)


def png_of(fig: Figure) -> bytes:
    """The figure laid out and saved as PNG."""
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
