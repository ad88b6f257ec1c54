"""Uppdrag: the committee's assignments, overdue and upcoming report-backs, history, and forms to change them.

A diarienummer holds a `/` (`AMN 2024/12`), so one assignment is addressed by query parameter
(`/uppdrag/visa?dnr=AMN+2024/12`). Changes go through `uppfolj.uppdrag.register.Register`, the CLI's own
validations; every change is written to the audit log as well as to the register's own history.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote_plus

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from uppfolj.errors import UppfoljError
from uppfolj.uppdrag.model import FIELDS, STATUS_TEXT, TRANSITIONS, Uppdrag
from uppfolj.uppdrag.register import Register
from uppfolj.uppdrag.report import event_text, status_text
from uppfolj.web.auth import AnalystUser, Csrf, Ctx, CurrentUser, client_address
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.users import User

router = APIRouter(tags=["uppdrag"])
page(
    "/uppdrag",
    "Uppdrag",
    "lasare",
    json="/api/uppdrag",
    order=70,
    help=(
        "Nämndens uppdrag till förvaltningen med återrapporteringsdatum och slutkriterium. Försenade och "
        "kommande återrapporteringar markeras med text. Analytiker registrerar, ändrar och avslutar "
        "uppdrag; varje ändring sparas i uppdragets historik."
    ),
)
#: report-backs due within this many days are "upcoming" (the register's default)
UPCOMING_DAYS = 60
Dnr = Annotated[str, Query(min_length=1, max_length=100, description="Diarienummer, t.ex. AMN 2024/12")]
Text = Annotated[str, Form(max_length=2000)]


def current_date() -> dt.date:
    """Today, for overdue and upcoming (a function, so that tests can fix the date)."""
    return dt.date.today()


def _register(ctx: Ctx, user: User) -> Register:
    return Register.for_workspace(ctx.ws.root, user=user.namn)


def _item(u: Uppdrag, today: dt.date) -> dict[str, Any]:
    return {
        **{name: u.value(name) for name in FIELDS},
        "status": u.status,
        "status_text": status_text(u, today),
        "avslut": u.avslut,
        "forsenat": u.overdue(today),
        "kommande": u.upcoming(today, UPCOMING_DAYS),
        "url": "/uppdrag/visa?dnr=" + quote_plus(u.diarienummer),
    }


def list_data(ctx: Ctx, user: User, today: dt.date | None = None) -> dict[str, Any]:
    today = today or current_date()
    items = [_item(u, today) for u in _register(ctx, user).all()]
    return {
        "idag": today.isoformat(),
        "kommande_dagar": UPCOMING_DAYS,
        "uppdrag": items,
        "forsenade": [i["diarienummer"] for i in items if i["forsenat"]],
        "kommande": [i["diarienummer"] for i in items if i["kommande"]],
    }


def item_data(ctx: Ctx, user: User, dnr: str, today: dt.date | None = None) -> dict[str, Any]:
    today = today or current_date()
    register = _register(ctx, user)
    u = register.get(dnr)
    return {
        "idag": today.isoformat(),
        "uppdrag": _item(u, today),
        "nasta_status": [{"status": s, "text": STATUS_TEXT[s]} for s in TRANSITIONS[u.status]],
        "historik": [
            {
                "tid": e.tid,
                "av": e.av,
                "handelse": e.handelse,
                "text": event_text(e),
                "andringar": e.andringar,
            }
            for e in register.history(dnr)
        ],
    }


@router.get("/api/uppdrag", summary="Uppdragsregistret med försenade och kommande återrapporteringar")
def api_list(ctx: Ctx, user: CurrentUser) -> dict[str, Any]:
    return list_data(ctx, user)


@router.get("/api/uppdrag/visa", summary="Ett uppdrag med hela sin historik")
def api_item(ctx: Ctx, user: CurrentUser, dnr: Dnr) -> dict[str, Any]:
    return item_data(ctx, user, dnr)


@router.get("/uppdrag", include_in_schema=False)
def list_page(request: Request, ctx: Ctx, user: CurrentUser, meddelande: str = "") -> Response:
    data = {**list_data(ctx, user), "falt": FIELDS, "varden": {}, "meddelande": meddelande[:200]}
    return render(request, "uppdrag.html", data)


@router.get("/uppdrag/visa", include_in_schema=False)
def item_page(request: Request, ctx: Ctx, user: CurrentUser, dnr: Dnr, meddelande: str = "") -> Response:
    data = {**item_data(ctx, user, dnr), "falt": FIELDS, "meddelande": meddelande[:200]}
    return render(request, "uppdrag_visa.html", data)


def _done(request: Request, ctx: Ctx, user: User, dnr: str, what: str) -> Response:
    ctx.audit.write(user.namn, "uppdrag", f"{dnr}: {what}", client_address(request))
    return RedirectResponse(
        f"/uppdrag/visa?dnr={quote_plus(dnr)}&meddelande={quote_plus(f'Uppdraget {dnr} är {what}.')}",
        status_code=303,
    )


@router.post("/uppdrag", include_in_schema=False, dependencies=[Csrf])
def create(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    diarienummer: Text = "",
    titel: Text = "",
    beslut_datum: Text = "",
    paragraf: Text = "",
    givare: Text = "",
    ansvarig: Text = "",
    aterrapport_datum: Text = "",
    slutkriterium: Text = "",
) -> Response:
    values = {
        "diarienummer": diarienummer,
        "titel": titel,
        "beslut_datum": beslut_datum,
        "paragraf": paragraf,
        "givare": givare,
        "ansvarig": ansvarig,
        "aterrapport_datum": aterrapport_datum,
        "slutkriterium": slutkriterium,
    }
    try:
        made = _register(ctx, user).create(values)
    except UppfoljError as exc:
        data = {**list_data(ctx, user), "falt": FIELDS, "varden": values, "fel": str(exc), "meddelande": ""}
        return render(request, "uppdrag.html", data, status=400)
    return _done(request, ctx, user, made.diarienummer, "registrerat")


@router.post("/uppdrag/andra", include_in_schema=False, dependencies=[Csrf])
def edit(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    dnr: Annotated[str, Form(min_length=1, max_length=100)],
    titel: Text = "",
    beslut_datum: Text = "",
    paragraf: Text = "",
    givare: Text = "",
    ansvarig: Text = "",
    aterrapport_datum: Text = "",
    slutkriterium: Text = "",
    kommentar: Text = "",
) -> Response:
    values = {
        "titel": titel,
        "beslut_datum": beslut_datum,
        "paragraf": paragraf,
        "givare": givare,
        "ansvarig": ansvarig,
        "aterrapport_datum": aterrapport_datum,
        "slutkriterium": slutkriterium,
    }
    try:
        _register(ctx, user).edit(dnr, values, comment=kommentar.strip())
    except UppfoljError as exc:
        return _form_error(request, ctx, user, dnr, str(exc))
    return _done(request, ctx, user, dnr, "ändrat")


@router.post("/uppdrag/status", include_in_schema=False, dependencies=[Csrf])
def change_status(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    dnr: Annotated[str, Form(min_length=1, max_length=100)],
    status: Annotated[str, Form(max_length=40)],
    kommentar: Text = "",
) -> Response:
    try:
        changed = _register(ctx, user).set_status(dnr, status, comment=kommentar)
    except UppfoljError as exc:
        return _form_error(request, ctx, user, dnr, str(exc))
    return _done(request, ctx, user, dnr, STATUS_TEXT[changed.status].lower())


def _form_error(request: Request, ctx: Ctx, user: User, dnr: str, message: str) -> Response:
    """The assignment's page again with the error on it; an unknown diarienummer is the app's usual 400."""
    data = {**item_data(ctx, user, dnr), "falt": FIELDS, "fel": message, "meddelande": ""}
    return render(request, "uppdrag_visa.html", data, status=400)
