"""The register as text for lists, history lines and the yearly report's section (`outputs.model`)."""

from __future__ import annotations

import datetime as dt

from uppfolj.outputs.model import Cell, Column, Paragraph, Section, Status, Table
from uppfolj.uppdrag.model import AVSLUTAT, FIELDS, STATUS_TEXT, Uppdrag
from uppfolj.uppdrag.register import SKAPAT, STATUS, Event


def status_text(u: Uppdrag, today: dt.date) -> str:
    """`Pågående`, or `Försenat (pågående)` when the report back is overdue."""
    text = STATUS_TEXT[u.status]
    return f"Försenat ({text.lower()})" if u.overdue(today) else text


def list_rows(items: list[Uppdrag], today: dt.date) -> list[tuple[str, ...]]:
    return [
        (
            u.diarienummer,
            u.titel,
            f"{u.beslut_datum.isoformat()} {u.paragraf}",
            u.ansvarig,
            u.aterrapport_datum.isoformat(),
            status_text(u, today),
        )
        for u in items
    ]


def event_text(ev: Event) -> str:
    """One history line in Swedish: what changed from what to what."""
    if ev.handelse == SKAPAT:
        text = "Registrerat"
    elif ev.handelse == STATUS:
        before, after = ev.andringar["status"]
        text = (
            f"Status {STATUS_TEXT.get(str(before), str(before)).lower()} → {STATUS_TEXT[str(after)].lower()}"
        )
    else:
        parts = [
            f"{FIELDS.get(k, k)}: {before} → {after}" for k, (before, after) in sorted(ev.andringar.items())
        ]
        text = "Ändrat " + "; ".join(parts)
    return f"{text} ({ev.kommentar})" if ev.kommentar else text


_COLOURS = {"Försenat": "FFC7CE", AVSLUTAT: "C6EFCE"}


def report_sections(items: list[Uppdrag], year: int, today: dt.date) -> list[Section]:
    """Section `Uppdrag` of the yearly report: assignments open at `today` or given in `year`, with
    their slutkriterium and status; overdue ones marked."""
    chosen = [u for u in items if u.status != AVSLUTAT or u.beslut_datum.year == year]
    rows: list[list[Cell]] = []
    for u in chosen:
        status = status_text(u, today)
        colour = _COLOURS.get("Försenat" if u.overdue(today) else u.status, "FFFFFF")
        rows.append(
            [
                u.diarienummer,
                u.titel,
                f"{u.beslut_datum.isoformat()} {u.paragraf}",
                u.ansvarig,
                u.aterrapport_datum.isoformat(),
                u.slutkriterium,
                Status(status, colour),
            ]
        )
    columns = [
        Column("Diarienummer"),
        Column("Uppdrag"),
        Column("Beslut"),
        Column("Ansvarig"),
        Column("Återrapportering"),
        Column("Slutkriterium"),
        Column("Status", "status"),
    ]
    overdue = sum(u.overdue(today) for u in chosen)
    note = Paragraph(
        f"Uppdrag som är öppna per {today.isoformat()} eller gavs {year}: {len(chosen)}, varav {overdue} med "
        f"försenad återrapportering."
    )
    return [Section("Uppdrag", [note, Table(f"Nämndens uppdrag {year}", columns, rows)], landscape=True)]
