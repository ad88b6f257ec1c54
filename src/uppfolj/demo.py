"""`uppfolj demo`: the whole pipeline on the synthetic municipality, as a list of registered steps.

Each feature adds its step with `@demo_step(order, name)` in its package's `demo_step.py`, which the demo
finds by itself (`step_modules()`); it runs the steps in order and prints where everything is.
"""

from __future__ import annotations

import importlib
import pkgutil
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


def step_modules() -> list[str]:
    """Every package's `demo_step` module (found on disk, so adding a step touches only its own package)."""
    root = Path(__file__).parent
    return sorted(
        f"uppfolj.{info.name}.demo_step"
        for info in pkgutil.iter_modules([str(root)])
        if info.ispkg and (root / info.name / "demo_step.py").is_file()
    )


def demo_step(
    order: int, name: str
) -> Callable[[Callable[[DemoContext], None]], Callable[[DemoContext], None]]:
    def decorator(func: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
        if not any(s.name == name for s in _STEPS):
            _STEPS.append(DemoStep(order, name, func))
        return func

    return decorator


def steps() -> list[DemoStep]:
    for module in step_modules():
        importlib.import_module(module)
    return sorted(_STEPS, key=lambda s: s.order)
