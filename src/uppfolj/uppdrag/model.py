"""An assignment (uppdrag) from the committee to the administration, and its life cycle.

Status: `givet` → `pagaende` → `aterrapporterat` → `avslutat`. A report back that the committee does not
accept sends the assignment back to `pagaende`; `avslutat` is final. An assignment is closed only after it
has been reported back, with a comment saying how its slutkriterium was met.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GIVET = "givet"
PAGAENDE = "pagaende"
ATERRAPPORTERAT = "aterrapporterat"
AVSLUTAT = "avslutat"
STATUSES = (GIVET, PAGAENDE, ATERRAPPORTERAT, AVSLUTAT)
#: Swedish display of each status
STATUS_TEXT = {
    GIVET: "Givet",
    PAGAENDE: "Pågående",
    ATERRAPPORTERAT: "Återrapporterat",
    AVSLUTAT: "Avslutat",
}
#: allowed status changes
TRANSITIONS = {
    GIVET: (PAGAENDE, ATERRAPPORTERAT),
    PAGAENDE: (ATERRAPPORTERAT,),
    ATERRAPPORTERAT: (AVSLUTAT, PAGAENDE),
    AVSLUTAT: (),
}
#: statuses in which the report back is still due
OPEN = (GIVET, PAGAENDE)

#: editable fields in file order, with their Swedish labels (the CSV columns and CLI options use the keys)
FIELDS = {
    "diarienummer": "Diarienummer",
    "titel": "Uppdrag",
    "beslut_datum": "Beslutsdatum",
    "paragraf": "Paragraf",
    "givare": "Givet av",
    "ansvarig": "Ansvarig",
    "aterrapport_datum": "Återrapportering",
    "slutkriterium": "Slutkriterium",
}
REQUIRED = tuple(FIELDS)


@dataclass(frozen=True)
class Uppdrag:
    diarienummer: str
    titel: str
    beslut_datum: dt.date
    paragraf: str
    givare: str
    ansvarig: str
    aterrapport_datum: dt.date
    slutkriterium: str
    status: str = GIVET
    #: how the slutkriterium was met (given when closing)
    avslut: str = ""

    def overdue(self, today: dt.date) -> bool:
        """The report back is due before `today` and has not been made."""
        return self.status in OPEN and self.aterrapport_datum < today

    def upcoming(self, today: dt.date, days: int) -> bool:
        """The report back is due within `days` days from `today` (inclusive) and has not been made."""
        return self.status in OPEN and today <= self.aterrapport_datum <= today + dt.timedelta(days=days)

    def value(self, name: str) -> str:
        """A field as text (dates ISO), for the CSV and the history."""
        v = getattr(self, name)
        return v.isoformat() if isinstance(v, dt.date) else str(v)
