"""Indicators: the list, one indicator's page, its downloads, and `/api/indikatorer` (the CLI's query)."""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from uppfolj.errors import UppfoljError
from uppfolj.schema import RESULT_COLUMNS
from uppfolj.web import views
from uppfolj.web.auth import AnalystUser, Ctx, CurrentUser, client_address
from uppfolj.web.data import parse_periods, records, split_list
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.common import log_unprotected, target
from uppfolj.web.schemas import Values

router = APIRouter(tags=["indikatorer"])
page(
    "/indikatorer",
    "Indikatorer",
    "lasare",
    json="/api/katalog",
    order=20,
    help=(
        "Hela katalogen. Varje indikator har en sida med tidsserie, uppdelning på kvinnor och män, "
        "indelningar (till exempel per enhet) och definitionen ordagrant."
    ),
)

Kon = Literal["T", "K", "M"]
Per = Literal["manad", "kvartal", "tertial", "halvar", "ar"]
IndicatorId = Annotated[str, Path(max_length=60, pattern=r"^[a-z0-9_]+$")]


def _catalogue_rows(ctx: Ctx, enhet: str | None) -> list[dict[str, Any]]:
    out = []
    for d in ctx.data.catalogue().values():
        if enhet and "enhet" not in d.grupptyper:
            continue
        out.append(
            {
                "id": d.id,
                "namn": d.name,
                "enhet": d.unit,
                "version": d.version,
                "kon": list(d.kon),
                "grupptyper": list(d.grupptyper),
            }
        )
    return out


@router.get("/api/katalog", summary="Indikatorkatalogen: id, namn, enhet, kön och indelningar")
def api_catalogue(ctx: Ctx, user: CurrentUser) -> list[dict[str, Any]]:
    return _catalogue_rows(ctx, user.enhet)


@router.get("/indikatorer", include_in_schema=False)
def catalogue_page(request: Request, ctx: Ctx, user: CurrentUser) -> Response:
    return render(request, "indikatorer.html", {"indikatorer": _catalogue_rows(ctx, user.enhet)})


@router.get(
    "/api/indikatorer",
    summary="Indikatorvärden med specens kolumner (samma frågor som kommandot)",
    response_model=Values,
)
def api_values(
    request: Request,
    ctx: Ctx,
    user: CurrentUser,
    period: Annotated[
        list[str] | None,
        Query(max_length=40, description="Perioder, t.ex. 2024-09 eller 2024-Q3; flera tillåts"),
    ] = None,
    fran: Annotated[str | None, Query(max_length=40, description="Första period (med till och per)")] = None,
    till: Annotated[str | None, Query(max_length=40, description="Sista period")] = None,
    per: Annotated[Per, Query(description="Periodtyp mellan fran och till")] = "manad",
    indikator: Annotated[
        list[str] | None, Query(max_length=60, description="Indikator-id; standard alla")
    ] = None,
    kon: Annotated[list[str] | None, Query(max_length=10, description="K, M och/eller T")] = None,
    grupp: Annotated[
        list[str] | None, Query(max_length=60, description="Indelningar (grupptyp); standard alla")
    ] = None,
) -> dict[str, Any]:
    snap = ctx.data.snapshot()
    periods = parse_periods(period, fran, till, per, ctx.data.latest_month(snap, "eb"))
    ids = split_list(indikator)
    catalogue = ctx.data.catalogue()
    for ind in ids or []:
        if ind not in catalogue:
            raise UppfoljError(f"Indikatorn {ind!r} finns inte. Se /api/katalog för giltiga id.")
    kons = split_list(kon)
    for k in kons or []:
        if k not in ("K", "M", "T"):
            raise UppfoljError(f"kon={k!r} finns inte. Välj K, M eller T.")
    if user.enhet and ids is None:
        ids = [i for i, d in catalogue.items() if "enhet" in d.grupptyper]
    frame = ctx.data.compute(
        user, snap, periods=periods, indicators=ids, kon=kons, grupptyper=split_list(grupp)
    )
    log_unprotected(request, user, target(request))
    return {
        "ogonblick": snap.snapshot_id,
        "skyddade_tal": not user.sees_unprotected,
        "kolumner": RESULT_COLUMNS,
        "rader": records(frame),
    }


@router.get("/api/indikator/{indikator}", summary="En indikator: definition, tidsserie K/M/T och indelning")
def api_indicator(
    request: Request,
    ctx: Ctx,
    user: CurrentUser,
    indikator: IndicatorId,
    kon: Kon = "T",
    per: Per | None = None,
    grupptyp: Annotated[str | None, Query(max_length=60)] = None,
) -> dict[str, Any]:
    data = views.indicator(ctx.data, user, indikator, kon=kon, per=per, grupptyp=grupptyp)
    data.pop("diagram")
    log_unprotected(request, user, target(request))
    return data


@router.get("/indikator/{indikator}", include_in_schema=False)
def indicator_page(
    request: Request,
    ctx: Ctx,
    user: CurrentUser,
    indikator: str,
    kon: Kon = "T",
    per: Per | None = None,
    grupptyp: Annotated[str | None, Query(max_length=60)] = None,
) -> Response:
    data = views.indicator(ctx.data, user, indikator, kon=kon, per=per, grupptyp=grupptyp)
    log_unprotected(request, user, target(request))
    data["kon_titlar"] = views.KON_TITLES
    data["per_titlar"] = views.PER_TITLES
    return render(request, "indikator.html", data)


@router.get(
    "/indikator/{indikator}/export", summary="Ladda ner indikatorns serie som CSV eller XLSX (analytiker)"
)
def export(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    indikator: IndicatorId,
    format: Literal["csv", "xlsx"] = "csv",
    per: Per | None = None,
) -> Response:
    data = views.indicator(ctx.data, user, indikator, kon="T", per=per, grupptyp=None)
    snap = ctx.data.snapshot()
    periods = [r["period"] for r in data["serie"]]
    frame = (
        ctx.data.compute(user, snap, periods=periods, indicators=[indikator])
        if periods
        else pd.DataFrame(columns=RESULT_COLUMNS)
    )
    ctx.audit.write(
        user.namn,
        "export",
        f"{indikator} {data['per']} {format} ({len(frame)} rader)",
        client_address(request),
    )
    name = f"{indikator}-{data['per']}-{snap.snapshot_id}"
    rows = pd.DataFrame(records(frame), columns=RESULT_COLUMNS)
    if format == "csv":
        body = rows.to_csv(index=False, lineterminator="\n").encode("utf-8")
        media = "text/csv; charset=utf-8"
    else:
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
            rows.to_excel(writer, index=False, sheet_name=indikator[:31])
        body = buffer.getvalue()
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{format}"'}
    )
