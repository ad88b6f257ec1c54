"""The internal-control section of the yearly report."""

from __future__ import annotations

from pathlib import Path

from uppfolj.internkontroll.plan import load_plan
from uppfolj.internkontroll.results import control_dir, summarise
from uppfolj.outputs.model import Cell, Column, Paragraph, Section, Table


def section(root: Path) -> Section | None:
    """One row per control and stratum with a drawn sample; None when the workspace has no control plan."""
    if not (Path(root) / "internkontroll.yaml").exists():
        return None
    plan = load_plan(root)
    rows: list[list[Cell]] = []
    for control in plan.controls:
        if not (control_dir(root, control.id) / "urval.csv").exists():
            rows.append([control.name, "", None, None, None, None, "urval ej draget"])
            continue
        for r in summarise(root, control.id).to_dict("records"):
            interval = (
                "" if r["granskade"] == 0 else f"{r['ki_undre']:.1f}–{r['ki_ovre']:.1f} %".replace(".", ",")
            )
            rows.append(
                [
                    control.name,
                    r["stratum"],
                    r["urval"],
                    r["granskade"],
                    r["utan_anmarkning"],
                    r["andel"] if r["granskade"] else None,
                    interval,
                ]
            )
    table = Table(
        "Internkontroll: andel granskade ärenden utan anmärkning",
        [
            Column("Kontroll"),
            Column("Stratum"),
            Column("Urval", "count"),
            Column("Granskade", "count"),
            Column("Utan anmärkning", "count"),
            Column("Andel utan anmärkning", "percent"),
            Column("95 % konfidensintervall"),
        ],
        rows,
        notes=[
            "Konfidensintervallet är Wilsons intervall för en andel. Urvalen är slumpmässiga och reproducerbara (frö och population sparas)."
        ],
    )
    return Section(
        "Internkontroll",
        [
            Paragraph(
                "Kontrollerna i nämndens internkontrollplan, med stickprov ur verksamhetssystemens data."
            ),
            table,
        ],
        sheet="Internkontroll",
    )
