"""Hand-built data for the follow-up and Kolada pages, added to the web fixture workspace (see conftest.py).

BIP (a new snapshot copying the fixture store, plus table `bip`, indicator `motivation`; persons and their
insatser are conftest's: p1..p6 Jobbtorget, p7..p8 Verkstan; p1..p4 and p7 women):
  p1 K Jobbtorget 2 → 4 (+2)   p2 K Jobbtorget 3 → 5 (+2)   p3 K Jobbtorget 4 → 3 (−1)
  p4 K Jobbtorget 2 → 2 (0)    p5 M Jobbtorget 1 → 4 (+3)   p7 K Verkstan   3 → 4 (+1)
  first measurement 2024-02-01 (all insatser in progress since 2024-01-10), latest 2024-05-01.

Åtgärdsplan (atgardsplan.csv): A1 Bistånd 40 000 tkr expected / 30 000 achieved (pågår);
  A2 Bistånd 3 300 / 3 300 (genomförd); A3 Arbetsmarknad 20 000 / 8 700 (pågår).

Uppdrag: AMN 2024/12 due 2024-03-31 (overdue on 2024-04-15), AMN 2024/20 due 2024-05-01 (upcoming).

Internkontroll: control `insats-doc` on all insatser (9 cases), sample size 4, no strata.

Kolada (kolada/varden.duckdb), KPI N31807, fetched 2024-05-02; the own municipality is Linköping (0580,
one of R9; `with_own_code` sets it in uppfolj.yaml):
  2023 T: Linköping 10, Eskilstuna 14, Gävle 13, Uppsala 8 (other R9 missing); K: Linköping 11,
  Eskilstuna 15; M: Linköping 9, Eskilstuna 13.   2022 T: Linköping 9, Eskilstuna 12.
"""

from __future__ import annotations

import datetime as dt

from tests.web.conftest import person
from uppfolj.internkontroll.plan import load_plan
from uppfolj.internkontroll.results import save_sample
from uppfolj.internkontroll.sampling import draw, population_frame
from uppfolj.kolada.client import KoladaValue
from uppfolj.kolada.service import value_store
from uppfolj.uppdrag.register import Register
from uppfolj.workspace import Workspace, open_workspace

BIP = {1: (2, 4), 2: (3, 5), 3: (4, 3), 4: (2, 2), 5: (1, 4), 7: (3, 4)}
PLAN_CSV = (
    "atgard_id;atgard;verksamhet;forvantad_effekt_tkr;uppnadd_effekt_tkr;status;ansvarig\n"
    "A1;Färre hushåll med långvarigt bistånd;Ekonomiskt bistånd;40000;30000;pågår;Enhetschef EB\n"
    "A2;Samordnad handläggning;Ekonomiskt bistånd;3300;3300;genomförd;Enhetschef EB\n"
    "A3;Färre externa platser;Arbetsmarknad;20000;8700;pågår;Enhetschef AM\n"
)
CONTROL_YAML = """\
kontroller:
  - id: insats-doc
    namn: Insatser har dokumenterad planering
    population:
      tabell: insatser
    urval:
      storlek: 4
"""


def add_bip(ws: Workspace) -> None:
    with ws.store().new_snapshot(copy_from_current=True) as con:
        con.execute("CREATE TABLE bip (person_id VARCHAR, matdatum DATE, indikator VARCHAR, varde DOUBLE)")
        for p, (first, latest) in BIP.items():
            con.execute(
                "INSERT INTO bip VALUES (?, DATE '2024-02-01', 'motivation', ?), (?, DATE '2024-05-01', 'motivation', ?)",
                [person(p), first, person(p), latest],
            )


def add_plan(ws: Workspace) -> None:
    (ws.root / "atgardsplan.csv").write_text(PLAN_CSV, encoding="utf-8")


def add_uppdrag(ws: Workspace) -> Register:
    register = Register.for_workspace(ws.root, user="nämndsekreterare")
    common = {"givare": "Arbetsmarknadsnämnden", "ansvarig": "Förvaltningschef", "beslut_datum": "2024-01-25"}
    register.create(
        {
            **common,
            "diarienummer": "AMN 2024/12",
            "titel": "Utred språkstöd i praktiken",
            "paragraf": "§ 12",
            "aterrapport_datum": "2024-03-31",
            "slutkriterium": "Utredning redovisad för nämnden",
        }
    )
    register.create(
        {
            **common,
            "diarienummer": "AMN 2024/20",
            "titel": "Minska väntetiden till första besök",
            "paragraf": "§ 20",
            "aterrapport_datum": "2024-05-01",
            "slutkriterium": "Väntetiden under 14 dagar tre månader i rad",
        }
    )
    return register


def add_internkontroll(ws: Workspace) -> list[str]:
    """Draws the sample as `uppfolj internkontroll urval` does; returns the sampled references."""
    (ws.root / "internkontroll.yaml").write_text(CONTROL_YAML, encoding="utf-8")
    control = load_plan(ws.root).get("insats-doc")
    con = ws.store().connect()
    try:
        sample = draw(control, population_frame(con, control))
    finally:
        con.close()
    save_sample(ws.root, sample, None)
    return [str(r) for r in sample.cases["referens"]]


KOLADA = [
    ("0580", 2023, "T", 10.0),
    ("0484", 2023, "T", 14.0),
    ("2180", 2023, "T", 13.0),
    ("0380", 2023, "T", 8.0),
    ("0580", 2023, "K", 11.0),
    ("0484", 2023, "K", 15.0),
    ("0580", 2023, "M", 9.0),
    ("0484", 2023, "M", 13.0),
    ("0580", 2022, "T", 9.0),
    ("0484", 2022, "T", 12.0),
]
MUNICIPALITY_NAMES = {"0580": "Linköping", "0484": "Eskilstuna", "2180": "Gävle", "0380": "Uppsala"}


OWN_CODE = "0580"


def with_own_code(ws: Workspace) -> Workspace:
    """The workspace reopened with kommun_kod 0580 (the fixture's 0000 means "not set")."""
    path = ws.root / "uppfolj.yaml"
    text = path.read_text(encoding="utf-8").replace("kommun_kod: '0000'", f"kommun_kod: '{OWN_CODE}'")
    path.write_text(text, encoding="utf-8")
    return open_workspace(ws.root)


def add_kolada(ws: Workspace) -> None:
    store = value_store(ws)
    values = [KoladaValue("N31807", m, y, k, v, "") for m, y, k, v in KOLADA]
    requested = [("N31807", m, y) for m in MUNICIPALITY_NAMES for y in (2022, 2023)]
    store.save(values, requested, dt.datetime(2024, 5, 2, 10, 0))
    store.save_names(MUNICIPALITY_NAMES, {"N31807": ("Kostnad ekonomiskt bistånd, kr/inv", True)})
