"""Goal follow-up of a workspace: read `mal.yaml` and `manuella_varden.csv`, compute, assess."""

from __future__ import annotations

from pathlib import Path

import duckdb

from uppfolj.errors import UppfoljError
from uppfolj.goals.goalfile import GOAL_FILE, load_goals
from uppfolj.goals.manual import MANUAL_FILE, load_manual
from uppfolj.goals.problems import Problem
from uppfolj.goals.table import ComputeFn, GoalTable, collect_values, goal_table
from uppfolj.workspace import Workspace


def goal_path(ws: Workspace) -> Path:
    return ws.root / GOAL_FILE


def manual_path(ws: Workspace) -> Path:
    return ws.root / MANUAL_FILE


def title(ws: Workspace, year: int) -> str:
    return f"Måluppföljning {year}, {ws.config.namnd}, {ws.config.kommun_namn}"


def default_xlsx(ws: Workspace, year: int) -> Path:
    return ws.reports_dir / f"maluppfoljning-{year}.xlsx"


def latest_full_year(con: duckdb.DuckDBPyConnection) -> int | None:
    """The latest calendar year whose December is in `bistand_manad` (None without payments)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "bistand_manad" not in tables:
        return None
    row = con.execute("SELECT max(manad) FROM bistand_manad").fetchone()
    if row is None or row[0] is None:
        return None
    last = row[0]
    return int(last.year) if last.month == 12 else int(last.year) - 1


def default_year(ws: Workspace) -> int:
    """The year `uppfolj mal` follows up without `--ar`: the latest full year of the data."""
    with ws.store().connect() as con:
        year = latest_full_year(con)
    if year is None:
        raise UppfoljError(
            "Datalagret har inga utbetalningar (bistand_manad), så det finns inget helt år att följa upp. "
            "Importera exportfilerna med `uppfolj import`, eller ange året med --ar."
        )
    return year


def follow_up(
    ws: Workspace, year: int, *, compute: ComputeFn | None = None, publish: bool = True
) -> tuple[GoalTable, list[Problem]]:
    """The goal table of `year` for the workspace, and the warnings found in its files. Blocking problems
    in either file raise one `UppfoljError` listing all of them."""
    manual, manual_problems = load_manual(manual_path(ws))
    goals, goal_problems = load_goals(goal_path(ws), manual.names)
    with ws.store().connect() as con:
        values = collect_values(con, goals, year, manual, compute=compute, config=ws.config, publish=publish)
    return goal_table(goals, year, values, manual), manual_problems.warnings + goal_problems.warnings
