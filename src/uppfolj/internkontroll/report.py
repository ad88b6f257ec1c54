"""The internal-control section of the yearly report."""

from __future__ import annotations

from pathlib import Path

from uppfolj import fmt
from uppfolj.internkontroll.plan import load_plan
from uppfolj.internkontroll.results import control_dir, load_results, summarise
from uppfolj.outputs.model import Cell, Column, Paragraph, Section, Table
from uppfolj.outputs.tables import code_label


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
                    code_label(str(r["stratum"])),
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
            Paragraph(
                " ".join(control_sentence(root, c.id, c.name) for c in plan.controls), key="ar.internkontroll"
            ),
            table,
        ],
        sheet="Internkontroll",
    )


def control_sentence(root: Path, control_id: str, name: str) -> str:
    """The result of one control as the yearly report words it, with its most common remark."""
    if not (control_dir(root, control_id) / "urval.csv").exists():
        return f"Kontrollen {name} har inte genomförts (inget urval är draget)."
    total = summarise(root, control_id).iloc[0]
    reviewed, ok = int(total["granskade"]), int(total["utan_anmarkning"])
    if reviewed == 0:
        return (
            f"Kontrollen {name} pågår; inget av de {int(total['urval'])} ärendena i urvalet är granskat ännu."
        )
    text = (
        f"I kontrollen {name} var {fmt.number(ok)} av {fmt.number(reviewed)} granskade ärenden utan anmärkning "
        f"({fmt.percent(total['andel'])}, 95 % konfidensintervall {fmt.number(total['ki_undre'], 1)}–"
        f"{fmt.percent(total['ki_ovre'])})."
    )
    if reviewed < int(total["urval"]):
        text += f" {fmt.number(int(total['urval']) - reviewed)} ärenden i urvalet återstår att granska."
    remarks = load_results(root, control_id)
    remarks = remarks[remarks["utfall"] == "med"]
    if len(remarks):
        counts = remarks["kategori"].value_counts()
        top, n = str(counts.index[0]), int(counts.iloc[0])
        lead = "Anmärkningen" if len(remarks) == 1 else "Den vanligaste anmärkningen"
        text += f" {lead} gällde {top.lower()} ({fmt.number(n)} {'ärende' if n == 1 else 'ärenden'})."
    return text
