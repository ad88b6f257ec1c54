"""The comparison across insatstyper as a report (DOCX/XLSX via `uppfolj.outputs`) with a forest plot PNG:
effect on egen försörjning after 12 months and net cost per additional self-supporting person, with intervals,
a sentence per insatstyp, where each cost comes from, and the caveats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from uppfolj import fmt  # noqa: E402
from uppfolj.effects.across import collect  # noqa: E402
from uppfolj.effects.chart import png_of  # noqa: E402
from uppfolj.effects.cost import COST_CAVEATS  # noqa: E402
from uppfolj.effects.report import insert_chart  # noqa: E402
from uppfolj.errors import UppfoljError  # noqa: E402
from uppfolj.outputs import Chart, Column, Paragraph, Report, Section, Table, write_report  # noqa: E402
from uppfolj.outputs.model import Figure  # noqa: E402

TITLE = "Effekt och nettokostnad per insatstyp"
EFFECT_AXIS = "Effekt på egen försörjning\nefter 12 månader, procentenheter"
COST_AXIS = "Nettokostnad per ytterligare person\ni egen försörjning, tkr"
DESCRIPTION = (
    "Vänster: effekten på andelen i egen försörjning 12 månader efter start, i procentenheter, med 95 % "
    "konfidensintervall; linjen vid 0 betyder ingen effekt. Höger: nettokostnaden per ytterligare person i egen "
    "försörjning, i tusen kronor, med 95 % konfidensintervall (en pil betyder att intervallet saknar gräns åt "
    "det hållet); under 0 sparar insatsen mer än den kostar. Lägst nettokostnad står överst."
)
CAPTION = f"Diagram: {TITLE}. {DESCRIPTION}"
BLUE, ORANGE = "#0072B2", "#D55E00"


def _panel(
    ax: Axes, y: list[int], points: list[tuple[float | None, float | None, float | None, str]], color: str
) -> None:
    """One forest panel: (estimate, low, high, note) per row; a missing bound is drawn as an arrow to the edge,
    a missing estimate as its note in words."""
    finite = [v for p in points for v in p[:3] if v is not None] + [0.0]
    lo, hi = min(finite), max(finite)
    pad = (hi - lo) * 0.1 or 1.0
    left, right = lo - pad, hi + pad
    for yi, (est, low, high, note) in zip(y, points, strict=True):
        if est is None:
            ax.text((left + right) / 2, yi, note, fontsize=6.5, va="center", ha="center", style="italic")
            continue
        ax.plot(
            [low if low is not None else left, high if high is not None else right], [yi, yi], color=color
        )
        for bound, edge in ((low, left), (high, right)):
            if bound is None:
                ax.annotate(
                    "", xy=(edge, yi), xytext=(est, yi), arrowprops={"arrowstyle": "->", "color": color}
                )
        ax.plot(est, yi, "s", color=color, markersize=4)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(left, right)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, 0 if v == round(v) else 1)))
    ax.tick_params(labelsize=7)
    ax.grid(axis="x", linewidth=0.3)


def forest_png(rows: list[dict[str, Any]]) -> bytes:
    y = list(range(len(rows)))[::-1]
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(17 / 2.54, (4 + 0.8 * len(rows)) / 2.54), dpi=150, sharey=True
    )
    try:
        effects = [(r["effekt"], r.get("ki_undre"), r.get("ki_ovre"), "ingen skattning") for r in rows]
        costs = [
            (
                None if r.get("nettokostnad") is None else r["nettokostnad"] / 1000,
                None if r.get("nettokostnad_undre") is None else r["nettokostnad_undre"] / 1000,
                None if r.get("nettokostnad_ovre") is None else r["nettokostnad_ovre"] / 1000,
                "ingen skattning" if r["effekt"] is None else "kan inte anges",
            )
            for r in rows
        ]
        _panel(left, y, effects, BLUE)
        _panel(right, y, costs, ORANGE)
        left.set_yticks(y, [r["insatstyp"] for r in rows], fontsize=7)
        left.set_ylim(-0.7, len(rows) - 0.3)
        left.set_xlabel(EFFECT_AXIS, fontsize=7)
        right.set_xlabel(COST_AXIS, fontsize=7)
        fig.suptitle(TITLE, fontsize=9)
        fig.tight_layout()
        return png_of(fig)
    finally:
        plt.close(fig)


def comparison_table(rows: list[dict[str, Any]]) -> Table:
    return Table(
        "Effekt på egen försörjning efter 12 månader och kostnad per effekt (lägst nettokostnad först)",
        [
            Column("Insatstyp"),
            Column("Deltagare", "count"),
            Column("Effekt, procentenheter", "decimal", 1),
            Column("95 % KI"),
            Column("Kostnad per deltagare, kr", "kr"),
            Column("Mindre bistånd per deltagare, 24 mån, kr", "kr"),
            Column("Nettokostnad per ytterligare person i egen försörjning, kr", "kr"),
            Column("95 % KI, kr"),
        ],
        [
            (
                [
                    r["insatstyp"],
                    Figure(r["deltagare"], hidden=r["deltagare"] is None),
                    r["effekt"],
                    r["ki_text"],
                    r["kostnad_per_deltagare"],
                    r["besparing"],
                    r["nettokostnad"] if r["status"] == "ok" else "kan inte anges",
                    r["nettokostnad_ki_text"] if r["status"] == "ok" else "",
                ]
                if r["effekt"] is not None
                else [r["insatstyp"], Figure(None, hidden=True), Figure(None), "", *[Figure(None)] * 3, ""]
            )
            for r in rows
        ],
        notes=[
            "Nettokostnad per ytterligare person = (kostnad per deltagare − minskat ekonomiskt bistånd under 24 "
            "månader) ÷ effekten. Den anges inte när effekten kan vara noll eller kostnaden är okänd; "
            "obegränsad betyder att effekten var noll eller mindre i mer än 2,5 % av bootstrapdragningarna. "
            "Insatstyperna jämförs var och en med sina egna jämförbara personer.",
            "..: för få deltagare för att visas eller skattas (röjandeskydd).",
        ],
    )


def _sentences(rows: list[dict[str, Any]]) -> list[Paragraph | Table | Chart]:
    return [
        Paragraph(
            f"{r['insatstyp']}: {r['mening'] or r['forklaring']}"
            if r["effekt"] is not None
            else f"{r['insatstyp']}: {r['orsak']}"
        )
        for r in rows
    ]


def _joined(rows: list[dict[str, Any]], key: str) -> str:
    """The reports' snapshot or period: one when they agree, else each once."""
    return ", ".join(sorted({str(r[key]) for r in rows if r.get(key)}))


def write_across(
    folder: Path, *, kommun: str, namnd: str, created: dt.date | None = None, template: Path | None = None
) -> list[Path]:
    """The comparison report in `folder`; `template` is the workspace's Word reference document."""
    rows = collect(folder)
    if not rows:
        raise UppfoljError(
            "Det finns inga effektrapporter att jämföra. Skapa dem först: uppfolj effekt --insatstyp NAMN."
        )
    report = Report(
        title="Effekter per insatstyp: vad ger mest per krona",
        kommun=kommun,
        namnd=namnd,
        period=_joined(rows, "period"),
        created=created or dt.date.today(),
        snapshot_id=_joined(rows, "ogonblick"),
        sections=[
            Section("Jämförelse mellan insatstyper", [Paragraph(CAPTION), comparison_table(rows)]),
            Section("Per insatstyp", _sentences(rows)),
            Section("Förbehåll", [Paragraph(c) for c in COST_CAVEATS]),
        ],
        stem="jamforelse-effekter",
        subtitle="Sammanställning av effektrapporterna",
    )
    paths = write_report(report, folder, template)
    png = forest_png(rows)
    for path in paths:
        if path.suffix == ".docx":
            insert_chart(path, png, CAPTION, TITLE, DESCRIPTION)
    chart = folder / "jamforelse-effekter.png"
    chart.write_bytes(png)
    return [*paths, chart]
