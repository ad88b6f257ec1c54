"""Header matching: a file's headers → the contract's columns, through the vendor maps of the workspace.

Headers match after `normalise_header` (no case, diacritics, spaces or punctuation). A vendor map
(`leverantorer[system][table][vendor header] = column` in uppfolj.yaml) is tried first; all systems apply
unless one is chosen with `--kalla`.
"""

from __future__ import annotations

from dataclasses import dataclass

from uppfolj.contract import Table
from uppfolj.errors import ImportFailed
from uppfolj.text import normalise_header
from uppfolj.workspace import Config


@dataclass(frozen=True)
class HeaderMatch:
    #: contract column → index of the file column holding it
    columns: dict[str, int]
    #: file headers that are not contract columns (ignored)
    unknown: list[str]


def vendor_map(config: Config, table: str, system: str | None) -> dict[str, str]:
    """Normalised vendor header → contract column for one table."""
    systems = config.leverantorer or {}
    if system is not None:
        wanted = normalise_header(system)
        chosen = {name: maps for name, maps in systems.items() if normalise_header(name) == wanted}
        mapped = config.ovrigt.get("mappning")
        with_mapping = set(mapped) if isinstance(mapped, dict) else set()
        if not chosen and wanted not in {normalise_header(s) for s in with_mapping}:
            known = ", ".join(sorted(set(systems) | with_mapping)) or "inga"
            raise ImportFailed(
                f"Källsystemet {system!r} finns varken under leverantorer eller mappning i uppfolj.yaml "
                f"(kända: {known}). Lägg till dess rubrik- eller mappningsfil eller ange ett annat system "
                f"med --kalla."
            )
        systems = chosen
    out: dict[str, str] = {}
    for maps in systems.values():
        for tab, mapping in (maps or {}).items():
            if normalise_header(tab) != normalise_header(table):
                continue
            for vendor, column in (mapping or {}).items():
                out.setdefault(normalise_header(vendor), str(column))
    return out


def match_headers(table: Table, headers: list[str], vendor: dict[str, str]) -> HeaderMatch:
    ours = {normalise_header(c.name): c.name for c in table.columns}
    names = {c.name for c in table.columns}
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        key = normalise_header(header)
        column = vendor.get(key) if key in vendor else ours.get(key)
        if column is not None and column not in names:
            column = ours.get(normalise_header(column))
        if column is None or column in columns:
            if header.strip():
                unknown.append(header)
            continue
        columns[column] = index
    return HeaderMatch(columns, unknown)
