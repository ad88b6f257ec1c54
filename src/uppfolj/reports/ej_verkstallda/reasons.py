"""Why a decision is not executed: the export's reason codes grouped into the categories committees report.

The codes and their own Swedish texts are the export contract's (`uppfolj.contract.SOL_ORSAKSKODER`); here
each code belongs to one category, with the category's heading (tables) and the clause the drafted
analysis uses after "För N beslut …". A decision without a code is "Orsak inte angiven".
"""

from __future__ import annotations

from dataclasses import dataclass

from uppfolj.contract import SOL_ORSAKSKODER


@dataclass(frozen=True)
class Category:
    key: str
    #: the row heading in the committee report
    title: str
    #: the clause after "För fem beslut …" in the drafted analysis
    clause: str
    codes: tuple[str, ...]


#: in the order the report lists them
CATEGORIES: tuple[Category, ...] = (
    Category(
        "tackat_nej",
        "Den enskilde har tackat nej till erbjuden insats",
        "har den enskilde erbjudits insatsen men tackat nej",
        ("tackat_nej",),
    ),
    Category(
        "vill_avvakta", "Den enskilde vill vänta", "har den enskilde själv önskat vänta", ("vill_avvakta",)
    ),
    Category(
        "uteblivit",
        "Den enskilde har inte kommit till inbokad tid",
        "har den enskilde inte kommit till inbokad tid",
        ("uteblivit",),
    ),
    Category(
        "viss_verksamhet",
        "Väntar på plats i en viss verksamhet",
        "väntar den enskilde på plats i en viss verksamhet",
        ("viss_verksamhet",),
    ),
    Category(
        "resursbrist",
        "Resursbrist",
        "beror dröjsmålet på resursbrist (ingen ledig plats eller brist på personal)",
        ("ingen_ledig_plats", "personalbrist"),
    ),
    Category(
        "vantar_underlag",
        "Väntar på underlag, till exempel läkarintyg",
        "väntar förvaltningen på underlag (till exempel läkarintyg)",
        ("vantar_underlag",),
    ),
    Category("ovrigt", "Annan orsak", "anges en annan orsak", ("ovrigt",)),
    Category("ej_angiven", "Orsak inte angiven", "är orsaken inte angiven", ()),
)
NOT_GIVEN = CATEGORIES[-1]
_BY_CODE = {code: cat for cat in CATEGORIES for code in cat.codes}


def category_of(code: object) -> Category:
    """The category of a stored `orsakskod` (None or blank: not given)."""
    if not isinstance(code, str) or not code:
        return NOT_GIVEN
    return _BY_CODE[code]


def code_text(code: object) -> str:
    """The code's Swedish text as the contract gives it; blank when there is no code."""
    return SOL_ORSAKSKODER[code] if isinstance(code, str) and code else ""
