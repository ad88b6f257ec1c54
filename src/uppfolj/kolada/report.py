"""The Kolada section of the yearly report: the own municipality against its group, from stored values.

Only figures already fetched (`uppfolj kolada hamta`) are used, so writing a report never needs the network.
The group is `kolada: jamforelsegrupp:` in `uppfolj.yaml` (default R9).
"""

from __future__ import annotations

import pandas as pd

from uppfolj.kolada import service
from uppfolj.kolada.compare import compare
from uppfolj.outputs.model import Cell, Column, Paragraph, Section, Table
from uppfolj.workspace import Workspace


def section(ws: Workspace, year: int) -> Section | None:
    """None when nothing has been fetched from Kolada for the year."""
    store = service.value_store(ws)
    if not store.path.exists():
        return None
    group_name = str(service.settings(ws).get("jamforelsegrupp") or "R9")
    municipalities = service.municipalities_for(ws, group_name)
    titles = store.kpi_titles()
    names = store.names()
    own = ws.config.kommun_kod
    blocks: list[Paragraph | Table] = []
    fetched: list[pd.Timestamp] = []
    for kpi in sorted(titles):
        values = store.load([kpi], municipalities, [year - 1, year])
        current = values[values["ar"] == year]
        if current.empty or current["varde"].isna().all():
            continue
        fetched.append(pd.Timestamp(current["hamtad"].min()))
        table = compare(values, kpi, year, municipalities, names)
        previous = compare(values, kpi, year - 1, municipalities, names)
        prev_by = {(r["kommun_id"], r["kon"]): r["varde"] for r in previous.to_dict("records")}
        rows: list[list[Cell]] = []
        for r in table.to_dict("records"):
            name = f"{r['kommun']} (egen kommun)" if r["kommun_id"] == own else str(r["kommun"])
            prev = prev_by.get((r["kommun_id"], r["kon"]))
            change = (
                None
                if r["varde"] is None or prev is None or pd.isna(prev) or pd.isna(r["varde"])
                else r["varde"] - prev
            )
            rank = None if pd.isna(r["rang"]) else int(r["rang"])
            rows.append(
                [
                    rank,
                    name,
                    r["kon"],
                    _num(r["varde"]),
                    change,
                    _num(r["gruppmedel"]),
                    _num(r["gruppmedian"]),
                ]
            )
        blocks.append(
            Table(
                f"{titles[kpi]} ({kpi}), {year}",
                [
                    Column("Rang"),
                    Column("Kommun"),
                    Column("Kön"),
                    Column("Värde", "decimal"),
                    Column(f"Förändring från {year - 1}", "decimal"),
                    Column("Gruppmedel", "decimal"),
                    Column("Gruppmedian", "decimal"),
                ],
                rows,
                notes=[
                    f"Källa: Kolada (RKA), hämtad {pd.Timestamp(current['hamtad'].min()):%Y-%m-%d}. Rang 1 = högst värde."
                ],
            )
        )
    if not blocks:
        return None
    intro = Paragraph(
        f"Jämförelse med kommunerna i {group_name} för de nyckeltal som hämtats från Kolada. "
        f"Källa: Kolada, hämtad {min(fetched):%Y-%m-%d}."
    )
    return Section("Jämförelse med andra kommuner", [intro, *blocks], sheet="Kolada")


def _num(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if number != number else number
