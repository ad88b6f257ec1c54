"""Import validation of the bip table on small crafted files; the expected rejects are written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importing.helpers import (
    PNR_MAN,
    PNR_MAN2,
    PNR_WOMAN,
    do_import,
    pseudonym,
    rejects,
    stored,
    write_csv,
)
from uppfolj import workspace
from uppfolj.errors import UppfoljError
from uppfolj.importing.bip_settings import BipSettings
from uppfolj.workspace import Workspace

HEADER = ["personnummer", "matdatum", "indikator", "varde"]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return workspace.create(tmp_path / "ws")


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    return folder


def _configure(ws: Workspace, bip: object) -> Workspace:
    ws.config.ovrigt["bip"] = bip
    ws.save_config()
    return workspace.open_workspace(ws.root)


def test_free_indicator_names_are_normalised_and_values_read(ws: Workspace, export: Path) -> None:
    write_csv(
        export,
        "bip.csv",
        [
            HEADER,
            [PNR_MAN, "2025-01-15", "Självförtroende", "3"],  # 2 ok → sjalvfortroende
            [PNR_MAN, "20250415", "  SJÄLVFÖRTROENDE ", "4,5"],  # 3 ok: same indicator, decimal comma
            [PNR_WOMAN, "2025-02-01", "Hälsa (fysisk)", "2.0"],  # 4 ok → halsafysisk
            [PNR_WOMAN, "2025-02-01", "halsa fysisk", "5"],  # 5 same key as row 4 after normalising
            [PNR_MAN2, "2025-02-30", "Motivation", "3"],  # 6 no 30 February
            [PNR_MAN2, "2025-03-01", "Motivation", "tre"],  # 7 not a number
            [PNR_MAN2, "2025-03-01", "", "3"],  # 8 no indicator
            [PNR_MAN2, "2025-03-01", "???", "3"],  # 9 nothing left after normalising
            ["19121212-1213", "2025-03-01", "Motivation", "3"],  # 10 check digit should be 2
            [PNR_MAN2, "2025-03-01", "Motivation", ""],  # 11 no value
        ],
    )
    result = do_import(ws, export)
    (f,) = result.files
    assert (f.read, f.stored, f.rejected) == (10, 3, 7)
    # the rejects file is sorted by row; the duplicate (phase 2) shows the masked number of row 5
    assert rejects(result) == [
        ("bip.csv", 5, "personnummer", "dubblett_id", "20170102-****"),
        ("bip.csv", 6, "matdatum", "datum", "2025-02-30"),
        ("bip.csv", 7, "varde", "tal", "tre"),
        ("bip.csv", 8, "indikator", "obligatoriskt_varde", ""),
        ("bip.csv", 9, "indikator", "kodlista", "???"),
        ("bip.csv", 10, "personnummer", "personnummer_kontrollsiffra", "19121212-****"),
        ("bip.csv", 11, "varde", "obligatoriskt_varde", ""),
    ]
    man, woman = pseudonym(ws, PNR_MAN), pseudonym(ws, PNR_WOMAN)
    rows = stored(
        ws, "SELECT person_id, matdatum::VARCHAR, indikator, varde FROM bip ORDER BY person_id, matdatum"
    )
    assert sorted(rows) == sorted(
        [
            (man, "2025-01-15", "sjalvfortroende", 3.0),
            (man, "2025-04-15", "sjalvfortroende", 4.5),
            (woman, "2025-02-01", "halsafysisk", 2.0),
        ]
    )
    types = dict(
        stored(ws, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'bip'")
    )
    assert types == {"person_id": "VARCHAR", "matdatum": "DATE", "indikator": "VARCHAR", "varde": "DOUBLE"}


def test_configured_indicators_and_scale(ws: Workspace, export: Path) -> None:
    ws = _configure(ws, {"indikatorer": ["Motivation", "Hälsa"], "min": 1, "max": 5})
    write_csv(
        export,
        "bip.csv",
        [
            HEADER,
            [PNR_MAN, "2025-01-15", "motivation", "1"],  # 2 ok: lower end of the scale
            [PNR_MAN, "2025-01-15", "HÄLSA", "5"],  # 3 ok: upper end
            [PNR_MAN, "2025-01-15", "Ekonomi", "3"],  # 4 not in the list
            [PNR_WOMAN, "2025-01-15", "Motivation", "0"],  # 5 below 1
            [PNR_WOMAN, "2025-01-15", "Hälsa", "5,5"],  # 6 above 5
        ],
    )
    result = do_import(ws, export)
    assert [(r[1], r[2], r[3], r[4]) for r in rejects(result)] == [
        (4, "indikator", "kodlista", "Ekonomi"),  # the text as given
        (5, "varde", "tal", "0"),
        (6, "varde", "tal", "5,5"),
    ]
    assert stored(ws, "SELECT indikator, varde FROM bip ORDER BY indikator") == [
        ("halsa", 5.0),
        ("motivation", 1.0),
    ]


def test_missing_required_column_rejects_the_file(ws: Workspace, export: Path) -> None:
    write_csv(export, "bip.csv", [["personnummer", "matdatum", "indikator"], [PNR_MAN, "2025-01-15", "x"]])
    result = do_import(ws, export)
    assert [(r[2], r[3]) for r in rejects(result)] == [("varde", "obligatorisk_kolumn")]


@pytest.mark.parametrize(
    "bip",
    [
        "Motivation",
        {"indikatorer": []},
        {"indikatorer": ["!!"]},
        {"min": "ett"},
        {"min": 5, "max": 1},
    ],
)
def test_bad_settings_give_swedish_errors(ws: Workspace, bip: object) -> None:
    ws = _configure(ws, bip)
    with pytest.raises(UppfoljError, match="uppfolj.yaml"):
        BipSettings.from_config(ws.config)
