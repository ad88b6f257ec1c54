"""On the demo municipality, the planted effect of each main insatstyp lies inside the estimate's 95 % interval.

The planted value is the realised effect over the same insatser the estimate rests on, from the demo data's
`facit_insatser.csv` (see effects/demo_step.py for why).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from uppfolj import fmt
from uppfolj.demodata.generate import generate
from uppfolj.effects.demo_step import planted_for
from uppfolj.effects.store_analysis import StoreEffect, analyse_insatstyp
from uppfolj.importing.run import run_import
from uppfolj.workspace import Workspace, create

pytestmark = pytest.mark.slow

TYPES = ("Jobbspår", "Arbetsträning", "Praktik")


@pytest.fixture(scope="module")
def municipality(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Path]:
    root = tmp_path_factory.mktemp("demo")
    export = root / "export"
    generate(export, households=5000, start="2019-01", end="2024-12", seed=3)
    ws = create(root / "ay")
    run_import(ws, export, console=Console(quiet=True))
    return ws, export


@pytest.fixture(scope="module")
def demo(municipality: tuple[Workspace, Path]) -> tuple[dict[str, StoreEffect], pd.DataFrame]:
    ws, export = municipality
    with ws.store().connect() as con:
        effects = {t: analyse_insatstyp(con, t, draws=40) for t in TYPES}
    return effects, pd.read_csv(export / "facit_insatser.csv")


def test_stock_included_covers_the_all_participant_effect(municipality: tuple[Workspace, Path]) -> None:
    """With spells running at the data start included, the estimate rests on nearly all participants with
    bistånd at their start, and its interval covers the planted effect over all of them (facit.json)."""
    ws, export = municipality
    planted = json.loads((export / "facit.json").read_text(encoding="utf-8"))["insatstyper"]["Jobbspår"]
    with ws.store().connect() as con:
        effect = analyse_insatstyp(con, "Jobbspår", draws=40, include_stock=True)
    twelve = effect.results["ingen_betalning_12"]
    assert twelve.ci_low <= planted["realiserad_effekt_pp"] / 100 <= twelve.ci_high, twelve.to_dict()
    counts = twelve.diagnostics["tackning"]
    assert counts["pagaende_vid_datastart"] == 0
    # the planted population: starts with a payment in the start month and month 12 inside the data
    assert counts["omfattas"] >= 0.9 * planted["antal_behandlade"]


@pytest.mark.parametrize("insatstyp", TYPES)
def test_planted_effect_inside_interval(demo, insatstyp: str) -> None:
    effects, facit = demo
    effect = effects[insatstyp]
    truth = planted_for(effect, facit)
    twelve = effect.results["ingen_betalning_12"]
    assert twelve.ci_low <= truth["effekt"] / 100 <= twelve.ci_high, (truth, twelve.to_dict())
    lock = effect.curve.iloc[3]
    assert lock["ki_undre"] <= truth["inlasning"] / 100 <= lock["ki_ovre"], (truth, lock.to_dict())
    # the result states whom it covers, and the counts add up to every start of the type
    counts = twelve.diagnostics["tackning"]
    assert counts["omfattas"] == twelve.n_treated
    assert sum(v for k, v in counts.items() if k != "deltagare") == counts["deltagare"]
    assert effect.coverage_sentence().startswith(
        f"Effekten gäller {fmt.number(twelve.n_treated)} av {fmt.number(counts['deltagare'])} deltagare"
    )


def test_every_estimate_carries_interval_and_diagnostics(demo) -> None:
    effects, _ = demo
    for effect in effects.values():
        for result in effect.results.values():
            data = result.to_dict()
            assert data["ki_undre"] is not None and data["ki_ovre"] is not None
            assert "balans" in data["diagnostik"] and "placebo" in data["diagnostik"]
