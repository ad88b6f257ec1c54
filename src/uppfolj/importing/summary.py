"""The Rich summary of an import: per file read, stored, rejected, warnings; ignored files and columns."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from uppfolj import fmt
from uppfolj.importing.run import ImportResult


def summary_table(result: ImportResult) -> Table:
    tab = Table(title=f"Import {result.record.number} (ögonblicksbild {result.record.snapshot})")
    widest = max((len(f.file) for f in result.files), default=3)
    tab.add_column("Fil", min_width=widest, no_wrap=True)
    tab.add_column("Tabell", overflow="fold")
    tab.add_column("Format", overflow="fold")
    for name in ("Lästa", "Lagrade", "Avvisade", "Varningar"):
        tab.add_column(name, justify="right")
    for f in result.files:
        rejected = fmt.number(f.rejected)
        tab.add_row(
            f.file,
            f.table,
            f.detected,
            fmt.number(f.read),
            fmt.number(f.stored),
            f"[red]{rejected}[/]" if f.rejected else rejected,
            fmt.number(f.warnings),
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
