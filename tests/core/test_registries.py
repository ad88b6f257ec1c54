"""Every report, estimator and command the registries find is offered by the command line and described in
the docs; forgetting one of them fails here. A module dropped into a registry's package is found without
touching any other file, and finding them stays cheap. (The web's pages: tests/web/test_pages.py; the web's
reports there too.)"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import typer

from tests.dropped_in import report_package
from uppfolj import docs_registries
from uppfolj.cli import build_app, main
from uppfolj.effects.methods import estimators, make_estimator
from uppfolj.reports.registry import reports

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _command(*path: str) -> Any:
    """A command of `uppfolj` by its path (typer's own click objects)."""
    command: Any = typer.main.get_command(build_app())
    for name in path:
        command = command.commands[name]
    return command


def test_the_registries_are_not_empty() -> None:
    # guards the checks below against iterating nothing
    assert {"manad", "ej-verkstallda", "ar", "utbildningsniva"} <= set(reports())
    assert {"psm", "ai", "ipw", "aipw", "did", "km"} <= set(estimators())


def test_the_order_is_as_it_was_listed() -> None:
    # the orders of the lists the registries replaced (COMMANDS, REPORTS, ESTIMATORS)
    # (typer lists a module's single commands before the command groups)
    assert list(_command().commands) == [
        "init",
        "status",
        "import",
        "demo",
        "demodata",
        "indikatorer",
        "prognos",
        "texter",
        "atgardsplan",
        "serve",
        "mal",
        "mappning",
        "rapport",
        "kolada",
        "effekt",
        "internkontroll",
        "anvandare",
        "logg",
        "uppdrag",
        "bip",
    ]
    assert list(reports()) == ["ej-verkstallda", "manad", "utbildningsniva", "ar"]
    assert list(estimators()) == ["psm", "ai", "ipw", "aipw", "did", "km"]


def test_every_report_is_a_command_with_its_period_option() -> None:
    group = _command("rapport")
    assert list(group.commands) == list(reports())
    for key, report in reports().items():
        options = [opt for p in group.commands[key].params for opt in p.opts]
        assert report.option in options, key


def test_every_report_is_in_the_docs() -> None:
    guide = (DOCS / "rapporter.md").read_text(encoding="utf-8")
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for key, report in reports().items():
        assert (
            f"| `uppfolj rapport {key} {report.option} {report.example}` | `{report.package}` |" in guide
        ), key
        assert f"## `uppfolj rapport {key}`" in reference, key


def test_every_report_module_builds_and_writes() -> None:
    for report in reports().values():
        module = report.load()
        assert callable(module.build) and callable(module.write), report.key
        if report.products:
            assert callable(module.write_products), report.key


def test_the_command_line_and_the_web_import_no_module_of_a_single_report() -> None:
    # what they say about a report's products and where its confidential files lie is the registry's
    allowed = {"uppfolj.reports.registry", "uppfolj.reports.context"}
    source = ROOT / "src" / "uppfolj"
    for path in [*(source / "cli").rglob("*.py"), *(source / "web").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith("uppfolj.reports") or name in allowed, (path.name, name)


def test_every_estimator_is_a_choice_of_metod(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    main(["effekt", "fil", "--help"])
    help_text = capsys.readouterr().out
    assert f"<{'|'.join(estimators())}>" in help_text
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"<{'|'.join(estimators())}>" in reference


def test_every_estimator_is_made_with_its_options() -> None:
    from uppfolj.effects.estimators import Estimator

    for name in estimators():
        assert isinstance(make_estimator(name, k=2, outcome_before="fore", event="h"), Estimator), name
    # the options reach the estimator under the class's own names
    assert make_estimator("ai", k=3).m == 3
    assert make_estimator("psm", k=2, caliper=0.2).caliper == 0.2


def test_every_estimator_is_in_the_docs() -> None:
    methods = (DOCS / "metoder-effekt.md").read_text(encoding="utf-8")
    for name, estimator in estimators().items():
        assert f"| `{name}` | {estimator.description} |" in methods, name
        # and the hand-written account of how it estimates
        assert f"(`{name}`)" in methods, name


@pytest.mark.parametrize("document", sorted(docs_registries.BLOCKS))
def test_the_generated_lists_in_the_docs_are_current(document: str) -> None:
    text = (DOCS / document).read_text(encoding="utf-8")
    assert text == docs_registries.render(document, text), f"docs/{document} is stale: run `make docs`"


def test_finding_the_registries_imports_nothing_heavy() -> None:
    # the command line starts by finding its commands, the reports and the estimators; none of that may
    # load the libraries a report or an estimator needs (they are imported when one is made)
    code = textwrap.dedent(
        """
        import json, sys
        from uppfolj.cli import build_app
        from uppfolj.effects.methods import estimators
        from uppfolj.reports.registry import reports
        build_app()
        assert reports() and estimators()
        heavy = ["pandas", "docx", "matplotlib", "sklearn", "statsmodels", "lifelines", "scipy", "fastapi"]
        print(json.dumps([m for m in heavy if m in sys.modules]))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_a_module_dropped_into_a_package_is_found_without_touching_another_file(tmp_path: Path) -> None:
    # a new report package, estimator declaration and command module, each in a folder of its own that is
    # added to its package's path in a fresh interpreter: the command line offers all three
    report_package(tmp_path / "reports", period_kind="kvartal", example="2024-Q1")
    (tmp_path / "methods").mkdir()
    (tmp_path / "methods" / "prov.py").write_text(
        textwrap.dedent(
            """
            from uppfolj.effects.methods import EstimatorType

            ESTIMATOR = EstimatorType(
                name="prov", description="en provmetod", cls="uppfolj.effects.estimators:IPW", options={}, order=35
            )
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "prov_cmd.py").write_text(
        textwrap.dedent(
            """
            import typer

            ORDER = 15


            def register(app: typer.Typer) -> None:
                @app.command("prov")
                def prov() -> None:
                    \"\"\"Ett provkommando.\"\"\"
            """
        ),
        encoding="utf-8",
    )
    code = textwrap.dedent(
        f"""
        import sys
        import uppfolj.cli, uppfolj.effects.methods, uppfolj.reports
        uppfolj.reports.__path__.append({str(tmp_path / "reports")!r})
        uppfolj.effects.methods.__path__.append({str(tmp_path / "methods")!r})
        uppfolj.cli.__path__.append({str(tmp_path / "cli")!r})
        from uppfolj.cli import main
        main(sys.argv[1:])
        """
    )
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    top = run("--help")
    # the command in its place: after init and status (10), before import (20)
    assert top.index("prov ") < top.index("import ") and top.index("status ") < top.index("prov ")
    rapport = run("rapport", "--help")
    assert "provrapport" in rapport and "En provrapport." in rapport
    assert rapport.index("manad") < rapport.index("provrapport") < rapport.index("utbildningsniva")
    assert "--kvartal" in run("rapport", "provrapport", "--help")
    assert "<psm|ai|ipw|prov|aipw|did|km>" in run("effekt", "fil", "--help")


def test_demo_steps_are_found_in_their_packages() -> None:
    # the ten steps the demo has run since the demo was written as steps, in their order; found without a list
    from uppfolj import demo

    assert [s.name for s in demo.steps()] == [
        "Demodata", "Import", "Indikatorer", "Mål", "Uppdrag", "Årsredovisningens underlag", "Rapporter",
        "Effektutvärdering", "BIP", "Webb",
    ]  # fmt: skip
