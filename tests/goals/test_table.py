"""The goal table from hand-written indicator values (a fake `compute` injected), and its XLSX read back."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from uppfolj.goals.goalfile import parse_goals
from uppfolj.goals.manual import parse_manual
from uppfolj.goals.table import collect_values, goal_table
from uppfolj.goals.xlsx import write_xlsx
from uppfolj.indicators.engine import COLUMNS

NB = "\u00a0"  # uppfolj.fmt's thousands separator and the space before %

GOALS = """\
malomraden:
  - namn: Hög egenförsörjningsgrad
    kommunmal:
      - namn: Fler i arbete
        namndmal:
          - namn: Färre med långvarigt bistånd
            indikatorer:
              - id: eb_langvarigt_andel
                riktning: lagre
                mal:
                  2024: 30
              - id: sjukfranvaro
                riktning: lagre
                enhet: "%"
                mal:
                  2024: lagre
          - namn: Snabbt besked och fler till arbete
            indikatorer:
              - id: eb_vantetid_median
                riktning: lagre
                mal:
                  2024: 10
              - id: am_andel_arbete_studier
                riktning: hogre
                mal:
                  2024: 40
              - id: nki_bemotande
                riktning: hogre
                enhet: "%"
                mal:
                  2024: 80
"""

MANUAL = """\
indikator;namn;period;kon;varde;kalla
sjukfranvaro;Sjukfrånvaro (%);2022;T;7,8;HR-systemet
sjukfranvaro;Sjukfrånvaro (%);2023;T;6,9;HR-systemet
sjukfranvaro;Sjukfrånvaro (%);2024;T;6,4;HR-systemet
sjukfranvaro;Sjukfrånvaro (%);2024;K;7,0;HR-systemet
sjukfranvaro;Sjukfrånvaro (%);2024;M;4,5;HR-systemet
nki_bemotande;Nöjda med bemötandet (%);2022;T;76;Brukarundersökning
nki_bemotande;Nöjda med bemötandet (%);2023;T;79;Brukarundersökning
nki_bemotande;Nöjda med bemötandet (%);2024;T;;Brukarundersökning
"""

N = math.nan
#: (indikator, period, kon, varde, undertryckt) as a compute() would return them
COMPUTED = [
    ("eb_langvarigt_andel", "2022", "T", 100 / 3, 0),
    ("eb_langvarigt_andel", "2023", "T", 31.25, 0),
    ("eb_langvarigt_andel", "2024", "T", 28.0, 0),
    ("eb_langvarigt_andel", "2022", "K", 40.0, 0),
    ("eb_langvarigt_andel", "2023", "K", 35.0, 1),
    ("eb_langvarigt_andel", "2024", "K", 25.5, 0),
    ("eb_langvarigt_andel", "2022", "M", N, 0),
    ("eb_langvarigt_andel", "2023", "M", 30.0, 0),
    ("eb_langvarigt_andel", "2024", "M", 30.55, 0),
    ("eb_vantetid_median", "2022", "T", 12.0, 0),
    ("eb_vantetid_median", "2023", "T", 11.0, 0),
    ("eb_vantetid_median", "2024", "T", 10.5, 0),
    ("am_andel_arbete_studier", "2022", "T", 35.0, 0),
    ("am_andel_arbete_studier", "2023", "T", 38.2, 0),
    ("am_andel_arbete_studier", "2024", "T", 45.0, 1),
    ("am_andel_arbete_studier", "2022", "K", 30.0, 0),
    ("am_andel_arbete_studier", "2023", "K", 40.0, 0),
    ("am_andel_arbete_studier", "2024", "K", 44.0, 1),
    ("am_andel_arbete_studier", "2022", "M", 40.0, 0),
    ("am_andel_arbete_studier", "2023", "M", 36.4, 0),
    ("am_andel_arbete_studier", "2024", "M", 46.0, 1),
]


def _frame(rows: list[tuple[str, str, str, float, int]], group: bool = False) -> pd.DataFrame:
    out = pd.DataFrame(
        [
            {
                "indikator": i,
                "period": p,
                "kon": k,
                "grupptyp": "",
                "grupp": "",
                "varde": v,
                "taljare": N,
                "namnare": N,
                "undertryckt": u,
            }
            for i, p, k, v, u in rows
        ],
        columns=COLUMNS,
    )
    if group:  # a group row that the goal table must ignore
        extra = out.iloc[[0]].assign(grupptyp="enhet", grupp="Jobbtorget", varde=0.0)
        out = pd.concat([out, extra], ignore_index=True)
    return out


class FakeCompute:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, con: Any, **kwargs: Any) -> pd.DataFrame:
        self.calls.append(kwargs)
        return _frame(COMPUTED, group=True)


def _table() -> tuple[Any, FakeCompute]:
    manual, mp = parse_manual(MANUAL)
    goals, gp = parse_goals(GOALS, manual=manual.names)
    assert mp.errors == [] and gp.errors == []
    fake = FakeCompute()
    values = collect_values(None, goals, 2024, manual, compute=fake, config=None)
    return goal_table(goals, 2024, values, manual), fake


def _src(ind: str) -> str:
    """The source column in plain Swedish (ids and versions are on the sheet Definitioner och underlag)."""
    origin = {
        "eb": "utbetalningar av ekonomiskt bistånd i verksamhetssystemet",
        "am": "arbetsmarknadsinsatser i verksamhetssystemet",
    }[ind[:2]]
    return f"Beräknad av uppfolj ur {origin}"


def _p(text: str) -> str:
    return text.replace(" %", NB + "%")


# The table worked out by hand from COMPUTED and MANUAL:
# - eb_langvarigt_andel T 2024: 28,0 ≤ 30 → uppfyllt; 100/3 shows 33,3; 31.25 rounds half up to 31,3;
#   K 2023 is hidden (..); M 2022 is NaN (I.U.); 30.55 rounds half up to 30,6.
# - sjukfranvaro 2024: 6,4 < 6,9 (2023) → uppfyllt (relative, lower). K/M rows only 2024.
# - nämndmål 1: 2 of 2 assessed met → Uppnått.
# - eb_vantetid_median: 10,5 > 10 → ej uppfyllt; median days with a half → one decimal in the whole row.
# - am_andel_arbete_studier 2024 hidden → ej bedömt, though 45 would meet 40.
# - nki_bemotande 2024 blank → I.U., ej bedömt.
# - nämndmål 2: 0 of 1 assessed met → Ej uppnått.
EXPECTED = [
    ["Målområde: Hög egenförsörjningsgrad"] + [None] * 8,
    ["Kommunövergripande mål: Fler i arbete"] + [None] * 8,
    ["Färre med långvarigt bistånd", None, None, None, None, None, None, "Uppnått", None],
    [
        None,
        "Andel vuxna med långvarigt bistånd (%)",
        "T",
        _p("33,3 %"),
        _p("31,3 %"),
        _p("28,0 %"),
        _p("högst 30,0 %"),
        "Uppfyllt",
        _src("eb_langvarigt_andel"),
    ],
    [
        None,
        "Andel vuxna med långvarigt bistånd (%)",
        "K",
        _p("40,0 %"),
        "..",
        _p("25,5 %"),
        None,
        None,
        _src("eb_langvarigt_andel"),
    ],
    [
        None,
        "Andel vuxna med långvarigt bistånd (%)",
        "M",
        "I.U.",
        _p("30,0 %"),
        _p("30,6 %"),
        None,
        None,
        _src("eb_langvarigt_andel"),
    ],
    [
        None,
        "Sjukfrånvaro (%)",
        "T",
        _p("7,8 %"),
        _p("6,9 %"),
        _p("6,4 %"),
        "lägre än 2023",
        "Uppfyllt",
        "HR-systemet",
    ],
    [None, "Sjukfrånvaro (%)", "K", "I.U.", "I.U.", _p("7,0 %"), None, None, "HR-systemet"],
    [None, "Sjukfrånvaro (%)", "M", "I.U.", "I.U.", _p("4,5 %"), None, None, "HR-systemet"],
    ["Snabbt besked och fler till arbete", None, None, None, None, None, None, "Ej uppnått", None],
    [
        None,
        "Väntetid ansökan–beslut, median (dagar)",
        "T",
        "12,0",
        "11,0",
        "10,5",
        "högst 10,0",
        "Ej uppfyllt",
        _src("eb_vantetid_median"),
    ],
    [
        None,
        "Andel avslutade till arbete eller studier (%)",
        "T",
        _p("35,0 %"),
        _p("38,2 %"),
        "..",
        _p("minst 40,0 %"),
        "Ej bedömt (värdet är dolt)",
        _src("am_andel_arbete_studier"),
    ],
    [
        None,
        "Andel avslutade till arbete eller studier (%)",
        "K",
        _p("30,0 %"),
        _p("40,0 %"),
        "..",
        None,
        None,
        _src("am_andel_arbete_studier"),
    ],
    [
        None,
        "Andel avslutade till arbete eller studier (%)",
        "M",
        _p("40,0 %"),
        _p("36,4 %"),
        "..",
        None,
        None,
        _src("am_andel_arbete_studier"),
    ],
    [
        None,
        "Nöjda med bemötandet (%)",
        "T",
        _p("76,0 %"),
        _p("79,0 %"),
        "I.U.",
        _p("minst 80,0 %"),
        "Ej bedömt (inget värde)",
        "Brukarundersökning",
    ],
]


def test_compute_is_asked_for_the_three_years_totals_protected() -> None:
    _, fake = _table()
    assert len(fake.calls) == 1
    call = fake.calls[0]
    assert call["periods"] == ["2022", "2023", "2024"]
    assert call["indicators"] == ["am_andel_arbete_studier", "eb_langvarigt_andel", "eb_vantetid_median"]
    assert call["grupptyper"] == []
    assert call["publish"] is True


def _stored(row: list[object]) -> list[object]:
    """A row of EXPECTED as the workbook stores it: the unit column after Kön, and each shown yearly
    value as the number it shows (a share as a fraction; to the shown precision)."""
    if row[1] is None:
        return [*row[:3], None, *row[3:]]
    unit = "%" if str(row[1]).endswith("(%)") else "dagar"
    values: list[object] = []
    for text in row[3:6]:
        if text in ("..", "I.U."):
            values.append(text)
            continue
        number = float(str(text).replace(NB + "%", "").replace(",", "."))
        values.append(
            pytest.approx(number / 100 if unit == "%" else number, abs=0.00051 if unit == "%" else 0.051)
        )
    return [*row[:3], unit, *values, *row[6:]]


def test_xlsx_read_back_equals_the_hand_worked_table(tmp_path: Path) -> None:
    table, _ = _table()
    path = write_xlsx(table, tmp_path / "mal.xlsx", "Måluppföljning 2024")
    book = openpyxl.load_workbook(path)
    sheet = book["Mål 2024"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Måluppföljning 2024"
    assert rows[1] == [
        "Nämndmål",
        "Nämndindikator",
        "Kön",
        "Enhet",
        "Utfall 2022",
        "Utfall 2023",
        "Utfall 2024",
        "Målvärde 2024",
        "Bedömning",
        "Källa",
    ]
    body = rows[2 : 2 + len(EXPECTED)]
    assert body == [_stored(row) for row in EXPECTED]
    assert sheet.freeze_panes == "A3"
    # a share is a fraction with a % format; days a number with the row's decimals
    assert sheet["E6"].value == pytest.approx(1 / 3) and sheet["E6"].number_format == "0.0 %"
    assert sheet["E13"].value == 12.0 and sheet["E13"].number_format == "#,##0.0"
    notes = [r[0] for r in rows[2 + len(EXPECTED) :] if r[0]]
    assert any(n.startswith("Bedömning av nämndmål: av de indikatorer som kan bedömas") for n in notes)


def test_frame_carries_raw_values_and_assessments() -> None:
    table, _ = _table()
    frame = table.frame()
    goals = frame[frame["typ"] == "namndmal"]
    assert list(goals["bedomning"]) == ["Uppnått", "Ej uppnått"]
    row = frame[(frame["indikator_id"] == "eb_langvarigt_andel") & (frame["kon"] == "K")].iloc[0]
    assert row["varde_2022"] == 40.0
    assert row["dold_2023"] == 1
    assert row["2023"] == ".."
    assert math.isnan(frame[frame["indikator_id"] == "nki_bemotande"].iloc[0]["varde_2024"])


def test_terminal_table_names_each_indicator_once_with_its_kon_rows() -> None:
    from rich.console import Console

    from uppfolj.goals.render import print_table

    table, _ = _table()
    console = Console(width=200, record=True)
    print_table(console, table, "Måluppföljning 2024")
    text = console.export_text()
    lines = [line for line in text.splitlines() if "│" in line]
    assert text.count("Andel vuxna med långvarigt bistånd (%)") == 1
    first = next(i for i, line in enumerate(lines) if "Andel vuxna med långvarigt bistånd (%)" in line)
    assert [c.strip() for c in lines[first + 1].split("│")[1:-1]] == [
        "",
        "K",
        _p("40,0 %"),
        "..",
        _p("25,5 %"),
        "",
        "",
    ]
    assert "Målområde: Hög egenförsörjningsgrad" in text
    assert "Källa Nöjda med bemötandet (%): Brukarundersökning" in text
