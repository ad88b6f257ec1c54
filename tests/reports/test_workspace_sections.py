"""The workspace's registered sections (åtgärdsplan, uppdrag, internkontroll) join the reports.

The same `write(ctx, period, folder)` is used by the CLI, the demo and the dashboard; a context made for a
workspace brings the workspace's sections with it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from uppfolj import workspace
from uppfolj.cli import main
from uppfolj.uppdrag.register import Register

ACTION_PLAN = """atgard_id;atgard;verksamhet;forvantad_effekt_tkr;uppnadd_effekt_tkr;status
A1;Färre externa platser;Arbetsmarknadsåtgärder;2 000;1 500;pågår
A2;Snabbare handläggning;Ekonomiskt bistånd;1 000;;ej påbörjad
"""

CONTROL_PLAN = {
    "kontroller": [
        {
            "id": "utbetalningar",
            "namn": "Utbetalningar har underlag",
            "population": {"tabell": "bistand_manad", "fran": "2023-01-01", "till": "2023-12-31"},
            "urval": {"storlek": 4},
            "seed": 1,
        }
    ]
}


def test_sections_join_the_yearly_and_monthly_reports(
    tmp_path: Path, fill_store: Callable[..., None], read_docx: Any
) -> None:
    root = tmp_path / "ws"
    ws = workspace.create(root)
    payments = [
        {
            "hushall_id": f"h{i}",
            "manad": f"2023-{m:02d}-01",
            "sokande_id": f"p{i}",
            "antal_barn": 0,
            "belopp": 5000,
        }
        for i in range(1, 7)
        for m in range(1, 13)
    ]
    ekonomi = [
        {"manad": f"2023-{m:02d}-01", "verksamhet": "Ekonomiskt bistånd", "budget": 40000, "utfall": 30000}
        for m in range(1, 13)
    ]
    insatser = [
        {
            "insats_id": "i1",
            "person_id": "p1",
            "insatstyp": "Jobbspår",
            "enhet": "Enhet A",
            "start_datum": "2023-02-01",
            "slut_datum": "2023-12-31",
            "avslutsorsak": "arbete_utan_stod",
        }
    ]
    with ws.store().new_snapshot(copy_from_current=True) as con:
        fill_store(
            con,
            {f"p{i}": "K" for i in range(1, 7)},
            bistand_manad=payments,
            ekonomi=ekonomi,
            insatser=insatser,
        )
    (root / "atgardsplan.csv").write_text(ACTION_PLAN, encoding="utf-8")
    (root / "internkontroll.yaml").write_text(
        yaml.safe_dump(CONTROL_PLAN, allow_unicode=True), encoding="utf-8"
    )
    main(["internkontroll", "urval", "--kontroll", "utbetalningar", "-a", str(root)])
    Register.for_workspace(root).create(
        {
            "diarienummer": "AMN 2023/12",
            "titel": "Utreda en ny jobbspårsmodell",
            "beslut_datum": "2023-03-15",
            "paragraf": "§ 122",
            "givare": "Arbetsmarknadsnämnden",
            "ansvarig": "Förvaltningschef",
            "aterrapport_datum": "2023-10-31",
            "slutkriterium": "En utredning med förslag är redovisad för nämnden",
        }
    )

    main(["rapport", "ar", "--ar", "2023", "-a", str(root)])
    yearly = read_docx(ws.reports_dir / "arsredovisning-2023.docx")
    # the action plan: 2 000 + 1 000 = 3 000 tkr expected, 1 500 achieved
    assert yearly["Effekt per verksamhet"][-1][:3] == ["Summa", "3\u00a0000", "1\u00a0500"]
    # the assignment, overdue at the end of 2023 (report back was due 2023-10-31 and never came)
    assignments = yearly["Nämndens uppdrag 2023"]
    assert any("AMN 2023/12" in " ".join(r) for r in assignments)
    # the internal control's sample of 4 payment months, none reviewed yet
    control = yearly["Internkontroll: andel granskade ärenden utan anmärkning"]
    assert any(r[1] == "Totalt" and r[2] == "4" and r[3] == "0" for r in control), control

    main(["rapport", "manad", "--manad", "2023-12", "-a", str(root)])
    monthly = read_docx(ws.reports_dir / "manadsrapport-2023-12.docx")
    assert "Effekt per verksamhet" in monthly
    assert "Nämndens uppdrag 2023" not in monthly  # assignments belong to the yearly report
