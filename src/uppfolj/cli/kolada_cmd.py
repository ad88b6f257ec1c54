"""`uppfolj kolada ...`: fetch, search and compare Kolada key figures."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from uppfolj import fmt
from uppfolj.cli.common import ArbetsytaOption, console
from uppfolj.workspace import open_workspace

#: place of its commands in `uppfolj --help`, lowest first
ORDER = 100

if TYPE_CHECKING:
    pass

BasUrl = Annotated[
    str | None,
    typer.Option(
        "--bas-url",
        help="Annan Kolada-server (spegel eller testserver). Standard: kolada: bas_url i uppfolj.yaml.",
    ),
]
Offline = Annotated[bool, typer.Option("--offline", help="Använd bara redan hämtade data, inga anrop.")]


class Format(StrEnum):
    tabell = "tabell"
    csv = "csv"
    json = "json"


def _num(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else f"{float(value):g}"  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    kolada = typer.Typer(help="Jämför med andra kommuner genom Kolada.", no_args_is_help=True)
    app.add_typer(kolada, name="kolada")

    @kolada.command("hamta")
    def hamta(
        kpi: Annotated[
            str | None,
            typer.Option("--kpi", help="Nyckeltals-id, kommaseparerade. Standard: nämndens standardlista."),
        ] = None,
        kommuner: Annotated[
            str, typer.Option("--kommuner", help="Grupp (t.ex. R9) eller kommunkoder.")
        ] = "R9",
        ar: Annotated[str, typer.Option("--ar", help="År, t.ex. 2019-2024.")] = "2019-2024",
        bas_url: BasUrl = None,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Hämta nyckeltal från Kolada till arbetsytans cache (fungerar sedan utan nät)."""
        from uppfolj.kolada import service
        from uppfolj.kolada.kpis import DEFAULT_KPIS, resolve_defaults

        ws = open_workspace(arbetsyta)
        client = service.client_for(ws, bas_url, refresh=True)
        if kpi:
            kpis = [k.strip() for k in kpi.split(",") if k.strip()]
        else:
            chosen = resolve_defaults(client)
            kpis = [str(m["id"]) for m in chosen.values() if m]
            for key, meta in chosen.items():
                label = next(d.label for d in DEFAULT_KPIS if d.key == key)
                console.print(
                    f"{label}: {meta['id'] + ' ' + str(meta.get('title', '')) if meta else '[yellow]hittades inte[/]'}"
                )
        mun = service.municipalities_for(ws, kommuner)
        years = service.parse_years(ar)
        result = service.fetch(ws, kpis, mun, years, client)
        console.print(
            f"Hämtade {fmt.number(result.values)} värden för {len(kpis)} nyckeltal, {len(mun)} kommuner och "
            f"{len(years)} år (hämtat {result.fetched_at:%Y-%m-%d %H:%M} UTC). Källa: Kolada."
        )

    @kolada.command("sok")
    def sok(
        text: Annotated[str, typer.Argument(help="Sökord i nyckeltalets titel.")],
        bas_url: BasUrl = None,
        offline: Offline = False,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Sök nyckeltal i Kolada efter titel."""
        from uppfolj.kolada import service

        ws = open_workspace(arbetsyta)
        client = service.client_for(ws, bas_url, offline=offline)
        hits = client.kpis(title=text)
        table = Table(title=f"Nyckeltal i Kolada som matchar {text!r}")
        table.add_column("Id")
        table.add_column("Titel")
        table.add_column("Könsuppdelat")
        for hit in hits:
            table.add_row(
                str(hit.get("id")), str(hit.get("title")), "ja" if hit.get("is_divided_by_gender") else "nej"
            )
        console.print(table)

    @kolada.command("jamfor")
    def jamfor(
        kpi: Annotated[str, typer.Option("--kpi", help="Nyckeltals-id.")],
        ar: Annotated[int, typer.Option("--ar", help="År.")],
        kommuner: Annotated[
            str, typer.Option("--kommuner", help="Grupp (t.ex. R9) eller kommunkoder.")
        ] = "R9",
        format: Annotated[Format, typer.Option("--format", help="Utformat.")] = Format.tabell,
        bas_url: BasUrl = None,
        offline: Offline = False,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Jämför kommunerna i gruppen: värde, gruppmedel, gruppmedian och rang (1 = högst)."""
        from uppfolj.kolada import service
        from uppfolj.kolada.compare import COMPARE_COLUMNS

        ws = open_workspace(arbetsyta)
        client = service.client_for(ws, bas_url, offline=offline)
        mun = service.municipalities_for(ws, kommuner)
        table, fetched = service.comparison(ws, kpi, mun, ar, client)
        if format is Format.csv:
            typer.echo(",".join(COMPARE_COLUMNS))
            for r in table.to_dict("records"):
                typer.echo(
                    ",".join(
                        [
                            str(r["kpi"]),
                            str(r["ar"]),
                            str(r["kommun_id"]),
                            _csv_text(str(r["kommun"])),
                            str(r["kon"]),
                            _num(r["varde"]),
                            _num(r["gruppmedel"]),
                            _num(r["gruppmedian"]),
                            "" if r["rang"] is None or str(r["rang"]) == "<NA>" else str(int(r["rang"])),
                        ]
                    )
                )
            return
        if format is Format.json:
            records = json.loads(table.to_json(orient="records", force_ascii=False))
            typer.echo(
                json.dumps(
                    {
                        "kalla": "Kolada",
                        "hamtad": str(fetched) if fetched is not None else None,
                        "rader": records,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        own = ws.config.kommun_kod
        out = Table(
            title=f"{kpi} {ar}, Källa: Kolada"
            + (f" (hämtad {fetched:%Y-%m-%d})" if fetched is not None else "")
        )
        for col in ("Rang", "Kommun", "Kön", "Värde", "Gruppmedel", "Gruppmedian"):
            out.add_column(col, justify="right" if col not in ("Kommun", "Kön") else "left")
        for r in table.to_dict("records"):
            name = f"[bold]{r['kommun']}[/]" if r["kommun_id"] == own else str(r["kommun"])
            out.add_row(
                "" if str(r["rang"]) == "<NA>" else str(r["rang"]),
                name,
                str(r["kon"]),
                fmt.number(r["varde"], 1),
                fmt.number(r["gruppmedel"], 1),
                fmt.number(r["gruppmedian"], 1),
            )
        console.print(out)

    @kolada.command("avstamning")
    def avstamning(
        ar: Annotated[str, typer.Option("--ar", help="År, t.ex. 2021-2024.")],
        bas_url: BasUrl = None,
        offline: Offline = False,
        arbetsyta: ArbetsytaOption = None,
    ) -> None:
        """Stäm av uppfoljs egna indikatorer mot Kolada för den egna kommunen (datakvalitet)."""
        from uppfolj.kolada import service

        ws = open_workspace(arbetsyta)
        client = service.client_for(ws, bas_url, offline=offline)
        table = service.reconciliation(ws, service.parse_years(ar), client)
        out = Table(title=f"Avstämning mot Kolada, {ws.config.kommun_namn} ({ws.config.kommun_kod})")
        for col in ("Indikator", "Kolada", "År", "Kön", "uppfolj", "Kolada-värde", "Skillnad", "Bedömning"):
            out.add_column(col)
        for r in table.to_dict("records"):
            out.add_row(
                r["indikator"],
                r["kpi"],
                str(r["ar"]),
                r["kon"],
                fmt.number(r["uppfolj"], 2),
                fmt.number(r["kolada"], 2),
                fmt.number(r["skillnad"], 2),
                "[red]AVVIKER[/] (över toleransen " + fmt.number(r["tolerans"], 2) + ")"
                if r["avviker"]
                else "inom toleransen",
            )
        console.print(out)


def _csv_text(text: str) -> str:
    return f'"{text}"' if "," in text or '"' in text else text
