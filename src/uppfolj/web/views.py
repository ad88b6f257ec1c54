"""The data behind the overview and indicator pages, as plain dicts: the page and its JSON twin share it."""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from uppfolj import fmt
from uppfolj.errors import UppfoljError
from uppfolj.indicators.periods import Period, month_label, periods_between
from uppfolj.schema import RESULT_COLUMNS
from uppfolj.store import Snapshot
from uppfolj.web.charts import Series, line_chart
from uppfolj.web.data import DataService, months_back, records
from uppfolj.web.users import User

if TYPE_CHECKING:
    from uppfolj.web.goals import GoalService

log = logging.getLogger(__name__)

#: the overview's key figures, in the order a committee reads them (those missing in the catalogue are skipped)
KEY_INDICATORS = (
    "eb_hushall",
    "eb_vuxna",
    "eb_utbetalt",
    "eb_barn_manad",
    "eb_hushall_over_24_man",
    "am_deltagare_sista_dag",
    "am_nya_deltagare",
    "am_andel_arbete_studier",
    "am_belaggningsgrad",
    "sol_ej_verkstallda",
    "ek_avvikelse",
)
KON_TITLES = {"T": "Totalt", "K": "Kvinnor", "M": "Män"}
PER_TITLES = {"manad": "Månad", "kvartal": "Kvartal", "tertial": "Tertial", "halvar": "Halvår", "ar": "År"}
#: how many periods of each kind the indicator page shows
SERIES_LENGTH = {"manad": 24, "kvartal": 12, "tertial": 9, "halvar": 8, "ar": 6}


def unit_symbol(unit: str) -> str:
    return "%" if unit == "%" else ""


def shown(value: Any, hidden: bool, unit: str, amounts: str = "kr") -> str:
    """A value as users see it: `..` hidden, `I.U.` missing, else Swedish format by unit.

    `amounts` says how kronor are written: `kr`, `tkr`, or `mnkr` (from a million kronor up; less stays kr).
    """
    if hidden:
        return fmt.HIDDEN
    if unit == "kr" and not _missing(value) and amounts == "tkr":
        return fmt.tkr(value)
    if unit == "kr" and not _missing(value) and amounts == "mnkr" and abs(float(value)) >= 1_000_000:
        return fmt.mnkr(value)
    if unit == "kr":
        return fmt.number(value) + ("" if _missing(value) else "\u00a0kr")
    decimals = 1 if unit in ("%", "månader", "dagar", "antal per mnkr") else 0
    if unit == "antal" and not _missing(value) and float(value) != round(float(value)):
        decimals = 1
    return fmt.cell(value, unit=unit_symbol(unit), decimals=decimals)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _group_type(user: User) -> str:
    return "enhet" if user.enhet else ""


def pick(
    frame: pd.DataFrame, indikator: str, period: str, kon: str, user: User, grupp: str = ""
) -> dict[str, Any] | None:
    grupptyp = _group_type(user)
    grupp = user.enhet or grupp
    rows = frame[
        (frame["indikator"] == indikator)
        & (frame["period"] == period)
        & (frame["kon"] == kon)
        & (frame["grupptyp"] == grupptyp)
        & (frame["grupp"] == grupp)
    ]
    if rows.empty:
        return None
    row = rows.iloc[0]
    value = None if pd.isna(row["varde"]) else float(row["varde"])
    return {"varde": value, "undertryckt": int(row["undertryckt"])}


def _change(now: dict[str, Any] | None, before: dict[str, Any] | None, unit: str) -> dict[str, Any]:
    if not now or not before or now["undertryckt"] or before["undertryckt"]:
        return {"riktning": "", "text": "–"}
    if now["varde"] is None or before["varde"] is None:
        return {"riktning": "", "text": "–"}
    diff = now["varde"] - before["varde"]
    direction = "upp" if diff > 0 else "ned" if diff < 0 else "lika"
    if unit == "%":
        text = ("+" if diff > 0 else "") + fmt.number(diff, 1) + "\u00a0p.e."
    elif before["varde"]:
        text = ("+" if diff > 0 else "") + fmt.percent(100 * diff / abs(before["varde"]))
    else:
        text = ("+" if diff > 0 else "") + fmt.number(diff)
    return {"riktning": direction, "text": text}


def overview(data: DataService, user: User, goals: GoalService | None = None) -> dict[str, Any]:
    snap = data.snapshot()
    built = data.memo(snap, "oversikt", user, (), lambda: _overview(data, user, goals, snap))
    return dict(built)


def _overview(data: DataService, user: User, goals: GoalService | None, snap: Snapshot) -> dict[str, Any]:
    catalogue = data.catalogue()
    ids = [i for i in KEY_INDICATORS if i in catalogue]
    if user.enhet:
        ids = [i for i in ids if "enhet" in catalogue[i].grupptyper]
    wanted: dict[str, list[str]] = {}
    for ind in ids:
        last = data.latest_month(snap, ind)
        if last is not None:
            wanted[ind] = [last, *months_back(last, 2)[:1], months_back(last, 13)[0]]
    periods = sorted({p for ps in wanted.values() for p in ps})
    frame, failed = _overview_frame(data, user, snap, periods, list(wanted))
    for ind in failed:
        wanted.pop(ind)
    status: dict[str, dict[str, str]] = {}
    eb_last = data.latest_month(snap, "eb")
    if goals is not None and eb_last is not None:
        try:
            status = goals.status_by_indicator(user, Period.parse(eb_last).year)
        except UppfoljError:
            # a goal file with errors is reported on the goal page; the overview still shows the figures
            status = {}
    cards = []
    for ind, (last, previous, year_ago) in wanted.items():
        d = catalogue[ind]
        now = pick(frame, ind, last, "T", user)
        cards.append(
            {
                "id": ind,
                "namn": d.name,
                "enhet": d.unit,
                "period": last,
                "varde": now["varde"] if now and not now["undertryckt"] else None,
                "undertryckt": bool(now and now["undertryckt"]),
                "visas": shown(
                    now["varde"] if now else None, bool(now and now["undertryckt"]), d.unit, "mnkr"
                ),
                "kon": {k: _kon_value(frame, ind, last, k, user, d.unit) for k in ("K", "M") if k in d.kon},
                "mot_foregaende_manad": _change(now, pick(frame, ind, previous, "T", user), d.unit),
                "mot_samma_manad_i_fjol": _change(now, pick(frame, ind, year_ago, "T", user), d.unit),
                "mal": status.get(ind),
            }
        )
    return {
        "ogonblick": snap.snapshot_id,
        "skyddade_tal": not user.sees_unprotected,
        "enhet": user.enhet,
        "period": data.latest_month(snap, "eb"),
        "indikatorer": cards,
    }


def _overview_frame(
    data: DataService, user: User, snap: Snapshot, periods: list[str], ids: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """All key indicators in one engine call; if that fails, one by one, leaving out the ones that fail.

    One broken definition should cost the overview one card, not the whole page; the failure is logged
    with its traceback for the administrators.
    """
    if not ids:
        return pd.DataFrame(columns=RESULT_COLUMNS), []
    try:
        return data.compute(user, snap, periods=periods, indicators=ids, grupptyper=[]), []
    except UppfoljError:
        raise
    except Exception:
        log.exception("key indicators failed together; computing them one by one")
    parts, failed = [], []
    for ind in ids:
        try:
            parts.append(data.compute(user, snap, periods=periods, indicators=[ind], grupptyper=[]))
        except Exception:
            log.exception("indicator %s failed on the overview", ind)
            failed.append(ind)
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=RESULT_COLUMNS)
    return frame, failed


def _kon_value(frame: pd.DataFrame, ind: str, period: str, kon: str, user: User, unit: str) -> str:
    got = pick(frame, ind, period, kon, user)
    return shown(got["varde"] if got else None, bool(got and got["undertryckt"]), unit)


def series_periods(last: str, per: str, kinds: tuple[str, ...]) -> list[str]:
    if per not in PER_TITLES or per not in kinds:
        allowed = ", ".join(k for k in PER_TITLES if k in kinds)
        raise UppfoljError(f"Indelningen per={per!r} går inte för den här indikatorn. Välj {allowed}.")
    count = SERIES_LENGTH[per]
    last_mi = Period.parse(last).last_mi
    if per == "manad":
        return months_back(last, count)
    size = {"kvartal": 3, "tertial": 4, "halvar": 6, "ar": 12}[per]
    first = month_label(last_mi - size * (count + 1))
    try:
        found = periods_between(first, last, per)
    except UppfoljError:
        return []
    return [p.label for p in found][-count:]


def indicator(
    data: DataService, user: User, indikator: str, *, kon: str, per: str | None, grupptyp: str | None
) -> dict[str, Any]:
    snap = data.snapshot()
    built = data.memo(
        snap,
        "indikator",
        user,
        (indikator, kon, per, grupptyp),
        lambda: _indicator(data, user, indikator, kon=kon, per=per, grupptyp=grupptyp, snap=snap),
    )
    return dict(built)


def _indicator(
    data: DataService,
    user: User,
    indikator: str,
    *,
    kon: str,
    per: str | None,
    grupptyp: str | None,
    snap: Snapshot,
) -> dict[str, Any]:
    try:
        d = data.definition(indikator)
    except KeyError:
        raise UppfoljError(
            f"Indikatorn {indikator!r} finns inte i katalogen. Se listan på /indikatorer."
        ) from None
    if kon not in d.kon:
        raise UppfoljError(f"Indikatorn {indikator} redovisas inte för kon={kon!r}. Välj {', '.join(d.kon)}.")
    if user.enhet and "enhet" not in d.grupptyper:
        raise UppfoljError(
            f"Indikatorn {indikator} redovisas inte per enhet, så den visas inte för din enhet."
        )
    per = per or (
        "manad" if "manad" in d.period_kinds else next(k for k in PER_TITLES if k in d.period_kinds)
    )
    last = data.latest_month(snap, indikator)
    periods = series_periods(last, per, d.period_kinds) if last else []
    breakdowns = [g for g in d.grupptyper if "×" not in g]
    if grupptyp and grupptyp not in d.grupptyper:
        raise UppfoljError(
            f"Indikatorn {indikator} har ingen indelning {grupptyp!r}. Välj bland {', '.join(d.grupptyper) or 'inga'}."
        )
    grupptyp = None if user.enhet else (grupptyp or (breakdowns[0] if breakdowns else None))
    frame = (
        data.compute(
            user, snap, periods=periods, indicators=[indikator], grupptyper=[grupptyp] if grupptyp else []
        )
        if periods
        else pd.DataFrame(columns=RESULT_COLUMNS)
    )
    serie: list[dict[str, Any]] = []
    for p in periods:
        row: dict[str, Any] = {"period": p}
        for k in d.kon:
            got = pick(frame, indikator, p, k, user)
            row[k] = {
                "varde": got["varde"] if got and not got["undertryckt"] else None,
                "undertryckt": bool(got and got["undertryckt"]),
                "visas": shown(got["varde"] if got else None, bool(got and got["undertryckt"]), d.unit),
            }
        serie.append(row)
    # periods before the data start are all I.U.: leave them out of the chart and the table
    while len(serie) > 1 and all(
        serie[0][k]["varde"] is None and not serie[0][k]["undertryckt"] for k in d.kon
    ):
        serie.pop(0)
    periods = [r["period"] for r in serie]
    chart_values = [r[kon]["varde"] for r in serie]
    chart = line_chart(
        f"{d.name}, {KON_TITLES[kon].lower()}",
        periods,
        [Series(KON_TITLES[kon], kon, chart_values)],
        unit_symbol(d.unit),
    )
    groups: list[dict[str, Any]] = []
    if grupptyp and periods:
        sub = frame[(frame["grupptyp"] == grupptyp) & (frame["period"] == periods[-1])]
        for grupp in sorted(set(sub["grupp"])):
            item: dict[str, Any] = {"grupp": grupp}
            for k in d.kon:
                got = None
                rows = sub[(sub["grupp"] == grupp) & (sub["kon"] == k)]
                if not rows.empty:
                    r = rows.iloc[0]
                    got = {
                        "varde": None if pd.isna(r["varde"]) else float(r["varde"]),
                        "undertryckt": int(r["undertryckt"]),
                    }
                item[k] = shown(got["varde"] if got else None, bool(got and got["undertryckt"]), d.unit)
            groups.append(item)
    return {
        "ogonblick": snap.snapshot_id,
        "skyddade_tal": not user.sees_unprotected,
        "indikator": {
            "id": d.id,
            "namn": d.name,
            "version": d.version,
            "enhet": d.unit,
            "definition": d.definition,
            "kon": list(d.kon),
            "grupptyper": list(d.grupptyper),
            "periodtyper": [k for k in PER_TITLES if k in d.period_kinds],
        },
        "kon": kon,
        "per": per,
        "grupptyp": grupptyp or "",
        "serie": serie,
        "grupper": groups,
        "diagram": chart,
        "rader": records(frame),
    }
