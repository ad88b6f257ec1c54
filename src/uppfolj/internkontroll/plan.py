"""The control plan: `internkontroll.yaml` in the workspace.

    kontroller:
      - id: eb-beslut-h1
        namn: Beslut om ekonomiskt bistånd är dokumenterade enligt rutin
        population:
          tabell: ansokningar          # ansokningar, bistand_manad, insatser or sol_beslut
          fran: 2024-01-01             # on the table's date column (see POPULATIONS)
          till: 2024-06-30
          filter: {beslut: [bifall, delvis_bifall]}
        urval:
          storlek: 40                  # or felmarginal (0.10) + konfidens (0.95) [+ forvantad_andel 0.5]
        strata: [kanal]                # optional: columns of the table
        seed: 2024                     # optional; default derived from the id

Problems are collected (all of them, with the control's position) rather than stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from uppfolj.errors import UppfoljError

PLAN_FILE = "internkontroll.yaml"


@dataclass(frozen=True)
class PopulationSpec:
    table: str
    key: tuple[str, ...]
    date_column: str
    #: label in Swedish for users
    label: str


POPULATIONS: dict[str, PopulationSpec] = {
    "ansokningar": PopulationSpec(
        "ansokningar", ("ansokan_id",), "inkom_datum", "ansökningar om ekonomiskt bistånd"
    ),
    "bistand_manad": PopulationSpec(
        "bistand_manad", ("hushall_id", "manad"), "manad", "utbetalningar (hushåll och månad)"
    ),
    "insatser": PopulationSpec("insatser", ("insats_id",), "start_datum", "arbetsmarknadsinsatser"),
    "sol_beslut": PopulationSpec("sol_beslut", ("beslut_id",), "beslut_datum", "beslut enligt SoL"),
}


@dataclass(frozen=True)
class Control:
    id: str
    name: str
    population: PopulationSpec
    start: dt.date | None
    end: dt.date | None
    filters: dict[str, tuple[str, ...]]
    strata: tuple[str, ...]
    seed: int
    size: int | None = None
    margin: float | None = None
    confidence: float = 0.95
    expected_share: float = 0.5


@dataclass
class Plan:
    controls: list[Control] = field(default_factory=list)

    def get(self, control_id: str) -> Control:
        for control in self.controls:
            if control.id == control_id:
                return control
        known = ", ".join(c.id for c in self.controls) or "inga"
        raise UppfoljError(
            f"Kontrollen {control_id!r} finns inte i {PLAN_FILE}. Kontroller i planen: {known}."
        )


def default_seed(control_id: str) -> int:
    return int(hashlib.sha256(control_id.encode("utf-8")).hexdigest()[:8], 16)


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: {value!r} är inget datum (skriv ÅÅÅÅ-MM-DD).")
        return None


def _parse_sample(
    sample: dict[str, Any], where: str, problems: list[str]
) -> tuple[int | None, float | None, float, float]:
    size = sample.get("storlek")
    margin = sample.get("felmarginal")
    if size is None and margin is None:
        problems.append(f"{where}: ange urval.storlek, eller urval.felmarginal (och konfidens).")
    if size is not None and (not isinstance(size, int) or size <= 0):
        problems.append(f"{where}: urval.storlek ska vara ett positivt heltal.")
        size = None
    if margin is not None and not (isinstance(margin, int | float) and 0 < margin < 1):
        problems.append(f"{where}: urval.felmarginal ska vara en andel mellan 0 och 1, t.ex. 0.1.")
        margin = None
    confidence = sample.get("konfidens", 0.95)
    if not (isinstance(confidence, int | float) and 0 < confidence < 1):
        problems.append(f"{where}: urval.konfidens ska vara en andel mellan 0 och 1, t.ex. 0.95.")
        confidence = 0.95
    expected = sample.get("forvantad_andel", 0.5)
    if not (isinstance(expected, int | float) and 0 < expected < 1):
        problems.append(f"{where}: urval.forvantad_andel ska vara en andel mellan 0 och 1.")
        expected = 0.5
    return size, None if margin is None else float(margin), float(confidence), float(expected)


def parse_plan(data: Any, source: str = PLAN_FILE) -> Plan:
    problems: list[str] = []
    plan = Plan()
    entries = (data or {}).get("kontroller") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UppfoljError(f"{source}: filen ska ha en lista 'kontroller:' (se docs/internkontroll.md).")
    seen: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        where = f"{source}, kontroll {i}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: ska vara en mappning med id, namn, population och urval.")
            continue
        cid = str(entry.get("id") or "").strip()
        if not cid:
            problems.append(f"{where}: 'id' saknas.")
        elif cid in seen:
            problems.append(f"{where}: id {cid!r} förekommer två gånger.")
        seen.add(cid)
        where = f"{source}, kontroll {cid or i}"
        pop = entry.get("population") or {}
        table = str(pop.get("tabell") or "")
        spec = POPULATIONS.get(table)
        if spec is None:
            problems.append(f"{where}: population.tabell {table!r} ska vara en av {', '.join(POPULATIONS)}.")
        filters_raw = pop.get("filter") or {}
        filters: dict[str, tuple[str, ...]] = {}
        if not isinstance(filters_raw, dict):
            problems.append(f"{where}: population.filter ska vara kolumn: [värden].")
        else:
            for col, vals in filters_raw.items():
                filters[str(col)] = tuple(str(v) for v in (vals if isinstance(vals, list) else [vals]))
        size, margin, confidence, expected = _parse_sample(entry.get("urval") or {}, where, problems)
        strata = entry.get("strata") or []
        if not isinstance(strata, list):
            problems.append(f"{where}: strata ska vara en lista med kolumner.")
            strata = []
        seed = entry.get("seed", default_seed(cid))
        if not isinstance(seed, int):
            problems.append(f"{where}: seed ska vara ett heltal.")
            seed = default_seed(cid)
        start = _date(pop.get("fran"), where + ", population.fran", problems)
        end = _date(pop.get("till"), where + ", population.till", problems)
        if spec is None or not cid:
            continue
        plan.controls.append(
            Control(
                id=cid,
                name=str(entry.get("namn") or cid),
                population=spec,
                start=start,
                end=end,
                filters=filters,
                strata=tuple(str(s) for s in strata),
                seed=seed,
                size=size,
                margin=margin,
                confidence=confidence,
                expected_share=expected,
            )
        )
    if problems:
        raise UppfoljError(
            "Kontrollplanen har fel:\n" + "\n".join(f"  {n}. {p}" for n, p in enumerate(problems, 1))
        )
    return plan


def load_plan(root: Path) -> Plan:
    path = Path(root) / PLAN_FILE
    if not path.exists():
        raise UppfoljError(
            f"Kontrollplanen {path} saknas. Skapa den (se docs/internkontroll.md) eller kör `uppfolj internkontroll "
            f"exempel` för en mall."
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise UppfoljError(f"{path} kan inte läsas som YAML: {exc}") from exc
    return parse_plan(data, str(path.name))


EXAMPLE_PLAN = """\
# Kontrollplan för internkontroll (uppfolj). Se docs/internkontroll.md.
kontroller:
  - id: eb-beslut
    namn: Beslut om ekonomiskt bistånd är fattade och dokumenterade enligt rutin
    population:
      tabell: ansokningar
      fran: 2024-01-01
      till: 2024-06-30
      filter: {beslut: [bifall, delvis_bifall, avslag]}
    urval:
      felmarginal: 0.15
      konfidens: 0.95
    strata: [kanal]
  - id: insats-avslut
    namn: Avslutade insatser har dokumenterad avslutsorsak och uppföljning
    population:
      tabell: insatser
      fran: 2024-01-01
      till: 2024-12-31
    urval:
      storlek: 30
    strata: [insatstyp]
"""
