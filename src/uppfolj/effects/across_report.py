"""The comparison across insatstyper as a report (DOCX/XLSX via `uppfolj.outputs`) with a forest plot PNG:
effect on egen försörjning after 12 months and net cost per additional self-supporting person, with intervals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from uppfolj import fmt  # noqa: E402
from uppfolj.effects.across import collect  # noqa: E402
from uppfolj.effects.chart import png_of  # noqa: E402
from uppfolj.effects.report import insert_chart  # noqa: E402
from uppfolj.errors import UppfoljError  # noqa: E402
from uppfolj.outputs import Column, Paragraph, Report, Section, Table, write_report  # noqa: E402

TITLE = "Effekt och nettokostnad per insatstyp"
DESCRIPTION = (
    "Vänster: effekten på andelen i egen försörjning 12 månader efter start, i procentenheter, med 95 % "
    "konfidensintervall; linjen vid 0 betyder ingen effekt. Höger: nettokostnaden per ytterligare person i egen "
    "försörjning, i tusen kronor, med 95 % konfidensintervall där det går att beräkna."
)
CAPTION = f"Diagram: {TITLE}. {DESCRIPTION}"


def forest_png(rows: list[dict[str, Any]]) -> bytes:
    names = [r["insatstyp"] for r in rows]
    y = list(range(len(rows)))[::-1]
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(16 / 2.54, (3 + 0.7 * len(rows)) / 2.54), dpi=150, sharey=True
    )
    try:
        for yi, r in zip(y, rows, strict=True):
            left.plot([r["ki_undre"], r["ki_ovre"]], [yi, yi], color="#0072B2")
            left.plot(r["effekt"], yi, "o", color="#0072B2")
            if r["nettokostnad"] is not None:
                if r["nettokostnad_undre"] is not None:
                    right.plot(
                        [r["nettokostnad_undre"] / 1000, r["nettokostnad_ovre"] / 1000],
                        [yi, yi],
                        color="#D55E00",
                    )
                right.plot(r["nettokostnad"] / 1000, yi, "s", color="#D55E00")
        left.axvline(0, color="black", linewidth=0.8)
        left.set_yticks(y, names, fontsize=7)
        left.set_xlabel("Effekt, procentenheter", fontsize=8)
        right.set_xlabel("Nettokostnad per ytterligare person, tkr", fontsize=8)
        for ax in (left, right):
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, 0)))
            ax.tick_params(labelsize=7)
            ax.grid(axis="x", linewidth=0.3)
        fig.suptitle(TITLE, fontsize=9)
        return png_of(fig)
    finally:
        plt.close(fig)


def write_across(
    folder: Path, *, kommun: str, namnd: str, created: dt.date | None = None, template: Path | None = None
) -> list[Path]:
    """The comparison report in `folder`; `template` is the workspace's Word reference document."""
    rows = collect(folder)
    if not rows:
        raise UppfoljError(
            "Det finns inga effektrapporter att jämföra. Skapa dem först: uppfolj effekt --insatstyp NAMN."
        )

    def kr(value: float | None) -> float | None:
        return None if value is None else value / 1000

    table = Table(
        "Effekt på egen försörjning efter 12 månader och kostnad per effekt",
        [
            Column("Insatstyp"),
            Column("Effekt, procentenheter", "decimal", 1),
            Column("95 % konfidensintervall"),
            Column("Deltagare", "count"),
            Column("Kostnad per deltagare, tkr", "decimal", 0),
            Column("Nettokostnad per ytterligare person i egen försörjning, tkr", "decimal", 0),
            Column("95 % konfidensintervall, tkr"),
        ],
        [
            [
                r["insatstyp"],
                r["effekt"],
                f"{fmt.number(r['ki_undre'], 1)} till {fmt.number(r['ki_ovre'], 1)}",
                r["deltagare"],
                kr(r["kostnad_per_deltagare"]),
                kr(r["nettokostnad"]),
                (
                    f"{fmt.number(r['nettokostnad_undre'] / 1000, 0)} till {fmt.number(r['nettokostnad_ovre'] / 1000, 0)}"
                    if r["nettokostnad_undre"] is not None
                    else ""
                ),
            ]
            for r in rows
        ],
        notes=[
            "Nettokostnad = kostnaden för insatsen minus minskat ekonomiskt bistånd under 24 månader, delad med "
            "effekten. Den saknas när ingen kostnad per platsmånad är känd; intervallet saknas när effekten kan "
            "vara noll. Insatstyperna jämförs var och en med sina egna jämförbara personer."
        ],
    )
    report = Report(
        title="Effekter per insatstyp: vad ger mest per krona",
        kommun=kommun,
        namnd=namnd,
        period="",
        created=created or dt.date.today(),
        snapshot_id="",
        sections=[Section("Jämförelse mellan insatstyper", [Paragraph(CAPTION), table])],
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
