"""`uppfolj effekt`: effect of an insatstyp from the store (dynamic design) and `effekt fil` for any table."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uppfolj.cli.common import ArbetsytaOption, console, workspace
from uppfolj.effects.comparisons import CHOICES as COMPARISONS
from uppfolj.effects.methods import estimators
from uppfolj.effects.outcomes import OUTCOME_NAMES
from uppfolj.errors import UppfoljError

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 110

if TYPE_CHECKING:
    from uppfolj.effects.store_analysis import StoreEffect

OUTCOME_CHOICES = [k for k in OUTCOME_NAMES if not k.startswith("placebo")]


#: the `--metod` choices: every estimator of the registry (uppfolj.effects.methods.estimators())
Metod = StrEnum("Metod", [(name, name) for name in estimators()])  # type: ignore[misc]


class Jamforelse(StrEnum):
    """The choices of `effects.comparisons.CHOICES`."""

    ej_annu = "ej_annu"
    ingen_insats = "ingen_insats"


class Format(StrEnum):
    tabell = "tabell"
    json = "json"


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def _print_store_effect(effect: StoreEffect, paths: list[Path]) -> None:
    console.print(effect.estimand)
    console.print(effect.coverage_sentence())
    for outcome in effect.results:
        console.print(f"[bold]{effect.names[outcome]}[/]")
        console.print(effect.sentence(outcome))
    for text in [*effect.exit_sentences(), *([effect.exits_missing] if effect.exits_missing else [])]:
        console.print(text)
    if effect.not_estimated:
        console.print(effect.not_estimated)
    if effect.info.get("kostnad"):
        console.print("[bold]Kostnad per effekt[/]")
        console.print(effect.info["kostnad"]["mening"])
    first = next(iter(effect.results.values()), None)
    if first and first.warnings:
        console.print("[bold]Varningar:[/]")
        for w in first.warnings:
            console.print(f"  • {w}")
    console.print("Rapporten finns i:")
    for path in paths:
        console.print(f"  {path}")


def register(app: typer.Typer) -> None:
    effekt_app = typer.Typer(
        help="Effektutvärdering: vad insatser ger för deltagarna, jämfört med liknande personer utan insatsen.",
        invoke_without_command=True,
        no_args_is_help=False,
    )

    @effekt_app.callback()
    def effekt(
        ctx: typer.Context,
        insatstyp: Annotated[
            str | None, typer.Option("--insatstyp", help="Insatstypen att utvärdera, t.ex. Jobbspår.")
        ] = None,
        utfall: Annotated[
            str | None,
            typer.Option(
                "--utfall",
                help="Utfall, kommaseparerade (standard alla): " + ", ".join(OUTCOME_CHOICES),
            ),
        ] = None,
        draws: Annotated[
            int, typer.Option("--dragningar", help="Antal bootstrapdragningar för osäkerheten.")
        ] = 100,
        rapport: Annotated[
            Path | None,
            typer.Option(
                "--rapport",
                help="Mapp för rapporten (DOCX, XLSX, HTML, JSON, PNG). Standard: arbetsytans rapportmapp.",
            ),
        ] = None,
        include_stock: Annotated[
            bool,
            typer.Option(
                "--bestand",
                help="Ta med biståndsperioder som redan pågick när data börjar (tiden räknas från datastarten; "
                "de jämförs bara med varandra).",
            ),
        ] = False,
        comparison: Annotated[
            Jamforelse,
            typer.Option(
                "--jamforelse",
                help="ej_annu: jämför med personer som inte började just då (de kan börja senare); "
                "ingen_insats: jämför med att inte få någon insats alls under uppföljningstiden.",
            ),
        ] = Jamforelse.ej_annu,
        subgroups: Annotated[
            bool,
            typer.Option(
                "--undergrupper",
                help="Skatta även effekten per kön, åldersgrupp, utbildningsnivå och födelseland, med test av "
                "skillnad (tar längre tid).",
            ),
        ] = False,
        arbetsyta: ArbetsytaOption = None,
        format: Annotated[Format, typer.Option("--format", help="Utformat.")] = Format.tabell,
    ) -> None:
        """Effekten av en insatstyp för personer med ekonomiskt bistånd (dynamisk jämförelse), eller `fil` för egen tabell."""
        from uppfolj.effects.report import write_effect_report
        from uppfolj.effects.store_analysis import analyse_insatstyp

        if ctx.invoked_subcommand is not None:
            return
        if not insatstyp:
            typer.echo(ctx.get_help())
            raise typer.Exit(0)
        ws = workspace(arbetsyta)
        wanted = _split(utfall) or None
        unknown = [u for u in wanted or [] if u not in OUTCOME_CHOICES]
        if unknown:
            raise UppfoljError(
                f"Okänt utfall: {', '.join(unknown)}. Välj bland: {', '.join(OUTCOME_CHOICES)}."
            )
        current = ws.store().current()
        if current is None:
            raise UppfoljError("Datalagret är tomt. Importera data först: uppfolj import MAPP.")
        con = ws.store().connect()
        try:
            effect = analyse_insatstyp(
                con,
                insatstyp,
                gap=ws.config.uppehall_manader,
                only_outcomes=wanted,
                draws=draws,
                show_progress=format is Format.tabell,
                snapshot_id=current.snapshot_id,
                include_stock=include_stock,
                comparison=COMPARISONS[comparison.value],
                threshold=ws.config.smatal_grans,
                settings=ws.config,
                subgroups=subgroups,
            )
        finally:
            con.close()
        folder = rapport or ws.reports_dir
        from uppfolj.outputs.template import template_path

        paths = write_effect_report(
            effect,
            folder,
            kommun=ws.config.kommun_namn,
            namnd=ws.config.namnd,
            template=template_path(ws.root, ws.config.ovrigt),
        )
        if format is Format.json:
            typer.echo(json.dumps(effect.to_dict(), ensure_ascii=False, indent=2))
            return
        _print_store_effect(effect, paths)

    @effekt_app.command("jamforelse")
    def jamforelse_cmd(arbetsyta: ArbetsytaOption = None) -> None:
        """Jämför insatstyperna: effekt och nettokostnad per ytterligare person i egen försörjning (rapport)."""
        from uppfolj.effects.across_report import write_across
        from uppfolj.outputs.template import template_path

        ws = workspace(arbetsyta)
        paths = write_across(
            ws.reports_dir,
            kommun=ws.config.kommun_namn,
            namnd=ws.config.namnd,
            template=template_path(ws.root, ws.config.ovrigt),
        )
        console.print("Jämförelsen finns i:")
        for path in paths:
            console.print(f"  {path}")

    @effekt_app.command("fil")
    def fil(
        data: Annotated[Path, typer.Argument(help="Tabell (CSV eller XLSX) med en rad per person.")],
        behandling: Annotated[
            str, typer.Option("--behandling", help="Kolumn med 1 = deltog, 0 = jämförelse.")
        ],
        utfall: Annotated[str, typer.Option("--utfall", help="Kolumn med utfallet (för km: tiden).")],
        covariates: Annotated[
            str, typer.Option("--kovariater", help="Kovariater att justera för, kommaseparerade: a,b,c.")
        ],
        method: Annotated[Metod, typer.Option("--metod", help="Skattningsmetod.")] = Metod("psm"),
        k: Annotated[int, typer.Option("--k", help="Antal jämförelsepersoner per behandlad (psm, ai).")] = 1,
        caliper: Annotated[
            float,
            typer.Option(
                "--caliper",
                help="Största avstånd i standardavvikelser av logit av sannolikheten (psm); 0 = ingen caliper.",
            ),
        ] = 0.2,
        utan_aterlaggning: Annotated[
            bool,
            typer.Option("--utan-aterlaggning", help="Varje jämförelseperson används högst en gång (psm)."),
        ] = False,
        heteroskedastic: Annotated[
            bool,
            typer.Option(
                "--heteroskedastisk",
                help="Abadie–Imbens-medelfel med varje persons egen varians, skattad från k grannar (ai).",
            ),
        ] = False,
        outcome_before: Annotated[
            str | None, typer.Option("--utfall-fore", help="Kolumn med utfallet före insatsen (did).")
        ] = None,
        event: Annotated[
            str | None,
            typer.Option(
                "--handelse",
                help="Kolumn med 1 = händelse, 0 = censurerad, 2 = annat avslut (konkurrerande utfall) (km).",
            ),
        ] = None,
        placebo: Annotated[
            str | None, typer.Option("--placebo", help="Utfall mätt före insatsen, för placebotest.")
        ] = None,
        placebo_kovariater: Annotated[
            str | None,
            typer.Option(
                "--placebo-kovariater",
                help="Kovariater i placebotestet (standard: --kovariater utom placebon).",
            ),
        ] = None,
        kluster: Annotated[
            str | None,
            typer.Option(
                "--kluster",
                help="Kolumn med kluster, t.ex. hushållets id: klusterrobusta medelfel (ipw, aipw, did).",
            ),
        ] = None,
        format: Annotated[Format, typer.Option("--format", help="Utformat.")] = Format.tabell,
    ) -> None:
        """Skatta effekten i en egen tabell (en rad per person)."""
        from uppfolj.effects.design import cluster_codes
        from uppfolj.effects.methods import make_estimator
        from uppfolj.effects.render import print_result
        from uppfolj.effects.table_io import read_table

        table = read_table(data)
        estimator = make_estimator(
            method.value,
            k=k,
            caliper=caliper,
            replacement=not utan_aterlaggning,
            heteroskedastic=heteroskedastic,
            outcome_before=outcome_before,
            event=event,
        )
        if kluster:
            estimator.clustered(cluster_codes(table, kluster, data.name))
        result = estimator.fit(
            table,
            treatment=behandling,
            outcome=utfall,
            covariates=_split(covariates),
            placebo_outcome=placebo,
            placebo_covariates=_split(placebo_kovariater) if placebo_kovariater else None,
            source=data.name,
        ).result_
        if format is Format.json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            print_result(result, console)

    app.add_typer(effekt_app, name="effekt")
