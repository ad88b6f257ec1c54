"""The budgeted number of households with ekonomiskt bistånd, which no export carries: set in uppfolj.yaml
per month (`budgeterade_hushall_manad: {2024: [twelve numbers, January–December]}`) or per year
(`budgeterade_hushall: {2024: 1710}`, used for every month the monthly list does not give)."""

from __future__ import annotations

from typing import Any

from uppfolj.errors import UppfoljError
from uppfolj.workspace import Config


def budgeted_households(config: Config, year: int, month: int | None = None) -> float | None:
    """The budgeted number of households: the month's figure from `budgeterade_hushall_manad` where
    given, else the year's `budgeterade_hushall`; None when neither is set."""
    monthly = _by_year(config.ovrigt.get("budgeterade_hushall_manad"), year)
    if month is not None and monthly is not None:
        if not isinstance(monthly, list) or len(monthly) != 12:
            raise UppfoljError(
                f"budgeterade_hushall_manad för {year} i uppfolj.yaml ska vara en lista med tolv tal "
                f"(januari–december), t.ex. [1700, 1710, …]. Rätta inställningen."
            )
        if monthly[month - 1] is not None:
            return _number(monthly[month - 1], "budgeterade_hushall_manad", year)
    value = _by_year(config.ovrigt.get("budgeterade_hushall"), year)
    return None if value is None else _number(value, "budgeterade_hushall", year)


def planned_household_months(config: Config, year: int, months: int) -> float | None:
    """Σ budgeted households over January to month `months` (None when any of those months has none)."""
    values = [budgeted_households(config, year, k) for k in range(1, months + 1)]
    return None if any(v is None for v in values) else float(sum(v for v in values if v is not None))


def _by_year(setting: object, year: int) -> Any:
    if not isinstance(setting, dict):
        return None
    return setting.get(year, setting.get(str(year)))


def _number(value: Any, setting: str, year: int) -> float:
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise UppfoljError(
            f"{setting} för {year} i uppfolj.yaml innehåller {value!r}, som inte är ett antal hushåll. "
            f"Skriv talet med siffror, t.ex. 1710."
        ) from exc
