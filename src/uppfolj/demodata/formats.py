"""How each table is written: file name, encoding, delimiter, header spellings and cell formats.

Real exports differ by source system, and the demo data shows the variants the contract accepts: Windows-1252
with `;` and decimal comma (the finance system and the older case system), UTF-8 with BOM, plain UTF-8 with
`,`, tab-separated, and XLSX with real date cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class FileFormat:
    file: str
    headers: tuple[str, ...]
    #: "csv" or "xlsx"
    kind: str = "csv"
    encoding: str = "utf-8"
    delimiter: str = ";"


FORMATS: dict[str, FileFormat] = {
    "bistand_manad": FileFormat(
        "bistand_manad.csv",
        (
            "Hushåll ID",
            "Månad",
            "Sökande personnummer",
            "Medsökande personnummer",
            "Antal barn",
            "Belopp",
            "Hushållstyp",
        ),
        encoding="cp1252",
    ),
    "ansokningar": FileFormat(
        "ansokningar.csv",
        ("Ansökan ID", "Hushåll ID", "Inkom datum", "Beslut datum", "Beslut", "Kanal", "Nybesök"),
        encoding="utf-8-sig",
    ),
    "eb_avslut": FileFormat("eb_avslut.csv", ("hushall_id", "manad", "avslutsorsak"), delimiter=","),
    "insatser": FileFormat(
        "insatser.csv",
        (
            "Insats ID",
            "Personnummer",
            "Insatstyp",
            "Enhet",
            "Ärendetyp",
            "Anvisad datum",
            "Start datum",
            "Slut datum",
            "Avslutsorsak",
        ),
        encoding="utf-8-sig",
    ),  # fmt: skip
    "personer": FileFormat(
        "personer.csv",
        (
            "Personnummer",
            "Kön",
            "Utbildningsnivå",
            "Födelseland grupp",
            "Invandringsår",
            "Utbildningsnivå datum",
        ),
        encoding="utf-8-sig",
        delimiter="\t",
    ),
    "sol_beslut": FileFormat(
        "sol_beslut.xlsx",
        (
            "Beslut ID",
            "Personnummer",
            "Beslut datum",
            "Insatstyp",
            "Lagrum",
            "Erbjudande datum",
            "Verkställt datum",
            "Avbrott datum",
            "Återupptaget datum",
            "Avslutat datum",
            "Orsak",
            "Orsakskod",
        ),
        kind="xlsx",
    ),  # fmt: skip
    "platser": FileFormat(
        "platser.xlsx",
        ("Enhet", "Från datum", "Till datum", "Antal platser", "Platstyp", "Årskostnad"),
        kind="xlsx",
    ),
    "ekonomi": FileFormat(
        "ekonomi.csv", ("Månad", "Verksamhet", "Budget", "Utfall", "Prognos helår"), encoding="cp1252"
    ),
    "befolkning": FileFormat("befolkning.csv", ("År", "Kön", "Antal"), encoding="cp1252"),
}

#: tables written chunk by chunk; the others are written once at the end
STREAMED = ("bistand_manad", "ansokningar", "eb_avslut", "insatser", "personer", "sol_beslut")

EB_REASON_LABEL = {
    "arbete": "Arbete",
    "studier": "Studier",
    "annan_ersattning": "Annan ersättning",
    "flytt": "Flytt",
    "ovrigt": "Övrigt",
    "okand": "Okänd",
}


def money_plain(ore: int) -> str:
    """`1234500` öre → `12345,00` (decimal comma, no thousands separator)."""
    sign = "-" if ore < 0 else ""
    kr, rest = divmod(abs(ore), 100)
    return f"{sign}{kr},{rest:02d}"


def money_spaced(ore: int) -> str:
    """`123456700` öre → `1 234 567,00` (space as thousands separator, as the finance system writes it)."""
    sign = "-" if ore < 0 else ""
    kr, rest = divmod(abs(ore), 100)
    return f"{sign}{kr:,}".replace(",", " ") + f",{rest:02d}"


def date_iso(d: dt.date) -> str:
    return d.isoformat()


def date_compact(d: dt.date) -> str:
    return d.strftime("%Y%m%d")


def month_compact(d: dt.date) -> str:
    return d.strftime("%Y%m")


def pnr_personer(nr12: str) -> str:
    """personer holds the 10-digit form `YYMMDD-NNNN`."""
    return nr12[2:]


def pnr_compact(nr12: str) -> str:
    """insatser holds 12 digits without a dash."""
    return nr12.replace("-", "")


def sun_cell(code: str, r: float) -> str:
    """Most rows hold the SUN code; some the label a case system writes; unknown is `US` or blank."""
    from uppfolj.demodata.model import SUN_LABEL

    if code == "US":
        return "" if r < 0.5 else "US"
    return SUN_LABEL[code] if r < 0.06 else code
