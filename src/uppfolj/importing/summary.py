"""The Rich summary of an import: per file read, stored, rejected, warnings; ignored files and columns."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from uppfolj import fmt
from uppfolj.importing.delivery import Finding
from uppfolj.importing.profile import TableProfile
from uppfolj.importing.run import DryRunResult, ImportResult
from uppfolj.importing.validate import FileOutcome


def summary_table(result: ImportResult) -> Table:
    """Counts first, so they stay whole in a narrow terminal; the detected format wraps in the last column."""
    return _counts(f"Import {result.record.number} (ögonblicksbild {result.record.snapshot})", result.files)


def _counts(title: str, files: list[FileOutcome]) -> Table:
    tab = Table(title=title)
    tab.add_column("Fil", min_width=min(max((len(f.file) for f in files), default=3), 40), overflow="fold")
    for name in ("Lästa", "Lagrade", "Avvisade", "Varningar"):
        tab.add_column(name, justify="right", min_width=len(name), no_wrap=True)
    tab.add_column("Tabell, format", overflow="fold")
    for f in files:
        rejected = fmt.number(f.rejected)
        tab.add_row(
            f.file,
            fmt.number(f.read),
            fmt.number(f.stored),
            f"[red]{rejected}[/]" if f.rejected else rejected,
            fmt.number(f.warnings),
            f"{f.table} [dim]({f.detected})[/]",
        )
    return tab


def print_findings(console: Console, findings: list[Finding]) -> None:
    if not findings:
        console.print("Leveranskontroll: inga ändrade eller saknade månader och inga förskjutna koder.")
        return
    console.print(f"[yellow]Leveranskontroll: {len(findings)} avvikelser mot det som var lagrat:[/]")
    for f in findings:
        console.print(f"  {f.message}")


def _file_notes(console: Console, files: list[FileOutcome]) -> None:
    for f in files:
        if f.clean is None:
            console.print(
                f"[red]{f.file}: hela filen avvisades (obligatorisk kolumn saknas), se avvisade rader.[/]"
            )
        if f.unknown_columns:
            console.print(f"{f.file}: okända kolumner ignorerades: {', '.join(f.unknown_columns)}")


def print_summary(console: Console, result: ImportResult) -> None:
    console.print(summary_table(result))
    _file_notes(console, result.files)
    for name, reason in result.ignored_files:
        console.print(f"Ignorerad fil: {name} ({reason})")
    print_findings(console, result.findings)
    console.print(f"Avvisade rader och varningar: {result.rejects_file}")


def profile_table(profile: TableProfile) -> Table:
    """One table's profile: per contract column where it comes from, and how often it is filled."""
    files = ", ".join(f"{name} ({fmt.number(n)} rader)" for name, n in profile.files)
    tab = Table(title=f"{profile.table}: {files}")
    tab.add_column("Kolumn", no_wrap=True)
    tab.add_column("Från filens kolumn", overflow="fold")
    tab.add_column("Ifyllda", justify="right", no_wrap=True)
    tab.add_column("Datum från–till", no_wrap=True)
    for column, origin in profile.matched.items():
        dates = profile.date_ranges.get(column)
        tab.add_row(
            column,
            origin,
            fmt.percent(100 * profile.fill.get(column, 0.0), 1),
            f"{dates[0]} – {dates[1]}" if dates else "",
        )
    return tab


def print_dry_run(console: Console, result: DryRunResult) -> None:
    console.print("[bold]Provkörning: inget har lagrats.[/]")
    console.print(_counts("Skulle importeras", result.files))
    _file_notes(console, result.files)
    for profile in result.profiles:
        console.print(profile_table(profile))
        if profile.unmatched:
            console.print(f"  Kolumner som inte läses: {', '.join(profile.unmatched)}")
        for off in profile.off_codes:
            near = f" (närmaste kod: {off.nearest})" if off.nearest else ""
            console.print(
                f"  {off.column}: {off.value!r} finns inte i kodlistan, {fmt.number(off.count)} rader{near}"
            )
    for name, reason in result.ignored_files:
        console.print(f"Ignorerad fil: {name} ({reason})")
    print_findings(console, result.findings)
    console.print(f"Rader som skulle avvisas, och varningar: {result.rejects_file}")
