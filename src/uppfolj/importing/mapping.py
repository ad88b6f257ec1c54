"""Mapping files: how a municipality's own export files become the contract's tables.

A mapping file `mappningar/<namn>.yaml` in the workspace says, per contract table: which files hold it
(name patterns; several files become one table), which of their columns hold which contract column, how the
case system's code texts are recoded to the contract's codes, constants, simple derivations (a month from
a year and a month column, a date written in another form) and rows to skip. The keys are Swedish, since
users write the file; the format is documented in docs/anvandarguide.md and docs/import.md.

Loading collects every problem of the file (with its line) before it raises, so one run shows them all.
`uppfolj.importing.mapped` applies a loaded mapping to a staged raw file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from uppfolj.contract import TABLES, ColType, Column, Table
from uppfolj.errors import ImportFailed
from uppfolj.importing.convert import code_map
from uppfolj.text import normalise_header

MAPPINGS_DIR = "mappningar"
#: `ovriga: avvisa`: a value not listed keeps its text, so the code-list rule rejects its row
REJECT_UNLISTED = "avvisa"

_TOP_KEYS = ("beskrivning", "tabeller")
_TABLE_KEYS = ("filer", "kolumner", "koder", "hoppa_over")
_SOURCE_KEYS = ("kolumn", "datumformat", "konstant", "ar", "manad")
_RECODE_KEYS = ("varden", "ovriga")
_SKIP_KEYS = ("kolumn", "varden")


@dataclass(frozen=True)
class Source:
    """Where one contract column comes from: a file column (optionally a date in another form), a
    constant, or a month derived from a year column and a month column."""

    line: int
    column: str | None = None
    date_format: str | None = None
    constant: str | None = None
    year: str | None = None
    month: str | None = None

    @property
    def headers(self) -> list[str]:
        """The file headers this source reads."""
        return [h for h in (self.column, self.year, self.month) if h is not None]


@dataclass(frozen=True)
class Recoding:
    """Case-system texts (normalised like headers) → the contract's code, and what unlisted values become."""

    line: int
    values: dict[str, str]
    #: REJECT_UNLISTED, or the code every unlisted value becomes (e.g. `okand`)
    unlisted: str = REJECT_UNLISTED


@dataclass(frozen=True)
class Skip:
    """Rows whose `column` holds one of `values` (normalised) are not read."""

    line: int
    column: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class TableMapping:
    table: Table
    line: int
    #: file name patterns (`utbetalningar_*.csv`); empty = the contract's file name (`bistand_manad.csv`)
    patterns: tuple[str, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)
    recodings: dict[str, Recoding] = field(default_factory=dict)
    skips: tuple[Skip, ...] = ()

    def matches(self, file_name: str) -> bool:
        if not self.patterns:
            return normalise_header(Path(file_name).stem) == normalise_header(self.table.name)
        return any(fnmatch.fnmatch(file_name.lower(), p.lower()) for p in self.patterns)


@dataclass(frozen=True)
class Mapping:
    name: str
    path: Path
    tables: dict[str, TableMapping]

    def table_for(self, file_name: str) -> TableMapping | None:
        for mapping in self.tables.values():
            if mapping.matches(file_name):
                return mapping
        return None


class MappingError(ImportFailed):
    """A mapping file that cannot be used; the message lists every problem with its line."""


class _Problems:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[tuple[int, str]] = []

    def add(self, node: Node, message: str) -> None:
        self.items.append((node.start_mark.line + 1, message))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        lines = "\n".join(f"  rad {line}: {message}" for line, message in sorted(self.items))
        raise MappingError(
            f"Mappningsfilen {self.path} kan inte användas ({len(self.items)} fel):\n{lines}\n"
            f"Rätta raderna och kör kommandot igen. Inget har importerats."
        )


def _nearest(word: str, choices: list[str]) -> str:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" Menade du {found[0]!r}?" if found else f" Möjliga: {', '.join(choices)}."


def _pairs(node: Node, problems: _Problems, what: str) -> list[tuple[ScalarNode, Node]]:
    if not isinstance(node, MappingNode):
        problems.add(node, f"{what} ska vara en uppslagslista med nyckel: värde.")
        return []
    out = []
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            problems.add(key, f"en nyckel i {what} ska vara en text.")
            continue
        out.append((key, value))
    return out


def _text(node: Node, problems: _Problems, what: str) -> str | None:
    if isinstance(node, ScalarNode) and str(node.value).strip():
        return str(node.value)
    problems.add(node, f"{what} ska vara en text.")
    return None


def _texts(node: Node, problems: _Problems, what: str) -> list[str]:
    """A text or a list of texts."""
    if isinstance(node, ScalarNode):
        text = _text(node, problems, what)
        return [text] if text else []
    if isinstance(node, SequenceNode):
        return [t for item in node.value if (t := _text(item, problems, what)) is not None]
    problems.add(node, f"{what} ska vara en text eller en lista med texter.")
    return []


def _unknown_keys(
    pairs: list[tuple[ScalarNode, Node]], allowed: tuple[str, ...], problems: _Problems, where: str
) -> None:
    for key, _ in pairs:
        if key.value not in allowed:
            problems.add(key, f"okänd nyckel {key.value!r} {where}.{_nearest(key.value, list(allowed))}")


def _column(table: Table, key: ScalarNode, problems: _Problems) -> Column | None:
    try:
        return table.column(key.value)
    except KeyError:
        names = [c.name for c in table.columns]
        problems.add(key, f"{table.name} har ingen kolumn {key.value!r}.{_nearest(key.value, names)}")
        return None


def check_date_format(fmt: str) -> bool:
    """A strptime format that writes and reads back a date (so `%d.%m.%Y`, not `dd.mm.yyyy`)."""
    sample = dt.date(2024, 11, 30)
    try:
        return dt.datetime.strptime(sample.strftime(fmt), fmt).date() == sample
    except ValueError:
        return False


def _source(column: Column, node: Node, problems: _Problems) -> Source | None:
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        text = _text(node, problems, f"källkolumnen för {column.name}")
        return Source(line, column=text) if text else None
    pairs = _pairs(node, problems, f"kolumnen {column.name}")
    _unknown_keys(pairs, _SOURCE_KEYS, problems, f"under {column.name}")
    given = {k.value: v for k, v in pairs}
    values = {k: _text(v, problems, f"{k} under {column.name}") for k, v in given.items()}
    kinds = [k for k in ("kolumn", "konstant") if k in given] + (
        ["ar/manad"] if "ar" in given or "manad" in given else []
    )
    if len(kinds) != 1:
        problems.add(
            node,
            f"{column.name}: ange precis ett av kolumn (filens rubrik), konstant (ett fast värde) eller "
            f"ar + manad (månad av en års- och en månadskolumn).",
        )
        return None
    if "datumformat" in given:
        fmt = values["datumformat"]
        if "kolumn" not in given:
            problems.add(given["datumformat"], f"{column.name}: datumformat hör ihop med kolumn.")
        elif fmt and not check_date_format(fmt):
            problems.add(
                given["datumformat"],
                f"{column.name}: datumformatet {fmt!r} kan inte läsa ett datum. Skriv det med %-koder, "
                f"t.ex. '%d.%m.%Y' för 30.11.2024 eller '%d/%m/%y' för 30/11/24.",
            )
    if kinds == ["ar/manad"]:
        if column.type not in (ColType.MONTH, ColType.DATE):
            problems.add(node, f"{column.name} är ingen månads- eller datumkolumn: ar + manad passar inte.")
        if "ar" not in given or "manad" not in given:
            problems.add(node, f"{column.name}: ange både ar (årskolumnen) och manad (månadskolumnen).")
            return None
    return Source(
        line,
        column=values.get("kolumn"),
        date_format=values.get("datumformat"),
        constant=values.get("konstant"),
        year=values.get("ar"),
        month=values.get("manad"),
    )


def _recoding(column: Column, node: Node, problems: _Problems) -> Recoding | None:
    pairs = _pairs(node, problems, f"koder för {column.name}")
    _unknown_keys(pairs, _RECODE_KEYS, problems, f"under koder: {column.name}")
    given = {k.value: v for k, v in pairs}
    if "varden" not in given:
        problems.add(node, f"koder för {column.name}: ange varden (källsystemets text: kontraktets kod).")
        return None
    valid = code_map(column) if column.type is ColType.CODE else {}
    codes = list(column.codes)

    def target(value_node: Node) -> str | None:
        code = _text(value_node, problems, f"koden för {column.name}")
        if code is None or not valid:
            return code
        found = valid.get(normalise_header(code))
        if found is None:
            problems.add(value_node, f"{code!r} är ingen kod för {column.name}.{_nearest(code, codes)}")
        return found

    values: dict[str, str] = {}
    for key, value in _pairs(given["varden"], problems, f"varden för {column.name}"):
        code = target(value)
        if code is not None:
            values[normalise_header(key.value)] = code
    unlisted = REJECT_UNLISTED
    if "ovriga" in given:
        text = _text(given["ovriga"], problems, "ovriga")
        if text and text != REJECT_UNLISTED:
            unlisted = target(given["ovriga"]) or REJECT_UNLISTED
    return Recoding(node.start_mark.line + 1, values, unlisted)


def _skips(node: Node, problems: _Problems) -> tuple[Skip, ...]:
    if not isinstance(node, SequenceNode):
        problems.add(node, "hoppa_over ska vara en lista, t.ex. - {kolumn: Status, varden: [Makulerad]}.")
        return ()
    out = []
    for item in node.value:
        pairs = _pairs(item, problems, "en rad i hoppa_over")
        _unknown_keys(pairs, _SKIP_KEYS, problems, "i hoppa_over")
        given = {k.value: v for k, v in pairs}
        if "kolumn" not in given or "varden" not in given:
            problems.add(
                item, "hoppa_over: ange kolumn (filens rubrik) och varden (texterna som hoppas över)."
            )
            continue
        column = _text(given["kolumn"], problems, "kolumn i hoppa_over")
        values = tuple(normalise_header(v) for v in _texts(given["varden"], problems, "varden"))
        if column:
            out.append(Skip(item.start_mark.line + 1, column, values))
    return tuple(out)


def _table(table: Table, node: Node, problems: _Problems) -> TableMapping:
    pairs = _pairs(node, problems, f"tabellen {table.name}")
    _unknown_keys(pairs, _TABLE_KEYS, problems, f"under {table.name}")
    given = {k.value: v for k, v in pairs}
    patterns = tuple(_texts(given["filer"], problems, "filer")) if "filer" in given else ()
    sources: dict[str, Source] = {}
    for key, value in _pairs(given["kolumner"], problems, "kolumner") if "kolumner" in given else []:
        column = _column(table, key, problems)
        if column is not None and (source := _source(column, value, problems)) is not None:
            sources[column.name] = source
    recodings: dict[str, Recoding] = {}
    for key, value in _pairs(given["koder"], problems, "koder") if "koder" in given else []:
        column = _column(table, key, problems)
        if column is None:
            continue
        if column.type not in (ColType.CODE, ColType.TEXT):
            problems.add(key, f"{column.name} är ingen kod- eller textkolumn och kan inte kodas om.")
            continue
        if (recoding := _recoding(column, value, problems)) is not None:
            recodings[column.name] = recoding
    skips = _skips(given["hoppa_over"], problems) if "hoppa_over" in given else ()
    return TableMapping(table, node.start_mark.line + 1, patterns, sources, recodings, skips)


def parse_mapping(text: str, path: Path, name: str) -> Mapping:
    problems = _Problems(path)
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"rad {mark.line + 1}: " if mark is not None else ""
        raise MappingError(
            f"Mappningsfilen {path} är ingen giltig YAML ({where}{getattr(exc, 'problem', exc)}). "
            f"Kontrollera indrag och kolon på raden och kör kommandot igen."
        ) from exc
    if root is None:
        raise MappingError(f"Mappningsfilen {path} är tom. Skriv tabeller: med minst en tabell.")
    pairs = _pairs(root, problems, "filen")
    _unknown_keys(pairs, _TOP_KEYS, problems, "överst i filen")
    given = {k.value: v for k, v in pairs}
    tables: dict[str, TableMapping] = {}
    if "tabeller" not in given and not problems.items:
        problems.add(root, "nyckeln tabeller saknas: skriv tabeller: och under den en tabell per rad.")
    for key, value in _pairs(given["tabeller"], problems, "tabeller") if "tabeller" in given else []:
        table = TABLES.get(key.value)
        if table is None:
            problems.add(key, f"okänd tabell {key.value!r}.{_nearest(key.value, list(TABLES))}")
            continue
        tables[table.name] = _table(table, value, problems)
    problems.raise_if_any()
    return Mapping(name, path, tables)


def mapping_path(root: Path, name: str) -> Path:
    return Path(root) / MAPPINGS_DIR / f"{name}.yaml"


def load_mapping(root: Path, name: str) -> Mapping:
    """The mapping `mappningar/<name>.yaml` of the workspace at `root`, checked."""
    path = mapping_path(root, name)
    if not path.is_file():
        folder = path.parent
        known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        raise MappingError(
            f"Mappningen {name!r} finns inte ({path}). "
            + (f"Mappningar i arbetsytan: {', '.join(known)}. " if known else "")
            + "Skapa filen (se användarguiden) eller ett förslag med `uppfolj mappning foresla MAPP`."
        )
    return parse_mapping(path.read_text(encoding="utf-8"), path, name)
