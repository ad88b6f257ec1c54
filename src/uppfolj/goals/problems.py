"""Problems found in a goal or manual-values file: every one collected with file and line, metricflow style.

`fel` blocks the command; `varning` is shown and the command goes on. Unknown names get the nearest known
name as a suggestion (difflib).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from uppfolj.errors import UppfoljError

FEL = "fel"
VARNING = "varning"


@dataclass(frozen=True)
class Problem:
    level: str
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, rad {self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def suggestion(name: str, known: Iterable[str]) -> str:
    """` Menade du "x"?` for the nearest known name, or empty."""
    near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" Menade du {near[0]!r}?" if near else ""


@dataclass
class Problems:
    file: str
    items: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.items.append(Problem(FEL, self.file, line, message))

    def warning(self, line: int, message: str) -> None:
        self.items.append(Problem(VARNING, self.file, line, message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == FEL]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == VARNING]

    def raise_if_blocking(self, what: str) -> None:
        """Raise one UppfoljError listing every blocking problem, in line order."""
        errors = sorted(self.errors, key=lambda p: p.line)
        if not errors:
            return
        lines = "\n".join(f"  {p}" for p in errors)
        raise GoalFileError(
            f"{what} {self.file} har {len(errors)} fel som måste rättas innan uppföljningen kan göras:\n"
            f"{lines}",
            errors,
        )


class GoalFileError(UppfoljError):
    """A goal or manual-values file has blocking problems; `problems` lists them all."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems
