"""Show an `EffectResult` in the terminal (rich) with Swedish number formats."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from uppfolj import fmt
from uppfolj.effects.result import EffectResult


def print_result(result: EffectResult, console: Console, decimals: int = 2) -> None:
    main = Table(title=result.method)
    for col in ("Skattning", "Medelfel", "95 % KI", "Minsta upptäckbara", "Behandlade", "Jämförelse"):
        main.add_column(col, justify="right")
    main.add_row(
        fmt.number(result.estimate, decimals),
        fmt.number(result.se, decimals),
        f"{fmt.number(result.ci_low, decimals)} – {fmt.number(result.ci_high, decimals)}",
        fmt.number(result.mde, decimals),
        fmt.number(result.n_treated),
        fmt.number(result.n_control),
    )
    console.print(main)
    console.print(f"Medelfel: {result.se_method}")
    console.print(
        "Minsta upptäckbara: den minsta verkliga effekt som data upptäcker med 80 % sannolikhet (5 % nivå)."
    )
    balance = result.diagnostics.get("balans")
    if balance is not None and len(balance):
        tab = Table(title="Balans (standardiserad medelvärdesskillnad och varianskvot)")
        for col in ("Kovariat", "SMD före", "SMD efter", "Varianskvot före", "Varianskvot efter"):
            tab.add_column(col, justify="left" if col == "Kovariat" else "right")
        for r in balance.itertuples():
            tab.add_row(
                str(r.kovariat),
                fmt.number(r.smd_fore, 2),
                fmt.number(r.smd_efter, 2),
                fmt.number(r.varianskvot_fore, 2),
                fmt.number(r.varianskvot_efter, 2),
            )
        console.print(tab)
    support = result.diagnostics.get("gemensamt_stod")
    if support:
        console.print(
            f"Gemensamt stöd: {fmt.number(support['utanfor_gemensamt_stod'])} behandlade utanför jämförelsegruppens "
            f"intervall; trimmade: {fmt.number(result.diagnostics.get('trimmade', 0))}."
        )
    sens = result.diagnostics.get("kansliget")
    if sens:
        console.print(
            f"Känslighet (E-värde): {fmt.number(sens['e_varde'], 2)} för skattningen, "
            f"{fmt.number(sens['e_varde_ki'], 2)} för konfidensgränsen."
        )
    placebo = result.diagnostics.get("placebo")
    if placebo:
        verdict = "MISSLYCKADES" if placebo["misslyckat"] else "godkänt"
        console.print(
            f"Placebotest på {placebo['utfall']}: {fmt.number(placebo['skattning'], decimals)} "
            f"(95 % KI {fmt.number(placebo['ki_undre'], decimals)} – {fmt.number(placebo['ki_ovre'], decimals)}): {verdict}."
        )
    if result.warnings:
        console.print("[bold]Varningar:[/]")
        for w in result.warnings:
            console.print(f"  • {w}")
    else:
        console.print("Inga varningar.")
