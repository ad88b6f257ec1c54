"""`uppfolj bip ...`: BIP progression aggregated by insatstyp or enhet, and the outcome table for effects."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uppfolj import fmt
from uppfolj.cli.common import ArbetsytaOption, console, workspace
from uppfolj.errors import UppfoljError

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 190

if TYPE_CHECKING:
    pass


class Per(StrEnum):
    insatstyp = "insatstyp"
    enhet = "enhet"


class Format(StrEnum):
    tabell = "tabell"
    csv = "csv"


def register(app: typer.Typer) -> None:
    bip = typer.Typer(
        help=(
            "BIP-mätningar: progression mot arbete och utfall för effektutvärdering. Importera bip.csv "
            "(personnummer, matdatum, indikator, varde). Vilka indikatorer och vilken skala som gäller kan "
            "anges under bip i uppfolj.yaml, t.ex. bip: {indikatorer: [Motivation, Hälsa], min: 1, max: 5}."
        ),
        no_args_is_help=True,
    )
    app.add_typer(bip, name="bip")

    @bip.command("progression")
    def progression_cmd(
        indikator: Annotated[
            list[str] | None,
            typer.Option("--indikator", help="BIP-indikator (kan anges flera gånger; standard: alla)."),
        ] = None,
        per: Annotated[Per | None, typer.Option("--per", help="Dela upp per insatstyp eller enhet.")] = None,
        publicering: Annotated[
            bool,
            typer.Option(
                "--publicering", help="Tillämpa röjandeskyddet (smatal_grans) som i publicerade tal."
            ),
        ] = False,
        format: Annotated[
            Format, typer.Option("--format", help="Utformat: tabell eller csv.")
        ] = Format.tabell,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Förändring per BIP-indikator: personer, medelförändring och andel förbättrade, för kvinnor, män och totalt."""
        from uppfolj.bip.aggregate import aggregate
        from uppfolj.bip.progression import has_table

        ws = workspace(arbetsyta)
        con = ws.store().connect()
        try:
            known = (
                [str(r[0]) for r in con.execute("SELECT DISTINCT indikator FROM bip ORDER BY 1").fetchall()]
                if has_table(con, "bip")
                else []
            )
            frame = aggregate(
                con,
                indikatorer=indikator or None,
                per=per.value if per else None,
                publish=publicering,
                threshold=ws.config.smatal_grans,
            )
        finally:
            con.close()
        if format is Format.csv:
            frame.to_csv(sys.stdout, sep=";", decimal=",", index=False)
            return
        if frame.empty:
            raise UppfoljError(
                f"Inga BIP-mätningar för {', '.join(indikator or [])}. Indikatorer som finns: "
                f"{', '.join(known) or '(inga)'} (stavning och stora bokstäver spelar ingen roll)."
            )
        from uppfolj.bip.terminal import print_tables

        print_tables(frame, per=per.value if per else None, published=publicering, out=console)

    @bip.command("utfall")
    def utfall_cmd(
        insatstyp: Annotated[
            str, typer.Option("--insatstyp", help="Insatstypen som är behandlingen, t.ex. Jobbspår.")
        ],
        indikator: Annotated[
            str, typer.Option("--indikator", help="BIP-indikatorn vars förändring är utfallet.")
        ],
        ut: Annotated[Path, typer.Option("--ut", help="CSV-filen som skrivs (en rad per person).")],
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Skriv en analystabell (en rad per person) för `uppfolj effekt fil`: behandling, förändring, kovariater."""
        from uppfolj.bip.outcome import COVARIATES, outcome_table, write_outcome_csv

        ws = workspace(arbetsyta)
        con = ws.store().connect()
        try:
            frame = outcome_table(con, insatstyp=insatstyp, indikator=indikator)
        finally:
            con.close()
        path = write_outcome_csv(frame, ut)
        treated = int(frame["behandling"].sum())
        console.print(
            f"Skrev {path}: {fmt.number(len(frame))} personer med minst två mätningar, varav "
            f"{fmt.number(treated)} deltog i {insatstyp} mellan första och senaste mätningen."
        )
        console.print(
            "Skatta effekten med till exempel:\n"
            f"  uppfolj effekt fil {path} --behandling behandling --utfall forandring "
            f"--kovariater {','.join(COVARIATES)}"
        )
