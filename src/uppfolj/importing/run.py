"""One import run: read every file of a folder, validate, pseudonymise, and write a new snapshot.

Staging happens in an in-memory DuckDB connection whose spill files go to a private temporary folder outside
the workspace; only pseudonymised, clean tables reach the store. A file that cannot be read at all stops the
import before the store is touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from uppfolj.importing import pnr
from uppfolj.importing.bip_settings import import_limits
from uppfolj.importing.files import ExportFile, scan_folder, sha256_file
from uppfolj.importing.headers import match_headers, vendor_map
from uppfolj.importing.readers import READERS
from uppfolj.importing.rejects import write_rejects
from uppfolj.importing.sql import lit, scalar
from uppfolj.importing.validate import FileOutcome, validate_file
from uppfolj.importing.write import ImportRecord, write_snapshot
from uppfolj.workspace import Workspace

#: platser is validated first: insatser is checked against its units
_ORDER = ("platser",)


@dataclass
class ImportResult:
    record: ImportRecord
    files: list[FileOutcome]
    rejects_file: Path
    ignored_files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)


#: staging folders are named `uppfolj-import-<pid>-<random>` in the system's temporary folder
STAGING_PREFIX = "uppfolj-import-"


def _remove_stale_staging() -> None:
    """Remove staging folders of imports that were killed (their process is gone): they may hold spill files
    with clear personnummer."""
    for folder in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*"):
        pid_text = folder.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        if not pid_text.isdigit():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            continue  # another user's live process


@contextlib.contextmanager
def staging(memory_limit: str = "3GB") -> Iterator[tuple[duckdb.DuckDBPyConnection, Path]]:
    """An in-memory DuckDB whose spill files and transcoded CSVs live in a private temporary folder."""
    _remove_stale_staging()
    tmp = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
    tmp.chmod(0o700)
    con = duckdb.connect(config={"temp_directory": str(tmp / "spill"), "memory_limit": memory_limit})
    try:
        yield con, tmp
    finally:
        con.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _units_table(
    stage: duckdb.DuckDBPyConnection, ws: Workspace, outcomes: dict[str, FileOutcome], merge: bool
) -> str | None:
    """The units of platser for `enhet_saknar_platser`: this import's platser, else the stored ones."""
    sources = []
    own = outcomes.get("platser")
    if own is not None and own.clean is not None:
        sources.append(f"SELECT enhet FROM {own.clean}")
    snap = ws.store().current()
    if snap is not None and (not sources or merge):
        stage.execute(f"ATTACH IF NOT EXISTS {lit(str(snap.path))} AS cur (READ_ONLY)")
        present = scalar(
            stage,
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'cur' AND table_name = 'platser'",
        )
        if present:
            sources.append("SELECT enhet FROM cur.main.platser")
    if not sources:
        return None
    stage.execute(
        f"CREATE OR REPLACE TEMP TABLE _units AS SELECT DISTINCT enhet FROM ({' UNION '.join(sources)})"
    )
    stage.execute("DETACH DATABASE IF EXISTS cur")
    return "_units"


def _ordered(files: list[ExportFile]) -> list[ExportFile]:
    return sorted(files, key=lambda f: (f.table.name not in _ORDER, f.path.name))


def run_import(
    ws: Workspace,
    folder: Path,
    *,
    merge: bool = False,
    system: str | None = None,
    console: Console | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import every contract table in `folder` into the workspace's store; all or nothing."""
    folder = Path(folder)
    scan = scan_folder(folder)
    vendor_maps: dict[str, dict[str, str]] = {
        f.table.name: vendor_map(ws.config, f.table.name, system) for f in scan.files
    }
    pseudo = pnr.Pseudonymiser(ws.secret_key())
    today = today or dt.date.today()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        disable=console is None,
        transient=True,
    )
    outcomes: dict[str, FileOutcome] = {}
    hashes: dict[str, str] = {}
    with staging() as (stage, tmp), progress:
        task = progress.add_task("Importerar", total=len(scan.files) + 1)
        for export in _ordered(scan.files):
            progress.update(task, description=f"Läser {export.path.name}")
            hashes[export.table.name] = sha256_file(export.path)
            raw = READERS[export.kind](stage, export.path, f"raw_{export.table.name}", tmp)
            match = match_headers(export.table, raw.headers, vendor_maps[export.table.name])
            units = _units_table(stage, ws, outcomes, merge) if export.table.name == "insatser" else None
            progress.update(task, description=f"Kontrollerar {export.path.name}")
            outcomes[export.table.name] = validate_file(
                stage,
                export.path.name,
                export.table,
                raw,
                match,
                today=today,
                pseudo=pseudo,
                units=units,
                configured=import_limits(ws.config, export.table.name),
            )
            progress.advance(task)
        progress.update(task, description="Skriver datalagret")
        files = [outcomes[f.table.name] for f in scan.files]
        record = write_snapshot(
            ws.store(), stage, [(o, hashes[o.table]) for o in files], folder=folder, merge=merge
        )
        rejects = write_rejects(stage, ws.rejects_dir, record.number)
        progress.advance(task)
    _log(ws, record, files)
    return ImportResult(record, files, rejects, scan.ignored)


def _log(ws: Workspace, record: ImportRecord, files: list[FileOutcome]) -> None:
    """One line per file in logg/import.log: counts only, never a value from the data."""
    ws.log_dir.mkdir(parents=True, exist_ok=True)
    with open(ws.log_dir / "import.log", "a", encoding="utf-8") as fh:
        for f in files:
            fh.write(
                f"{record.time.isoformat()} import={record.number} ogonblick={record.snapshot} "
                f"anvandare={record.user} fil={f.file} tabell={f.table} lasta={f.read} lagrade={f.stored} "
                f"avvisade={f.rejected} varningar={f.warnings}\n"
            )
