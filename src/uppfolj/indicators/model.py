"""The definition format: one `Indicator` per catalogue entry (see docs/indicator-definitions.md).

A definition is data: its id, Swedish name and definition text, unit, breakdowns, allowed period kinds,
coverage rule (when the value is *I.U.*), the kind of figure (for small-number protection) and one SQL
query in the DuckDB dialect. The engines run that query unchanged on DuckDB and translated by sqlglot on
Spark; nothing else about an indicator is written anywhere.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

#: kinds of counted things; counts of persons and households are protected (1..smatal_grans hidden)
PROTECTED_KINDS = ("personer", "hushall")
FIGURE_KINDS = ("personer", "hushall", "belopp", "ovrigt")

#: names a coverage condition may use (all month indices, except G)
COVERAGE_NAMES = {
    "F": "first month of P",
    "L": "last month of P",
    "S": "data start (first month with data in the indicator's source)",
    "E": "data end (last month with data in the indicator's source)",
    "G": "uppehall_manader (months without payment that do not break a spell)",
}

#: the default rule: the whole period lies inside the data
INSIDE_DATA = ("F >= S", "L <= E")


@dataclass(frozen=True)
class Figure:
    """What the value is, for small-number protection and for filling empty results.

    `value` is the kind of the value itself when it is a count or a sum (`personer`, `hushall`, `belopp`,
    `ovrigt`), or None for a ratio/mean/median, whose `numerator` and `denominator` kinds say what
    `taljare` and `namnare` count.
    """

    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None

    @property
    def is_ratio(self) -> bool:
        return self.value is None

    def protected_columns(self) -> list[str]:
        """The output columns (`varde`, `taljare`, `namnare`) holding protected counts."""
        cols = []
        if self.value in PROTECTED_KINDS:
            cols.append("varde")
        if self.numerator in PROTECTED_KINDS:
            cols.append("taljare")
        if self.denominator in PROTECTED_KINDS:
            cols.append("namnare")
        return cols


def count_of(kind: str) -> Figure:
    return Figure(value=kind)


def ratio_of(numerator: str | None, denominator: str | None) -> Figure:
    return Figure(numerator=numerator, denominator=denominator)


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry. See docs/indicator-definitions.md for every field."""

    id: str
    name: str
    version: int
    unit: str
    definition: str
    sql: str
    figure: Figure
    #: the definition in one plain sentence for a reader of a committee report (no ids, no column names)
    plain: str = ""
    #: the shares of a breakdown are within the group and add up to 100 % (a level nobody in the group
    #: has is 0 %, not a missing value)
    shares_within_group: bool = False
    #: the data source whose start/end the coverage rule uses (a key of helpers.SOURCES)
    source: str = "bistand"
    kon: tuple[str, ...] = ("T",)
    grupptyper: tuple[str, ...] = ()
    #: allowed period kinds (periods.KINDS); other periods give I.U.
    period_kinds: tuple[str, ...] = ("manad", "kvartal", "tertial", "halvar", "ar", "intervall")
    #: conditions over F, L, S, E, G that must all hold for a period to be computed (else I.U.)
    coverage: tuple[str, ...] = INSIDE_DATA
    #: Swedish note on coverage for the catalogue page (empty: the default rule)
    coverage_text: str = ""
    #: catalogue section: eb, am, sol, ek
    area: str = "eb"
    #: fills the breakdown values the SQL leaves NULL, from Python over the store (the same for both engines):
    #: `(con, config, period, grupp) -> value or None`; a total left NULL becomes the sum of its groups when
    #: all of them then have a value. ek_prognos_helar uses it for the system's own forecast.
    fallback: Callable[..., float | None] | None = None

    def __post_init__(self) -> None:
        for cond in self.coverage:
            check_condition(cond)
        for kon in self.kon:
            if kon not in ("K", "M", "T"):
                raise ValueError(f"{self.id}: kon {kon!r}")

    def covers(self, *, first: int, last: int, start: int | None, end: int | None, g: int) -> bool:
        """True when every coverage condition holds for the period [first, last]."""
        if start is None or end is None:
            return False
        names = {"F": first, "L": last, "S": start, "E": end, "G": g}
        return all(evaluate_condition(cond, names) for cond in self.coverage)


_ALLOWED = (
    ast.Expression,
    ast.Compare,
    ast.BinOp,
    ast.Name,
    ast.Constant,
    ast.Add,
    ast.Sub,
    ast.Load,
    ast.GtE,
    ast.LtE,
    ast.Gt,
    ast.Lt,
    ast.Eq,
    ast.UnaryOp,
    ast.USub,
)


def check_condition(cond: str) -> ast.Expression:
    """Parse a coverage condition; only integers, F/L/S/E/G, + and − and comparisons are allowed."""
    tree = ast.parse(cond, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"coverage condition {cond!r}: {type(node).__name__} not allowed")
        if isinstance(node, ast.Name) and node.id not in COVERAGE_NAMES:
            raise ValueError(f"coverage condition {cond!r}: unknown name {node.id}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, int):
            raise ValueError(f"coverage condition {cond!r}: only integers")
    return tree


def evaluate_condition(cond: str, names: dict[str, int]) -> bool:
    tree = check_condition(cond)
    return bool(eval(compile(tree, "<coverage>", "eval"), {"__builtins__": {}}, dict(names)))
