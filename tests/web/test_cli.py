"""`uppfolj anvandare` (password from standard input), `uppfolj serve --help`, and the demo step."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from uppfolj.cli import build_app, main
from uppfolj.demo import DemoContext
from uppfolj.web.audit import AuditLog
from uppfolj.web.db import WebDB
from uppfolj.web.demo_step import DEMO_ADMIN, web_step
from uppfolj.web.users import Users
from uppfolj.workspace import create


def test_add_user_with_piped_password(tmp_path: Path) -> None:
    ws = create(tmp_path / "ws")
    runner = CliRunner()
    app = build_app()
    result = runner.invoke(
        app,
        [
            "anvandare",
            "lagg-till",
            "Kim",
            "--roll",
            "lasare",
            "--enhet",
            "Jobbtorget",
            "--arbetsyta",
            str(ws.root),
        ],
        input="ett-bra-losenord\n",
    )
    assert result.exit_code == 0, result.output
    users = Users(WebDB.of(ws))
    assert users.authenticate("kim", "ett-bra-losenord") is not None
    assert users.get("kim") is not None and users.get("kim").enhet == "Jobbtorget"
    # the stored hash is Argon2id, never the password
    with WebDB.of(ws).connect() as con:
        stored = con.execute("SELECT losenord FROM anvandare WHERE namn = 'kim'").fetchone()[0]
    assert stored.startswith("$argon2id$") and "ett-bra-losenord" not in stored
    assert AuditLog(WebDB.of(ws)).all_entries()[-1].handelse == "anvandare"


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--roll", "chef"], "ett-bra-losenord", "Rollen 'chef' finns inte"),
        (["--roll", "lasare"], "kort", "Lösenordet är för kort (4 tecken)"),
        (["--roll", "admin", "--enhet", "X"], "ett-bra-losenord", "Bara läsare kan knytas till en enhet"),
    ],
)
def test_add_user_errors_in_swedish(
    tmp_path: Path,
    args: list[str],
    password: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ws = create(tmp_path / "ws")
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    with pytest.raises(SystemExit) as exit_info:
        main(["anvandare", "lagg-till", "kim", *args, "--arbetsyta", str(ws.root)])
    assert exit_info.value.code == 1
    assert message in " ".join(capsys.readouterr().err.split())
    assert Users(WebDB.of(ws)).get("kim") is None


def test_serve_help_is_swedish() -> None:
    result = CliRunner().invoke(build_app(), ["serve", "--help"])
    assert result.exit_code == 0
    assert "Starta webbgränssnittet" in result.output and "--port" in result.output


def test_demo_step_prints_a_working_admin_password(tmp_path: Path) -> None:
    ws = create(tmp_path / "ws")
    ctx = DemoContext(ws, tmp_path / "export", Console(file=None, quiet=True))
    web_step(ctx)
    results = dict(ctx.results)
    assert "uppfolj serve --arbetsyta" in results["Webbgränssnitt"]
    name, password = results["Demokonto (visas bara nu)"].split(" / ")
    assert name == DEMO_ADMIN
    user = Users(WebDB.of(ws)).authenticate(name, password)
    assert user is not None and user.roll == "admin"
    # a second demo run makes a new password; the old one stops working
    web_step(ctx)
    assert Users(WebDB.of(ws)).authenticate(name, password) is None
