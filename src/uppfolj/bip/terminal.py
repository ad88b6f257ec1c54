"""BIP figures in the terminal: one table per indicator (shared by `uppfolj bip progression` and the demo)."""

from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.table import Table

from uppfolj import fmt
from uppfolj.bip.aggregate import MEASURES, NO_INSATS

_KON_TEXT = {"K": "Kvinnor", "M": "Män", "T": "Totalt"}


def _value(row: pd.Series, matt: str) -> str:
    unit = MEASURES[matt][1]
    decimals = 2 if matt == "medelforandring" else None
    return fmt.cell(
        row["varde"], hidden=bool(row["undertryckt"]), unit=unit if unit == "%" else "", decimals=decimals
    )


def print_tables(frame: pd.DataFrame, *, per: str | None, published: bool, out: Console) -> None:
    """One terminal table per BIP indicator: group and sex down, the four measures across."""
    for indikator, sub in frame.groupby("indikator", sort=False):
        title = f"BIP: {indikator}" + (" (publicerade tal, röjandeskydd)" if published else "")
        table = Table(title=title, title_justify="left")
        table.add_column(per.capitalize() if per else "Grupp")
        table.add_column("Kön")
        for matt, (name, _unit, _fig) in MEASURES.items():
            table.add_column(name + (" (%)" if matt == "andel_forbattrade" else ""), justify="right")
        for (grupptyp, grupp, kon), cells in sub.groupby(["grupptyp", "grupp", "kon"], sort=False):
            by_matt = {r["matt"]: r for _, r in cells.iterrows()}
            label = "Alla" if not grupptyp else str(grupp)
            table.add_row(label, _KON_TEXT[str(kon)], *(_value(by_matt[m], m) for m in MEASURES))
        out.print(table)
    out.print(
        "Förändring = senaste minus första mätningen; förbättrad = förändring över 0. "
        f"Mätningarna räknas till insatserna som pågick vid första mätningen (annars den senast påbörjade); "
        f"{NO_INSATS} = ingen sådan insats. I.U. = inget att beräkna, .. = dolt (röjandeskydd)."
    )
