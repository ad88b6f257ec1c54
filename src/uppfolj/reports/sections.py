"""Workspace sections that join the committee reports: one registration each, like the built-in ones.

A section provider takes the workspace and the report's period label and returns its sections (none when
the workspace has nothing for it: no Kolada values fetched, no control plan, no action plan ...). Adding a
section to the yearly or monthly report is one `@workspace_section` function here or in the feature's module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from uppfolj.outputs.model import Section
from uppfolj.workspace import Workspace

Provider = Callable[[Workspace, str], list[Section]]


@dataclass(frozen=True)
class WorkspaceSection:
    name: str
    #: the reports it joins: "ar" (årsredovisning), "manad" (månadsrapport)
    reports: tuple[str, ...]
    build: Provider


_SECTIONS: list[WorkspaceSection] = []


def workspace_section(name: str, *reports: str) -> Callable[[Provider], Provider]:
    def decorator(func: Provider) -> Provider:
        _SECTIONS.append(WorkspaceSection(name, reports, func))
        return func

    return decorator


def sections_for(report: str, ws: Workspace, label: str) -> list[Section]:
    out: list[Section] = []
    for entry in _SECTIONS:
        if report in entry.reports:
            out.extend(entry.build(ws, label))
    return out


def _year(label: str) -> int:
    return int(label[:4])


@workspace_section("Åtgärdsplan", "manad", "ar")
def _action_plan(ws: Workspace, label: str) -> list[Section]:
    from uppfolj.atgardsplan.followup import section

    found = section(ws.root)
    return [found] if found else []


@workspace_section("Uppdrag", "ar")
def _assignments(ws: Workspace, label: str) -> list[Section]:
    from uppfolj.uppdrag.register import Register
    from uppfolj.uppdrag.report import report_sections

    items = Register.for_workspace(ws.root).all()
    if not items:
        return []
    year = _year(label)
    # the status as it stood at the end of the reported year (or today, for the current year)
    as_of = min(dt.date.today(), dt.date(year, 12, 31))
    return report_sections(items, year, as_of)


@workspace_section("Internkontroll", "ar")
def _internal_control(ws: Workspace, label: str) -> list[Section]:
    from uppfolj.internkontroll.report import section

    found = section(ws.root)
    return [found] if found else []


@workspace_section("Kolada", "ar")
def _kolada(ws: Workspace, label: str) -> list[Section]:
    from uppfolj.kolada.report import section

    found = section(ws, _year(label))
    return [found] if found is not None else []
