"""CSV import and export of the assignment register (`;`, UTF-8 with BOM, so Excel opens it as it is).

Columns: the fields of `model.FIELDS`, then `status` and `avslut`. Import is all or nothing: every row is
checked against the register as it would be after the rows before it, every problem is reported with its
row, and only a file without problems is written (as ordinary creation, edit and status events, so the
history shows the import like any other change).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from uppfolj.errors import UppfoljError
from uppfolj.text import normalise_header
from uppfolj.uppdrag.model import FIELDS, GIVET, STATUS_TEXT, STATUSES, Uppdrag
from uppfolj.uppdrag.register import Event, Register, _apply

COLUMNS = (*FIELDS, "status", "avslut")
_STATUS_BY_NAME = {normalise_header(s): s for s in STATUSES} | {
    normalise_header(t): s for s, t in STATUS_TEXT.items()
}


def export_text(items: list[Uppdrag]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for u in items:
        writer.writerow([u.value(c) for c in COLUMNS])
    return buf.getvalue()


def export_csv(register: Register, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(export_text(register.all()), encoding="utf-8-sig")
    return path


def _status(text: str, line: int) -> str:
    key = normalise_header(text)
    if not key:
        return ""
    if key not in _STATUS_BY_NAME:
        raise UppfoljError(
            f"rad {line}, kolumn status: {text!r} finns inte; skriv {', '.join(STATUSES)} (eller tomt)."
        )
    return _STATUS_BY_NAME[key]


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    header = [normalise_header(h) for h in next(reader, [])]
    missing = [c for c in FIELDS if normalise_header(c) not in header]
    if missing:
        raise UppfoljError(
            f"Kolumnerna {', '.join(missing)} saknas på första raden; den ska vara {';'.join(COLUMNS)}."
        )
    index = {c: header.index(normalise_header(c)) for c in COLUMNS if normalise_header(c) in header}
    out = []
    for line, raw in enumerate(reader, start=2):
        if any(c.strip() for c in raw):
            out.append((line, {c: (raw[i].strip() if i < len(raw) else "") for c, i in index.items()}))
    return out


def _applied(state: dict[str, Uppdrag], events: list[Event]) -> list[Event]:
    for ev in events:
        _apply(state, ev)
    return events


def import_csv(register: Register, path: Path) -> list[Event]:
    """Create or update assignments from `path`; return the events written."""
    rows = _rows(path.read_text(encoding="utf-8-sig"))

    def plan(state: dict[str, Uppdrag]) -> list[Event]:
        work = dict(state)
        events: list[Event] = []
        problems: list[str] = []
        seen: dict[str, int] = {}
        for line, row in rows:
            dnr = row["diarienummer"]
            try:
                if dnr in seen:
                    raise UppfoljError(f"rad {line}: {dnr} står redan på rad {seen[dnr]}.")
                seen[dnr] = line
                status = _status(row.get("status", ""), line)
                values = {k: row[k] for k in FIELDS}
                comment = row.get("avslut", "")
                if dnr not in work:
                    events += _applied(
                        work, register.plan_create(work, values, status=status or GIVET, comment=comment)
                    )
                else:
                    events += _applied(work, register.plan_edit(work, dnr, values))
                    if status:
                        events += _applied(work, register.plan_status(work, dnr, status, comment=comment))
            except UppfoljError as exc:
                message = str(exc)
                problems.append(message if message.startswith("rad ") else f"rad {line}: {message}")
        if problems:
            raise UppfoljError(
                f"{path} har {len(problems)} fel; ingenting importerades:\n"
                + "\n".join(f"  {p}" for p in problems)
            )
        return events

    return register.apply(plan)
