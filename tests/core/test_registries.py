"""Every report and estimator of the registries is offered by the command line and described in the docs;
forgetting one of them fails here. (The web's pages: tests/web/test_pages.py; the web's reports there too.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from uppfolj.cli import build_app, main
from uppfolj.effects.methods import ESTIMATORS, make_estimator
from uppfolj.reports.registry import REPORTS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _command(*path: str) -> Any:
    """A command of `uppfolj` by its path (typer's own click objects)."""
    command: Any = typer.main.get_command(build_app())
    for name in path:
        command = command.commands[name]
    return command


def test_the_registries_are_not_empty() -> None:
    # guards the checks below against iterating nothing
    assert {"manad", "ej-verkstallda", "ar", "utbildningsniva"} <= set(REPORTS)
    assert {"psm", "ai", "ipw", "aipw", "did", "km"} <= set(ESTIMATORS)


def test_every_report_is_a_command_with_its_period_option() -> None:
    group = _command("rapport")
    assert sorted(group.commands) == sorted(REPORTS)
    for key, report in REPORTS.items():
        options = [opt for p in group.commands[key].params for opt in p.opts]
        assert report.option in options, key


def test_every_report_is_in_the_docs() -> None:
    guide = (DOCS / "rapporter.md").read_text(encoding="utf-8")
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for key, report in REPORTS.items():
        assert f"`uppfolj rapport {key} {report.option} " in guide, key
        assert f"`uppfolj.reports.{report.module}`" in guide, key
        assert f"## `uppfolj rapport {key}`" in reference, key


def test_every_report_module_builds_and_writes() -> None:
    for report in REPORTS.values():
        module = report.load()
        assert callable(module.build) and callable(module.write), report.key


def test_every_estimator_is_a_choice_of_metod(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    main(["effekt", "fil", "--help"])
    help_text = capsys.readouterr().out
    assert f"<{'|'.join(ESTIMATORS)}>" in help_text
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"<{'|'.join(ESTIMATORS)}>" in reference


def test_every_estimator_is_made_with_its_options() -> None:
    from uppfolj.effects.estimators import Estimator

    for name in ESTIMATORS:
        assert isinstance(make_estimator(name, k=2, outcome_before="fore", event="h"), Estimator), name
    # the options reach the estimator under the class's own names
    assert make_estimator("ai", k=3).m == 3
    assert make_estimator("psm", k=2, caliper=0.2).caliper == 0.2


def test_every_estimator_is_in_the_docs() -> None:
    methods = (DOCS / "metoder-effekt.md").read_text(encoding="utf-8")
    for name in ESTIMATORS:
        assert f"(`{name}`)" in methods, name
