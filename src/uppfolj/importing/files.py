"""The files of an export folder: which contract table each one holds, and which are ignored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from uppfolj.contract import Table, table_for_stem
from uppfolj.errors import ImportFailed
from uppfolj.importing.mapping import Mapping

#: file suffixes the readers understand
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class ExportFile:
    path: Path
    table: Table

    @property
    def kind(self) -> str:
        return "xlsx" if self.path.suffix.lower() in XLSX_SUFFIXES else "csv"


@dataclass(frozen=True)
class FolderScan:
    files: list[ExportFile]
    #: (file name, reason) for files that are not imported
    ignored: list[tuple[str, str]]


def _table_of(path: Path, mapping: Mapping | None) -> Table | None:
    if mapping is not None and (found := mapping.table_for(path.name)) is not None:
        return found.table
    return table_for_stem(path.stem)


def scan_folder(folder: Path, mapping: Mapping | None = None) -> FolderScan:
    """Find the export files in `folder`: by the contract's file names, and by the mapping's patterns.

    Two files for one table is an error unless the mapping names the table's files (one per year or month).
    """
    if not folder.is_dir():
        raise ImportFailed(f"Mappen {folder} finns inte eller är ingen mapp. Ange mappen med exportfilerna.")
    files: list[ExportFile] = []
    ignored: list[tuple[str, str]] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith((".", "~$")) or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
            ignored.append((path.name, "okänd filtyp (endast CSV och XLSX läses)"))
            continue
        table = _table_of(path, mapping)
        if table is None:
            ignored.append((path.name, "filnamnet är ingen tabell i exportkontraktet eller mappningen"))
            continue
        several = mapping is not None and table.name in mapping.tables
        if table.name in seen and not several:
            raise ImportFailed(
                f"Tabellen {table.name} finns i två filer: {seen[table.name].name} och {path.name}. "
                f"Ta bort eller byt namn på den ena och importera igen."
            )
        seen[table.name] = path
        files.append(ExportFile(path, table))
    if not files:
        raise ImportFailed(
            f"Mappen {folder} innehåller ingen fil som heter som en tabell i exportkontraktet "
            f"(t.ex. bistand_manad.csv eller insatser.xlsx). Inget har ändrats."
        )
    return FolderScan(files, ignored)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
