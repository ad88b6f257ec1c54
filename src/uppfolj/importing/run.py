"""One import run: read every file of a folder, validate, pseudonymise, and write a new snapshot.

Staging happens in an in-memory DuckDB connection whose spill files go to a private temporary folder outside
the workspace; only pseudonymised, clean tables reach the store. A file that cannot be read at all stops the
import before the store is touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from uppfolj.bip.settings import import_limits
from uppfolj.errors import ImportFailed
from uppfolj.importing import pnr
from uppfolj.importing.delivery import Finding, Settings, check_delivery
from uppfolj.importing.files import ExportFile, FolderScan, scan_folder, sha256_file
from uppfolj.importing.headers import HeaderMatch, match_headers, vendor_map
from uppfolj.importing.mapped import apply_mapping, split_file_rows, union_files
from uppfolj.importing.mapping import MAPPINGS_DIR, Mapping, TableMapping, load_mapping
from uppfolj.importing.profile import TableProfile, add_date_ranges, profile_raw
from uppfolj.importing.readers import READERS, RawFile
from uppfolj.importing.rejects import write_rejects
from uppfolj.importing.sql import lit, scalar
from uppfolj.importing.validate import FileOutcome, validate_file
from uppfolj.importing.write import ImportRecord, write_snapshot
from uppfolj.text import normalise_header
from uppfolj.workspace import Workspace

#: platser is validated first: insatser is checked against its units
_ORDER = ("platser",)


@dataclass
class ImportResult:
    record: ImportRecord
    files: list[FileOutcome]
    rejects_file: Path
    ignored_files: list[tuple[str, str]] = field(default_factory=list)
    #: the delivery check's findings against the snapshot that was current before the import
    findings: list[Finding] = field(default_factory=list)

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


def _groups(files: list[ExportFile]) -> list[list[ExportFile]]:
    """The files per table, platser first (insatser is checked against its units), then by file name."""
    ordered = sorted(files, key=lambda f: (f.table.name not in _ORDER, f.path.name))
    groups: dict[str, list[ExportFile]] = {}
    for export in ordered:
        groups.setdefault(export.table.name, []).append(export)
    return list(groups.values())


def _group_hash(paths: list[Path]) -> str:
    """The file's SHA-256; for a table in several files, the SHA-256 of their names and hashes."""
    if len(paths) == 1:
        return sha256_file(paths[0])
    lines = "".join(f"{p.name} {sha256_file(p)}\n" for p in paths)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def choose_mapping(ws: Workspace, name: str | None, system: str | None) -> Mapping | None:
    """`--mappning NAMN`, else `mappning` in uppfolj.yaml (a name, or per source system: {system: name})."""
    if name is None:
        configured = ws.config.ovrigt.get("mappning")
        if isinstance(configured, dict):
            wanted = normalise_header(system or "")
            name = next((str(v) for k, v in configured.items() if normalise_header(k) == wanted), None)
        elif configured:
            name = str(configured)
    return load_mapping(ws.root, name) if name else None


@dataclass
class _Staged:
    outcomes: dict[str, FileOutcome] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    profiles: list[TableProfile] = field(default_factory=list)


def _stage_group(
    stage: duckdb.DuckDBPyConnection,
    tmp: Path,
    group: list[ExportFile],
    mapping: Mapping | None,
    vendor: dict[str, str],
    profile: bool,
    staged: _Staged,
) -> tuple[RawFile, HeaderMatch, str, list[str] | None]:
    """Read one table's file(s) into the staging database: (raw, header match, label, unknown columns)."""
    table = group[0].table
    names = [f.path.name for f in group]
    tm = mapping.tables.get(table.name) if mapping is not None else None
    if tm is None:
        export = group[0]
        raw = READERS[export.kind](stage, export.path, f"raw_{table.name}", tmp)
        if profile:
            view = apply_mapping(stage, raw, TableMapping(table, 0), export.path.name, vendor, "")
            staged.profiles.append(profile_raw(stage, table, view.raw, names, view.origin, view.unknown))
            stage.execute(view.raw.cleanup[0])
        return raw, match_headers(table, raw.headers, vendor), export.path.name, None
    assert mapping is not None
    parts: list[RawFile] = []
    unknown: list[str] = []
    origin: dict[str, str] = {}
    shown_path = f"{MAPPINGS_DIR}/{mapping.path.name}"
    for k, export in enumerate(group):
        raw = READERS[export.kind](stage, export.path, f"raw_{table.name}_{k}", tmp)
        mapped = apply_mapping(stage, raw, tm, export.path.name, vendor, shown_path)
        parts.append(mapped.raw)
        unknown += [u for u in mapped.unknown if u not in unknown]
        origin.update(mapped.origin)
    raw = parts[0] if len(parts) == 1 else union_files(stage, parts, f"raw_{table.name}")
    if profile:
        staged.profiles.append(profile_raw(stage, table, raw, names, origin, unknown))
    return raw, match_headers(table, raw.headers, {}), " + ".join(names), unknown


def _stage_all(
    ws: Workspace,
    stage: duckdb.DuckDBPyConnection,
    tmp: Path,
    scan: FolderScan,
    *,
    mapping: Mapping | None,
    system: str | None,
    merge: bool,
    today: dt.date,
    profile: bool,
    progress: Progress,
    task: TaskID,
) -> _Staged:
    pseudo = pnr.Pseudonymiser(ws.secret_key())
    staged = _Staged()
    for group in _groups(scan.files):
        table = group[0].table
        names = [f.path.name for f in group]
        progress.update(task, description=f"Läser {', '.join(names)}")
        staged.hashes[table.name] = _group_hash([f.path for f in group])
        vendor = vendor_map(ws.config, table.name, system)
        raw, match, label, unknown = _stage_group(stage, tmp, group, mapping, vendor, profile, staged)
        units = _units_table(stage, ws, staged.outcomes, merge) if table.name == "insatser" else None
        progress.update(task, description=f"Kontrollerar {label}")
        outcome = validate_file(
            stage,
            label,
            table,
            raw,
            match,
            today=today,
            pseudo=pseudo,
            units=units,
            configured=import_limits(ws.config, table.name),
        )
        if len(names) > 1:
            split_file_rows(stage, label, names)
        if unknown is not None:
            outcome.unknown_columns = unknown
        if profile and outcome.clean is not None:
            add_date_ranges(stage, staged.profiles[-1], table, outcome.clean)
        staged.outcomes[table.name] = outcome
        progress.advance(task, len(names))
    return staged


def _progress(console: Console | None) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        disable=console is None,
        transient=True,
    )


@dataclass
class _Delivery:
    """A delivery staged, validated and checked: what `run_import` writes and `dry_run` only reports."""

    stage: duckdb.DuckDBPyConnection
    scan: FolderScan
    staged: _Staged
    files: list[FileOutcome]
    findings: list[Finding]
    progress: Progress
    task: TaskID


@contextlib.contextmanager
def _checked_delivery(
    ws: Workspace,
    folder: Path,
    *,
    merge: bool,
    system: str | None,
    mapping: str | None,
    console: Console | None,
    today: dt.date | None,
    profile: bool,
) -> Iterator[_Delivery]:
    chosen = choose_mapping(ws, mapping, system)
    scan = scan_folder(Path(folder), chosen)
    progress = _progress(console)
    with staging() as (stage, tmp), progress:
        task = progress.add_task("Provkör" if profile else "Importerar", total=len(scan.files) + 1)
        staged = _stage_all(
            ws,
            stage,
            tmp,
            scan,
            mapping=chosen,
            system=system,
            merge=merge,
            today=today or dt.date.today(),
            profile=profile,
            progress=progress,
            task=task,
        )
        files = [staged.outcomes[g[0].table.name] for g in _groups(scan.files)]
        snap = ws.store().current()
        findings = check_delivery(
            stage, snap.path if snap else None, files, merge=merge, settings=Settings.from_config(ws.config)
        )
        yield _Delivery(stage, scan, staged, files, findings, progress, task)


def run_import(
    ws: Workspace,
    folder: Path,
    *,
    merge: bool = False,
    system: str | None = None,
    mapping: str | None = None,
    strict: bool = False,
    console: Console | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import every contract table in `folder` into the workspace's store; all or nothing.

    The delivery is checked against the current snapshot first (`delivery.check_delivery`); with `strict`
    a delivery with findings is refused and nothing is stored.
    """
    folder = Path(folder)
    with _checked_delivery(
        ws, folder, merge=merge, system=system, mapping=mapping, console=console, today=today, profile=False
    ) as d:
        if strict and d.findings:
            raise DeliveryRefused(d.findings)
        d.progress.update(d.task, description="Skriver datalagret")
        record = write_snapshot(
            ws.store(),
            d.stage,
            [(o, d.staged.hashes[o.table]) for o in d.files],
            folder=folder,
            merge=merge,
            findings=d.findings,
        )
        rejects = write_rejects(d.stage, ws.rejects_dir, f"import-{record.number}")
        d.progress.advance(d.task)
    _log(ws, record, d.files)
    return ImportResult(record, d.files, rejects, d.scan.ignored, d.findings)


@dataclass
class DryRunResult:
    """What an import would do: counts, profiles, delivery findings and the rejects file; nothing stored."""

    files: list[FileOutcome]
    profiles: list[TableProfile]
    findings: list[Finding]
    rejects_file: Path
    ignored_files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)


def dry_run(
    ws: Workspace,
    folder: Path,
    *,
    merge: bool = False,
    system: str | None = None,
    mapping: str | None = None,
    console: Console | None = None,
    today: dt.date | None = None,
) -> DryRunResult:
    """Read and validate everything like `run_import`, write only the rejects file (`provkorning-*.csv`)."""
    with _checked_delivery(
        ws, folder, merge=merge, system=system, mapping=mapping, console=console, today=today, profile=True
    ) as d:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        rejects = write_rejects(d.stage, ws.rejects_dir, f"provkorning-{stamp}")
    return DryRunResult(d.files, d.staged.profiles, d.findings, rejects, d.scan.ignored)


class DeliveryRefused(ImportFailed):
    """`--strikt`: the delivery check found changes, so nothing was stored."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        listed = "\n".join(f"  {f.message}" for f in findings[:20])
        more = f"\n  … och {len(findings) - 20} till." if len(findings) > 20 else ""
        super().__init__(
            f"Leveransen avvisades (--strikt): leveranskontrollen fann {len(findings)} avvikelser mot "
            f"datalagret:\n{listed}{more}\nInget har lagrats. Kontrollera leveransen med källsystemets "
            f"förvaltning, eller importera utan --strikt för att lagra den med avvikelserna noterade."
        )


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
