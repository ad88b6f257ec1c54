"""Enheter (occupancy, cost per place, participants), ekonomi and ej verkställda beslut, with JSON twins."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from uppfolj.errors import UppfoljError
from uppfolj.indicators.periods import Period
from uppfolj.store import Snapshot
from uppfolj.web import views
from uppfolj.web.auth import AnalystUser, Ctx, CurrentUser
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.common import log_person_level, log_unprotected, target
from uppfolj.web.users import User

router = APIRouter(tags=["enheter och ekonomi"])
page(
    "/enheter",
    "Enheter",
    "lasare",
    json="/api/enheter",
    order=40,
    help=("Beläggningsgrad, kostnad per plats och deltagare per enhet, senaste hela månaden."),
)
page(
    "/ekonomi",
    "Ekonomi",
    "analytiker",
    json="/api/ekonomi",
    order=100,
    help=("Budget, utfall, avvikelse och helårsprognos per verksamhet, året hittills (tkr)."),
)
page(
    "/ej-verkstallda",
    "Ej verkställda beslut",
    "analytiker",
    json="/api/ej-verkstallda",
    order=110,
    help=(
        "Gynnande beslut som inte verkställts inom tre månader, beslut för beslut, med pseudonym referens."
    ),
)
PeriodOption = Annotated[
    str | None, Query(max_length=40, description="Period vars sista dag listan gäller, t.ex. 2024-Q3")
]

UNIT_INDICATORS = ("am_belaggningsgrad", "am_kostnad_per_plats", "am_deltagare_sista_dag", "am_nya_deltagare")
ROLLING_INDICATORS = ("ek_budget", "ek_utfall", "ek_avvikelse", "ek_avvikelse_procent")
ECONOMY_INDICATORS = ("ek_budget", "ek_utfall", "ek_avvikelse", "ek_avvikelse_procent", "ek_prognos_helar")


def _by_group(
    ctx: Ctx,
    user: User,
    ids: tuple[str, ...],
    grupptyp: str,
    source: str,
    period_of: Any,
    amounts: str = "kr",
) -> dict[str, Any]:
    snap = ctx.data.snapshot()
    catalogue = ctx.data.catalogue()
    present = [i for i in ids if i in catalogue]
    last = ctx.data.latest_month(snap, source)
    out: dict[str, Any] = {
        "ogonblick": snap.snapshot_id,
        "skyddade_tal": not user.sees_unprotected,
        "period": None,
        "kolumner": [],
        "rader": [],
    }
    if not present or last is None:
        out["saknas"] = [i for i in ids if i not in catalogue]
        return out
    period = period_of(last)
    frame = ctx.data.compute(
        user, snap, periods=[period], indicators=present, kon=["T"], grupptyper=[grupptyp]
    )
    frame = frame[frame["grupptyp"] == grupptyp]
    groups = sorted(set(frame["grupp"]))
    out["period"] = period
    out["kolumner"] = [{"id": i, "namn": catalogue[i].name, "enhet": catalogue[i].unit} for i in present]
    for grupp in groups:
        row: dict[str, Any] = {"grupp": grupp, "varden": {}}
        for i in present:
            hit = frame[(frame["indikator"] == i) & (frame["grupp"] == grupp)]
            value = None if hit.empty or pd.isna(hit.iloc[0]["varde"]) else float(hit.iloc[0]["varde"])
            hidden = bool(not hit.empty and int(hit.iloc[0]["undertryckt"]))
            row["varden"][i] = {
                "varde": None if hidden else value,
                "undertryckt": hidden,
                "visas": views.shown(value, hidden, catalogue[i].unit, amounts),
            }
        out["rader"].append(row)
    out["saknas"] = [i for i in ids if i not in catalogue]
    return out


def units_data(ctx: Ctx, user: User) -> dict[str, Any]:
    snap = ctx.data.snapshot()
    built = ctx.data.memo(
        snap,
        "enheter",
        user,
        (),
        lambda: _by_group(ctx, user, UNIT_INDICATORS, "enhet", "am", lambda last: last),
    )
    return dict(built)


def economy_data(ctx: Ctx, user: User) -> dict[str, Any]:
    """Year to date up to the latest month of the ekonomi table, and the rolling twelve months, per verksamhet."""

    def ytd(last: str) -> str:
        p = Period.parse(last)
        return Period.of_months(p.year * 12, p.last_mi).label

    def rolling(last: str) -> str:
        p = Period.parse(last)
        return Period.of_months(p.last_mi - 11, p.last_mi).label

    def build() -> dict[str, Any]:
        year = _by_group(ctx, user, ECONOMY_INDICATORS, "verksamhet", "ek", ytd, "tkr")
        year["rullande"] = _by_group(ctx, user, ROLLING_INDICATORS, "verksamhet", "ek", rolling, "tkr")
        return year

    snap = ctx.data.snapshot()
    return dict(ctx.data.memo(snap, "ekonomi", user, (), build))


@router.get(
    "/api/enheter", summary="Enheterna: beläggningsgrad, kostnad per plats och deltagare, senaste månaden"
)
def api_units(request: Request, ctx: Ctx, user: CurrentUser) -> dict[str, Any]:
    data = units_data(ctx, user)
    log_unprotected(request, user, target(request))
    return data


@router.get("/enheter", include_in_schema=False)
def units_page(request: Request, ctx: Ctx, user: CurrentUser) -> Response:
    data = units_data(ctx, user)
    log_unprotected(request, user, target(request))
    return render(request, "tabell.html", {**data, "rubrik": "Enheter", "grupprubrik": "Enhet"})


@router.get(
    "/api/ekonomi", summary="Ekonomi: budget, utfall, avvikelse och prognos per verksamhet, året hittills"
)
def api_economy(request: Request, ctx: Ctx, user: AnalystUser) -> dict[str, Any]:
    data = economy_data(ctx, user)
    log_unprotected(request, user, target(request))
    return data


@router.get("/ekonomi", include_in_schema=False)
def economy_page(request: Request, ctx: Ctx, user: AnalystUser) -> Response:
    data = economy_data(ctx, user)
    log_unprotected(request, user, target(request))
    return render(request, "ekonomi.html", data)


def _d(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def not_executed_data(ctx: Ctx, user: User, period: str | None = None) -> dict[str, Any]:
    snap = ctx.data.snapshot()
    label = Period.parse(period).label if period else None
    return dict(
        ctx.data.memo(snap, "ej_verkstallda", user, (label,), lambda: _not_executed(ctx, snap, label))
    )


def _not_executed(ctx: Ctx, snap: Snapshot, period: str | None) -> dict[str, Any]:
    """The decisions not executed within three months, one by one, on the last day of `period` (e.g. the
    quarter `2024-Q3`), by default of the last whole month of sol_beslut (the day the overview counts on)."""
    from uppfolj.indicators import sol
    from uppfolj.personref import person_ref

    month = ctx.data.latest_month(snap, "sol")
    if period and month and Period.parse(period).last_mi > Period.parse(month).last_mi:
        raise UppfoljError(
            f"Perioden {period} slutar efter dataslutet för besluten ({month}). Välj en period t.o.m. {month}."
        )
    label = period or month
    day = Period.parse(label).last_day if label else None
    with ctx.data.connect(snap) as con:
        frame = sol.ej_verkstallda_beslut(con, day) if day else pd.DataFrame(columns=list(sol.COLUMNS))
    rows = [
        {
            "beslut_id": str(r["beslut_id"]),
            "person": person_ref(r["person_id"]),
            "kon": r["kon"] or "",
            "insatstyp": r["insatstyp"] or "",
            "lagrum": r["lagrum"] or "",
            "beslut_datum": _d(r["beslut_datum"]),
            "typ": r["typ"],
            "tid": r["tid"],
            "dagar": int(r["dagar"]),
            "erbjudande_datum": _d(r["erbjudande_datum"]),
            "orsak": r["orsak"] or "",
        }
        for r in frame.to_dict("records")
    ]
    return {
        "ogonblick": snap.snapshot_id,
        "dag": day.isoformat() if day else None,
        "period": label,
        "antal": len(rows),
        "beslut": rows,
    }


@router.get(
    "/api/ej-verkstallda", summary="Ej verkställda beslut på dataslutet, beslut för beslut (analytiker)"
)
def api_not_executed(
    request: Request, ctx: Ctx, user: AnalystUser, period: PeriodOption = None
) -> dict[str, Any]:
    data = not_executed_data(ctx, user, period)
    log_person_level(request, user, target(request))
    return data


@router.get("/ej-verkstallda", include_in_schema=False)
def not_executed_page(request: Request, ctx: Ctx, user: AnalystUser, period: PeriodOption = None) -> Response:
    data = not_executed_data(ctx, user, period)
    log_person_level(request, user, target(request))
    return render(request, "ej_verkstallda.html", data)
