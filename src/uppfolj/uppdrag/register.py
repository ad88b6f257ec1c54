"""The assignment register: an append-only event log `<arbetsyta>/uppdrag/handelser.jsonl`.

Every creation, edit and status change is one JSON line (time, user, what changed from what to what,
comment); the current register is the fold of the log, so the history of every change is kept by
construction and nothing is ever rewritten. Writers take an exclusive lock on the log, read the current
state, check the change against it and append, so the CLI and the web app can write at the same time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import fcntl
import getpass
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from uppfolj.errors import UppfoljError
from uppfolj.masking import mask_pnr
from uppfolj.uppdrag.fields import parse_field
from uppfolj.uppdrag.model import (
    ATERRAPPORTERAT,
    AVSLUTAT,
    FIELDS,
    GIVET,
    STATUS_TEXT,
    STATUSES,
    TRANSITIONS,
    Uppdrag,
)

LOG_FILE = "handelser.jsonl"
SKAPAT = "skapat"
ANDRAT = "andrat"
STATUS = "status"


@dataclass(frozen=True)
class Event:
    """One line of the log. `andringar`: field → [before, after] as text (before None when created)."""

    tid: str
    av: str
    handelse: str
    diarienummer: str
    andringar: dict[str, list[str | None]] = field(default_factory=dict)
    kommentar: str = ""

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)


def _apply(state: dict[str, Uppdrag], ev: Event) -> None:
    after = {k: v[1] for k, v in ev.andringar.items()}
    if ev.handelse == SKAPAT:
        values: dict[str, Any] = {k: after[k] for k in FIELDS}
        for k in ("beslut_datum", "aterrapport_datum"):
            values[k] = dt.date.fromisoformat(str(values[k]))
        state[ev.diarienummer] = Uppdrag(
            **values, status=str(after.get("status") or GIVET), avslut=str(after.get("avslut") or "")
        )
        return
    current = state[ev.diarienummer]
    changes: dict[str, Any] = {}
    for k, v in after.items():
        changes[k] = dt.date.fromisoformat(str(v)) if k in ("beslut_datum", "aterrapport_datum") else v
    state[ev.diarienummer] = replace(current, **changes)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Register:
    def __init__(
        self, folder: Path, *, user: str | None = None, clock: Callable[[], dt.datetime] = _now
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOG_FILE
        self.user = user or getpass.getuser()
        self.clock = clock

    @classmethod
    def for_workspace(cls, root: Path, *, user: str | None = None) -> Register:
        return cls(Path(root) / "uppdrag", user=user)

    # -- reading -------------------------------------------------------------------------------------------
    def events(self) -> list[Event]:
        if not self.path.exists():
            return []
        out = []
        with self.path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    out.append(Event(**json.loads(line)))
                except (ValueError, TypeError) as exc:
                    raise UppfoljError(
                        f"{self.path}, rad {n}: raden går inte att läsa ({exc}). Filen ska bara skrivas av "
                        f"uppfolj; återställ den från säkerhetskopian."
                    ) from None
        return out

    def state(self, events: list[Event] | None = None) -> dict[str, Uppdrag]:
        state: dict[str, Uppdrag] = {}
        for ev in self.events() if events is None else events:
            _apply(state, ev)
        return state

    def all(self) -> list[Uppdrag]:
        """Every assignment, by report-back date then diarienummer."""
        return sorted(self.state().values(), key=lambda u: (u.aterrapport_datum, u.diarienummer))

    def get(self, diarienummer: str) -> Uppdrag:
        return _find(self.state(), diarienummer)

    def history(self, diarienummer: str) -> list[Event]:
        _find(self.state(), diarienummer)
        return [e for e in self.events() if e.diarienummer == diarienummer]

    def overdue(self, today: dt.date) -> list[Uppdrag]:
        return [u for u in self.all() if u.overdue(today)]

    def upcoming(self, today: dt.date, days: int = 60) -> list[Uppdrag]:
        return [u for u in self.all() if u.upcoming(today, days)]

    # -- writing -------------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, Uppdrag]]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".las").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield self.state()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _append(self, events: list[Event]) -> None:
        with self.path.open("a", encoding="utf-8") as fh:
            for ev in events:
                fh.write(ev.to_json() + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def _event(
        self, kind: str, diarienummer: str, changes: dict[str, list[str | None]], comment: str
    ) -> Event:
        """Every text of the event masked (`uppfolj.masking`): a personnummer typed into any field, from the
        web or the command line, never reaches the event log, a report or a page."""
        masked = {
            mask_pnr(k): [None if v is None else mask_pnr(v) for v in pair] for k, pair in changes.items()
        }
        return Event(
            self.clock().isoformat(),
            mask_pnr(self.user),
            kind,
            mask_pnr(diarienummer),
            masked,
            mask_pnr(comment),
        )

    def create(self, values: dict[str, str], *, status: str = GIVET, comment: str = "") -> Uppdrag:
        """Register a new assignment; every field is required."""
        with self._locked() as state:
            events = self.plan_create(state, values, status=status, comment=comment)
            self._append(events)
            _apply(state, events[0])
            return state[events[0].diarienummer]

    def plan_create(
        self, state: dict[str, Uppdrag], values: dict[str, str], *, status: str = GIVET, comment: str = ""
    ) -> list[Event]:
        parsed = {name: parse_field(name, values.get(name, "")) for name in FIELDS}
        dnr = str(parsed["diarienummer"])
        if dnr in state:
            raise UppfoljError(f"Uppdraget {dnr} finns redan; ändra det med `uppfolj uppdrag andra {dnr}`.")
        _check_dates(parsed["beslut_datum"], parsed["aterrapport_datum"])
        if status not in STATUSES:
            raise UppfoljError(f"Status {status!r} finns inte; välj {', '.join(STATUSES)}.")
        if status == AVSLUTAT and not comment:
            raise UppfoljError(
                f"{dnr}: ett avslutat uppdrag behöver en kommentar om hur slutkriteriet uppfylldes."
            )
        changes: dict[str, list[str | None]] = {
            k: [None, v.isoformat() if isinstance(v, dt.date) else str(v)] for k, v in parsed.items()
        }
        changes["status"] = [None, status]
        if status == AVSLUTAT:
            changes["avslut"] = [None, comment]
        return [self._event(SKAPAT, dnr, changes, comment)]

    def edit(self, diarienummer: str, values: dict[str, str], *, comment: str = "") -> Uppdrag:
        """Change fields of an open assignment; unchanged values are not logged."""
        with self._locked() as state:
            events = self.plan_edit(state, diarienummer, values, comment=comment)
            self._append(events)
            for ev in events:
                _apply(state, ev)
            return state[diarienummer]

    def plan_edit(
        self, state: dict[str, Uppdrag], diarienummer: str, values: dict[str, str], *, comment: str = ""
    ) -> list[Event]:
        current = _find(state, diarienummer)
        if "diarienummer" in values and values["diarienummer"].strip() != diarienummer:
            raise UppfoljError(
                "Diarienumret identifierar uppdraget och kan inte ändras; registrera uppdraget på nytt med rätt "
                "diarienummer och avsluta det felaktiga."
            )
        changes: dict[str, list[str | None]] = {}
        for name, text in values.items():
            if name == "diarienummer":
                continue
            new = parse_field(name, text)
            new_text = new.isoformat() if isinstance(new, dt.date) else str(new)
            if new_text != current.value(name):
                changes[name] = [current.value(name), new_text]
        if not changes:
            return []
        if current.status == AVSLUTAT:
            raise UppfoljError(f"Uppdraget {diarienummer} är avslutat och kan inte ändras.")
        new_values: dict[str, Any] = {k: parse_field(k, v[1] or "") for k, v in changes.items()}
        after = replace(current, **new_values)
        _check_dates(after.beslut_datum, after.aterrapport_datum)
        return [self._event(ANDRAT, diarienummer, changes, comment)]

    def set_status(self, diarienummer: str, status: str, *, comment: str = "") -> Uppdrag:
        with self._locked() as state:
            events = self.plan_status(state, diarienummer, status, comment=comment)
            self._append(events)
            for ev in events:
                _apply(state, ev)
            return state[diarienummer]

    def plan_status(
        self, state: dict[str, Uppdrag], diarienummer: str, status: str, *, comment: str = ""
    ) -> list[Event]:
        current = _find(state, diarienummer)
        if status == current.status:
            return []
        if status not in STATUSES:
            raise UppfoljError(f"Status {status!r} finns inte; välj {', '.join(STATUSES)}.")
        if status not in TRANSITIONS[current.status]:
            allowed = ", ".join(STATUS_TEXT[s].lower() for s in TRANSITIONS[current.status]) or "ingen"
            raise UppfoljError(
                f"Uppdraget {diarienummer} är {STATUS_TEXT[current.status].lower()} och kan inte bli "
                f"{STATUS_TEXT[status].lower()}; tillåten ny status: {allowed}."
            )
        changes: dict[str, list[str | None]] = {"status": [current.status, status]}
        if status == AVSLUTAT:
            if not comment.strip():
                raise UppfoljError(
                    f"Skriv en kommentar om hur slutkriteriet för {diarienummer} uppfylldes "
                    f"({current.slutkriterium!r}) när uppdraget avslutas (i terminalen: --kommentar)."
                )
            changes["avslut"] = [current.avslut, comment.strip()]
        return [self._event(STATUS, diarienummer, changes, comment.strip())]

    def close(self, diarienummer: str, comment: str) -> Uppdrag:
        """Close a reported-back assignment, saying how its slutkriterium was met."""
        return self.set_status(diarienummer, AVSLUTAT, comment=comment)

    def apply(self, plan: Callable[[dict[str, Uppdrag]], list[Event]]) -> list[Event]:
        """Run `plan(state)` under the lock and append all its events at once (all or nothing)."""
        with self._locked() as state:
            events = plan(state)
            self._append(events)
            return events


def _check_dates(beslut: object, aterrapport: object) -> None:
    assert isinstance(beslut, dt.date) and isinstance(aterrapport, dt.date)
    if aterrapport < beslut:
        raise UppfoljError(
            f"Återrapporteringen ({aterrapport.isoformat()}) ligger före beslutet ({beslut.isoformat()}); "
            f"kontrollera datumen."
        )


def _find(state: dict[str, Uppdrag], diarienummer: str) -> Uppdrag:
    if diarienummer in state:
        return state[diarienummer]
    near = difflib.get_close_matches(diarienummer, list(state), n=1, cutoff=0.6)
    hint = f" Menade du {near[0]!r}?" if near else " Se `uppfolj uppdrag lista`."
    raise UppfoljError(f"Uppdraget {diarienummer!r} finns inte i registret.{hint}")


__all__ = ["ATERRAPPORTERAT", "Event", "Register"]
