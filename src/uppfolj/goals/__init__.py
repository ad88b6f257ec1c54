"""Goal follow-up: the workspace's goal file `mal.yaml` and manual values
`manuella_varden.csv`, assessment per indicator and nämndmål, and the goal table committees use.

Layers in pipeline order: `model` (the goal file as data), `goalfile` and `manual` (read and validate, every
problem with file and line), `assess` (the rules), `table` (values → the table), `xlsx`/`render`/`report`
(outputs), `followup` (all of it for a workspace). See docs/mal.md.
"""

from __future__ import annotations

from uppfolj.goals.followup import follow_up
from uppfolj.goals.table import GoalTable, goal_table

__all__ = ["GoalTable", "follow_up", "goal_table"]
