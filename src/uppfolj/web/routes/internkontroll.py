"""Internkontroll: the controls of the plan, their samples and the share without remarks (Wilson interval,
per stratum); analysts record a result per sampled case. Readers get the summary only, never the case list."""

from __future__ import annotations

import json
import math
from typing import Annotated, Any
from urllib.parse import quote_plus

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from uppfolj.errors import UppfoljError
from uppfolj.internkontroll.plan import PLAN_FILE, Control, load_plan
from uppfolj.internkontroll.results import OUTCOMES, control_dir, load_results, load_sample, record, summarise
from uppfolj.web.auth import AnalystUser, Csrf, Ctx, CurrentUser, Forbidden, client_address
from uppfolj.web.pages import page
from uppfolj.web.render import render
from uppfolj.web.routes.common import log_person_level, target
from uppfolj.web.users import User

router = APIRouter(tags=["internkontroll"])
page(
    "/internkontroll",
    "Internkontroll",
    "lasare",
    json="/api/internkontroll",
    order=90,
    unit_readers=False,
    help=(
        "Kontrollerna i kontrollplanen med urval och andel granskade ärenden utan anmärkning, med 95 % "
        "konfidensintervall. Analytiker registrerar resultatet för varje ärende i urvalet."
    ),
)
Text = Annotated[str, Form(max_length=2000)]


def _float(value: Any) -> float | None:
    """Six decimals in JSON: enough for any use, and no long digit runs that look like a personnummer."""
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 6)
    )


def _control(ctx: Ctx, user: User, control: Control) -> dict[str, Any]:
    folder = control_dir(ctx.ws.root, control.id)
    meta_path = folder / "urval.json"
    item: dict[str, Any] = {
        "id": control.id,
        "namn": control.name,
        "population": control.population.label,
        "urval_draget": (folder / "urval.csv").exists(),
        "urval": None,
        "sammanstallning": [],
        "arenden": None,
    }
    if not item["urval_draget"]:
        return item
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        item["urval"] = {
            k: meta.get(k)
            for k in ("seed", "population", "urvalsstorlek", "fordelning", "ogonblick", "draget")
        }
    item["sammanstallning"] = [
        {
            "stratum": r["stratum"],
            "urval": int(r["urval"]),
            "granskade": int(r["granskade"]),
            "utan_anmarkning": int(r["utan_anmarkning"]),
            "andel": _float(r["andel"]),
            "ki_undre": _float(r["ki_undre"]) if int(r["granskade"]) else None,
            "ki_ovre": _float(r["ki_ovre"]) if int(r["granskade"]) else None,
        }
        for r in summarise(ctx.ws.root, control.id).to_dict("records")
    ]
    if user.may("analytiker"):
        # the case list is person-level (pseudonymous references): for the controllers only
        sample = load_sample(ctx.ws.root, control.id)
        results = load_results(ctx.ws.root, control.id).set_index("referens")
        cases = []
        for r in sample.to_dict("records"):
            ref = r["referens"]
            done = results.loc[ref] if ref in results.index else None
            cases.append(
                {
                    "nr": r.get("nr", ""),
                    "referens": ref,
                    "stratum": r.get("stratum", ""),
                    "person_ref": r.get("person_ref", ""),
                    "utfall": "" if done is None else str(done["utfall"]),
                    "kategori": "" if done is None else str(done["kategori"]),
                    "kommentar": "" if done is None else str(done["kommentar"]),
                }
            )
        item["arenden"] = cases
    return item


def controls_data(ctx: Ctx, user: User) -> dict[str, Any]:
    if user.enhet:
        raise Forbidden("Internkontrollen gäller hela nämnden; ditt konto visar bara din enhet.")
    if not (ctx.ws.root / PLAN_FILE).exists():
        return {"plan": False, "kontroller": []}
    plan = load_plan(ctx.ws.root)
    return {"plan": True, "kontroller": [_control(ctx, user, c) for c in plan.controls]}


@router.get(
    "/api/internkontroll",
    summary="Kontrollerna i planen: urval och andel utan anmärkning med Wilsonintervall per stratum "
    "(ärendelistan bara för analytiker)",
)
def api_controls(request: Request, ctx: Ctx, user: CurrentUser) -> dict[str, Any]:
    data = controls_data(ctx, user)
    _log_cases(request, user, data)
    return data


def _log_cases(request: Request, user: User, data: dict[str, Any]) -> None:
    """The case lists are person-level: each view of one is recorded."""
    shown = [k["id"] for k in data["kontroller"] if k.get("arenden")]
    if shown:
        log_person_level(request, user, f"{target(request)}: internkontroll, ärenden i {', '.join(shown)}")


@router.get("/internkontroll", include_in_schema=False)
def controls_page(request: Request, ctx: Ctx, user: CurrentUser, meddelande: str = "") -> Response:
    data = {**controls_data(ctx, user), "utfall": OUTCOMES, "meddelande": meddelande[:200]}
    _log_cases(request, user, data)
    return render(request, "internkontroll.html", data)


@router.post("/internkontroll/resultat", include_in_schema=False, dependencies=[Csrf])
def record_result(
    request: Request,
    ctx: Ctx,
    user: AnalystUser,
    kontroll: Annotated[str, Form(min_length=1, max_length=100)],
    referens: Annotated[str, Form(min_length=1, max_length=200)],
    utfall: Annotated[str, Form(max_length=40)],
    kategori: Text = "",
    kommentar: Text = "",
) -> Response:
    plan = load_plan(ctx.ws.root)
    plan.get(kontroll)  # an unknown control is the app's usual 400 with the known ids
    # a personnummer typed into the free text is masked by `record` before it is saved
    entry = {
        "referens": referens,
        "utfall": utfall,
        "kategori": kategori,
        "kommentar": kommentar,
    }
    try:
        record(ctx.ws.root, kontroll, [entry], user=user.namn)
    except UppfoljError as exc:
        data = {**controls_data(ctx, user), "utfall": OUTCOMES, "meddelande": "", "fel": str(exc)}
        return render(request, "internkontroll.html", data, status=400)
    ctx.audit.write(
        user.namn,
        "internkontroll",
        {"kontroll": kontroll, "referens": referens, "utfall": utfall, "kategori": kategori},
        client_address(request),
    )
    message = f"Resultatet för {referens} i {kontroll} är sparat."
    return RedirectResponse(f"/internkontroll?meddelande={quote_plus(message)}#k-{kontroll}", status_code=303)
