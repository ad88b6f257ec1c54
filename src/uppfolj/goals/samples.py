"""The demo committee's goal file and manual values (package data in `goals/demo/`)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from uppfolj.goals.goalfile import GOAL_FILE
from uppfolj.goals.manual import MANUAL_FILE


def copy_samples(root: Path, *, overwrite: bool = False) -> list[Path]:
    """Copy `mal.yaml` and `manuella_varden.csv` into the workspace folder `root`; return the files written
    (existing files are kept unless `overwrite`)."""
    written = []
    for name in (GOAL_FILE, MANUAL_FILE):
        target = root / name
        if target.exists() and not overwrite:
            continue
        target.write_bytes(resources.files("uppfolj.goals").joinpath("demo", name).read_bytes())
        written.append(target)
    return written
