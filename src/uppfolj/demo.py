"""`uppfolj demo`: the whole pipeline on the synthetic municipality, as a list of registered steps.

Each feature adds its step with `@demo_step(order, name)` in its own module and lists that module in
DEMO_MODULES; the demo runs the steps in order and prints where everything is.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from uppfolj.workspace import Workspace


@dataclass
class DemoContext:
    workspace: Workspace
    export_dir: Path
    console: Console
    #: size of the synthetic municipality
    households: int = 14000
    #: (label, path or text) lines printed at the end
    results: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    run: Callable[[DemoContext], None]


_STEPS: list[DemoStep] = []

#: Modules that register demo steps (imported before the demo runs). One line per feature.
DEMO_MODULES: list[str] = [
    "uppfolj.demodata.demo_step",
    "uppfolj.importing.demo_step",
    "uppfolj.indicators.demo_step",
    "uppfolj.web.demo_step",
    "uppfolj.reports.demo_step",
    "uppfolj.goals.demo_step",
    "uppfolj.reports.demo_annual",
    "uppfolj.effects.demo_step",
    "uppfolj.uppdrag.demo_step",
    "uppfolj.bip.demo_step",
]


def demo_step(
    order: int, name: str
) -> Callable[[Callable[[DemoContext], None]], Callable[[DemoContext], None]]:
    def decorator(func: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
        if not any(s.name == name for s in _STEPS):
            _STEPS.append(DemoStep(order, name, func))
        return func

    return decorator


def steps() -> list[DemoStep]:
    for module in DEMO_MODULES:
        importlib.import_module(module)
    return sorted(_STEPS, key=lambda s: s.order)
