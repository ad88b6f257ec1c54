"""Rapporttexter: the drafted paragraphs of each written report, and the analyst's own text in their place.

The texts live in the workspace (`texter/<report>.yaml`, `uppfolj.outputs.texts`); the file of a report
exists once the report has been written (here under Rapporter, with `uppfolj rapport ...` or the demo).
A saved text is used the next time the report is written. Analysts and admins only; every save is written
to the audit log, and a personnummer typed into the text is masked before it is stored.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote_plus

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from uppfolj.outputs.texts import Text, TextStore
from uppfolj.web.auth import AnalystUser, Csrf, Ctx, client_address
from uppfolj.web.masking import mask_pnr
from uppfolj.web.render import render
from uppfolj.web.users import User

router = APIRouter(tags=["rapporter"])
Stem = Annotated[
    str, Query(max_length=100, description="Rapportens filnamn utan ändelse, t.ex. manadsrapport-2024-09")
]


def _store(ctx: Ctx) -> TextStore:
    return TextStore.for_workspace(ctx.ws.root)


def _entry(t: Text) -> dict[str, str]:
    return {"nyckel": t.key, **t.as_dict()}


def texts_data(ctx: Ctx, stem: str = "") -> dict[str, Any]:
    store = _store(ctx)
    data: dict[str, Any] = {
        "rapporter": [
            {"rapport": s, "url": f"/rapporter/texter?rapport={quote_plus(s)}"} for s in store.stems()
        ],
        "rapport": stem,
        "texter": [],
    }
    if stem:
        data["texter"] = [_entry(t) for t in store.load(stem).values()]
    return data


@router.get("/api/rapporter/texter", summary="Rapporternas utkast och egna texter per nyckel (analytiker)")
def api_texts(ctx: Ctx, user: AnalystUser, rapport: Stem = "") -> dict[str, Any]:
    return texts_data(ctx, rapport)


@router.get("/rapporter/texter", include_in_schema=False)
def texts_page(
    request: Request, ctx: Ctx, user: AnalystUser, rapport: Stem = "", meddelande: str = ""
) -> Response:
    return render(
        request, "rapporttexter.html", {**texts_data(ctx, rapport), "meddelande": mask_pnr(meddelande[:200])}
    )


def _save(request: Request, ctx: Ctx, user: User, rapport: str, nyckel: str, text: str) -> Text:
    saved = _store(ctx).write(rapport, nyckel, text)
    what = "egen text sparad" if saved.written else "utkastet används"
    ctx.audit.write(user.namn, "rapporttext", f"{rapport} {nyckel}: {what}", client_address(request))
    return saved


Rapport = Annotated[str, Form(min_length=1, max_length=100)]
Nyckel = Annotated[str, Form(min_length=1, max_length=120)]
Body = Annotated[str, Form(max_length=20_000)]


@router.post(
    "/api/rapporter/texter",
    summary="Spara egen text för en nyckel (analytiker); tom text går tillbaka till utkastet. Kräver X-CSRF-Token",
    dependencies=[Csrf],
)
def api_save_text(
    request: Request, ctx: Ctx, user: AnalystUser, rapport: Rapport, nyckel: Nyckel, text: Body = ""
) -> dict[str, Any]:
    saved = _save(request, ctx, user, rapport, nyckel, text)
    return _entry(saved)


@router.post("/rapporter/texter", include_in_schema=False, dependencies=[Csrf])
def save_text(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    rapport: Rapport,
    nyckel: Nyckel,
    text: Body = "",
    utkast: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    saved = _save(request, ctx, user, rapport, nyckel, "" if utkast else text)
    what = "egen text sparad" if saved.written else "utkastet används"
    message = f"{nyckel}: {what}. Texten används nästa gång rapporten skapas."
    return RedirectResponse(
        f"/rapporter/texter?rapport={quote_plus(rapport)}&meddelande={quote_plus(message)}", status_code=303
    )
