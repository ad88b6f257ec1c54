"""A mapping proposal from an export folder: `uppfolj mappning foresla MAPP`.

For each file it guesses the contract table (how well the file's headers resemble the table's columns, and
the file name), for each contract column the header that holds it (name similarity and a few common
Swedish abbreviations), for code columns the code each case-system text stands for (similarity to the
codes and their accepted labels), and for date columns a date form the contract does not read by itself.
Every guess is marked `# GRANSKA` with its similarity, so the analyst reviews it before use; the proposal
is a valid mapping file as written.

Only headers and the distinct values of code columns are read; values are masked like every other value
that reaches a user, so a personnummer in a code column is never written into the proposal.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb

from uppfolj.contract import TABLES, ColType, Column, Table
from uppfolj.importing import pnr
from uppfolj.importing.convert import code_map, code_sql, date_sql, month_sql
from uppfolj.importing.files import CSV_SUFFIXES, XLSX_SUFFIXES
from uppfolj.importing.readers import READERS, RawFile
from uppfolj.importing.run import staging
from uppfolj.importing.sql import trimmed
from uppfolj.text import normalise_header, strip_diacritics

#: a header must resemble a column at least this much to be proposed
MIN_SIMILARITY = 0.6
#: common abbreviations and synonyms in case-system exports (normalised) → contract column
SYNONYMS = {
    "pnr": "personnummer",
    "personnr": "personnummer",
    "hushallsnummer": "hushall_id",
    "hushallsnr": "hushall_id",
    "hushall": "hushall_id",
    "utbetalt": "belopp",
    "summa": "belopp",
    "barn": "antal_barn",
    "kon": "kon",
    "juridisktkon": "kon",
    "utbildning": "utbildningsniva",
    "sun": "utbildningsniva",
    "startdatum": "start_datum",
    "slutdatum": "slut_datum",
    "insats": "insatstyp",
    "arbetsplats": "enhet",
    "orsak": "avslutsorsak",
    "period": "manad",
    "fran": "start_datum",
    "till": "slut_datum",
}
#: date forms tried for date columns the contract cannot read as they are
DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y.%m.%d", "%d.%m.%y", "%d/%m/%y")
SAMPLE_ROWS = 2000
MAX_VALUES = 40


@dataclass
class FileGuess:
    path: Path
    table: Table
    score: float
    #: contract column → (header, similarity)
    columns: dict[str, tuple[str, float]] = field(default_factory=dict)
    #: contract column → [(text, code or "", similarity)]
    codes: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict)
    #: contract column → date format
    dates: dict[str, str] = field(default_factory=dict)
    #: contract column → a value that is no date in any known form
    unreadable: dict[str, str] = field(default_factory=dict)


def similarity(header: str, column: str) -> float:
    h, c = normalise_header(header), normalise_header(column)
    if not h:
        return 0.0
    if h == c:
        return 1.0
    if SYNONYMS.get(h) == column:
        return 0.9
    best = difflib.SequenceMatcher(None, h, c).ratio()
    if len(h) >= 3 and (h in c or c in h):
        best = max(best, 0.8)
    # `Pnr sökande` → sokande_personnummer: every word of the column found in the header, or a synonym
    words = [SYNONYMS.get(w, w) for w in re.split(r"[^a-z0-9]+", strip_diacritics(header).lower()) if w]
    parts = column.split("_")
    if parts and all(any(normalise_header(p) in normalise_header(w) for w in words) for p in parts):
        best = max(best, 0.85)
    return best


def _assign(table: Table, headers: list[str]) -> dict[str, tuple[str, float]]:
    """Each column its most similar header, most similar pairs first, each header used once."""
    pairs = sorted(
        ((similarity(h, c.name), c.name, h) for c in table.columns for h in headers if h.strip()),
        reverse=True,
    )
    out: dict[str, tuple[str, float]] = {}
    used: set[str] = set()
    for score, column, header in pairs:
        if score < MIN_SIMILARITY or column in out or header in used:
            continue
        out[column] = (header, score)
        used.add(header)
    return out


def _table_for(path: Path, headers: list[str]) -> tuple[Table, float]:
    def score(table: Table) -> float:
        matched = _assign(table, headers)
        name = difflib.SequenceMatcher(
            None, normalise_header(path.stem), normalise_header(table.name)
        ).ratio()
        missing = sum(1 for c in table.required_columns if c not in matched)
        return sum(s for _, s in matched.values()) + name - missing

    best = max(TABLES.values(), key=score)
    return best, score(best)


def _values(
    con: duckdb.DuckDBPyConnection, raw: RawFile, index: int, unread: Callable[[str], str]
) -> list[str]:
    """The column's most frequent values (in the first rows) that `unread(cell)` says the contract cannot read."""
    cell = trimmed(f"c{index}")
    rows = con.execute(
        f"SELECT {pnr.mask_text_sql(cell)} AS v FROM (SELECT * FROM {raw.table} LIMIT {SAMPLE_ROWS}) "
        f"WHERE {cell} IS NOT NULL AND ({unread(cell)}) IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 "
        f"LIMIT {MAX_VALUES}"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _code_score(text: str, key: str) -> float:
    """How much a case-system text resembles a code's spelling; a one-letter code matches its initial
    (`Kvinna` → K, `Man` → M)."""
    if len(key) == 1:
        return 0.7 if text[:1] == key else 0.0
    return difflib.SequenceMatcher(None, text, key).ratio()


def _code_guesses(column: Column, texts: list[str]) -> list[tuple[str, str, float]]:
    codes = code_map(column)
    out = []
    for text in texts:
        key = normalise_header(text)
        scored = [(_code_score(key, k), code) for k, code in codes.items()]
        score, code = max(scored) if scored else (0.0, "")
        out.append((text, code if score >= 0.5 else "", score))
    return out


def _date_format(con: duckdb.DuckDBPyConnection, raw: RawFile, index: int, column: Column) -> str | None:
    """None when the contract reads the values as they are; a format that reads them all; or "?" + an
    example value that no known form reads."""
    reads = month_sql if column.type is ColType.MONTH else date_sql
    unread = _values(con, raw, index, reads)
    if not unread:
        return None

    def reads_with(fmt: str) -> int:
        count = 0
        for value in unread:
            try:
                dt.datetime.strptime(value, fmt)
                count += 1
            except ValueError:
                pass
        return count

    best = max(DATE_FORMATS, key=reads_with)
    # the form that reads (nearly) all: a wrongly typed date among them is the import's to reject
    return best if reads_with(best) >= 0.8 * len(unread) else "?" + unread[0]


def _guess_file(con: duckdb.DuckDBPyConnection, path: Path, tmp: Path, n: int) -> FileGuess:
    kind = "xlsx" if path.suffix.lower() in XLSX_SUFFIXES else "csv"
    raw = READERS[kind](con, path, f"raw_{n}", tmp)
    table, score = _table_for(path, raw.headers)
    guess = FileGuess(path, table, score, _assign(table, raw.headers))
    for name, (header, _) in guess.columns.items():
        column = table.column(name)
        index = raw.headers.index(header)
        if column.type is ColType.CODE:
            texts = _values(con, raw, index, partial(code_sql, column))
            if texts:
                guess.codes[name] = _code_guesses(column, texts)
        elif column.type in (ColType.DATE, ColType.MONTH):
            fmt = _date_format(con, raw, index, column)
            if fmt and fmt.startswith("?"):
                guess.unreadable[name] = fmt[1:]
            elif fmt:
                guess.dates[name] = fmt
    for statement in raw.cleanup:
        con.execute(statement)
    return guess


def _pattern(paths: list[Path]) -> str:
    """One file: its name; several: the names' common beginning and ending around `*`."""
    names = [p.name for p in paths]
    if len(names) == 1:
        return names[0]
    start = os.path.commonprefix(names)
    end = os.path.commonprefix([n[::-1] for n in names])[::-1]
    shortest = min(len(n) for n in names)
    return f"{start}*{end[max(0, len(start) + len(end) - shortest) :]}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _percent(score: float) -> str:
    return f"{round(100 * score)} %"


def render(guesses: list[FileGuess], folder: Path) -> str:
    by_table: dict[str, list[FileGuess]] = defaultdict(list)
    for guess in guesses:
        by_table[guess.table.name].append(guess)
    lines = [
        f"# Förslag till mappning, gjort av uppfolj från {folder.name} den {dt.date.today().isoformat()}.",
        "# Varje rad märkt GRANSKA är en gissning: kontrollera den (och likheten inom parentes) innan",
        "# mappningen används. Kolumner utan rad här läses med kontraktets namn om filen har dem.",
        f"beskrivning: {_quote('Förslag från ' + folder.name)}",
        "tabeller:",
    ]
    for name in TABLES:
        if name not in by_table:
            continue
        group = by_table[name]
        lines.append(f"  {name}:")
        files = ", ".join(g.path.name for g in group)
        lines.append(f"    filer: [{_quote(_pattern([g.path for g in group]))}]  # GRANSKA: {files}")
        first = group[0]
        lines.append("    kolumner:")
        for column in first.table.columns:
            if column.name not in first.columns:
                continue
            header, score = first.columns[column.name]
            mark = "" if score == 1.0 else f"  # GRANSKA: gissning (likhet {_percent(score)})"
            if column.name in first.dates:
                lines.append(
                    f"      {column.name}: {{kolumn: {_quote(header)}, datumformat: "
                    f"{_quote(first.dates[column.name])}}}{mark or '  # GRANSKA: datumformatet'}"
                )
            else:
                lines.append(f"      {column.name}: {_quote(header)}{mark}")
            if column.name in first.unreadable:
                lines.append(
                    f"      # GRANSKA: {column.name} kan inte läsas som datum eller månad (t.ex. "
                    f"{_quote(first.unreadable[column.name])}): ange datumformat, eller ar och manad"
                )
        missing = [c.name for c in first.table.columns if c.required and c.name not in first.columns]
        for column_name in missing:
            lines.append(f"      # GRANSKA: ingen rubrik liknar den obligatoriska kolumnen {column_name}")
        if first.codes:
            lines.append("    koder:")
            for column_name, guessed in first.codes.items():
                lines.append(f"      {column_name}:")
                lines.append("        varden:")
                for text, code, score in guessed:
                    if code:
                        lines.append(
                            f"          {_quote(text)}: {code}  # GRANSKA (likhet {_percent(score)})"
                        )
                    else:
                        lines.append(f"          # GRANSKA: ingen kod liknar {_quote(text)}")
                lines.append("        ovriga: avvisa")
    return "\n".join(lines) + "\n"


def propose(folder: Path) -> str:
    """The proposed mapping file's text for the export files in `folder`."""
    from uppfolj.errors import ImportFailed

    paths = [
        p
        for p in sorted(Path(folder).iterdir(), key=lambda p: p.name)
        if p.is_file()
        and not p.name.startswith((".", "~$"))
        and p.suffix.lower() in CSV_SUFFIXES + XLSX_SUFFIXES
    ]
    if not paths:
        raise ImportFailed(
            f"Mappen {folder} innehåller inga CSV- eller XLSX-filer att föreslå en mappning för."
        )
    with staging() as (con, tmp):
        guesses = [_guess_file(con, path, tmp, n) for n, path in enumerate(paths)]
    return render(guesses, Path(folder))
