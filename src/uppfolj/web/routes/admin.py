"""Admin pages: user accounts (`/admin/anvandare`) and the audit log (`/admin/logg`, CSV export)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from uppfolj.errors import UppfoljError
from uppfolj.web.audit import EVENTS
from uppfolj.web.auth import AdminUser, Csrf, Ctx, client_address
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.oidc import sign_on_summary
from uppfolj.web.users import ROLE_TITLES, ROLES

router = APIRouter(tags=["administration"])
page("/admin/anvandare", "Användare", "admin", json="/api/admin/anvandare", order=150)
page("/admin/logg", "Logg", "admin", json="/api/admin/logg", order=160)


def users_data(ctx: Ctx) -> dict[str, Any]:
    return {
        "anvandare": [
            {"namn": u.namn, "roll": u.roll, "enhet": u.enhet, "aktiv": u.aktiv} for u in ctx.users.all()
        ],
        "roller": list(ROLES),
        "inloggning": sign_on_summary(ctx),
    }


def page_data(ctx: Ctx) -> dict[str, Any]:
    # the page shows role titles: the JSON's list of role codes must not hide the template's titles
    return {**users_data(ctx), "roller": ROLE_TITLES}


@router.get("/api/admin/anvandare", summary="Användarkonton (admin)")
def api_users(ctx: Ctx, user: AdminUser) -> dict[str, Any]:
    return users_data(ctx)


@router.get("/admin/anvandare", include_in_schema=False)
def users_page(request: Request, ctx: Ctx, user: AdminUser, meddelande: str = "") -> Response:
    return render(request, "anvandare.html", {**page_data(ctx), "meddelande": meddelande[:200]})


@router.post("/admin/anvandare", include_in_schema=False, dependencies=[Csrf])
def add_user(
    request: Request,
    ctx: Ctx,
    user: AdminUser,
    namn: Annotated[str, Form(max_length=60)],
    roll: Annotated[str, Form(max_length=20)],
    losenord: Annotated[str, Form(max_length=1000)],
    enhet: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        added = ctx.users.add(namn, roll, losenord, enhet or None)
    except UppfoljError as exc:
        data = {**page_data(ctx), "fel": str(exc), "namn": namn, "enhet": enhet}
        return render(request, "anvandare.html", data, status=400)
    ctx.audit.write(
        user.namn,
        "anvandare",
        f"lade till {added.namn} ({added.roll}{', ' + added.enhet if added.enhet else ''})",
        client_address(request),
    )
    return RedirectResponse(
        f"/admin/anvandare?meddelande=Användaren+{added.namn}+är+tillagd", status_code=303
    )


@router.post("/admin/anvandare/{namn}/aktiv", include_in_schema=False, dependencies=[Csrf])
def set_active(
    request: Request,
    ctx: Ctx,
    user: AdminUser,
    namn: str,
    aktiv: Annotated[Literal["0", "1"], Form()],
) -> Response:
    if namn == user.namn and aktiv == "0":
        raise UppfoljError("Du kan inte stänga av ditt eget konto. Be en annan administratör.")
    ctx.users.set_active(namn, aktiv == "1")
    what = "aktiverade" if aktiv == "1" else "stängde av"
    ctx.audit.write(user.namn, "anvandare", f"{what} {namn}", client_address(request))
    return RedirectResponse(
        f"/admin/anvandare?meddelande=Kontot+{namn}+är+{'aktivt' if aktiv == '1' else 'avstängt'}",
        status_code=303,
    )


def log_data(ctx: Ctx, sida: int, handelse: str | None, check: bool) -> dict[str, Any]:
    """One page of the log; with `check`, the whole hash chain is verified too (linear in the log's size,
    so it runs when asked for, not on every page)."""
    per_page = 100
    entries = ctx.audit.entries(limit=per_page + 1, offset=(sida - 1) * per_page, handelse=handelse)
    return {
        "sida": sida,
        "fler": len(entries) > per_page,
        "handelse": handelse or "",
        "handelser": EVENTS,
        "kontrollerad": check,
        "intakt": ctx.audit.verify() is None if check else None,
        "poster": [
            {
                "nr": e.nr,
                "tid": e.tid,
                "anvandare": e.anvandare,
                "handelse": e.handelse,
                "detaljer": e.detaljer,
                "adress": e.adress,
            }
            for e in entries[:per_page]
        ],
    }


Handelse = Annotated[str | None, Query(max_length=40)]


@router.get("/api/admin/logg", summary="Granskningsloggen, nyaste först, 100 poster per sida (admin)")
def api_log(
    ctx: Ctx,
    user: AdminUser,
    sida: Annotated[int, Query(ge=1, le=100000)] = 1,
    handelse: Handelse = None,
    kontrollera: Annotated[bool, Query(description="Kontrollera hela loggkedjan")] = False,
) -> dict[str, Any]:
    data = log_data(ctx, sida, handelse, kontrollera)
    data.pop("handelser")
    return data


@router.get("/admin/logg", include_in_schema=False)
def log_page(
    request: Request,
    ctx: Ctx,
    user: AdminUser,
    sida: Annotated[int, Query(ge=1, le=100000)] = 1,
    handelse: Handelse = None,
    kontrollera: bool = False,
) -> Response:
    return render(request, "logg.html", log_data(ctx, sida, handelse or None, kontrollera))


@router.get("/admin/logg.csv", summary="Hela granskningsloggen som CSV (admin)")
def log_csv(request: Request, ctx: Ctx, user: AdminUser) -> Response:
    ctx.audit.write(user.namn, "logg_export", "hela loggen som CSV", client_address(request))
    return Response(
        ctx.audit.export_csv().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="granskningslogg.csv"'},
    )
