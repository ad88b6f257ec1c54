"""`uppfolj uppdrag`: register, list overdue, show history, close, export, and the yearly-report section."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from uppfolj.cli import swedish, uppdrag_cmd
from uppfolj.cli.common import console
from uppfolj.outputs.model import Status, Table
from uppfolj.uppdrag.register import Register
from uppfolj.uppdrag.report import report_sections
from uppfolj.workspace import create


def _app() -> typer.Typer:
    """Only the uppdrag commands (building the whole CLI imports every feature)."""
    swedish.install()
    app = typer.Typer()
    uppdrag_cmd.register(app)
    return app


def main(args: list[str]) -> None:
    """Run one command; raise SystemExit(1) with the error on stderr, as `uppfolj.cli.main` does."""
    result = CliRunner().invoke(_app(), args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        print(result.exception, file=sys.stderr)
        raise SystemExit(1)
    print(result.stdout, end="")
    if result.exit_code:
        raise SystemExit(result.exit_code)


def test_cli_life_cycle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "width", 200)
    root = str(create(tmp_path / "ay").root)
    new = ["uppdrag", "ny", "-a", root, "--titel", "Utred jobbtorg", "--beslutsdatum", "2024-05-22",
           "--paragraf", "§122", "--givet-av", "Arbetsmarknadsnämnden", "--ansvarig", "Förvaltningschef",
           "--slutkriterium", "Utredningen redovisad"]  # fmt: skip
    main([*new, "--diarienummer", "AMN 2024/123", "--aterrapportering", "2024-09-30"])
    main([*new, "--diarienummer", "AMN 2024/124", "--aterrapportering", "2024-12-31"])
    capsys.readouterr()
    main(["uppdrag", "lista", "--forsenade", "--idag", "2024-10-01", "-a", root])
    out = capsys.readouterr().out
    assert "AMN 2024/123" in out and "Försenat (givet)" in out and "AMN 2024/124" not in out
    main(
        [
            "uppdrag",
            "andra",
            "AMN 2024/123",
            "--aterrapportering",
            "2024-11-30",
            "--kommentar",
            "Ny tid",
            "-a",
            root,
        ]
    )
    main(["uppdrag", "status", "AMN 2024/123", "aterrapporterat", "-a", root])
    with pytest.raises(SystemExit):
        main(["uppdrag", "avsluta", "AMN 2024/123", "--kommentar", "", "-a", root])
    assert "hur slutkriteriet" in capsys.readouterr().err
    main(["uppdrag", "avsluta", "AMN 2024/123", "--kommentar", "Redovisad § 170", "-a", root])
    capsys.readouterr()
    main(["uppdrag", "visa", "AMN 2024/123", "-a", root])
    out = capsys.readouterr().out
    for text in ("Registrerat", "2024-09-30 → 2024-11-30 (Ny tid)", "givet → återrapporterat",
                 "återrapporterat → avslutat (Redovisad § 170)", "§ 122"):  # fmt: skip
        assert text in out
    main(["uppdrag", "export", str(tmp_path / "u.csv"), "-a", root])
    assert len((tmp_path / "u.csv").read_text(encoding="utf-8-sig").splitlines()) == 3


def test_report_section(tmp_path: Path) -> None:
    reg = Register(tmp_path / "uppdrag", user="anna")
    base = {"titel": "T", "paragraf": "1", "givare": "AMN", "ansvarig": "X", "slutkriterium": "K"}
    reg.create(
        {**base, "diarienummer": "A/1", "beslut_datum": "2023-03-01", "aterrapport_datum": "2024-03-01"}
    )
    reg.create(
        {**base, "diarienummer": "A/2", "beslut_datum": "2024-03-01", "aterrapport_datum": "2025-03-01"}
    )
    reg.create(
        {**base, "diarienummer": "A/3", "beslut_datum": "2023-01-01", "aterrapport_datum": "2023-06-01"}
    )
    reg.set_status("A/3", "aterrapporterat")
    reg.close("A/3", "klart")  # closed and given in 2023: not in the 2024 report
    [section] = report_sections(reg.all(), 2024, dt.date(2024, 12, 31))
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert [r[0] for r in table.rows] == ["A/1", "A/2"]
    status = table.rows[0][-1]
    assert isinstance(status, Status) and status.text == "Försenat (givet)"
