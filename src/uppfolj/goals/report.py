"""The goal table as report sections (`outputs.model`), for the yearly report (`reports.ar.make.build(goals=)`)."""

from __future__ import annotations

from uppfolj.goals.bedomning import assessments
from uppfolj.goals.table import NAMNDMAL, GoalTable
from uppfolj.goals.xlsx import LEGEND
from uppfolj.outputs.model import Block, Cell, Column, Figure, Heading, Paragraph, Section, Status, Table

_STATUS = {"Uppnått": "C6EFCE", "Delvis uppnått": "FFEB9C", "Ej uppnått": "FFC7CE", "Ej bedömt": "D9D9D9"}


INTRO = (
    "Måluppfyllelsen bedöms per nämndmål utifrån nämndindikatorerna: deras utfall mot målvärdet för året "
    "och mot året före. Nämndindikatorerna redovisas i avsnittet Nämndindikatorer."
)


def assessment_section(table: GoalTable) -> Section:
    """`Målredovisning`: per målområde, each nämndmål with its assessment and its text (drafted from the
    indicators, or written in the goal file), as the keyed paragraph `mal.<id>`."""
    blocks: list[Block] = [Paragraph(INTRO)]
    omrade = None
    for row, text, _written in assessments(table):
        if row.malomrade != omrade:
            omrade = row.malomrade
            blocks.append(Heading(f"Målområde {omrade}", level=2))
        blocks.append(Heading(f"Nämndmål: {row.namndmal} ({row.bedomning.lower()})", level=3))
        blocks.append(Paragraph(text, key=f"mal.{row.goal_id}"))
    return Section("Målredovisning", blocks, sheet=f"Målredovisning {table.year}")


def report_sections(table: GoalTable) -> list[Section]:
    """`Målredovisning` (the assessment per nämndmål) and `Nämndindikatorer`: per målområde a table of its
    nämndmål and indicators over three years with målvärde and bedömning."""
    columns = [
        Column("Nämndmål / nämndindikator"),
        Column("Kön"),
        *(Column(str(y), "decimal") for y in table.years),
        Column(f"Målvärde {table.year}"),
        Column("Bedömning", "status"),
    ]
    blocks: list[Paragraph | Table] = []
    order = list(dict.fromkeys(r.malomrade for r in table.rows))
    for omrade in order:
        rows: list[list[Cell]] = []
        kmal = None
        for r in (r for r in table.rows if r.malomrade == omrade):
            if r.kommunmal != kmal:
                kmal = r.kommunmal
                rows.append(
                    [f"Kommunövergripande mål: {r.kommunmal}", "", *([""] * len(table.years)), "", ""]
                )
            if r.kind == NAMNDMAL:
                status = Status(r.bedomning, _STATUS.get(r.bedomning, "D9D9D9"))
                rows.append([r.namndmal, "", *([""] * len(table.years)), "", status])
                continue
            kind = "percent" if r.unit == "%" else "decimal"
            figures: list[Cell] = [Figure(v.value, v.hidden, kind, r.decimals) for v in r.values]
            rows.append([f"  {r.indikator}", r.kon, *figures, r.malvarde, r.bedomning])
        blocks.append(Table(f"Målområde: {omrade}", columns, rows))
    blocks.append(Paragraph(table.rule_text))
    blocks.append(Paragraph(LEGEND))
    return [
        assessment_section(table),
        Section("Nämndindikatorer", list(blocks), sheet=f"Mål {table.year}", landscape=True),
    ]
