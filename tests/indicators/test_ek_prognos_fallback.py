"""ek_prognos_helar falls back to the system's own forecast where the finance export has none.

ekonomi: Arbetsmarknadsåtgärder has utfall 100 000 kr every month 2023-01 … 2024-08 and no recorded
forecast; Ekonomiskt bistånd has a recorded prognos_helar of 50 000 000 kr in 2024-08.

The forecast for another activity than ekonomiskt bistånd is level × season on the monthly utfall
(docs/prognos.md): level = mean of June–August 2024 = 100 000; season for September–December = the 2023
month ÷ the mean of June–August 2023 = 1. So at the end of August 2024:
    8 × 100 000 (January–August) + 4 × 100 000 (September–December) = 1 200 000 kr.
The total is the sum over the activities: 1 200 000 + 50 000 000 = 51 200 000 kr.
"""

from __future__ import annotations

import pytest

from uppfolj.indicators import compute
from uppfolj.workspace import Config

from .handbuilt import stored_db, value

AM = "Arbetsmarknadsåtgärder"
EB = "Ekonomiskt bistånd"
MONTHS = [f"{y}-{m:02d}" for y in (2023, 2024) for m in range(1, 13) if (y, m) <= (2024, 8)]
EKONOMI = [
    {"manad": m, "verksamhet": AM, "budget": 110_000, "utfall": 100_000, "prognos_helar": None}
    for m in MONTHS
]
EKONOMI += [
    {
        "manad": "2024-08",
        "verksamhet": EB,
        "budget": 4_000_000,
        "utfall": 4_100_000,
        "prognos_helar": 50_000_000,
    }
]


def test_system_forecast_fills_what_is_not_recorded() -> None:
    con = stored_db(register={}, ekonomi=EKONOMI)
    result = compute(con, periods=["2024-08"], indicators=["ek_prognos_helar"], config=Config())
    assert value(result, "ek_prognos_helar", "2024-08", "T", "verksamhet", AM).varde == pytest.approx(
        1_200_000
    )
    assert value(result, "ek_prognos_helar", "2024-08", "T", "verksamhet", EB).varde == 50_000_000
    assert value(result, "ek_prognos_helar", "2024-08").varde == pytest.approx(51_200_000)
