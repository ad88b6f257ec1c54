"""`uppfolj internkontroll ...`: control plan, samples, results and summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from uppfolj import fmt
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.errors import UppfoljError
from uppfolj.workspace import open_workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 120

if TYPE_CHECKING:
    pass


def register(app: typer.Typer) -> None:
    ik = typer.Typer(help="Internkontroll: reproducerbara stickprov och resultat.", no_args_is_help=True)
    app.add_typer(ik, name="internkontroll")

    @ik.command("exempel")
    def exempel(arbetsyta: ArbetsytaOption = None) -> None:
        """Skriv en mall för kontrollplanen (internkontroll.yaml) i arbetsytan."""
        from uppfolj.internkontroll.plan import EXAMPLE_PLAN, PLAN_FILE

        ws = open_workspace(arbetsyta)
        path = ws.root / PLAN_FILE
        if path.exists():
            raise UppfoljError(f"{path} finns redan; redigera den.")
        path.write_text(EXAMPLE_PLAN, encoding="utf-8")
        console.print(f"Skrev en mall till {path}.")

    @ik.command("urvalsstorlek")
    def urvalsstorlek(
        population: Annotated[int, typer.Option(help="Antal ärenden i populationen.")],
        felmarginal: Annotated[float, typer.Option(help="Önskad felmarginal som andel, t.ex. 0.1.")] = 0.1,
        konfidens: Annotated[float, typer.Option(help="Konfidensnivå, t.ex. 0.95.")] = 0.95,
        forvantad_andel: Annotated[float, typer.Option(help="Förväntad andel (0.5 ger störst urval).")] = 0.5,
    ) -> None:
        """Räkna ut hur stort urval som behövs."""
        from uppfolj.internkontroll.sampling import sample_size

        n = sample_size(population, felmarginal, konfidens, forvantad_andel)
        console.print(f"Urvalsstorlek: {fmt.number(n)} av {fmt.number(population)} ärenden.")

    @ik.command("urval")
    def urval(
        kontroll: Annotated[str, typer.Option(help="Kontrollens id i internkontroll.yaml.")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Dra kontrollens stickprov ur datalagret och skriv listan för granskarna."""
        from uppfolj.internkontroll.plan import load_plan
        from uppfolj.internkontroll.results import save_sample
        from uppfolj.internkontroll.sampling import draw, population_frame

        ws = open_workspace(arbetsyta)
        control = load_plan(ws.root).get(kontroll)
        store = ws.store()
        con = store.connect()
        try:
            population = population_frame(con, control)
        finally:
            con.close()
        sample = draw(control, population)
        snap = store.current()
        path = save_sample(ws.root, sample, snap.snapshot_id if snap else None)
        console.print(
            f"Urval för {control.name}: {fmt.number(sample.size)} av {fmt.number(sample.population_size)} ärenden "
            f"(frö {sample.seed}). Lista: {path}"
        )
        for stratum, n in sorted(sample.allocation.items()):
            if stratum:
                console.print(f"  {stratum}: {n} av {sample.strata_sizes[stratum]}")

    @ik.command("resultat")
    def resultat(
        kontroll: Annotated[str, typer.Option(help="Kontrollens id.")],
        referens: Annotated[str | None, typer.Option(help="Ärendets referens i urvalet.")] = None,
        utfall: Annotated[str | None, typer.Option(help="'utan' eller 'med' (anmärkning).")] = None,
        kategori: Annotated[str, typer.Option(help="Anmärkningens kategori.")] = "",
        kommentar: Annotated[str, typer.Option(help="Kommentar.")] = "",
        fil: Annotated[
            Path | None, typer.Option(help="CSV med kolumnerna referens, utfall, kategori, kommentar.")
        ] = None,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Registrera granskningsresultat per ärende (ett i taget eller från en CSV-fil)."""
        import pandas as pd

        from uppfolj.internkontroll.results import record

        ws = open_workspace(arbetsyta)
        if fil is not None:
            frame = pd.read_csv(fil, dtype=str, keep_default_na=False, sep=None, engine="python")
            entries = frame.to_dict("records")
        elif referens and utfall:
            entries = [{"referens": referens, "utfall": utfall, "kategori": kategori, "kommentar": kommentar}]
        else:
            raise UppfoljError("Ange --referens och --utfall, eller --fil med en CSV.")
        n = record(ws.root, kontroll, [{str(k): str(v) for k, v in e.items()} for e in entries])
        console.print(f"Sparade {n} resultat för {kontroll}.")

    @ik.command("sammanstallning")
    def sammanstallning(
        kontroll: Annotated[str | None, typer.Option(help="En kontroll (standard: alla med urval).")] = None,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Andel utan anmärkning med 95 % konfidensintervall, per kontroll och stratum."""
        from uppfolj.internkontroll.plan import load_plan
        from uppfolj.internkontroll.results import summarise

        ws = open_workspace(arbetsyta)
        plan = load_plan(ws.root)
        ids = [kontroll] if kontroll else [c.id for c in plan.controls]
        table = Table(title="Internkontroll")
        for col in ("Kontroll", "Stratum", "Urval", "Granskade", "Utan anmärkning", "Andel", "95 % KI"):
            table.add_column(col)
        for cid in ids:
            try:
                summary = summarise(ws.root, cid)
            except UppfoljError:
                continue
            for r in summary.to_dict("records"):
                table.add_row(
                    cid,
                    r["stratum"],
                    fmt.number(r["urval"]),
                    fmt.number(r["granskade"]),
                    fmt.number(r["utan_anmarkning"]),
                    fmt.percent(r["andel"]),
                    f"{fmt.number(r['ki_undre'], 1)}–{fmt.percent(r['ki_ovre'])}" if r["granskade"] else "",
                )
        console.print(table)
