"""The assignment register: life cycle, overdue and upcoming reports, history of every change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from uppfolj.errors import UppfoljError
from uppfolj.uppdrag.model import ATERRAPPORTERAT, AVSLUTAT, GIVET, PAGAENDE
from uppfolj.uppdrag.register import Register
from uppfolj.uppdrag.report import event_text, status_text

BASE = {
    "diarienummer": "AMN 2024/123",
    "titel": "Utred ett jobbtorg för unga",
    "beslut_datum": "2024-05-22",
    "paragraf": "122",
    "givare": "Arbetsmarknadsnämnden",
    "ansvarig": "Förvaltningschef",
    "aterrapport_datum": "2024-11-30",
    "slutkriterium": "Utredningen med kostnadsberäkning är redovisad för nämnden",
}


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2024, 5, 23, 9, 0)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


def _reg(tmp_path: Path, user: str = "anna") -> Register:
    return Register(tmp_path / "uppdrag", user=user, clock=Clock())


def test_create_normalises_and_starts_given(tmp_path: Path) -> None:
    u = _reg(tmp_path).create(BASE)
    assert u.paragraf == "§ 122"
    assert u.beslut_datum == dt.date(2024, 5, 22)
    assert u.status == GIVET
    # a new Register on the same folder reads the same state from the log
    assert Register(tmp_path / "uppdrag").get("AMN 2024/123") == u


def test_every_field_is_required(tmp_path: Path) -> None:
    for name in BASE:
        with pytest.raises(UppfoljError, match="saknas"):
            _reg(tmp_path).create({**BASE, name: "  "})
    with pytest.raises(UppfoljError, match="ligger före beslutet"):
        _reg(tmp_path).create({**BASE, "aterrapport_datum": "2024-05-01"})
    with pytest.raises(UppfoljError, match="inget datum"):
        _reg(tmp_path).create({**BASE, "beslut_datum": "22/5 2024"})
    reg = _reg(tmp_path)
    reg.create(BASE)
    with pytest.raises(UppfoljError, match="finns redan"):
        reg.create(BASE)


def test_life_cycle(tmp_path: Path) -> None:
    reg = _reg(tmp_path)
    reg.create(BASE)
    dnr = BASE["diarienummer"]
    assert reg.set_status(dnr, PAGAENDE).status == PAGAENDE
    with pytest.raises(UppfoljError, match="kan inte bli avslutat; tillåten ny status: återrapporterat"):
        reg.set_status(dnr, AVSLUTAT, comment="klart")
    assert reg.set_status(dnr, ATERRAPPORTERAT).status == ATERRAPPORTERAT
    # the committee sends it back, then it is reported again
    assert reg.set_status(dnr, PAGAENDE, comment="Återremitterat § 140").status == PAGAENDE
    reg.set_status(dnr, ATERRAPPORTERAT)
    with pytest.raises(UppfoljError, match="hur slutkriteriet"):
        reg.close(dnr, " ")
    closed = reg.close(dnr, "Utredningen redovisades 2024-11-20 § 170")
    assert (closed.status, closed.avslut) == (AVSLUTAT, "Utredningen redovisades 2024-11-20 § 170")
    with pytest.raises(UppfoljError, match="tillåten ny status: ingen"):
        reg.set_status(dnr, PAGAENDE)
    with pytest.raises(UppfoljError, match="avslutat och kan inte ändras"):
        reg.edit(dnr, {"ansvarig": "Någon annan"})


def test_overdue_and_upcoming(tmp_path: Path) -> None:
    reg = _reg(tmp_path)
    reg.create({**BASE, "diarienummer": "A/1", "aterrapport_datum": "2024-09-30"})
    reg.create({**BASE, "diarienummer": "A/2", "aterrapport_datum": "2024-10-01"})
    reg.create({**BASE, "diarienummer": "A/3", "aterrapport_datum": "2024-10-31"})
    reg.create({**BASE, "diarienummer": "A/4", "aterrapport_datum": "2024-09-01"})
    reg.set_status("A/4", ATERRAPPORTERAT)  # reported back: never overdue
    today = dt.date(2024, 10, 1)
    # A/1 was due the day before today; A/2 is due today (not yet overdue)
    assert [u.diarienummer for u in reg.overdue(today)] == ["A/1"]
    # within 30 days from 2024-10-01, inclusive: 2024-10-01 .. 2024-10-31
    assert [u.diarienummer for u in reg.upcoming(today, 30)] == ["A/2", "A/3"]
    assert [u.diarienummer for u in reg.upcoming(today, 29)] == ["A/2"]
    assert status_text(reg.get("A/1"), today) == "Försenat (givet)"
    assert status_text(reg.get("A/2"), today) == "Givet"


def test_history_records_who_what_from_what(tmp_path: Path) -> None:
    reg = _reg(tmp_path, user="anna")
    dnr = BASE["diarienummer"]
    reg.create(BASE)
    reg.edit(dnr, {"aterrapport_datum": "2025-02-28", "ansvarig": "Förvaltningschef"}, comment="Ny tidplan")
    reg.edit(dnr, {"titel": BASE["titel"]})  # unchanged: nothing logged
    Register(tmp_path / "uppdrag", user="bertil", clock=Clock()).set_status(dnr, PAGAENDE)
    history = reg.history(dnr)
    assert [(e.av, e.handelse) for e in history] == [
        ("anna", "skapat"),
        ("anna", "andrat"),
        ("bertil", "status"),
    ]
    assert history[1].andringar == {"aterrapport_datum": ["2024-11-30", "2025-02-28"]}
    assert event_text(history[1]) == "Ändrat Återrapportering: 2024-11-30 → 2025-02-28 (Ny tidplan)"
    assert event_text(history[2]) == "Status givet → pågående"
    assert reg.get(dnr).aterrapport_datum == dt.date(2025, 2, 28)


def test_unknown_diarienummer_suggests_the_nearest(tmp_path: Path) -> None:
    reg = _reg(tmp_path)
    reg.create(BASE)
    with pytest.raises(UppfoljError, match="Menade du 'AMN 2024/123'"):
        reg.get("AMN 2024/132")


def test_diarienummer_cannot_be_edited(tmp_path: Path) -> None:
    reg = _reg(tmp_path)
    reg.create(BASE)
    with pytest.raises(UppfoljError, match="kan inte ändras"):
        reg.edit(BASE["diarienummer"], {"diarienummer": "AMN 2024/999"})


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    import threading

    errors: list[Exception] = []

    def writer(w: int) -> None:
        reg = Register(tmp_path / "uppdrag", user=f"u{w}")
        try:
            for i in range(10):
                reg.create({**BASE, "diarienummer": f"W{w}/{i}"})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    reg = Register(tmp_path / "uppdrag")
    # 4 writers × 10 assignments, each one whole line in the log
    assert len(reg.all()) == 40
    assert len(reg.path.read_text(encoding="utf-8").splitlines()) == 40
