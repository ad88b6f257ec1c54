"""`uppfolj prognos`: the full-year forecast of a verksamhet, and `--utvardera` its backtest."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from uppfolj import fmt, workspace
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.errors import UppfoljError

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 70

if TYPE_CHECKING:
    from uppfolj.forecast import (
        Backtest,
    )

METHODS = {
    "hushall_x_kostnad": "hushåll med utbetalning × kostnad per hushåll, nivå senaste tre månaderna, säsong från tidigare år",
    "utfall": "månadsutfall, nivå senaste tre månaderna, säsong från tidigare år",
    "helar": "hela årets utfall (i december behövs ingen prognos)",
}


def _latest_month(ws: workspace.Workspace, verksamhet: str) -> str:
    with ws.store().connect() as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "ekonomi" not in tables:
            raise UppfoljError(
                "Datalagret har ingen ekonomi-tabell. Importera ekonomi-exporten med `uppfolj import`."
            )
        row = con.execute(
            "SELECT strftime(max(manad), '%Y-%m') FROM ekonomi WHERE verksamhet = ? AND utfall IS NOT NULL",
            [verksamhet],
        ).fetchone()
    if not row or row[0] is None:
        raise UppfoljError(
            f"Ekonomi-tabellen har inget utfall för verksamheten {verksamhet!r}. Kontrollera namnet med "
            f"--verksamhet eller inställningen verksamhet_bistand i uppfolj.yaml."
        )
    return str(row[0])


def _target_text(value: float, target: float) -> str:
    if math.isnan(value):
        return "I.U."
    return f"{fmt.percent(value, 2)} {'inom' if value < target else 'över'}"


def _mean(values: list[float]) -> float:
    known = [v for v in values if not math.isnan(v)]
    return sum(known) / len(known) if known else math.nan


def _print_backtest(results: list[Backtest], verksamhet: str) -> None:
    from uppfolj.forecast import TARGET_AUGUST, TARGET_OCTOBER

    tab = Table(title=f"Prognosens träffsäkerhet, {verksamhet}")
    for col in ("År", "Utfall", "Prognos aug", "Avvikelse aug", "Prognos okt", "Avvikelse okt"):
        tab.add_column(col, justify="left" if col == "År" else "right")
    aug, octo = [], []
    for bt in results:
        pa, po = bt.error_percent(bt.august), bt.error_percent(bt.october)
        aug.append(pa)
        octo.append(po)
        tab.add_row(
            str(bt.year),
            fmt.mnkr(bt.outcome),
            fmt.mnkr(bt.august.full_year),
            _target_text(pa, TARGET_AUGUST),
            fmt.mnkr(bt.october.full_year),
            _target_text(po, TARGET_OCTOBER),
        )
    tab.add_section()
    tab.add_row(
        "Medel",
        "",
        "",
        _target_text(_mean(aug), TARGET_AUGUST),
        "",
        _target_text(_mean(octo), TARGET_OCTOBER),
    )
    console.print(tab)
    console.print(
        f"Avvikelse = |prognos − utfall| i % av årsbudgeten; inom/över = jämfört med målet under "
        f"{fmt.percent(TARGET_AUGUST, 1)} i augusti och {fmt.percent(TARGET_OCTOBER, 1)} i oktober. "
        f"Metoden beskrivs i docs/prognos.md."
    )


def register(app: typer.Typer) -> None:
    @app.command("prognos")
    def prognos(
        arbetsyta: ArbetsytaOption = None,
        manad: Annotated[
            str | None,
            typer.Option("--manad", help="Prognosmånad ÅÅÅÅ-MM (standard: senaste månaden med utfall)."),
        ] = None,
        verksamhet: Annotated[
            str | None,
            typer.Option(help="Verksamhet i ekonomi-exporten (standard: verksamhet_bistand i uppfolj.yaml)."),
        ] = None,
        utvardera: Annotated[
            bool,
            typer.Option(
                "--utvardera",
                help="Pröva prognosen bakåt: augusti- och oktoberprognos mot årets utfall, per år.",
            ),
        ] = False,
    ) -> None:
        """Helårsprognos för ekonomiskt bistånd (eller annan verksamhet) när ekonomisystemet saknar prognos."""
        from uppfolj.forecast import evaluate, forecast, parse_month, recorded_forecast

        ws = workspace.open_workspace(arbetsyta)
        name = verksamhet or ws.config.verksamhet_bistand
        if utvardera:
            with ws.store().connect() as con:
                results = evaluate(con, name, ws.config)
            if not results:
                raise UppfoljError(
                    f"Inget år kan utvärderas för {name!r}: det behövs minst två hela år med utfall i ekonomi-"
                    f"exporten (ett år för säsongen och ett att pröva). Importera fler år."
                )
            _print_backtest(results, name)
            return
        month = parse_month(manad or _latest_month(ws, name))
        with ws.store().connect() as con:
            f = forecast(con, name, month, ws.config)
            recorded = recorded_forecast(con, name, month)
        if not f.computed:
            raise UppfoljError(f"Prognosen för {name} {month:%Y-%m} kan inte beräknas: {f.reason}.")
        tab = Table(title=f"Helårsprognos {month.year}, {name}, gjord {month:%Y-%m}")
        tab.add_column("")
        tab.add_column("Belopp", justify="right")
        tab.add_row("Utfall t.o.m. " + f"{month:%Y-%m}", fmt.tkr(f.utfall_ytd))
        tab.add_row("Prognos resterande månader", fmt.tkr(f.remaining))
        tab.add_row("Prognos helår", fmt.tkr(f.full_year))
        tab.add_row("Budget helår", fmt.tkr(f.budget_year))
        tab.add_row("Avvikelse mot budget (+ = överskott)", fmt.tkr(f.budget_year - f.full_year))
        if not math.isnan(recorded):
            tab.add_row("Ekonomisystemets prognos samma månad", fmt.tkr(recorded))
        console.print(tab)
        refs = ", ".join(str(y) for y in f.reference_years)
        console.print(
            f"Metod: {METHODS.get(f.method, f.method)}" + (f" (säsong från {refs})." if refs else ".")
        )
