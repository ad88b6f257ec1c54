"""Workspace creation, opening and the one-line messages for a missing or broken workspace."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from uppfolj import workspace
from uppfolj.errors import WorkspaceError


def test_create_writes_config_owner_only_key_and_store(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws", kommun_namn="Testby", kommun_kod="1234")
    mode = stat.S_IMODE(ws.key_path.stat().st_mode)
    assert mode == 0o600
    assert len(ws.secret_key()) == 64  # 32 random bytes as hex
    reopened = workspace.open_workspace(tmp_path / "ws")
    assert reopened.config.kommun_namn == "Testby"
    assert reopened.config.kommun_kod == "1234"
    assert reopened.config.uppehall_manader == 2
    assert reopened.store().current() is not None


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    workspace.create(tmp_path / "ws")
    with pytest.raises(WorkspaceError, match="finns redan"):
        workspace.create(tmp_path / "ws")


def test_missing_workspace_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as err:
        workspace.open_workspace(tmp_path / "saknas")
    message = str(err.value)
    assert "uppfolj init" in message and "\n" not in message


def test_folder_without_config_is_not_a_workspace(tmp_path: Path) -> None:
    (tmp_path / "annan").mkdir()
    with pytest.raises(WorkspaceError, match="ingen arbetsyta"):
        workspace.open_workspace(tmp_path / "annan")


def test_broken_config_is_reported(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    (ws.root / workspace.CONFIG_FILE).write_text("kommun_namn: [oavslutad\n", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="kan inte läsas"):
        workspace.open_workspace(ws.root)


def test_environment_variable_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workspace.ENV_VAR, str(tmp_path / "frånmiljö"))
    assert workspace.resolve_path(None) == tmp_path / "frånmiljö"
    monkeypatch.delenv(workspace.ENV_VAR)
    assert workspace.resolve_path(None) == Path("uppfolj-data")


def test_unknown_config_sections_survive_a_save(tmp_path: Path) -> None:
    ws = workspace.create(tmp_path / "ws")
    ws.config.ovrigt["kolada"] = {"bas_url": "http://127.0.0.1:9"}
    ws.save_config()
    again = workspace.open_workspace(ws.root)
    assert again.config.ovrigt["kolada"] == {"bas_url": "http://127.0.0.1:9"}
