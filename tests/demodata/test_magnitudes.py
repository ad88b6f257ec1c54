"""Magnitudes of the test municipality (4 000 households), scaled from the brief's default municipality of
14 000 households: about 2 500 paying households a month, about 1 000 new participants a year, 30–45 % of
insats exits to work or studies, about 10 non-executed SoL decisions a quarter, waits of about two weeks."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from pathlib import Path

from tests.demodata.conftest import HOUSEHOLDS
from tests.demodata.readers import as_date, month_key, read_rows

#: the default municipality has 14 000 households; the test one is this share of it
SCALE = HOUSEHOLDS / 14_000  # 4 000 / 14 000 = 0.2857


def _kr(text: str) -> int:
    """`1 234,50` → 123450 öre."""
    whole, _, frac = text.replace(" ", "").partition(",")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int(frac or 0))


def test_paying_households_per_month(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "bistand_manad.csv")
    per_month: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        per_month[str(r[1])].add(str(r[0]))
    assert len(per_month) == 72  # 2019-01 .. 2024-12
    counts = [len(v) for v in per_month.values()]
    # 2 500 × 0.2857 = 714 a month; every month within ±15 %
    assert all(607 <= c <= 821 for c in counts), (min(counts), max(counts))
    # one row per household and month in clean data
    assert len(rows) == sum(counts)


def test_spells_short_and_long_with_returns(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "bistand_manad.csv")
    months: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        key = month_key(str(r[1]))
        assert key is not None
        months[str(r[0])].append(key[0] * 12 + key[1])
    lengths: list[int] = []
    bridged = returned = 0
    for ms in months.values():
        ms.sort()
        start = prev = ms[0]
        for m in ms[1:]:
            gap = m - prev - 1
            if 1 <= gap <= 2:
                bridged += 1  # within G = 2: the same spell
            elif gap > 2:
                returned += 1
                lengths.append(prev - start + 1)
                start = m
            prev = m
        lengths.append(prev - start + 1)
    short = sum(n <= 3 for n in lengths) / len(lengths)
    long = sum(n >= 24 for n in lengths) / len(lengths)
    assert 0.25 < short < 0.75  # many short spells
    assert 0.03 < long < 0.30  # and a long tail of long-term recipients
    assert bridged > 100 and returned > 300


def test_children_and_medsokande(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "bistand_manad.csv")
    with_med = sum(1 for r in rows if r[3]) / len(rows)
    with_children = sum(1 for r in rows if int(str(r[4])) > 0) / len(rows)
    assert 0.08 < with_med < 0.30
    assert 0.20 < with_children < 0.50
    assert {str(r[6]) for r in rows} <= {"", "1", "3", "4", "5", "6", "7", "8", "9"}


def test_insatser_participants_types_units_and_exits(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "insatser.csv")
    starters: dict[int, set[str]] = defaultdict(set)
    ended = to_work = 0
    for r in rows:
        start, end = as_date(r[6]), as_date(r[7])
        assert start is not None
        starters[start.year].add(str(r[1]))
        if end is not None and 2019 <= end.year <= 2024:
            assert end >= start
            ended += 1
            to_work += r[8] in ("arbete_utan_stod", "arbete_med_stod", "studier")
    per_year = [len(starters[y]) for y in range(2019, 2025)]
    # 1 000 × 0.2857 = 286 new participants a year, ±25 %
    assert all(214 <= n <= 357 for n in per_year), per_year
    assert 0.30 <= to_work / ended <= 0.45
    assert 8 <= len({r[2] for r in rows}) <= 10
    units = {r[3] for r in rows}
    assert 10 <= len(units) <= 15
    _, places = read_rows(clean_dir, "platser.xlsx")
    assert units <= {p[0] for p in places}
    assert {p[4] for p in places} == {"Intern", "Extern"}
    assert all(isinstance(p[1], dt.datetime) and int(str(p[3])) > 0 and int(str(p[5])) > 0 for p in places)
    # ärendetyp is the unit's own: each unit uses at most a handful
    by_unit: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        by_unit[str(r[3])].add(str(r[4]))
    assert all(len(v) <= 3 for v in by_unit.values())


def _quarter_ends() -> list[dt.date]:
    return [dt.date(y, m, calendar.monthrange(y, m)[1]) for y in range(2019, 2025) for m in (3, 6, 9, 12)]


def _minus_three_months(d: dt.date) -> dt.date:
    y, m = (d.year, d.month - 3) if d.month > 3 else (d.year - 1, d.month + 9)
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def test_non_executed_sol_decisions_per_quarter(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "sol_beslut.xlsx")
    counts = []
    for d in _quarter_ends():
        d3 = _minus_three_months(d)
        n = 0
        for r in rows:
            beslut, verk, avbrott, ater, avslut = (as_date(r[i]) for i in (2, 6, 7, 8, 9))
            assert beslut is not None
            if avslut is not None and avslut <= d:
                continue
            not_executed = beslut <= d3 and (verk is None or verk > d)
            interrupted = avbrott is not None and avbrott <= d3 and (ater is None or ater > d)
            n += not_executed or interrupted
        counts.append(n)
    # about 10 a quarter at the default size: 10 × 0.2857 = 2.9
    mean = sum(counts) / len(counts)
    assert 1.8 <= mean <= 4.5, counts
    kinds = {
        "avbrott": sum(1 for r in rows if r[7]),
        "återupptaget": sum(1 for r in rows if r[8]),
        "erbjudande": sum(1 for r in rows if r[5]),
        "avslutat": sum(1 for r in rows if r[9]),
    }
    assert all(v > 0 for v in kinds.values()), kinds


def test_applications_wait_about_two_weeks(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "ansokningar.csv")
    waits = []
    for r in rows:
        inkom, beslut = as_date(r[2]), as_date(r[3])
        assert inkom is not None
        if r[6] == "Ja" and beslut is not None and r[4] != "Avskriven":
            waits.append((beslut - inkom).days)
    assert 11 <= sum(waits) / len(waits) <= 17
    assert {r[5] for r in rows} == {"E-tjänst", "Papper", "Annat"}
    assert any(r[3] == "" for r in rows)  # undecided at the export date
    assert {r[4] for r in rows} == {"Bifall", "Delvis bifall", "Avslag", "Avskriven", ""}


def test_ekonomi_eb_outcome_is_the_sum_of_payments(clean_dir: Path) -> None:
    _, pay = read_rows(clean_dir, "bistand_manad.csv")
    paid: dict[tuple[int, int], int] = defaultdict(int)
    for r in pay:
        key = month_key(str(r[1]))
        assert key is not None
        paid[key] += _kr(str(r[5]))
    _, eko = read_rows(clean_dir, "ekonomi.csv")
    assert {r[1] for r in eko} == {
        "Ekonomiskt bistånd",
        "Arbetsmarknadsåtgärder",
        "Nämnd- och styrelseverksamhet",
    }
    eb = {month_key(str(r[0])): _kr(str(r[3])) for r in eko if r[1] == "Ekonomiskt bistånd"}
    assert eb == paid
    forecasts = sum(1 for r in eko if r[4])
    assert 0 < forecasts < len(eko) / 2  # blank in most months
    # about 9 000–11 000 kr per household and month
    assert 8_000 <= sum(paid.values()) / 100 / len(pay) <= 12_000


def test_population_by_sex(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "befolkning.csv")
    by_year: dict[str, dict[str, int]] = defaultdict(dict)
    for year, kon, antal in rows:
        by_year[str(year)][str(kon)] = int(str(antal))
    assert sorted(by_year) == [str(y) for y in range(2019, 2025)]
    for v in by_year.values():
        assert v["T"] == v["K"] + v["M"]
    # 160 000 × 0.2857 = 45 714 in the last year
    assert by_year["2024"]["T"] == round(160_000 * SCALE)


def test_eb_avslut_reasons(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "eb_avslut.csv")
    assert {r[2] for r in rows} == {"Arbete", "Studier", "Annan ersättning", "Flytt", "Övrigt", "Okänd"}


def test_some_new_recipients_start_an_activity_within_two_weeks(clean_dir: Path) -> None:
    _, pay = read_rows(clean_dir, "bistand_manad.csv")
    adults: dict[str, set[str]] = defaultdict(set)
    for r in pay:
        adults[str(r[0])] |= {str(r[2]).replace("-", "")} | ({str(r[3]).replace("-", "")} if r[3] else set())
    _, ins = read_rows(clean_dir, "insatser.csv")
    starts: dict[str, list[dt.date]] = defaultdict(list)
    for r in ins:
        start = as_date(r[6])
        assert start is not None
        starts[str(r[1])].append(start)
    _, apps = read_rows(clean_dir, "ansokningar.csv")
    granted = [
        (str(r[1]), as_date(r[3]))
        for r in apps
        if r[6] == "Ja" and r[4] in ("Bifall", "Delvis bifall") and r[3]
    ]
    hits = 0
    for household, decided in granted:
        assert decided is not None
        persons = adults[household]
        hits += any(decided <= s <= decided + dt.timedelta(days=14) for p in persons for s in starts[p])
    # about one new case in eight gets an activity at once (REFER_NEW_SPELL)
    assert 0.06 <= hits / len(granted) <= 0.25, hits / len(granted)


def test_insatser_and_decisions_reach_the_export_date(clean_dir: Path) -> None:
    """Data end of insatser and sol_beslut is their latest date: it must be the export date, 2024-12-31."""
    _, ins = read_rows(clean_dir, "insatser.csv")
    latest = max(d for r in ins for d in (as_date(r[5]), as_date(r[6]), as_date(r[7])) if d is not None)
    assert latest == dt.date(2024, 12, 31)
    _, sol = read_rows(clean_dir, "sol_beslut.xlsx")
    latest = max(d for r in sol for d in (as_date(c) for c in r[2:10]) if d is not None)
    assert latest == dt.date(2024, 12, 31)
