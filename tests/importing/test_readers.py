"""Readers and header matching: the file variants real exports come in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.importing.helpers import do_import, pseudonym, rejects, stored, write_csv
from uppfolj.errors import ImportFailed
from uppfolj.importing.readers import detect_delimiter
from uppfolj.workspace import Workspace

EKONOMI_ROWS = [
    ["Månad", "Verksamhet", "Budget", "Utfall", "Prognos helår"],
    ["2024-01", "Ekonomiskt bistånd", "1 234 567,50", "1\u00a0200\u00a0000,25", ""],
    ["202402", "Arbetsmarknadsåtgärder", "500000", "-12,5", "6 000 000"],
]


def test_windows_1252_semicolons_decimal_commas(ws: Workspace, export: Path) -> None:
    path = write_csv(export, "Ekonomi.csv", EKONOMI_ROWS, encoding="cp1252")
    raw = path.read_bytes()
    assert "Månad".encode("cp1252") in raw and b"\xe5" in raw  # a real Windows-1252 file: å is one byte 0xE5
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    result = do_import(ws, export)
    assert result.files[0].detected == "Windows-1252, semikolon"
    assert rejects(result) == []
    assert stored(ws, "SELECT * FROM ekonomi ORDER BY manad") == [
        (dt.date(2024, 1, 1), "Ekonomiskt bistånd", Decimal("1234567.50"), Decimal("1200000.25"), None),
        (
            dt.date(2024, 2, 1),
            "Arbetsmarknadsåtgärder",
            Decimal("500000.00"),
            Decimal("-12.50"),
            Decimal("6000000.00"),
        ),
    ]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "label"),
    [("\t", "utf-8", "UTF-8, tabb"), (",", "utf-8-sig", "UTF-8, komma"), (";", "utf-8", "UTF-8, semikolon")],
)
def test_delimiters_and_bom(ws: Workspace, export: Path, delimiter: str, encoding: str, label: str) -> None:
    rows = [
        ["ar", "Kön", "antal"],
        ["2023", "K", "80 512"],
        ["2023", "M", "79 488"],
        ["2023", "T", "160 000"],
    ]
    write_csv(export, "befolkning.csv", rows, delimiter=delimiter, encoding=encoding)
    if delimiter == ",":  # a comma file quotes its numbers with thousands spaces as Excel does
        write_csv(
            export,
            "befolkning.csv",
            [
                ["ar", "Kön", "antal"],
                ["2023", "K", '"80 512"'],
                ["2023", "M", '"79 488"'],
                ["2023", "T", "160000"],
            ],
            delimiter=",",
            encoding=encoding,
        )
    result = do_import(ws, export)
    assert result.files[0].detected == label
    assert stored(ws, "SELECT ar, kon, antal FROM befolkning ORDER BY kon") == [
        (2023, "K", 80512),
        (2023, "M", 79488),
        (2023, "T", 160000),
    ]


def test_detect_delimiter_prefers_the_most_frequent() -> None:
    assert detect_delimiter("a;b;c,d") == ";"
    assert detect_delimiter("a\tb\tc") == "\t"
    assert detect_delimiter("a,b") == ","
    assert detect_delimiter("only") == ";"


def test_xlsx_with_real_date_cells(ws: Workspace, export: Path) -> None:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Beslut-ID", "Personnummer", "Beslut datum", "Insatstyp", "Verkställt datum", "Lagrum"])
    sheet.append(
        [
            "B1",
            "19121212-1212",
            dt.datetime(2024, 3, 5),
            "Arbetsrehabilitering",
            dt.date(2024, 6, 1),
            "SoL 4:1",
        ]
    )
    sheet.append(["B2", "811228-9874", dt.datetime(2024, 4, 30, 13, 45), "Arbetsrehabilitering", None, None])
    sheet.append([None, None, None, None, None, None])  # an empty row is skipped, not counted
    sheet.append(["B3", "20170102-2384", "2024-13-01", "Arbetsrehabilitering", None, None])
    assert isinstance(sheet["C2"].value, dt.datetime) and sheet["C2"].is_date
    wb.save(export / "SOL_beslut.xlsx")
    result = do_import(ws, export)
    (f,) = result.files
    assert (f.read, f.stored, f.rejected, f.detected) == (3, 2, 1, "Excel")
    # the bad row is the fifth row of the sheet, as Excel numbers it
    assert rejects(result) == [("SOL_beslut.xlsx", 5, "beslut_datum", "datum", "2024-13-01")]
    assert sorted(
        stored(ws, "SELECT beslut_id, person_id, beslut_datum, verkstallt_datum, lagrum FROM sol_beslut")
    ) == [
        ("B1", pseudonym(ws, "191212121212"), dt.date(2024, 3, 5), dt.date(2024, 6, 1), "SoL 4:1"),
        ("B2", pseudonym(ws, "198112289874"), dt.date(2024, 4, 30), None, None),
    ]


def test_headers_vendor_maps_and_ignored_files(ws: Workspace, export: Path) -> None:
    ws.config.leverantorer = {
        "lifecare": {"eb_avslut": {"Hushålls-ID": "hushall_id", "Orsak": "avslutsorsak"}},
        "treserva": {"eb_avslut": {"Period": "manad"}},
    }
    write_csv(
        export,
        "EB avslut.csv",
        [["Hushålls-ID", "Period", "ORSAK", "Handläggare"], ["H1", "2024-05", "Arbete", "Anna"]],
    )
    (export / "anteckningar.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (export / "bild.png").write_bytes(b"\x89PNG")
    result = do_import(ws, export)
    assert stored(ws, "SELECT * FROM eb_avslut") == [("H1", dt.date(2024, 5, 1), "arbete")]
    assert result.files[0].unknown_columns == ["Handläggare"]
    assert [name for name, _ in result.ignored_files] == ["anteckningar.csv", "bild.png"]

    # --kalla lifecare: the treserva header "Period" no longer maps, so the required month is missing
    result = do_import(ws, export, system="lifecare")
    assert [r[3] for r in rejects(result)] == ["obligatorisk_kolumn"]
    with pytest.raises(
        ImportFailed, match="Källsystemet 'viva' finns varken under leverantorer eller mappning"
    ):
        do_import(ws, export, system="viva")


def test_quoted_line_breaks_and_short_rows(ws: Workspace, export: Path) -> None:
    (export / "sol_beslut.csv").write_text(
        "beslut_id;personnummer;beslut_datum;insatstyp;orsak\n"
        'B1;19121212-1212;2024-01-02;Arbetsrehabilitering;"Väntar på plats;\nåterkommer"\n'
        "B2;811228-9874;2024-01-03;Arbetsrehabilitering\n",
        encoding="utf-8",
    )
    result = do_import(ws, export)
    assert rejects(result) == []
    assert stored(ws, "SELECT beslut_id, orsak FROM sol_beslut ORDER BY beslut_id") == [
        ("B1", "Väntar på plats;\nåterkommer"),
        ("B2", None),
    ]


def test_blank_lines_are_not_rows(ws: Workspace, export: Path) -> None:
    (export / "befolkning.csv").write_text(
        "ar;kon;antal\n2023;K;80512\n;;\n ; ;\n2023;M;x\n;;\n", encoding="utf-8"
    )
    result = do_import(ws, export)
    (f,) = result.files
    # two rows with content; the bad one is line 5 of the file, as Excel shows it
    assert (f.read, f.stored, f.rejected) == (2, 1, 1)
    assert rejects(result) == [("befolkning.csv", 5, "antal", "tal", "x")]


def test_empty_lines_keep_excel_row_numbers(ws: Workspace, export: Path) -> None:
    (export / "sol_beslut.csv").write_text(
        "beslut_id;personnummer;beslut_datum;insatstyp;orsak\r\n"
        "B1;19121212-1212;2024-01-02;Arbetsrehabilitering;\r\n"
        "\r\n"  # an empty line: row 3 in Excel
        'B2;811228-9874;2024-01-03;Arbetsrehabilitering;"Första stycket.\r\n\r\nAndra stycket."\r\n'
        "B3;811228-9874;2024-13-03;Arbetsrehabilitering;\r\n",
        encoding="utf-8",
    )
    result = do_import(ws, export)
    # B2 is row 4; its cell spans three lines but is one Excel row, so B3 is row 5
    assert rejects(result) == [("sol_beslut.csv", 5, "beslut_datum", "datum", "2024-13-03")]
    assert stored(ws, "SELECT orsak FROM sol_beslut WHERE beslut_id = 'B2'") == [
        ("Första stycket.\r\n\r\nAndra stycket.",)
    ]
