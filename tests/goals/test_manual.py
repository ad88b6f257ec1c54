"""Manual values: read like computed indicators (decimal comma, hidden, blank), every problem with its row."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from uppfolj.goals.manual import load_manual, parse_manual
from uppfolj.goals.problems import FEL, VARNING, GoalFileError

GOOD = """\
indikator;namn;period;kon;varde;kalla
sjukfranvaro;Sjukfrånvaro (%);2024;T;6,4;HR-systemet
sjukfranvaro;Sjukfrånvaro (%);2024;K;1 234,5;HR-systemet
nki_bemotande;NKI bemötande;2024-H1;t;..;Brukarundersökning
nki_bemotande;NKI bemötande;2024-H2;T;;Brukarundersökning
"""


def test_values_become_indicator_rows() -> None:
    values, problems = parse_manual(GOOD)
    assert problems.items == []
    f = values.frame
    assert list(f["indikator"]) == ["sjukfranvaro", "sjukfranvaro", "nki_bemotande", "nki_bemotande"]
    assert list(f["period"]) == ["2024", "2024", "2024-H1", "2024-H2"]
    assert list(f["kon"]) == ["T", "K", "T", "T"]  # lower-case t accepted as T
    assert f["varde"].iloc[0] == 6.4
    assert f["varde"].iloc[1] == 1234.5  # space as thousands separator, decimal comma
    assert list(f["undertryckt"]) == [0, 0, 1, 0]  # `..` = hidden at the source
    assert math.isnan(f["varde"].iloc[3])  # blank = no value
    assert list(f["kalla"])[2] == "Brukarundersökning"
    assert values.names == {"sjukfranvaro": "Sjukfrånvaro (%)", "nki_bemotande": "NKI bemötande"}


def test_comma_separated_file_with_decimal_point() -> None:
    values, problems = parse_manual(
        "indikator,namn,period,kon,varde,kalla\nx_tid,Tid,2023,T,41.5,Tidsstudie\n"
    )
    assert problems.items == []
    assert values.frame["varde"].iloc[0] == 41.5


BAD = """\
indikator;namn;period;kon;varde;kalla
Sjuk frånvaro;S;2024;T;6;HR
eb_hushall;Hushåll;2024;T;6;HR
sjukfranvaro;S;2024-13;T;6;HR
sjukfranvaro;S;2024;X;6;HR
sjukfranvaro;S;2024;T;sex;HR
sjukfranvaro;S;2023;T;6;
sjukfranvaro;S;2023;T;7;HR
sjukfranvaro;S;2022;T;7;HR-systemet; personalbokslut
"""


def test_every_problem_with_its_row() -> None:
    values, problems = parse_manual(BAD, file="manuella_varden.csv")
    assert [(p.level, p.line) for p in problems.items] == [
        (FEL, 2),  # id with capital letters and a space
        (FEL, 3),  # eb_hushall is a catalogue indicator
        (FEL, 4),  # month 13
        (FEL, 5),  # kon X
        (FEL, 6),  # "sex" is no number
        (VARNING, 7),  # no source
        (FEL, 8),  # 2023 T again (row 7)
        (VARNING, 9),  # a semicolon in the source splits it into a seventh field
    ]
    assert "står redan på rad 7" in problems.items[-2].message
    assert "kolumn varde" in problems.items[4].message
    assert list(values.frame["period"]) == ["2023", "2022"]  # rows 7 and 9 are kept
    assert values.frame["kalla"].iloc[1] == "HR-systemet"


def test_missing_columns_name_what_was_found(tmp_path: Path) -> None:
    path = tmp_path / "manuella_varden.csv"
    path.write_text("indikator;period;varde\nx;2024;1\n", encoding="utf-8")
    with pytest.raises(
        GoalFileError, match="Kolumnerna namn, kon, kalla saknas.*nu står indikator;period;varde"
    ):
        load_manual(path)


def test_no_file_means_no_manual_values(tmp_path: Path) -> None:
    values, problems = load_manual(tmp_path / "manuella_varden.csv")
    assert values.frame.empty and problems.items == []
