"""The analyst's own text for a report's drafted paragraphs, kept in the workspace (docs/rapporter.md).

A report's keyed paragraphs (`Paragraph(text, key=...)`) are drafted from the figures. The workspace keeps,
per report and period, one file `texter/<report file stem>.yaml`:

    rapport: manadsrapport-2024-09
    texter:
      ekonomi:
        avsnitt: Ekonomi
        status: skriven          # skriven (the analyst's text is used) or utkast (the drafted text is used)
        text: Nämndens utfall …  # the text the report uses
        utkast: Nämndens utfall …  # the latest drafted text, refreshed each time the report is written

When a report is written into a workspace (`write_report`), every keyed paragraph whose key has written
text gets that text, the others keep the drafted text, and the file is updated with the fresh drafts. Any
key is accepted (`ekonomi`, `mal.3`, …); written text for a key the report does not (or no longer) have is
kept. An entry edited by hand whose text differs from its draft counts as written even if its status was
left as `utkast`. The marking lives only here, never in the document. Anything shaped like a personnummer
is masked before it is stored or used.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from uppfolj.errors import UppfoljError
from uppfolj.masking import mask_pnr
from uppfolj.outputs.model import Paragraph, Report

TEXTS_DIR = "texter"
WRITTEN = "skriven"
DRAFTED = "utkast"
#: the file copied next to a written report: the texts it used (`<stem>-texter.yaml`)
USED_SUFFIX = "-texter.yaml"
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,150}$")
#: a paragraph key: any text on one line (goal ids may hold spaces and Swedish letters)
_KEY = re.compile(r"^[^\r\n]{1,120}$")
HEADER = """\
# Texter till rapporten {stem}: per nyckel avsnittet, status (skriven = din text används,
# utkast = den framräknade texten används), texten som används och det senaste utkastet.
# Skriv din text under `text` och sätt `status: skriven`. Sätt `status: utkast` för att gå tillbaka till utkastet.
"""


@dataclass(frozen=True)
class Text:
    key: str
    section: str
    status: str
    text: str
    draft: str

    @property
    def written(self) -> bool:
        return self.status == WRITTEN

    def as_dict(self) -> dict[str, str]:
        return {"avsnitt": self.section, "status": self.status, "text": self.text, "utkast": self.draft}


def keyed_paragraphs(report: Report) -> list[tuple[str, Paragraph]]:
    """(section title, paragraph) for every drafted paragraph of the report, in order."""
    return [
        (section.title, block)
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Paragraph) and block.key
    ]


class TextStore:
    """The `texter/` folder of a workspace."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def for_workspace(cls, root: Path) -> TextStore:
        return cls(Path(root) / TEXTS_DIR)

    def path(self, stem: str) -> Path:
        if not _STEM.match(stem):
            raise UppfoljError(
                f"Rapporten {stem!r} finns inte. Ange rapportens filnamn utan filändelse, "
                f"t.ex. manadsrapport-2024-09."
            )
        return self.folder / f"{stem}.yaml"

    def stems(self) -> list[str]:
        """The reports that have a text file, newest name first."""
        if not self.folder.is_dir():
            return []
        return sorted((p.stem for p in self.folder.glob("*.yaml") if _STEM.match(p.stem)), reverse=True)

    def load(self, stem: str) -> dict[str, Text]:
        path = self.path(stem)
        if not path.exists():
            return {}
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            entries = data.get("texter") or {}
            if not isinstance(entries, dict):
                raise ValueError("`texter` ska vara en mappning från nyckel till text")
            out = {}
            for key, raw in entries.items():
                if not isinstance(raw, dict):
                    raise ValueError(f"nyckeln {key!r} ska ha avsnitt, status, text och utkast")
                text, draft = str(raw.get("text") or ""), str(raw.get("utkast") or "")
                edited = bool(text.strip()) and text.strip() != draft.strip()
                status = WRITTEN if raw.get("status") == WRITTEN or edited else DRAFTED
                out[str(key)] = Text(str(key), str(raw.get("avsnitt") or ""), status, text, draft)
        except (yaml.YAMLError, ValueError, AttributeError) as exc:
            raise UppfoljError(
                f"Textfilen {path} kan inte läsas ({exc}). Rätta filen eller ta bort den; utkasten skrivs "
                f"om nästa gång rapporten skapas."
            ) from exc
        return out

    def save(self, stem: str, texts: dict[str, Text]) -> Path:
        path = self.path(stem)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".yaml.tmp")
        tmp.write_text(_dump(stem, texts), encoding="utf-8")
        os.replace(tmp, path)
        return path

    def write(self, stem: str, key: str, text: str, section: str = "") -> Text:
        """Store the analyst's text for a key (masked); empty text, or the draft itself, goes back to the draft."""
        if not _KEY.match(key):
            raise UppfoljError(f"Nyckeln {key!r} är ogiltig: den ska stå på en rad och ha högst 120 tecken.")
        texts = self.load(stem)
        old = texts.get(key, Text(key, section, DRAFTED, "", ""))
        clean = mask_pnr(text.strip())
        if clean and clean != old.draft.strip():
            texts[key] = replace(old, status=WRITTEN, text=clean, section=old.section or section)
        else:
            texts[key] = replace(old, status=DRAFTED, text=old.draft)
        self.save(stem, texts)
        return texts[key]

    def apply(self, report: Report) -> tuple[Report, dict[str, Text]]:
        """The report with written text in place of drafted text, and the texts used (saved with the
        fresh drafts). A report without keyed paragraphs is returned as it is and nothing is saved."""
        keyed = keyed_paragraphs(report)
        if not keyed:
            return report, {}
        stored = self.load(report.stem)
        used: dict[str, Text] = {}
        for title, para in keyed:
            entry = stored.get(para.key)
            if entry is not None and entry.written:
                used[para.key] = replace(entry, section=title, text=mask_pnr(entry.text), draft=para.text)
            else:
                used[para.key] = Text(para.key, title, DRAFTED, para.text, para.text)
        self.save(report.stem, {**stored, **used})
        sections = [
            replace(
                section,
                blocks=[
                    replace(b, text=used[b.key].text) if isinstance(b, Paragraph) and b.key else b
                    for b in section.blocks
                ],
            )
            for section in report.sections
        ]
        return replace(report, sections=sections), used


def write_used(folder: Path, stem: str, used: dict[str, Text]) -> Path:
    """The texts a report used, next to the report, so that it can be written again as it was."""
    path = Path(folder) / f"{stem}{USED_SUFFIX}"
    path.write_text(_dump(stem, used), encoding="utf-8")
    return path


def _dump(stem: str, texts: dict[str, Text]) -> str:
    body = {"rapport": stem, "texter": {k: t.as_dict() for k, t in texts.items()}}
    return HEADER.format(stem=stem) + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110)


def workspace_of(folder: Path) -> Path | None:
    """The workspace whose reports folder this is (`<arbetsyta>/rapporter`), else None."""
    from uppfolj.workspace import CONFIG_FILE

    parent = Path(folder).resolve().parent
    return parent if (parent / CONFIG_FILE).is_file() else None
