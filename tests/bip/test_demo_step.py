"""Demo step 65 writes the protected progression per insatstyp and shows motivation in the terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console

from tests.importing.helpers import do_import, make_pnr, write_csv
from uppfolj import workspace
from uppfolj.bip.demo_step import bip_demo
from uppfolj.demo import _STEPS, DemoContext, step_modules


def test_demo_step(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    export = tmp_path / "export"
    export.mkdir()
    people = [make_pnr(dt.date(1980 + i, 5, 5), 20 + i) for i in range(6)]
    bip = [["personnummer", "matdatum", "indikator", "varde"]]
    insatser = [["insats_id", "personnummer", "insatstyp", "enhet", "start_datum"]]
    for i, pnr in enumerate(people):
        bip += [[pnr, "2024-02-01", "Motivation", "2"], [pnr, "2024-05-01", "Motivation", "3"]]
        insatser.append([f"i{i}", pnr, "Jobbspår", "Verkstan", "2024-01-15"])
    write_csv(export, "bip.csv", bip)
    write_csv(export, "insatser.csv", insatser)
    do_import(ws, export)
    console = Console(record=True, width=140)
    ctx = DemoContext(ws, export, console)
    bip_demo(ctx)
    path = ws.reports_dir / "bip_progression.csv"
    assert ctx.results == [("BIP-progression per insatstyp (alla indikatorer)", str(path))]
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    # six persons, all in Jobbspår, all +1: T shows 6 and 1,0 mean; K and M are 1..4 or hidden as complements
    assert "motivation;personer;T;;;6,0;;;0" in lines
    assert "motivation;medelforandring;T;insatstyp;Jobbspår;1,0;6,0;6,0;0" in lines
    text = console.export_text()
    assert "Jobbspår" in text and "100,0\u00a0%" in text  # fmt.percent: a no-break space before %
    # registered (without demo.steps(), which would import every feature's step)
    assert "uppfolj.bip.demo_step" in step_modules()
    assert any(s.name == "BIP" and s.order == 65 for s in _STEPS)
