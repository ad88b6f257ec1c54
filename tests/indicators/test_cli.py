"""`uppfolj indikatorer`: catalogue listing, the spec's CSV, protection, stored and reproducible runs."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from uppfolj.cli import build_app
from uppfolj.errors import UppfoljError
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.workspace import Workspace, create

from .handbuilt import create_table


def _rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for m in range(1, 13):  # h0 pays every month of 2023
        out.append(
            {
                "hushall_id": "h0",
                "manad": f"2023-{m:02d}",
                "sokande_id": "p0",
                "antal_barn": 1,
                "belopp": 1000,
            }
        )
    for m in ("2023-03", "2023-04"):
        out.append(
            {
                "hushall_id": "h1",
                "manad": m,
                "sokande_id": "p1",
                "medsokande_id": "p2",
                "antal_barn": 2,
                "belopp": 2000,
            }
        )
    out.append({"hushall_id": "h2", "manad": "2023-04", "sokande_id": "p3", "antal_barn": 0, "belopp": 500})
    return out


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = create(tmp_path / "ay")
    with ws.store().new_snapshot() as con:
        create_table(con, "bistand_manad", _rows())
        for pid, kon in (("p0", "K"), ("p1", "M"), ("p2", "K"), ("p3", "M")):
            con.execute("INSERT INTO _personregister VALUES (?, 1980, ?)", [pid, kon])
    return ws


def run(ws: Workspace, *args: str) -> tuple[int, str]:
    """Exit code and stdout; stderr (progress, the run's folder, errors) is appended after a marker."""
    result = CliRunner().invoke(build_app(), ["indikatorer", "-a", str(ws.root), *args])
    # UppfoljError reaches the runner as the exception (uppfolj.cli.main prints it for users)
    error = str(result.exception) if isinstance(result.exception, UppfoljError) else ""
    return result.exit_code, result.stdout + "\n--stderr--\n" + result.stderr + error


def test_list_shows_every_indicator(ws: Workspace) -> None:
    code, out = run(ws, "--lista")
    assert code == 0
    for ind_id in CATALOGUE:
        assert ind_id in out


def test_csv_is_the_spec_format(ws: Workspace) -> None:
    code, out = run(
        ws, "--period", "2023-Q2", "--indikator", "eb_hushall,eb_vuxna,eb_hushall_snitt", "--format", "csv"
    )
    assert code == 0, out
    # Q2: h0, h1, h2 -> 3 households; adults p0 K, p1 M, p2 K, p3 M; 5 household-months / 3 months
    assert out.splitlines()[:6] == [
        "indikator,period,kon,grupptyp,grupp,varde,taljare,namnare,undertryckt",
        "eb_hushall,2023-Q2,T,,,3,,,0",
        "eb_hushall_snitt,2023-Q2,T,,,1.666667,5,3,0",
        "eb_vuxna,2023-Q2,K,,,2,,,0",
        "eb_vuxna,2023-Q2,M,,,2,,,0",
        "eb_vuxna,2023-Q2,T,,,4,,,0",
    ]


def test_publication_hides_small_counts(ws: Workspace) -> None:
    code, out = run(
        ws, "--period", "2023-Q2", "--indikator", "eb_hushall,eb_utbetalt", "--format", "csv", "--publicering"
    )
    assert code == 0, out
    # 3 households is within 1..4: hidden (empty values, undertryckt 1); an amount is not a count
    assert "eb_hushall,2023-Q2,T,,,,,,1" in out.splitlines()
    assert "eb_utbetalt,2023-Q2,T,,,5500,,,0" in out.splitlines()


def test_runs_are_stored_and_reproducible(ws: Workspace) -> None:
    args = (
        "--fran",
        "2023-01",
        "--till",
        "2023-03",
        "--per",
        "manad",
        "--indikator",
        "eb_hushall",
        "-f",
        "csv",
    )
    code1, out1 = run(ws, *args)
    code2, out2 = run(ws, *args)
    assert code1 == code2 == 0
    folders = sorted(ws.runs_dir.glob("indikatorer-*"))
    assert len(folders) == 2
    a, b = ((f / "resultat.csv").read_bytes() for f in folders)
    assert a == b
    meta = json.loads((folders[0] / "korning.json").read_text(encoding="utf-8"))
    assert meta["ogonblick"] == ws.store().current().snapshot_id
    assert meta["definitioner"]["eb_hushall"]["version"] == CATALOGUE["eb_hushall"].version
    assert meta["parametrar"]["perioder"] == ["2023-01", "2023-02", "2023-03"]
    assert "identisk med förra körningen" in out2


def test_xlsx(ws: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "ut.xlsx"
    code, out = run(
        ws, "--period", "2023-04", "--indikator", "eb_utbetalt", "--format", "xlsx", "--ut", str(target)
    )
    assert code == 0, out
    sheet = openpyxl.load_workbook(target)["Indikatorer"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:9] == (
        "indikator",
        "period",
        "kon",
        "grupptyp",
        "grupp",
        "varde",
        "taljare",
        "namnare",
        "undertryckt",
    )
    # April: 1000 + 2000 + 500
    assert rows[1][0] == "eb_utbetalt" and rows[1][5] == 3500
    assert rows[1][10] == "3\u00a0500"


def test_bad_input_gives_swedish_errors(ws: Workspace) -> None:
    code, out = run(ws, "--period", "2023-13")
    assert code == 1 and "Perioden '2023-13' går inte att läsa" in out
    code, out = run(ws, "--period", "2023", "--indikator", "eb_hushal")
    assert code == 1 and "menade du eb_hushall" in out
    code, out = run(ws, "--period", "2023", "--format", "xlsx")
    assert code == 1 and "--ut" in out
