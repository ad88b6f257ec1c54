"""`uppfolj prognos` and `uppfolj prognos --utvardera` on a workspace holding hand-built data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from uppfolj import workspace
from uppfolj.cli import main

EB = "Ekonomiskt bistånd"


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    ws = workspace.create(root)
    with ws.store().new_snapshot(copy_from_current=True) as con:
        con.execute("CREATE TABLE bistand_manad (hushall_id VARCHAR, manad DATE, belopp DECIMAL(18,2))")
        con.execute(
            "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2), "
            "prognos_helar DECIMAL(18,2))"
        )
        for y in (2022, 2023):
            for m in range(1, 13):
                n = 100 if y == 2022 else 110
                con.executemany(
                    "INSERT INTO bistand_manad VALUES (?, ?, 10000)",
                    [(f"h{i}", dt.date(y, m, 1)) for i in range(n)],
                )
                con.execute(
                    "INSERT INTO ekonomi VALUES (?, ?, 1000000, ?, NULL)", [dt.date(y, m, 1), EB, n * 10000]
                )
    return root


def test_forecast_for_a_month(
    ws_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    main(["prognos", "--manad", "2023-08", "-a", str(ws_path)])
    out = capsys.readouterr().out
    # ytd 110 × 10 000 × 8 = 8 800 tkr; full year 110 × 10 000 × 12 = 13 200 tkr; budget 12 000 tkr
    assert "8\u00a0800\u00a0tkr" in out
    assert "13\u00a0200\u00a0tkr" in out
    assert "−1\u00a0200\u00a0tkr" in out


def test_utvardera_prints_accuracy_per_year(
    ws_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    main(["prognos", "--utvardera", "-a", str(ws_path)])
    out = capsys.readouterr().out
    # 2023 is forecast exactly (flat season, level 110): error 0,00 % in August and October
    assert "2023" in out
    assert out.count("0,00\u00a0% inom") == 4  # 2023 August and October, and the two means


def test_utvardera_without_history_is_a_swedish_error(tmp_path: Path) -> None:
    root = tmp_path / "tom"
    ws = workspace.create(root)
    with ws.store().new_snapshot(copy_from_current=True) as con:
        con.execute(
            "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2))"
        )
    with pytest.raises(SystemExit) as exc:
        main(["prognos", "--utvardera", "-a", str(root)])
    assert exc.value.code == 1
