"""Demo step 47: what the yearly report reads besides the store, made up for the demo municipality so
that its årsredovisning shows every section:

* budgeted volumes (`volymer:` in uppfolj.yaml): the year before's outcome, planned 2 % lower for
  ekonomiskt bistånd and 5 % higher for participants, as an internal budget plans them;
* Kolada comparison values for the R9 municipalities and the own one (stored with the status `demo`, so
  the report says they are not real Kolada values); the own municipality's values are worked out from the
  demo data (payments, costs and population), the others drawn around realistic levels;
* an internal control plan with two controls, samples drawn from the store and results recorded;
* an action plan for a budget in balance.

Existing files and settings are kept: the step only adds what the workspace lacks.
"""

from __future__ import annotations

import datetime as dt
import random

from uppfolj.demo import DemoContext, demo_step
from uppfolj.goals.followup import latest_full_year
from uppfolj.kolada.client import KoladaValue
from uppfolj.kolada.groups import R9
from uppfolj.kolada.report import DEMO_STATUS
from uppfolj.kolada.service import value_store
from uppfolj.outputs.tables import figure
from uppfolj.reports.ar.make import VOLUME_KEY
from uppfolj.reports.context import ReportContext
from uppfolj.workspace import Workspace

#: demo key figures: id → (title, level and spread of the other municipalities, decimals)
DEMO_KPIS: dict[str, tuple[str, float, float, int]] = {
    "DEMO_EB_KOSTNAD": ("Kostnad för ekonomiskt bistånd, kr/inv", 2100.0, 500.0, 0),
    "DEMO_EB_ANDEL": ("Invånare som erhållit ekonomiskt bistånd, andel (%)", 4.2, 1.0, 1),
    "DEMO_AM_KOSTNAD": ("Kostnad för arbetsmarknadsåtgärder, kr/inv", 900.0, 250.0, 0),
}
#: planned change of each budgeted volume against the year before
VOLUME_PLAN = {"eb_hushall": 0.98, "eb_vuxna": 0.98, "am_deltagare_snitt": 1.05}

CONTROL_PLAN = """\
# Internkontrollplan för Demokommunens arbetsmarknadsnämnd (demo). Se docs/internkontroll.md.
kontroller:
  - id: eb-ansokan-{year}
    namn: Korrekta uppgifter i ansökan om ekonomiskt bistånd
    population:
      tabell: ansokningar
      fran: {year}-01-01
      till: {year}-12-31
      filter: {{beslut: [bifall, delvis_bifall]}}
    urval:
      storlek: 40
    strata: [kanal]
  - id: insats-avslut-{year}
    namn: Avslutade insatser har dokumenterad avslutsorsak och uppföljning
    population:
      tabell: insatser
      fran: {year}-01-01
      till: {year}-12-31
    urval:
      storlek: 30
"""
#: share of demo cases without remarks per control, and the remark categories drawn for the others
CONTROL_OUTCOMES = {
    "eb-ansokan": (
        0.8,
        ["Swish och insättningar på konto", "Ofullständigt hyreskontrakt", "Kontoutdrag saknas"],
    ),
    "insats-avslut": (0.9, ["Avslutsorsak saknas", "Uppföljning ej dokumenterad"]),
}

ACTION_PLAN = """\
atgard_id;atgard;verksamhet;forvantad_effekt_tkr;uppnadd_effekt_tkr;status;ansvarig
A1;Arbete mot felaktiga utbetalningar;Ekonomiskt bistånd;4500;3200;pagar;Enhetschef försörjningsstöd
A2;Omförhandling av avtal för externa platser;Arbetsmarknadsåtgärder;1800;1800;genomford;Avdelningschef arbetsmarknad
A3;Vakanta tjänster tillsätts inte under året;Nämnd- och styrelseverksamhet;600;600;genomford;Förvaltningschef
A4;Ökad extern finansiering av insatser;Arbetsmarknadsåtgärder;2000;900;pagar;Utvecklingsledare
A5;Snabbare aktivering av nya sökande;Ekonomiskt bistånd;3000;;ej_paborjad;Enhetschef mottagning
"""


def plan_volumes(ws: Workspace, rctx: ReportContext, year: int) -> None:
    planned = ws.config.ovrigt.setdefault(VOLUME_KEY, {})
    frame = rctx.compute(list(VOLUME_PLAN), [str(year - 1)], [])
    for ind, factor in VOLUME_PLAN.items():
        before = figure(frame, ind, str(year - 1))
        if before.missing or before.hidden or year in planned.get(ind, {}):
            continue
        planned.setdefault(ind, {})[year] = round(float(before.value or 0) * factor / 10) * 10
    ws.save_config()
    rctx.config = ws.config


def _own_values(rctx: ReportContext, year: int) -> dict[str, float | None]:
    """The own municipality's demo key figures from its data: payments and costs per inhabitant."""
    row = rctx.con.execute("SELECT antal FROM befolkning WHERE ar = ? AND kon = 'T'", [year]).fetchone()
    population = float(row[0]) if row and row[0] else None
    frame = rctx.compute(["eb_utbetalt", "eb_andel_befolkning"], [str(year)], [])
    cost = rctx.compute(["ek_utfall"], [str(year)], ["verksamhet"])
    am = figure(cost, "ek_utfall", str(year), "T", "verksamhet", rctx.config.verksamhet_arbetsmarknad)

    def per_inhabitant(value: float | None) -> float | None:
        return None if value is None or not population else value / population

    paid = figure(frame, "eb_utbetalt", str(year))
    share = figure(frame, "eb_andel_befolkning", str(year))
    return {
        "DEMO_EB_KOSTNAD": per_inhabitant(None if paid.missing else paid.value),
        "DEMO_EB_ANDEL": None if share.missing or share.hidden else share.value,
        "DEMO_AM_KOSTNAD": per_inhabitant(None if am.missing else am.value),
    }


def kolada_values(ws: Workspace, rctx: ReportContext, year: int) -> None:
    store = value_store(ws)
    if store.path.exists() and store.kpi_titles():
        return
    own = ws.config.kommun_kod
    values: list[KoladaValue] = []
    for y in (year - 1, year):
        mine = _own_values(rctx, y)
        for kpi, (_title, level, spread, decimals) in DEMO_KPIS.items():
            for mun in R9:
                rng = random.Random(f"{kpi}:{mun}")
                base = level + spread * (2 * rng.random() - 1)
                drift = 1 + (rng.random() - 0.5) * 0.08
                value = base * (drift if y == year else 1)
                values.append(KoladaValue(kpi, mun, y, "T", round(value, decimals), DEMO_STATUS))
            if mine[kpi] is not None:
                values.append(
                    KoladaValue(kpi, own, y, "T", round(float(mine[kpi] or 0), decimals), DEMO_STATUS)
                )
    municipalities = [*R9, own]
    fetched = dt.datetime.now().replace(microsecond=0)
    store.save(
        values, [(k, m, y) for k in DEMO_KPIS for m in municipalities for y in (year - 1, year)], fetched
    )
    store.save_names(
        {**R9, own: ws.config.kommun_namn}, {k: (title, False) for k, (title, *_rest) in DEMO_KPIS.items()}
    )


def internal_control(ws: Workspace, year: int) -> None:
    from uppfolj.internkontroll.plan import PLAN_FILE, load_plan
    from uppfolj.internkontroll.results import control_dir, load_sample, record, save_sample
    from uppfolj.internkontroll.sampling import draw, population_frame

    path = ws.root / PLAN_FILE
    if path.exists():
        return
    path.write_text(CONTROL_PLAN.format(year=year), encoding="utf-8")
    snapshot = ws.store().current()
    for control in load_plan(ws.root).controls:
        with ws.store().connect() as con:
            population = population_frame(con, control)
        if population.empty:
            continue
        if not (control_dir(ws.root, control.id) / "urval.csv").exists():
            save_sample(ws.root, draw(control, population), snapshot.snapshot_id if snapshot else None)
        share, categories = CONTROL_OUTCOMES[control.id.rsplit("-", 1)[0]]
        rng = random.Random(control.id)
        entries = []
        for ref in load_sample(ws.root, control.id)["referens"]:
            ok = rng.random() < share
            entries.append(
                {
                    "referens": ref,
                    "utfall": "utan" if ok else "med",
                    "kategori": "" if ok else rng.choice(categories),
                }
            )
        record(ws.root, control.id, entries, user="demo")


def action_plan(ws: Workspace) -> None:
    from uppfolj.atgardsplan.plan import find_plan

    if find_plan(ws.root) is None:
        (ws.root / "atgardsplan.csv").write_text(ACTION_PLAN, encoding="utf-8")


@demo_step(47, "Årsredovisningens underlag")
def annual_inputs(ctx: DemoContext) -> None:
    ws = ctx.workspace
    with ws.store().connect() as con:
        year = latest_full_year(con)
        if year is None:
            ctx.console.print("Årsredovisningens underlag: inget helt år i datalagret, hoppar över.")
            return
        rctx = ReportContext.for_workspace(ws, con)
        plan_volumes(ws, rctx, year)
        kolada_values(ws, rctx, year)
    internal_control(ws, year)
    action_plan(ws)
    ctx.console.print(
        f"Årsredovisningens underlag {year}: budgeterade volymer (uppfolj.yaml), jämförelsevärden för R9 "
        f"framtagna för demonstrationen (kolada/), internkontrollplan med resultat och åtgärdsplan."
    )
    ctx.results.append(("Internkontrollplan", str(ws.root / "internkontroll.yaml")))
    ctx.results.append(("Åtgärdsplan", str(ws.root / "atgardsplan.csv")))
