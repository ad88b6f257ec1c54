"""Demo step 60: the effect of each insatstyp in the demo municipality, checked against its planted facit.

The demo data plants an effect per insatstyp and records both potential outcomes of every insats
(`facit_insatser.csv`). The planted value compared with each estimate is the realised effect over the same
insatser the estimate rests on (the analysis leaves out spells that began before the data and starts later
than 36 months into a spell), next to the planted value over all insatser of the type.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from rich.table import Table

from uppfolj import fmt
from uppfolj.demo import DemoContext, demo_step
from uppfolj.effects.across_report import write_across
from uppfolj.effects.report import write_effect_report
from uppfolj.effects.store_analysis import StoreEffect, analyse_insatstyp
from uppfolj.outputs.template import template_path

#: insatstyper with fewer starts than this in the store are not evaluated in the demo
MIN_STARTS = 100
DRAWS = 50
#: the demo evaluates the largest insatstyper only, so `uppfolj demo` stays at about a minute and a half;
#: the others are one `uppfolj effekt --insatstyp X` away (and tests/effects checks all of them)
DEMO_TYPES = 3


def planted_for(effect: StoreEffect, facit_rows: pd.DataFrame) -> dict[str, float]:
    """Realised planted effects (procentenheter) over the insatser behind `effect`."""
    rows = facit_rows[facit_rows["insats_id"].astype(str).isin(effect.insats_ids)]
    followed = rows[rows["inom_data"].astype(int) == 1]
    return {
        "inlasning": 100 * float((rows["y1_manad3"] - rows["y0_manad3"]).mean()),
        "effekt": 100 * float((followed["y1_manad12"] - followed["y0_manad12"]).mean()),
    }


def _inside(value: float, low: float, high: float) -> str:
    return "ja" if low <= value <= high else "NEJ"


@demo_step(60, "Effektutvärdering")
def evaluate_effects(ctx: DemoContext) -> None:
    ws = ctx.workspace
    folder = ws.reports_dir  # where `uppfolj effekt` writes and the web page looks (effekt-*.json)
    facit_json = ctx.export_dir / "facit.json"
    facit_csv = ctx.export_dir / "facit_insatser.csv"
    planted = json.loads(facit_json.read_text(encoding="utf-8"))["insatstyper"] if facit_json.exists() else {}
    rows = pd.read_csv(facit_csv) if facit_csv.exists() else None
    snapshot = ws.store().current()
    table = Table(title="Skattad effekt mot planterad (procentenheter, 95 % KI)")
    for col in (
        "Insatstyp",
        "Inlåsning (mån 3)",
        "Planterad",
        "Inom KI",
        "Effekt (mån 12)",
        "Planterad",
        "Inom KI",
    ):
        table.add_column(col)
    coverage: list[str] = []
    with ws.store().connect() as con:
        counts = con.execute("SELECT insatstyp, count(*) FROM insatser GROUP BY 1 ORDER BY 2 DESC").fetchall()
        evaluated = [(typ, n) for typ, n in counts if n >= MIN_STARTS][:DEMO_TYPES]
        for typ, _n in evaluated:
            with ctx.console.status(f"Effekt av {typ} …"):
                effect = analyse_insatstyp(
                    con,
                    str(typ),
                    gap=ws.config.uppehall_manader,
                    draws=DRAWS,
                    snapshot_id=snapshot.snapshot_id if snapshot else "",
                    threshold=ws.config.smatal_grans,
                    costs=ws.config.ovrigt.get("kostnad_per_platsmanad") or {},
                )
                paths = write_effect_report(
                    effect,
                    folder,
                    kommun=ws.config.kommun_namn,
                    namnd=ws.config.namnd,
                    template=template_path(ws.root, ws.config.ovrigt),
                )
            ctx.results.append((f"Effektrapport {typ}", str(_docx(paths))))
            coverage.append(effect.coverage_sentence())
            lock = effect.curve.iloc[3]
            twelve = effect.results["ingen_betalning_12"]
            cells = [
                str(typ),
                _interval(100 * lock["skattning"], 100 * lock["ki_undre"], 100 * lock["ki_ovre"]),
            ]
            if rows is not None and str(typ) in planted:
                truth = planted_for(effect, rows)
                cells += [
                    fmt.number(truth["inlasning"], 1),
                    _inside(truth["inlasning"], 100 * lock["ki_undre"], 100 * lock["ki_ovre"]),
                    _interval(100 * twelve.estimate, 100 * twelve.ci_low, 100 * twelve.ci_high),
                    f"{fmt.number(truth['effekt'], 1)} (alla: {fmt.number(planted[str(typ)]['realiserad_effekt_pp'], 1)})",
                    _inside(truth["effekt"], 100 * twelve.ci_low, 100 * twelve.ci_high),
                ]
            else:
                cells += [
                    "–",
                    "–",
                    _interval(100 * twelve.estimate, 100 * twelve.ci_low, 100 * twelve.ci_high),
                    "–",
                    "–",
                ]
            table.add_row(*cells)
    ctx.console.print(table)
    for line in coverage:
        ctx.console.print(line)
    if evaluated:
        across = write_across(
            folder,
            kommun=ws.config.kommun_namn,
            namnd=ws.config.namnd,
            template=template_path(ws.root, ws.config.ovrigt),
        )
        ctx.results.append(("Jämförelse mellan insatstyper", str(_docx(across))))
    rest = [str(typ) for typ, n in counts if n >= MIN_STARTS][DEMO_TYPES:]
    if rest:
        ctx.console.print(
            f"Demon utvärderar de {DEMO_TYPES} största insatstyperna. Övriga ({', '.join(rest)}): "
            f"uppfolj effekt --insatstyp NAMN --arbetsyta {ws.root}"
        )


def _interval(est: float, low: float, high: float) -> str:
    return f"{fmt.number(est, 1)} ({fmt.number(low, 1)} – {fmt.number(high, 1)})"


def _docx(paths: list[Path]) -> Path:
    return next(p for p in paths if p.suffix == ".docx")
