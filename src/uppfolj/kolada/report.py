"""The Kolada section of the yearly report: the own municipality against its group, from stored values.

Only figures already stored (`uppfolj kolada hamta`, or the demo's generated values) are used, so writing
a report never needs the network. The group is `kolada: jamforelsegrupp:` in `uppfolj.yaml` (default R9).
Per key figure a table of the group's municipalities for the year and the year before (total, not by
sex), with the change and the rank, and a drafted paragraph (`ar.kolada`) placing the own municipality.
Values stored with the status `demo` were generated for the demonstration, and the section says so.
"""

from __future__ import annotations

import pandas as pd

from uppfolj import fmt
from uppfolj.kolada import service
from uppfolj.kolada.compare import compare
from uppfolj.outputs.model import Cell, Column, Paragraph, Section, Table
from uppfolj.outputs.wording import change_text
from uppfolj.workspace import Workspace

#: the status of values generated for the demo (never a status Kolada itself uses)
DEMO_STATUS = "demo"
DEMO_NOTE = (
    "Jämförelsevärdena är framtagna för demonstrationen och är inte verkliga Kolada-värden; de visar hur "
    "avsnittet ser ut när nyckeltalen hämtats från Kolada."
)


def _decimals(values: list[float]) -> int:
    return 0 if values and max(abs(v) for v in values) >= 100 else 1


def _num(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if number != number else number


def _total(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of sex T, or of the first sex present when the key figure is not given in total."""
    if table.empty:
        return table
    kon = "T" if (table["kon"] == "T").any() else str(table["kon"].iloc[0])
    return table[table["kon"] == kon]


def kpi_block(
    values: pd.DataFrame,
    kpi: str,
    title: str,
    year: int,
    municipalities: list[str],
    names: dict[str, str],
    own: str,
    group: str,
) -> tuple[Table, str]:
    """The comparison table of one key figure and the drafted sentence on the own municipality."""
    now = _total(compare(values, kpi, year, municipalities, names))
    before = _total(compare(values, kpi, year - 1, municipalities, names))
    prev_by = {r["kommun_id"]: _num(r["varde"]) for r in before.to_dict("records")}
    shown = [v for v in (_num(x) for x in now["varde"]) if v is not None]
    decimals = _decimals(shown)
    rows: list[list[Cell]] = []
    for r in now.to_dict("records"):
        value, prev = _num(r["varde"]), prev_by.get(r["kommun_id"])
        name = f"{r['kommun']} (egen kommun)" if r["kommun_id"] == own else str(r["kommun"])
        change = None if value is None or prev is None else value - prev
        rank = None if pd.isna(r["rang"]) else int(r["rang"])
        rows.append([name, prev, value, change, rank])
    mean_now = _num(now["gruppmedel"].iloc[0]) if len(now) else None
    mean_before = _num(before["gruppmedel"].iloc[0]) if len(before) else None
    rows.append(
        [
            f"Medelvärde {group}",
            mean_before,
            mean_now,
            None if mean_now is None or mean_before is None else mean_now - mean_before,
            "",
        ]
    )
    table = Table(
        f"{title}, {year}",
        [
            Column("Kommun"),
            Column(str(year - 1), "decimal", decimals),
            Column(str(year), "decimal", decimals),
            Column(f"Förändring från {year - 1}", "decimal", decimals),
            Column(f"Rang {year}", "count"),
        ],
        rows,
        notes=[f"Källa: Kolada (RKA), nyckeltal {kpi}. Rang 1 = högst värde i gruppen."],
    )
    return table, _sentence(now, prev_by, title, year, own, names, group, decimals)


def _sentence(
    now: pd.DataFrame,
    prev_by: dict[str, float | None],
    title: str,
    year: int,
    own: str,
    names: dict[str, str],
    group: str,
    decimals: int,
) -> str:
    mine = now[now["kommun_id"] == own]
    if mine.empty or _num(mine["varde"].iloc[0]) is None:
        return f"För {title.lower()} finns inget värde för den egna kommunen {year}."
    r = mine.iloc[0]
    value, mean = float(r["varde"]), _num(r["gruppmedel"])
    ranked = int(now["varde"].notna().sum())
    text = f"{title} {year}: {names.get(own, own)} hade {_value(value, title, decimals)}"
    if mean is not None:
        relation = (
            "i nivå med"
            if round(value, decimals) == round(mean, decimals)
            else ("högre än" if value > mean else "lägre än")
        )
        text += f", {relation} medelvärdet i {group} ({_value(mean, title, decimals)})"
    text += f", rang {int(r['rang'])} av {ranked}"
    prev = prev_by.get(own)
    if prev is not None:
        unit = "%" if "%" in title else ("kr" if "kr/" in title else "")
        text += f"; {change_text(value, prev, unit, decimals, str(year - 1))}"
    return text + "."


def _value(value: float, title: str, decimals: int) -> str:
    """A key figure with the unit its title names: `5,1 %`, `2 394 kr`, else the number alone."""
    if "%" in title:
        return fmt.percent(value, decimals)
    if "kr/" in title:
        return f"{fmt.number(value, decimals)} kr"
    return fmt.number(value, decimals)


def section(ws: Workspace, year: int) -> Section | None:
    """None when nothing is stored from Kolada for the year."""
    store = service.value_store(ws)
    if not store.path.exists():
        return None
    group_name = str(service.settings(ws).get("jamforelsegrupp") or "R9")
    municipalities = service.municipalities_for(ws, group_name)
    own = ws.config.kommun_kod
    titles = store.kpi_titles()
    names = store.names()
    if own not in municipalities and not store.load(list(titles), [own], [year]).empty:
        municipalities.append(own)  # the demo's own municipality (code 0000) has stored values too
    names.setdefault(own, ws.config.kommun_namn)
    tables: list[Table] = []
    sentences: list[str] = []
    fetched: list[pd.Timestamp] = []
    demo = False
    for kpi in sorted(titles):
        values = store.load([kpi], municipalities, [year - 1, year])
        current = values[values["ar"] == year]
        if current.empty or current["varde"].isna().all():
            continue
        fetched.append(pd.Timestamp(current["hamtad"].min()))
        demo = demo or bool((values["status"] == DEMO_STATUS).any())
        table, sentence = kpi_block(values, kpi, titles[kpi], year, municipalities, names, own, group_name)
        tables.append(table)
        sentences.append(sentence)
    if not tables:
        return None
    intro = (
        f"Nämndens kostnader och resultat jämförs med kommunerna i {group_name} för de nyckeltal som hämtats "
        f"från Kolada (hämtade {min(fetched):%Y-%m-%d})."
    )
    blocks: list[Paragraph | Table] = [Paragraph(intro)]
    if demo:
        blocks.append(Paragraph(DEMO_NOTE))
    blocks.append(Paragraph(" ".join(sentences), key="ar.kolada"))
    return Section("Jämförelse med andra kommuner", [*blocks, *tables], sheet="Kolada")
