"""`uppfolj demodata` on the command line: files written, Swedish messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from uppfolj.cli import demodata_cmd


def build_app() -> typer.Typer:
    """Only this command (the full application imports every feature, which is slow on a shared machine)."""
    app = typer.Typer()
    demodata_cmd.register(app)

    @app.callback()
    def main() -> None:
        """Keep `demodata` a named subcommand."""

    return app


def test_demodata_command_writes_every_table(tmp_path: Path) -> None:
    out = tmp_path / "export"
    args = [
        "demodata",
        "--ut",
        str(out),
        "--hushall",
        "300",
        "--fran",
        "2023-01",
        "--till",
        "2024-06",
        "--seed",
        "2",
    ]
    result = CliRunner().invoke(build_app(), [*args, "--smutsig"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert names == {
        "bistand_manad.csv", "ansokningar.csv", "eb_avslut.csv", "insatser.csv", "personer.csv",
        "sol_beslut.xlsx", "platser.xlsx", "ekonomi.csv", "befolkning.csv",
        "facit.json", "facit_insatser.csv", "forvantade_fel.json",
    }  # fmt: skip
    assert "300 hushåll" in " ".join(result.output.split())
    facit = json.loads((out / "facit.json").read_text(encoding="utf-8"))
    assert facit["period"] == ["2023-01", "2024-06"]


def test_bad_month_gives_a_swedish_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app(), ["demodata", "--ut", str(tmp_path), "--fran", "2019-13"])
    assert result.exit_code != 0
    assert "ÅÅÅÅ-MM" in str(result.exception) + result.output


def test_too_short_period_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        build_app(), ["demodata", "--ut", str(tmp_path), "--fran", "2024-01", "--till", "2024-06"]
    )
    assert result.exit_code != 0
    assert "minst 13 månader" in str(result.exception) + result.output


def test_clean_run_removes_expected_defects_of_an_earlier_dirty_run(tmp_path: Path) -> None:
    from uppfolj.demodata import generate

    generate(tmp_path, households=300, start="2023-01", end="2024-06", seed=2, dirty=True)
    assert (tmp_path / "forvantade_fel.json").exists()
    generate(tmp_path, households=300, start="2023-01", end="2024-06", seed=2)
    assert not (tmp_path / "forvantade_fel.json").exists()
    assert "Antal" in (tmp_path / "befolkning.csv").read_text(encoding="cp1252").splitlines()[0]


def test_out_must_be_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "fil.txt"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["demodata", "--ut", str(target)])
    assert result.exit_code != 0
    assert "ingen mapp" in str(result.exception)
