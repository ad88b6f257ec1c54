"""The tables written once, after every chunk: platser (sized from the insatser generated), ekonomi
(the EB outcome is exactly the month's sum of belopp) and befolkning (T = K + M)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from uppfolj.demodata import formats as f
from uppfolj.demodata import model as m
from uppfolj.demodata.calendar import Period
from uppfolj.demodata.chunk import Row, Totals

VERKSAMHETER = ("Ekonomiskt bistånd", "Arbetsmarknadsåtgärder", "Nämnd- och styrelseverksamhet")


def _split_year(p: Period) -> int:
    """Places change on 1 January of the middle exported year."""
    return p.first_year + max(1, (p.last_day.year - p.first_year + 1) // 2)


def platser(p: Period, totals: Totals) -> list[Row]:
    split = _split_year(p)
    rows: list[Row] = []
    for unit in m.UNITS:
        days = totals.unit_days[unit.name]
        spans = [(dt.date(p.first_year - 2, 1, 1), dt.date(split - 1, 12, 31)), (dt.date(split, 1, 1), None)]
        for fran, till in spans:
            ks = [
                k
                for k in range(p.first_k, p.end_k)
                if fran <= p.first_day(k) and (till is None or p.first_day(k) <= till)
            ]
            occupied = sum(days[k - p.first_k] for k in ks)
            calendar_days = sum(p.days_in(k) for k in ks) or 1
            places = max(2, int(round(occupied / calendar_days / unit.occupancy)))
            index = (1 + m.YEARLY_INDEX) ** (max(fran.year, p.first_year) - p.first_year)
            cost = int(round(places * unit.cost_per_place * index, -3))
            rows.append([unit.name, fran, till, places, unit.platstyp.capitalize(), cost])
    return rows


def _places_cost_month(place_rows: list[Row], day: dt.date) -> float:
    total = 0.0
    for _, fran, till, _, _, cost in place_rows:
        assert isinstance(fran, dt.date) and isinstance(cost, int)
        if fran <= day and (till is None or (isinstance(till, dt.date) and day <= till)):
            total += cost / 12
    return total


def ekonomi(p: Period, totals: Totals, place_rows: list[Row], seed: int) -> list[Row]:
    rng = np.random.default_rng([seed, 999_001])
    scale = totals.households / m.DEFAULT_HOUSEHOLDS
    months = list(range(p.first_k, p.end_k))
    actual: dict[str, list[int]] = {v: [] for v in VERKSAMHETER}
    for k in months:
        i = k - p.first_k
        actual[VERKSAMHETER[0]].append(totals.eb_ore[i])
        am = _places_cost_month(place_rows, p.first_day(k)) + totals.employed[i] * m.WAGE_PER_EMPLOYED_MONTH
        actual[VERKSAMHETER[1]].append(int(round(am * (1 + rng.normal(0, 0.03)))) * 100)
        actual[VERKSAMHETER[2]].append(
            int(round(m.COMMITTEE_MONTHLY * scale * (1 + rng.normal(0, 0.1)))) * 100
        )
    years = sorted({p.year_month(k)[0] for k in months})
    rows: list[Row] = []
    for k in months:
        i = k - p.first_k
        year, month = p.year_month(k)
        for v in VERKSAMHETER:
            same_year = [j for j, kk in enumerate(months) if p.year_month(kk)[0] == year]
            before = [j for j, kk in enumerate(months) if p.year_month(kk)[0] == year - 1]
            if v == VERKSAMHETER[2]:
                budget = int(round(m.COMMITTEE_MONTHLY * scale)) * 100
            elif len(before) == 12:
                budget = int(round(sum(actual[v][j] for j in before) * 1.01 / 12 / 100)) * 100
            else:
                budget = int(round(sum(actual[v][j] for j in same_year) * 0.97 / len(same_year) / 100)) * 100
            prognos = ""
            if month in m.FORECAST_MONTHS and year in years:
                ytd = [actual[v][j] for j in same_year if p.year_month(months[j])[1] <= month]
                prognos = f.money_spaced(
                    int(round((sum(ytd) + (12 - month) * sum(ytd) / len(ytd)) / 100)) * 100
                )
            rows.append(
                [
                    p.first_day(k).strftime("%Y%m"),
                    v,
                    f.money_spaced(budget),
                    f.money_spaced(actual[v][i]),
                    prognos,
                ]
            )
    return rows


def befolkning(p: Period, totals: Totals) -> list[Row]:
    scale = totals.households / m.DEFAULT_HOUSEHOLDS
    last = p.last_day.year
    rows: list[Row] = []
    for year in range(p.first_year, last + 1):
        total = int(round(m.DEFAULT_POPULATION * scale * (1 - 0.009) ** (last - year)))
        women = int(round(total * 0.497))
        for kon, antal in (("K", women), ("M", total - women), ("T", total)):
            rows.append([str(year), kon, str(antal)])
    return rows
