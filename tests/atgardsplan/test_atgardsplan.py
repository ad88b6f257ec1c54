"""The action plan's totals, per-activity figures and report section on hand-built measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from uppfolj.atgardsplan.followup import by_activity, section, summary_sentence, totals
from uppfolj.atgardsplan.plan import read_measures
from uppfolj.errors import UppfoljError
from uppfolj.outputs.model import Paragraph, Table

NB = "\u00a0"

CSV = """atgard_id;Åtgärd;Verksamhet;Förväntad effekt tkr;Uppnådd effekt tkr;Status;Ansvarig
A1;Färre externa platser;Arbetsmarknadsåtgärder;20 000;15 000;pågår;Enhetschef AM
A2;Snabbare handläggning;Ekonomiskt bistånd;30 000;22 000;genomförd;Enhetschef EB
A3;Översyn av avtal;Arbetsmarknadsåtgärder;13 300;5 000;Pågår;
A4;Samordnad uppföljning;Ekonomiskt bistånd;0;;ej påbörjad;
"""


def _write(tmp_path: Path, text: str = CSV) -> Path:
    path = tmp_path / "atgardsplan.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_totals_and_activities_by_hand(tmp_path: Path) -> None:
    measures = read_measures(_write(tmp_path))
    # expected 20 000 + 30 000 + 13 300 + 0 = 63 300 tkr; achieved 15 000 + 22 000 + 5 000 = 42 000 tkr
    assert totals(measures) == (63_300.0, 42_000.0)
    act = by_activity(measures).set_index("verksamhet")
    assert act.loc["Arbetsmarknadsåtgärder", "forvantad_tkr"] == 33_300
    assert act.loc["Arbetsmarknadsåtgärder", "uppnadd_tkr"] == 20_000
    # 20 000 / 33 300 = 60.06 %; 22 000 / 30 000 = 73.33 %
    assert act.loc["Arbetsmarknadsåtgärder", "andel"] == pytest.approx(60.0601, abs=1e-4)
    assert act.loc["Ekonomiskt bistånd", "andel"] == pytest.approx(73.3333, abs=1e-4)
    # 42 000 / 63 300 = 66.35 % -> 66,4 %
    assert summary_sentence(measures) == (
        f"Åtgärdsplanen har hittills gett effektiviseringar på 42,0{NB}mnkr av förväntade 63,3{NB}mnkr "
        f"(66,4{NB}%). 1 av 4 åtgärder är genomförda."
    )


def test_xlsx_plan_is_read_the_same(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(
        ["Åtgärd-ID", "Åtgärd", "Verksamhet", "Förväntad effekt (tkr)", "Uppnådd effekt (tkr)", "Status"]
    )
    ws.append(["B1", "Färre platser", "AM", 1000, 250.5, "pågår"])
    wb.save(tmp_path / "atgardsplan.xlsx")
    [m] = read_measures(tmp_path / "atgardsplan.xlsx")
    assert (m.id, m.expected_tkr, m.achieved_tkr, m.status) == ("B1", 1000.0, 250.5, "pagar")


def test_every_problem_is_reported_with_row_and_column(tmp_path: Path) -> None:
    bad = CSV.replace("A2;", "A1;").replace("13 300", "tretton").replace("ej påbörjad", "kanske")
    with pytest.raises(UppfoljError) as err:
        read_measures(_write(tmp_path, bad))
    text = str(err.value)
    assert "rad 3, kolumn atgard_id: 'A1' förekommer redan" in text
    assert "rad 4, kolumn forvantad_effekt_tkr: 'tretton' är inget tal" in text
    assert "rad 5, kolumn status: 'kanske'" in text


def test_missing_columns_name_the_columns_found(tmp_path: Path) -> None:
    with pytest.raises(UppfoljError, match="status saknas. Hittade kolumner: atgard_id, atgard"):
        read_measures(_write(tmp_path, "atgard_id;atgard;verksamhet;forvantad_effekt_tkr\nA;b;c;1\n"))


def test_report_section(tmp_path: Path) -> None:
    _write(tmp_path)
    sec = section(tmp_path)
    assert sec is not None
    assert isinstance(sec.blocks[0], Paragraph) and "42,0" in sec.blocks[0].text
    measures_table, activity_table = (b for b in sec.blocks if isinstance(b, Table))
    assert measures_table.rows[-1] == ["", "Summa", "", 63_300.0, 42_000.0, ""]
    assert activity_table.rows[-1][:3] == ["Summa", 63_300.0, 42_000.0]
    assert activity_table.rows[-1][3] == pytest.approx(42_000 / 63_300 * 100)
    assert section(tmp_path / "saknas") is None
