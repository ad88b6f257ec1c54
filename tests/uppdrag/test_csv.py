"""CSV export and import of the register: round trip, updates as history, all or nothing with rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from uppfolj.errors import UppfoljError
from uppfolj.uppdrag.csvio import export_csv, import_csv
from uppfolj.uppdrag.model import AVSLUTAT, PAGAENDE
from uppfolj.uppdrag.register import Register

HEADER = (
    "diarienummer;titel;beslut_datum;paragraf;givare;ansvarig;aterrapport_datum;slutkriterium;status;avslut\n"
)
ROWS = (
    "AMN 2024/1;Jobbtorg för unga;2024-02-14;§ 12;Arbetsmarknadsnämnden;Enhetschef;2024-09-30;"
    "Beslutsunderlag redovisat;Pågående;\n"
    "KS 2023/88;Minska långvarigt bistånd;2023-11-02;88;Kommunstyrelsen;Förvaltningschef;2024-06-30;"
    "Handlingsplan antagen;avslutat;Antogs 2024-06-12 § 77\n"
)


def _reg(tmp_path: Path) -> Register:
    return Register(tmp_path / "uppdrag", user="anna")


def test_import_creates_with_status_and_export_round_trips(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(HEADER + ROWS, encoding="utf-8")
    reg = _reg(tmp_path)
    events = import_csv(reg, src)
    assert len(events) == 2
    a, k = reg.get("AMN 2024/1"), reg.get("KS 2023/88")
    assert (a.status, a.paragraf) == (PAGAENDE, "§ 12")  # "Pågående" read as pagaende
    assert (k.status, k.avslut, k.paragraf) == (AVSLUTAT, "Antogs 2024-06-12 § 77", "§ 88")
    out = export_csv(reg, tmp_path / "ut.csv")
    text = out.read_text(encoding="utf-8-sig")
    # sorted by report-back date: KS (2024-06-30) before AMN (2024-09-30)
    assert text.splitlines()[1] == (
        "KS 2023/88;Minska långvarigt bistånd;2023-11-02;§ 88;Kommunstyrelsen;Förvaltningschef;2024-06-30;"
        "Handlingsplan antagen;avslutat;Antogs 2024-06-12 § 77"
    )
    # importing the export again changes nothing
    assert import_csv(reg, out) == []


def test_import_updates_existing_as_history(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(HEADER + ROWS, encoding="utf-8")
    reg = _reg(tmp_path)
    import_csv(reg, src)
    changed = ROWS.replace(
        "2024-09-30;Beslutsunderlag redovisat;Pågående;",
        "2024-12-31;Beslutsunderlag redovisat;aterrapporterat;",
    )
    src.write_text(HEADER + changed, encoding="utf-8")
    events = import_csv(reg, src)
    assert [(e.handelse, e.andringar) for e in events] == [
        ("andrat", {"aterrapport_datum": ["2024-09-30", "2024-12-31"]}),
        ("status", {"status": ["pagaende", "aterrapporterat"]}),
    ]
    assert reg.get("AMN 2024/1").aterrapport_datum == dt.date(2024, 12, 31)


def test_import_is_all_or_nothing_with_every_row(tmp_path: Path) -> None:
    bad = (
        HEADER
        + "A/1;T;2024-01-10;§ 1;AMN;X;2024-03-01;K;;\n"  # fine
        + "A/2;T;2024-13-10;§ 2;AMN;X;2024-03-01;K;;\n"  # month 13
        + "A/3;T;2024-01-10;§ 3;AMN;X;2024-03-01;;;\n"  # no slutkriterium
        + "A/1;T;2024-01-10;§ 1;AMN;X;2024-03-01;K;;\n"  # A/1 again
        + "A/4;T;2024-01-10;§ 4;AMN;X;2024-03-01;K;klar;\n"  # unknown status
        + "A/5;T;2024-01-10;§ 5;AMN;X;2024-03-01;K;avslutat;\n"  # closed without a comment
    )
    src = tmp_path / "in.csv"
    src.write_text(bad, encoding="utf-8")
    reg = _reg(tmp_path)
    with pytest.raises(UppfoljError) as err:
        import_csv(reg, src)
    text = str(err.value)
    assert "har 5 fel; ingenting importerades" in text
    for line in (
        "rad 3: Beslutsdatum",
        "rad 4: Slutkriterium saknas",
        "rad 5: A/1 står redan på rad 2",
        "rad 6, kolumn status: 'klar'",
        "rad 7: A/5: ett avslutat uppdrag",
    ):
        assert line in text
    assert reg.all() == []


def test_missing_columns(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("diarienummer;titel\nA;B\n", encoding="utf-8")
    with pytest.raises(UppfoljError, match="Kolumnerna beslut_datum, paragraf"):
        import_csv(_reg(tmp_path), src)


def test_the_demo_register_imports_cleanly(tmp_path: Path) -> None:
    from importlib import resources

    reg = _reg(tmp_path)
    with resources.as_file(resources.files("uppfolj.uppdrag").joinpath("demo", "uppdrag.csv")) as path:
        import_csv(reg, path)
    assert len(reg.all()) == 6
    # as of the demo data end 2024-12-31: open assignments due 2024-10-31 and 2024-12-15 are overdue
    assert [u.diarienummer for u in reg.overdue(dt.date(2024, 12, 31))] == ["AMN 2024/17", "AMN 2024/90"]
