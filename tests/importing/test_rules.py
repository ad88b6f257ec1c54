"""Every validation rule on small crafted files; the expected rejects are written out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from tests.importing.helpers import do_import, pseudonym, rejects, stored, write_csv
from uppfolj.importing.rejects import read_rejects
from uppfolj.importing.rules import RULES
from uppfolj.workspace import Workspace

ARCHITECTURE_RULES = {
    "obligatorisk_kolumn",
    "obligatoriskt_varde",
    "personnummer_format",
    "personnummer_datum",
    "personnummer_kontrollsiffra",
    "datum",
    "datumordning",
    "kodlista",
    "tal",
    "dubblett_id",
    "hushallsmanad_konflikt",
    "hushallsmanad_dubblett",
    "enhet_saknar_platser",
}


def test_registry_has_exactly_the_documented_rules() -> None:
    assert set(RULES) == ARCHITECTURE_RULES


def test_personnummer_rules_codes_and_duplicates(ws: Workspace, export: Path) -> None:
    write_csv(
        export,
        "personer.csv",
        [
            ["personnummer", "kon", "utbildningsniva", "fodelseland_grupp", "invandringsar"],
            ["19121212-1212", "", "", "sverige", ""],  # 2 ok
            ["811228-9874", "", "Forskarutbildning", "", ""],  # 3 ok: 10 digits → 1981, label → 7
            ["701063-2391", "K", "", "", "2001"],  # 4 ok: samordningsnummer, sex given
            ["19121212-121", "", "", "", ""],  # 5 only 11 digits
            ["19800230-1234", "", "", "", ""],  # 6 30 February
            ["19121212-1213", "", "", "", ""],  # 7 check digit should be 2
            ["19811228-9874", "", "", "", ""],  # 8 the person of row 3 again
            ["20170102-2384", "X", "8", "mars", "19x5"],  # 9 four problems
            ["", "K", "", "", ""],  # 10 no number
        ],
    )
    result = do_import(ws, export)
    (f,) = result.files
    assert (f.read, f.stored, f.rejected, f.warnings) == (9, 3, 6, 0)
    assert rejects(result) == [
        ("personer.csv", 5, "personnummer", "personnummer_format", "19121212-****"),
        ("personer.csv", 6, "personnummer", "personnummer_datum", "19800230-****"),
        ("personer.csv", 7, "personnummer", "personnummer_kontrollsiffra", "19121212-****"),
        ("personer.csv", 8, "personnummer", "dubblett_id", "19811228-****"),
        ("personer.csv", 9, "fodelseland_grupp", "kodlista", "mars"),
        ("personer.csv", 9, "invandringsar", "datum", "19x5"),
        ("personer.csv", 9, "kon", "kodlista", "X"),
        ("personer.csv", 9, "utbildningsniva", "kodlista", "8"),
        ("personer.csv", 10, "personnummer", "obligatoriskt_varde", ""),
    ]
    a, b, c = pseudonym(ws, "191212121212"), pseudonym(ws, "198112289874"), pseudonym(ws, "197010632391")
    assert sorted(stored(ws, "SELECT * FROM personer")) == sorted(
        [
            (a, None, None, "sverige", None, None),
            (b, None, "7", None, None, None),
            (c, "K", None, None, 2001, None),
        ]
    )
    # birth year and legal sex from the number: 9th digits 1, 7 and 9 are odd → M
    assert sorted(stored(ws, "SELECT * FROM _personregister")) == sorted(
        [(a, 1912, "M"), (b, 1981, "M"), (c, 1970, "M")]
    )


def test_household_months_numbers_and_months(ws: Workspace, export: Path) -> None:
    write_csv(
        export,
        "bistand_manad.csv",
        [
            [
                "hushall_id",
                "manad",
                "sokande_personnummer",
                "medsokande_personnummer",
                "antal_barn",
                "belopp",
                "hushallstyp",
            ],
            ["H1", "2024-01", "19121212-1212", "", "2", "12 345,50", "1"],  # 2 ok
            [
                "H1",
                "202401",
                "121212+1212",
                "",
                "3",
                "100,25",
                "3",
            ],  # 3 same household-month and person (+ = 1912)
            ["H1", "2024-01-15", "811228-9874", "", "0", "50", "1"],  # 4 same household-month, other sökande
            ["H2", "2024-13", "19811228-9874", "", "0", "50", "1"],  # 5 month 13
            ["H3", "2024-02", "19811228-9874", "19121212-121", "0", "50", "1"],  # 6 bad optional number
            ["H4", "2024-02", "19811228-9874", "", "-1", "0", "2"],  # 7 three problems
            ["H5", "2024-02", "19811228-9874", "", "två", "abc", ""],  # 8 not numbers
            ["H6", "2024-03", "19811228-9874", "20170102-2384", "1", "1 000", ""],  # 9 ok
        ],
    )
    result = do_import(ws, export)
    (f,) = result.files
    assert (f.read, f.stored, f.rejected, f.warnings) == (8, 3, 5, 1)
    assert rejects(result) == [
        ("bistand_manad.csv", 3, "manad", "hushallsmanad_dubblett", "202401"),
        ("bistand_manad.csv", 4, "sokande_personnummer", "hushallsmanad_konflikt", "19811228-****"),
        ("bistand_manad.csv", 5, "manad", "datum", "2024-13"),
        ("bistand_manad.csv", 6, "medsokande_personnummer", "personnummer_format", "19121212-****"),
        ("bistand_manad.csv", 7, "antal_barn", "tal", "-1"),
        ("bistand_manad.csv", 7, "belopp", "tal", "0"),
        ("bistand_manad.csv", 7, "hushallstyp", "kodlista", "2"),
        ("bistand_manad.csv", 8, "antal_barn", "tal", "två"),
        ("bistand_manad.csv", 8, "belopp", "tal", "abc"),
    ]
    man, other, woman = (pseudonym(ws, n) for n in ("191212121212", "198112289874", "201701022384"))
    # rows 2 and 3 are one payment month: 12 345,50 + 100,25 = 12 445,75; antal_barn max(2, 3) = 3; first type
    assert sorted(stored(ws, "SELECT * FROM bistand_manad")) == [
        ("H1", dt.date(2024, 1, 1), man, None, 3, Decimal("12445.75"), "1"),
        ("H6", dt.date(2024, 3, 1), other, woman, 1, Decimal("1000.00"), None),
    ]


def test_applications_dates_and_duplicate_ids(ws: Workspace, export: Path) -> None:
    write_csv(
        export,
        "ansokningar.csv",
        [
            ["ansokan_id", "hushall_id", "inkom_datum", "beslut_datum", "beslut", "kanal", "nybesok"],
            ["A1", "H1", "2024-01-10", "2024-01-20", "bifall", "E-tjänst", "Ja"],  # 2 ok, codes normalised
            ["A2", "H1", "20240110", "20240105", "avslag", "", ""],  # 3 decided before received
            ["A3", "H2", "2024-01-10", "2024-01-12", "", "", ""],  # 4 decided without a decision
            ["A1", "H3", "2024-02-01", "", "", "", ""],  # 5 A1 again
            ["A4", "H3", "2024-02-30", "", "", "papper", ""],  # 6 no 30 February
            ["A5", "H3", "2024-02-01", "", "Delvis bifall", "", "nej"],  # 7 ok
        ],
    )
    result = do_import(ws, export)
    assert (result.files[0].read, result.files[0].stored, result.files[0].rejected) == (6, 2, 4)
    assert rejects(result) == [
        ("ansokningar.csv", 3, "beslut_datum", "datumordning", "20240105"),
        ("ansokningar.csv", 4, "beslut", "obligatoriskt_varde", ""),
        ("ansokningar.csv", 5, "ansokan_id", "dubblett_id", "A1"),
        ("ansokningar.csv", 6, "inkom_datum", "datum", "2024-02-30"),
    ]
    assert sorted(stored(ws, "SELECT * FROM ansokningar")) == [
        ("A1", "H1", dt.date(2024, 1, 10), dt.date(2024, 1, 20), "bifall", "e_tjanst", "ja"),
        ("A5", "H3", dt.date(2024, 2, 1), None, "delvis_bifall", None, "nej"),
    ]


INSATSER_HEADER = [
    "insats_id",
    "personnummer",
    "insatstyp",
    "enhet",
    "arendetyp",
    "anvisad_datum",
    "start_datum",
    "slut_datum",
    "avslutsorsak",
]


def test_interventions_places_and_units(ws: Workspace, export: Path) -> None:
    write_csv(
        export,
        "platser.csv",
        [
            ["enhet", "fran_datum", "till_datum", "antal_platser", "platstyp", "arskostnad"],
            ["Jobbtorget", "2024-01-01", "", "20", "intern", "1 200 000,00"],  # 2 ok
            ["Verkstan", "2024-01-01", "2023-12-31", "10", "extern", ""],  # 3 ends before it starts
            ["Lagret", "2024-01-01", "", "0", "", ""],  # 4 no places
        ],
    )
    write_csv(
        export,
        "insatser.csv",
        [
            INSATSER_HEADER,
            [
                "I1",
                "19121212-1212",
                "Jobbspår",
                "Jobbtorget",
                "",
                "",
                "2024-02-01",
                "2024-05-31",
                "arbete_utan_stod",
            ],
            [
                "I2",
                "811228-9874",
                "Praktik",
                "Verkstan",
                "",
                "",
                "2024-02-01",
                "",
                "",
            ],  # 3 unit without places
            ["I3", "19811228-9874", "Praktik", "Jobbtorget", "", "", "2024-03-01", "2024-02-01", "studier"],
            ["I4", "20170102-2384", "", "Jobbtorget", "", "", "2024-03-01", "2024-04-01", ""],  # 5 two blanks
        ],
    )
    result = do_import(ws, export)
    counts = {f.table: (f.read, f.stored, f.rejected, f.warnings) for f in result.files}
    assert counts == {"insatser": (4, 2, 2, 1), "platser": (3, 1, 2, 0)}
    assert rejects(result) == [
        ("insatser.csv", 3, "enhet", "enhet_saknar_platser", "Verkstan"),
        ("insatser.csv", 4, "slut_datum", "datumordning", "2024-02-01"),
        ("insatser.csv", 5, "avslutsorsak", "obligatoriskt_varde", ""),
        ("insatser.csv", 5, "insatstyp", "obligatoriskt_varde", ""),
        ("platser.csv", 3, "till_datum", "datumordning", "2023-12-31"),
        ("platser.csv", 4, "antal_platser", "tal", "0"),
    ]
    assert stored(ws, "SELECT enhet, antal_platser, arskostnad FROM platser") == [
        ("Jobbtorget", 20, Decimal("1200000.00"))
    ]

    # a later import of insatser alone is checked against the stored platser
    later = export.parent / "later"
    later.mkdir()
    write_csv(
        later,
        "insatser.csv",
        [
            INSATSER_HEADER,
            ["I7", "19121212-1212", "OSA", "Jobbtorget", "", "", "2024-06-01", "", ""],
            ["I8", "19121212-1212", "OSA", "Okänd enhet", "", "", "2024-06-01", "", ""],
        ],
    )
    assert rejects(do_import(ws, later)) == [
        ("insatser.csv", 3, "enhet", "enhet_saknar_platser", "Okänd enhet")
    ]


def test_missing_required_column_rejects_the_file(ws: Workspace, export: Path) -> None:
    write_csv(
        export,
        "insatser.csv",
        [
            ["insats_id", "personnummer", "insatstyp", "Extra", "start_datum"],
            ["I1", "19121212-1212", "Jobbspår", "x", "2024-02-01"],
            ["I2", "19121212-1212", "Jobbspår", "y", "2024-03-01"],
        ],
    )
    result = do_import(ws, export)
    (f,) = result.files
    assert (f.read, f.stored, f.rejected, f.clean) == (2, 0, 2, None)
    (line,) = read_rejects(result.rejects_file)
    assert (line["rad"], line["kolumn"], line["regel"]) == ("1", "enhet", "obligatorisk_kolumn")
    assert "Kolumner i filen: insats_id, personnummer, insatstyp, Extra, start_datum" in line["meddelande"]
    assert stored(ws, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'insatser'") == [
        (0,)
    ]
