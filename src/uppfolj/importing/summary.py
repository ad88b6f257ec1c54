"""The Rich summary of an import: per file read, stored, rejected, warnings; ignored files and columns."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from uppfolj import fmt
from uppfolj.importing.run import ImportResult


def summary_table(result: ImportResult) -> Table:
    """Counts first, so they stay whole in a narrow terminal; the detected format wraps in the last column."""
    tab = Table(title=f"Import {result.record.number} (ögonblicksbild {result.record.snapshot})")
    tab.add_column("Fil", min_width=max((len(f.file) for f in result.files), default=3), no_wrap=True)
    for name in ("Lästa", "Lagrade", "Avvisade", "Varningar"):
        tab.add_column(name, justify="right", min_width=len(name), no_wrap=True)
    tab.add_column("Tabell, format", overflow="fold")
    for f in result.files:
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


def print_summary(console: Console, result: ImportResult) -> None:
    console.print(summary_table(result))
    for f in result.files:
        if f.clean is None:
            console.print(
                f"[red]{f.file}: hela filen avvisades (obligatorisk kolumn saknas), se avvisade rader.[/]"
            )
        if f.unknown_columns:
            console.print(f"{f.file}: okända kolumner ignorerades: {', '.join(f.unknown_columns)}")
    for name, reason in result.ignored_files:
        console.print(f"Ignorerad fil: {name} ({reason})")
    console.print(f"Avvisade rader och varningar: {result.rejects_file}")
