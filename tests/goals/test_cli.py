"""`uppfolj mal` end to end with the real indicator engine on a hand-built store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from uppfolj.cli import mal_cmd, swedish
from uppfolj.workspace import Workspace, create

NB = "\u00a0"

GOALS = """\
malomraden:
  - namn: Hög egenförsörjningsgrad
    kommunmal:
      - namn: Fler i egen försörjning
        namndmal:
          - namn: Färre med långvarigt bistånd
            indikatorer:
              - id: eb_langvarigt_andel
                riktning: lagre
                mal:
                  2024: 65
              - id: eb_langvarigt_andel
                kon: K
                riktning: lagre
                mal:
                  2024: lagre
"""

MANUAL = "indikator;namn;period;kon;varde;kalla\nsjukfranvaro;Sjukfrånvaro (%);2024;T;6,4;HR\n"

#: payment months per person (each person is a one-person household, born 1980, so an adult)
MONTHS = {
    ("p1", 2023): 12,
    ("p2", 2023): 12,
    ("p3", 2023): 3,
    ("p4", 2023): 12,
    ("p1", 2024): 12,
    ("p2", 2024): 5,
    ("p3", 2024): 12,
    ("p4", 2024): 12,
    ("p5", 2024): 2,
}
SEX = {"p1": "K", "p2": "M", "p3": "K", "p4": "M", "p5": "K"}


def main(args: list[str]) -> None:
    """Run `uppfolj mal` alone (building the whole CLI imports every feature); errors go to stderr with
    SystemExit(1), as in `uppfolj.cli.main`."""
    swedish.install()
    app = typer.Typer()
    mal_cmd.register(app)

    @app.callback()
    def _root() -> None:
        """Keep `mal` a subcommand."""

    result = CliRunner().invoke(app, args)
    print(result.stdout, end="")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        print(f"Fel: {result.exception}", file=sys.stderr)
        raise SystemExit(1)
    if result.exit_code:
        raise SystemExit(result.exit_code)


def _workspace(stored_workspace: Callable[..., Workspace], threshold: int) -> Workspace:
    """The store of MONTHS and SEX (tests/stores.py, the root fixture), the goal file and the threshold."""
    rows = [
        {"hushall_id": f"h{p}", "manad": f"{y}-{m:02d}", "sokande_id": p, "antal_barn": 0, "belopp": 1000}
        for (p, y), n in MONTHS.items()
        for m in range(1, n + 1)
    ]
    ws = stored_workspace(SEX, bistand_manad=rows)
    ws.config.smatal_grans = threshold
    ws.save_config()
    (ws.root / "mal.yaml").write_text(GOALS, encoding="utf-8")
    return ws


def _sheet(path: Path) -> list[list[object]]:
    return [list(r) for r in openpyxl.load_workbook(path)["Mål 2024"].iter_rows(values_only=True)]


def test_goal_table_from_the_store(
    tmp_path: Path, stored_workspace: Callable[..., Workspace], capsys: pytest.CaptureFixture[str]
) -> None:
    ws = _workspace(stored_workspace, threshold=0)
    out = tmp_path / "mal.xlsx"
    main(["mal", "--ar", "2024", "--ut", str(out), "-a", str(ws.root)])
    assert "Måltabellen skrevs till" in capsys.readouterr().out
    rows = _sheet(out)
    name = "Andel vuxna med långvarigt bistånd (%)"
    body = [r[:9] for r in rows[2:] if r[1] == name]
    # 2022 is before the data: I.U.
    # 2023: adults p1..p4, with ≥ 10 months p1, p2, p4 → 3/4 = 75 %; K p1, p3 → 1/2; M p2, p4 → 2/2
    # 2024: adults p1..p5, with ≥ 10 months p1, p3, p4 → 3/5 = 60 % ≤ 65 → uppfyllt;
    #       K p1, p3, p5 → 2/3 = 66,7 %, not lower than 50 % in 2023 → ej uppfyllt; M p2, p4 → 1/2
    # the unit is a column; shares are stored as fractions (Excel's % format shows 75,0 %)
    third = pytest.approx(2 / 3)
    assert body == [
        [None, name, "T", "%", "I.U.", 0.75, 0.6, f"högst 65,0{NB}%", "Uppfyllt"],
        [None, name, "K", "%", "I.U.", 0.5, third, None, None],
        [None, name, "M", "%", "I.U.", 1.0, 0.5, None, None],
        [None, name, "T", "%", "I.U.", 0.75, 0.6, None, None],
        [None, name, "K", "%", "I.U.", 0.5, third, "lägre än 2023", "Ej uppfyllt"],
        [None, name, "M", "%", "I.U.", 1.0, 0.5, None, None],
    ]
    goal = next(r for r in rows if r[0] == "Färre med långvarigt bistånd")
    assert goal[8] == "Delvis uppnått"  # 1 of 2 assessed met = 50 %


def test_small_numbers_are_hidden_and_not_assessed(
    tmp_path: Path, stored_workspace: Callable[..., Workspace]
) -> None:
    ws = _workspace(stored_workspace, threshold=4)
    out = tmp_path / "mal.xlsx"
    main(["mal", "--ar", "2024", "--ut", str(out), "-a", str(ws.root)])
    rows = _sheet(out)
    first = next(r for r in rows if r[2] == "T" and r[8])
    # 2024: 3 of 5 persons, the numerator 3 is within 1..4 → hidden, so not assessed
    assert first[6] == ".."
    assert first[8] == "Ej bedömt (värdet är dolt)"
    goal = next(r for r in rows if r[0] == "Färre med långvarigt bistånd")
    assert goal[8] == "Ej bedömt"


def test_manual_values_are_followed_up_with_their_source(
    tmp_path: Path, stored_workspace: Callable[..., Workspace]
) -> None:
    ws = _workspace(stored_workspace, threshold=0)
    text = (
        GOALS
        + '              - id: sjukfranvaro\n                riktning: lagre\n                enhet: "%"\n'
    )
    text += "                mal:\n                  2024: 6\n"
    (ws.root / "mal.yaml").write_text(text, encoding="utf-8")
    (ws.root / "manuella_varden.csv").write_text(MANUAL, encoding="utf-8")
    out = tmp_path / "mal.xlsx"
    main(["mal", "--ar", "2024", "--ut", str(out), "-a", str(ws.root)])
    row = next(r for r in _sheet(out) if r[1] == "Sjukfrånvaro (%)")
    # 6,4 % against at most 6 % → ej uppfyllt; the source column shows the file's kalla
    assert row == [
        None,
        "Sjukfrånvaro (%)",
        "T",
        "%",
        "I.U.",
        "I.U.",
        pytest.approx(0.064),
        f"högst 6,0{NB}%",
        "Ej uppfyllt",
        "HR",
    ]


def test_check_reports_every_problem_and_exits_non_zero(
    tmp_path: Path, stored_workspace: Callable[..., Workspace], capsys: pytest.CaptureFixture[str]
) -> None:
    ws = _workspace(stored_workspace, threshold=0)
    broken = GOALS.replace(
        "eb_langvarigt_andel\n                riktning", "eb_langvarig_andel\n                riktning", 1
    )
    broken = broken.replace("2024: lagre", "2024: sämre")
    (ws.root / "mal.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["mal", "--kontrollera", "-a", str(ws.root)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "har 2 fel" in err
    assert "rad 8: Indikatorn 'eb_langvarig_andel'" in err
    assert "rad 16: målet 2024 för eb_langvarigt_andel: 'sämre'" in err


def test_example_files_are_copied_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = create(tmp_path / "ay")
    main(["mal", "--exempel", "-a", str(ws.root)])
    assert (ws.root / "mal.yaml").exists() and (ws.root / "manuella_varden.csv").exists()
    (ws.root / "mal.yaml").write_text("egen", encoding="utf-8")
    main(["mal", "--exempel", "-a", str(ws.root)])
    assert (ws.root / "mal.yaml").read_text(encoding="utf-8") == "egen"
    # the shipped files pass validation
    (ws.root / "mal.yaml").unlink()
    main(["mal", "--exempel", "--kontrollera", "-a", str(ws.root)])
    main(["mal", "--kontrollera", "-a", str(ws.root)])
    assert "har inga fel" in capsys.readouterr().out


def test_default_year_is_the_latest_full_year_of_the_data(
    tmp_path: Path, stored_workspace: Callable[..., Workspace]
) -> None:
    ws = _workspace(stored_workspace, threshold=0)
    out = tmp_path / "mal.xlsx"
    main(["mal", "--ut", str(out), "-a", str(ws.root)])  # payments through 2024-12 → 2024
    assert openpyxl.load_workbook(out).sheetnames == ["Mål 2024", "Definitioner och underlag"]


def test_without_payments_there_is_no_default_year(
    stored_workspace: Callable[..., Workspace], capsys: pytest.CaptureFixture[str]
) -> None:
    ws = stored_workspace(bistand_manad=[])
    (ws.root / "mal.yaml").write_text(GOALS, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["mal", "-a", str(ws.root)])
    assert "inget helt år att följa upp" in capsys.readouterr().err
