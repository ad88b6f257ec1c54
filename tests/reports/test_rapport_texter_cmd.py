"""`uppfolj texter` fills in the drafts of a report in the workspace; a text written in the file
is then used by `uppfolj rapport manad`, and the texts used are kept next to the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from docx import Document

from tests.reports.test_manad_text import REGISTER, _config, _ekonomi, _payments
from uppfolj import workspace
from uppfolj.cli import main


@pytest.fixture
def ws_path(tmp_path: Path, fill_store: Callable[..., None]) -> Path:
    ws = workspace.create(tmp_path / "ws")
    ws.config.ovrigt.update(_config().ovrigt)
    ws.save_config()
    with ws.store().new_snapshot(copy_from_current=True) as con:
        fill_store(con, REGISTER, bistand_manad=_payments(), ekonomi=_ekonomi())
    return ws.root


def test_texts_command_then_written_text_in_the_report(
    ws_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    main(["texter", "--rapport", "manad", "--period", "2024-03", "-a", str(ws_path)])
    out = capsys.readouterr().out
    path = ws_path / "texter" / "manadsrapport-2024-03.yaml"
    assert str(path) in out.replace("\n", "")
    assert "Ekonomi (ekonomi), utkast" in out
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(data["texter"]) == ["ekonomi", "ekonomiskt_bistand", "nyckeltal", "arbetsmarknadsinsatser"]
    assert all(t["status"] == "utkast" for t in data["texter"].values())

    data["texter"]["ekonomi"].update(status="skriven", text="Förvaltningens egen sammanfattning.")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    main(["rapport", "manad", "--manad", "2024-03", "-a", str(ws_path)])
    report = ws_path / "rapporter" / "manadsrapport-2024-03.docx"
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "Förvaltningens egen sammanfattning." in text
    assert "Nämndens utfall för januari–mars 2024" not in text
    assert "Per mars var antalet hushåll" in text  # the other drafts stay
    used = yaml.safe_load(
        (ws_path / "rapporter" / "manadsrapport-2024-03-texter.yaml").read_text(encoding="utf-8")
    )
    assert used["texter"]["ekonomi"]["status"] == "skriven"
    assert used["texter"]["ekonomiskt_bistand"]["status"] == "utkast"
