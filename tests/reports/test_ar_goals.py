"""`uppfolj rapport ar` with a goal file: the Målredovisning comes from goal follow-up, assessed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from uppfolj import workspace
from uppfolj.cli import main

pytest.importorskip("uppfolj.goals.followup")

GOALS = """\
malomraden:
  - namn: Hög egenförsörjningsgrad
    kommunmal:
      - namn: Fler ska försörja sig själva
        namndmal:
          - namn: Färre hushåll med långvarigt bistånd
            indikatorer:
              - id: eb_langvariga_hushall
                riktning: lagre
                mal:
                  2023: {varde: 10}
"""


def test_yearly_report_with_goal_file(
    tmp_path: Path, fill_store: Callable[..., None], read_docx: Any
) -> None:
    root = tmp_path / "ws"
    ws = workspace.create(root)
    ws.config.smatal_grans = 0
    ws.save_config()
    payments = [
        {
            "hushall_id": f"h{i}",
            "manad": f"{y}-{m:02d}-01",
            "sokande_id": f"p{i}",
            "antal_barn": 0,
            "belopp": 5000,
        }
        for i in range(1, 7)
        for y in (2022, 2023)
        for m in range(1, 13)
    ]
    with ws.store().new_snapshot(copy_from_current=True) as con:
        fill_store(con, {f"p{i}": "K" for i in range(1, 7)}, bistand_manad=payments)
    (root / "mal.yaml").write_text(GOALS, encoding="utf-8")
    main(["rapport", "ar", "--ar", "2023", "-a", str(root)])
    tables = read_docx(ws.reports_dir / "arsredovisning-2023.docx")
    goal = tables["Målområde: Hög egenförsörjningsgrad"]
    text = [" | ".join(r) for r in goal]
    # six households had 12 payment months in 2023, against a target of at most 10: met, so the
    # nämndmål with its one assessed indicator is uppnått (text in the cell, not only its colour)
    assert any("Färre hushåll med långvarigt bistånd" in t and "Uppnått" in t for t in text), text
    assert any(r[0].strip() == "Hushåll med långvarigt bistånd" and r[4] == "6" for r in goal), text
