"""`uppfolj prognos --utvardera` on the demo municipality prints the träffsäkerhet per year."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uppfolj import workspace
from uppfolj.cli import main

pytestmark = pytest.mark.slow


def test_backtest_on_demo_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    generate = pytest.importorskip("uppfolj.demodata.generate")
    run = pytest.importorskip("uppfolj.importing.run")
    generate.generate(tmp_path / "export", households=300, start="2019-01", end="2024-12")
    ws = workspace.create(tmp_path / "ws")
    run.run_import(ws, tmp_path / "export")
    monkeypatch.setenv("COLUMNS", "200")
    main(["prognos", "--utvardera", "-a", str(ws.root)])
    out = capsys.readouterr().out
    # 2019 is the first year (no earlier season), so 2020–2024 are evaluated, each with two percentages
    years = re.findall(r"^│ (\d{4}) ", out, flags=re.MULTILINE)
    assert years == ["2020", "2021", "2022", "2023", "2024"]
    for line in out.splitlines():
        if re.match(r"^│ 20\d\d ", line):
            assert len(re.findall(r"\d+,\d\d\u00a0% (?:inom|över)", line)) == 2, line
