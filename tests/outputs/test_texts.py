"""The written-text store: the analyst's text replaces drafted paragraphs when a report is written into a
workspace; the marking skriven/utkast stays in the workspace; the texts used are kept next to the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from docx import Document

from uppfolj.errors import UppfoljError
from uppfolj.outputs.model import Paragraph, Report, Section
from uppfolj.outputs.texts import DRAFTED, WRITTEN, TextStore
from uppfolj.outputs.write import write_report
from uppfolj.workspace import CONFIG_FILE


def _report(draft: str = "Prognosen visar ett överskott om 16,1 mnkr.") -> Report:
    return Report(
        "Månadsrapport",
        "Testkommun",
        "Arbetsmarknadsnämnden",
        "2024-09",
        dt.date(2024, 10, 12),
        "000001",
        [
            Section("Ekonomi", [Paragraph(draft, key="ekonomi"), Paragraph("Fast text utan nyckel.")]),
            Section("Mål", [Paragraph("Målet bedöms delvis uppfyllt.", key="mal.3")]),
        ],
        "manadsrapport-2024-09",
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A folder that looks like a workspace to the writer (its configuration file is there)."""
    (tmp_path / CONFIG_FILE).write_text("kommun_namn: Testkommun\n", encoding="utf-8")
    return tmp_path


def _docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_drafts_are_filled_in_and_kept_with_the_report(root: Path) -> None:
    docx, _ = write_report(_report(), root / "rapporter")
    store = TextStore.for_workspace(root)
    texts = store.load("manadsrapport-2024-09")
    assert {k: (t.section, t.status, t.text) for k, t in texts.items()} == {
        "ekonomi": ("Ekonomi", DRAFTED, "Prognosen visar ett överskott om 16,1 mnkr."),
        "mal.3": ("Mål", DRAFTED, "Målet bedöms delvis uppfyllt."),
    }
    used = yaml.safe_load(
        (root / "rapporter" / "manadsrapport-2024-09-texter.yaml").read_text(encoding="utf-8")
    )
    assert used["texter"]["ekonomi"]["status"] == "utkast"
    assert "Prognosen visar ett överskott om 16,1 mnkr." in _docx_text(docx)


def test_written_text_replaces_the_draft_and_the_marking_stays_in_the_workspace(root: Path) -> None:
    store = TextStore.for_workspace(root)
    store.write("manadsrapport-2024-09", "ekonomi", "Nämndens egen text om ekonomin.")
    docx, xlsx = write_report(_report(), root / "rapporter")
    text = _docx_text(docx)
    assert "Nämndens egen text om ekonomin." in text
    assert "Prognosen visar" not in text
    assert "Målet bedöms delvis uppfyllt." in text  # no written text for mal.3: the draft
    # the marking is in the workspace, never in the document
    for word in ("skriven", "utkast"):
        assert word not in text.lower()
    saved = store.load("manadsrapport-2024-09")
    assert saved["ekonomi"].status == WRITTEN
    assert saved["ekonomi"].draft == "Prognosen visar ett överskott om 16,1 mnkr."
    assert saved["mal.3"].status == DRAFTED
    # the copy next to the report says which text was used, so the report can be written again as it was
    used = yaml.safe_load(
        (root / "rapporter" / "manadsrapport-2024-09-texter.yaml").read_text(encoding="utf-8")
    )
    assert used["texter"]["ekonomi"] == {
        "avsnitt": "Ekonomi",
        "status": "skriven",
        "text": "Nämndens egen text om ekonomin.",
        "utkast": "Prognosen visar ett överskott om 16,1 mnkr.",
    }


def test_new_drafts_refresh_but_written_text_stays(root: Path) -> None:
    store = TextStore.for_workspace(root)
    write_report(_report(), root / "rapporter")
    store.write("manadsrapport-2024-09", "mal.3", "Egen bedömning.")
    docx, _ = write_report(_report("Prognosen visar ett underskott om 2,0 mnkr."), root / "rapporter")
    saved = store.load("manadsrapport-2024-09")
    assert (saved["ekonomi"].status, saved["ekonomi"].text) == (
        DRAFTED,
        "Prognosen visar ett underskott om 2,0 mnkr.",
    )
    assert (saved["mal.3"].status, saved["mal.3"].text) == (WRITTEN, "Egen bedömning.")
    assert "Egen bedömning." in _docx_text(docx)
    # back to the draft: an empty text (or the draft itself)
    store.write("manadsrapport-2024-09", "mal.3", "")
    assert store.load("manadsrapport-2024-09")["mal.3"].status == DRAFTED
    store.write("manadsrapport-2024-09", "ekonomi", "Prognosen visar ett underskott om 2,0 mnkr.")
    assert store.load("manadsrapport-2024-09")["ekonomi"].status == DRAFTED


def test_any_key_is_accepted_and_kept(root: Path) -> None:
    store = TextStore.for_workspace(root)
    store.write("arsredovisning-2024", "mal.goal-7_b", "Bedömning av ett mål som inte finns i rapporten än.")
    write_report(_report(), root / "rapporter")  # another report: nothing of the other file is touched
    assert store.load("arsredovisning-2024")["mal.goal-7_b"].written
    store.write("arsredovisning-2024", "mal.Ökad sysselsättning 2", "Mål med mellanslag och å, ä, ö i id.")
    assert store.load("arsredovisning-2024")["mal.Ökad sysselsättning 2"].written
    with pytest.raises(UppfoljError, match="Nyckeln"):
        store.write("arsredovisning-2024", "två\nrader", "text")
    with pytest.raises(UppfoljError, match="finns inte"):
        store.load("../nyckel")


def test_hand_edited_file_counts_as_written_and_personnummer_are_masked(root: Path) -> None:
    write_report(_report(), root / "rapporter")
    store = TextStore.for_workspace(root)
    path = store.path("manadsrapport-2024-09")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["texter"]["ekonomi"]["text"] = "Handskriven text om 19121212-1212."  # status left as utkast
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    docx, _ = write_report(_report(), root / "rapporter")
    text = _docx_text(docx)
    assert "Handskriven text om 19121212-****." in text
    assert "1212-1212" not in text
    assert store.load("manadsrapport-2024-09")["ekonomi"].status == WRITTEN
    saved = store.write("manadsrapport-2024-09", "mal.3", "Gäller 201212121212 och 121212-1212.")
    assert saved.text == "Gäller 20121212-**** och 121212-****."


def test_report_outside_a_workspace_keeps_its_drafts(tmp_path: Path) -> None:
    docx, _ = write_report(_report(), tmp_path / "ut")
    assert "Prognosen visar ett överskott om 16,1 mnkr." in _docx_text(docx)
    assert not (tmp_path / "texter").exists()
    assert not (tmp_path / "ut" / "manadsrapport-2024-09-texter.yaml").exists()
