"""The goal file as data: målområde → kommunövergripande mål → nämndmål → indicators with targets.

Built by `uppfolj.goals.goalfile.load_goals` from the workspace's `mal.yaml` (see docs/mal.md); consumed by
assessment (`assess.py`) and the goal table (`table.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: directions: `hogre` = higher is better, `lagre` = lower is better
DIRECTIONS = ("hogre", "lagre")
KON = ("K", "M", "T")


@dataclass(frozen=True)
class Target:
    """The target of one year: `value` with `direction` (met when at least/at most the value), or, when
    `value` is None, only a direction relative to the year before (met when strictly better)."""

    year: int
    direction: str
    value: float | None = None

    @property
    def relative(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class GoalIndicator:
    """One nämndindikator: a catalogue id or a manual id, followed up on `period` (`ar`, `H1`, `Q3`, `T2`,
    `12`, ...) and `kon`; `targets` by year."""

    id: str
    direction: str
    targets: dict[int, Target] = field(default_factory=dict)
    name: str | None = None
    kon: str = "T"
    period: str = "ar"
    unit: str | None = None
    decimals: int | None = None
    line: int = 0

    def period_label(self, year: int) -> str:
        """The period label of the indicator spec for `year`: `2024`, `2024-H1`, `2024-12`, ..."""
        if self.period == "ar":
            return str(year)
        if self.period.isdigit():
            return f"{year}-{int(self.period):02d}"
        return f"{year}-{self.period}"


@dataclass(frozen=True)
class NamndMal:
    name: str
    indicators: list[GoalIndicator]
    line: int = 0
    #: stable id (the goal file's `id`, else derived from the name): the key of its drafted assessment
    id: str = ""
    #: written assessment text by year (`bedomningstext`), which replaces the drafted one
    texts: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KommunMal:
    name: str
    namndmal: list[NamndMal]
    line: int = 0


@dataclass(frozen=True)
class Malomrade:
    name: str
    kommunmal: list[KommunMal]
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """The nämndmål rule: of the assessed indicators (met or not met), a share of at least `uppnatt`
    met → uppnått; at least `delvis` → delvis uppnått; fewer → ej uppnått; fewer than `minsta_antal`
    assessed → ej bedömt."""

    uppnatt: float = 1.0
    delvis: float = 0.5
    minsta_antal: int = 1


@dataclass(frozen=True)
class Goals:
    omraden: list[Malomrade]
    rule: Rule = Rule()
    path: str = "mal.yaml"

    def indicators(self) -> list[GoalIndicator]:
        return [i for o in self.omraden for k in o.kommunmal for n in k.namndmal for i in n.indicators]
