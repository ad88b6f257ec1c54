"""On the demo municipality, the planted effect of each main insatstyp lies inside the estimate's 95 % interval.

The planted value is the realised effect over the same insatser the estimate rests on, from the demo data's
`facit_insatser.csv` (see effects/demo_step.py for why).
"""

from __future__ import annotations

import pandas as pd
import pytest
from rich.console import Console

from uppfolj.demodata.generate import generate
from uppfolj.effects.demo_step import planted_for
from uppfolj.effects.store_analysis import StoreEffect, analyse_insatstyp
from uppfolj.importing.run import run_import
from uppfolj.workspace import create

pytestmark = pytest.mark.slow

TYPES = ("Jobbspår", "Arbetsträning", "Praktik")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, StoreEffect], pd.DataFrame]:
    root = tmp_path_factory.mktemp("demo")
    export = root / "export"
    generate(export, households=5000, start="2019-01", end="2024-12", seed=3)
    ws = create(root / "ay")
    run_import(ws, export, console=Console(quiet=True))
    with ws.store().connect() as con:
        effects = {t: analyse_insatstyp(con, t, dragningar=40) for t in TYPES}
    return effects, pd.read_csv(export / "facit_insatser.csv")


@pytest.mark.parametrize("insatstyp", TYPES)
def test_planted_effect_inside_interval(demo, insatstyp: str) -> None:
    effects, facit = demo
    effect = effects[insatstyp]
    truth = planted_for(effect, facit)
    twelve = effect.results["ingen_betalning_12"]
    assert twelve.ki_undre <= truth["effekt"] / 100 <= twelve.ki_ovre, (truth, twelve.to_dict())
    lock = effect.curve.iloc[3]
    assert lock["ki_undre"] <= truth["inlasning"] / 100 <= lock["ki_ovre"], (truth, lock.to_dict())


def test_every_estimate_carries_interval_and_diagnostics(demo) -> None:
    effects, _ = demo
    for effect in effects.values():
        for result in effect.results.values():
            data = result.to_dict()
            assert data["ki_undre"] is not None and data["ki_ovre"] is not None
            assert "balans" in data["diagnostik"] and "placebo" in data["diagnostik"]
