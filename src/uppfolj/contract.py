"""The export contract (exportkontrakt v1) as data.

One place for every table users hand us: its columns, which are required, their types and code lists,
and the table's key for merging imports. The importer, the validation rules and the generated docs all
read from here; `docs/exportkontrakt.md` is generated from it.

Stored form: personnummer columns are replaced at import by pseudonym columns (see `stored_name`), months
are stored as the first day of the month (DATE), amounts as DECIMAL(18,2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from uppfolj.text import normalise_header


class ColType(StrEnum):
    PNR = "pnr"
    TEXT = "text"
    DATE = "date"
    MONTH = "month"
    YEAR = "year"
    INTEGER = "integer"
    SEK = "sek"
    CODE = "code"
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColType
    required: bool = False
    meaning: str = ""
    codes: tuple[str, ...] = ()
    #: accepted labels mapped to codes (after normalisation: lowercase, no diacritics)
    labels: dict[str, str] = field(default_factory=dict)
    min_value: float | None = None
    #: strictly greater than min_value (e.g. belopp > 0)
    min_exclusive: bool = False
    #: required only when this other column is filled (e.g. beslut when beslut_datum is given)
    required_when: str | None = None
    #: this date must be >= that column's date
    not_before: str | None = None
    #: free text normalised like a code on import (lowercase, no diacritics, only letters and digits)
    normalised: bool = False

    @property
    def stored_name(self) -> str:
        """Column name in the store: personnummer columns become pseudonym ids."""
        if self.type is ColType.PNR:
            return self.name.replace("personnummer", "id") if self.name != "personnummer" else "person_id"
        return self.name


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    optional_table: bool = True
    #: the date or month column that places a row in a month (the delivery check compares months by it)
    period_column: str | None = None
    #: in an added delivery (`--tillagg`) the months present replace the stored months whole, so a row
    #: missing from a re-delivered month is removed; other tables are merged by their key
    replaces_months: bool = False

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def pnr_columns(self) -> list[Column]:
        return [c for c in self.columns if c.type is ColType.PNR]

    @property
    def stored_key(self) -> tuple[str, ...]:
        return tuple(self.column(k).stored_name for k in self.key)


SUN_LABELS = {
    "forgymnasial9ar": "1",
    "forgymnasialkortare9ar": "1",
    "forgymnasialunder9ar": "1",
    "forgymnasial910ar": "2",
    "forgymnasial9ar10ar": "2",
    "gymnasialhogst2ar": "3",
    "gymnasial2ar": "3",
    "gymnasial3ar": "4",
    "eftergymnasialkortare3ar": "5",
    "eftergymnasialunder3ar": "5",
    "eftergymnasial3arellerlangre": "6",
    "eftergymnasial3ar": "6",
    "forskarutbildning": "7",
    # SCB's wording of the SUN 2020 levels, with and without "utbildning"
    "forgymnasialutbildningkortarean9ar": "1",
    "forgymnasialkortarean9ar": "1",
    "forgymnasialutbildning910ar": "2",
    "gymnasialutbildninghogst2ar": "3",
    "gymnasialutbildning3ar": "4",
    "eftergymnasialutbildningkortarean3ar": "5",
    "eftergymnasialkortarean3ar": "5",
    "eftergymnasialutbildning3arellerlangre": "6",
    "uppgiftsaknas": "US",
    "okand": "US",
}

INSATS_AVSLUTSORSAKER = (
    "arbete_utan_stod",
    "arbete_med_stod",
    "studier",
    "annan_insats",
    "af_program",
    "ohalsa",
    "flytt",
    "avbrott",
    "ovrigt",
    "okand",
)
EXIT_TO_WORK_OR_STUDIES = ("arbete_utan_stod", "arbete_med_stod", "studier")

#: why a favourable SoL decision is not executed (sol_beslut.orsakskod): code → its meaning in Swedish.
#: The export may give the code or the Swedish text (any case, with or without diacritics).
SOL_ORSAKSKODER = {
    "ingen_ledig_plats": "Ingen ledig plats",
    "personalbrist": "Brist på personal",
    "viss_verksamhet": "Väntar på plats i en viss verksamhet",
    "tackat_nej": "Den enskilde har tackat nej till erbjudandet",
    "vill_avvakta": "Den enskilde vill vänta",
    "uteblivit": "Den enskilde har inte kommit till inbokad tid",
    "vantar_underlag": "Väntar på underlag, t.ex. läkarintyg",
    "ovrigt": "Annan orsak",
}

TABLES: dict[str, Table] = {}


def _add_table(table: Table) -> Table:
    TABLES[table.name] = table
    return table


PERSONER = _add_table(
    Table(
        "personer",
        "Personer (frivillig; personer som förekommer i andra tabeller finns även utan den)",
        (
            Column("personnummer", ColType.PNR, True, "personen"),
            Column("kon", ColType.CODE, False, "ersätter könet som härleds ur numret", codes=("K", "M")),
            Column(
                "utbildningsniva",
                ColType.CODE,
                False,
                "SUN 2020-nivå 1–7, US/tom = okänd",
                codes=("1", "2", "3", "4", "5", "6", "7", "US"),
                labels=SUN_LABELS,
            ),
            Column(
                "fodelseland_grupp",
                ColType.CODE,
                False,
                "födelselandsgrupp",
                codes=("sverige", "europa", "utanfor_europa", "okand"),
            ),
            Column("invandringsar", ColType.YEAR, False, "invandringsår"),
            Column(
                "utbildningsniva_datum",
                ColType.DATE,
                False,
                "när utbildningsnivån registrerades; effektanalysen använder nivån bara om den är från före insatsen",
            ),
        ),
        key=("personnummer",),
    )
)

BISTAND_MANAD = _add_table(
    Table(
        "bistand_manad",
        "Ekonomiskt bistånd: en rad per hushåll och månad med utbetalning",
        (
            Column("hushall_id", ColType.TEXT, True, "biståndshushållet"),
            Column("manad", ColType.MONTH, True, "utbetalningsmånad"),
            Column("sokande_personnummer", ColType.PNR, True, "sökande (registerledare)"),
            Column("medsokande_personnummer", ColType.PNR, False, "medsökande"),
            Column("antal_barn", ColType.INTEGER, True, "barn under 18 i hushållet den månaden", min_value=0),
            Column("belopp", ColType.SEK, True, "utbetalt den månaden", min_value=0, min_exclusive=True),
            Column(
                "hushallstyp",
                ColType.CODE,
                False,
                "Socialstyrelsens kod 1, 3–9",
                codes=("1", "3", "4", "5", "6", "7", "8", "9"),
            ),
        ),
        key=("hushall_id", "manad"),
        period_column="manad",
        replaces_months=True,
        optional_table=False,
    )
)

EB_AVSLUT = _add_table(
    Table(
        "eb_avslut",
        "Varför ett hushåll lämnade ekonomiskt bistånd (frivillig)",
        (
            Column("hushall_id", ColType.TEXT, True),
            Column("manad", ColType.MONTH, True, "sista månaden med utbetalning"),
            Column(
                "avslutsorsak",
                ColType.CODE,
                True,
                codes=("arbete", "studier", "annan_ersattning", "flytt", "ovrigt", "okand"),
            ),
        ),
        key=("hushall_id", "manad"),
        period_column="manad",
        replaces_months=True,
    )
)

ANSOKNINGAR = _add_table(
    Table(
        "ansokningar",
        "Ansökningar om ekonomiskt bistånd",
        (
            Column("ansokan_id", ColType.TEXT, True),
            Column("hushall_id", ColType.TEXT, True),
            Column("inkom_datum", ColType.DATE, True, "ansökan inkom"),
            Column("beslut_datum", ColType.DATE, False, "tom = ej beslutad", not_before="inkom_datum"),
            Column(
                "beslut",
                ColType.CODE,
                False,
                "beslut",
                codes=("bifall", "delvis_bifall", "avslag", "avskriven"),
                required_when="beslut_datum",
            ),
            Column("kanal", ColType.CODE, False, codes=("e_tjanst", "papper", "annat")),
            Column("nybesok", ColType.CODE, False, "första ansökan i ett nytt ärende", codes=("ja", "nej")),
        ),
        key=("ansokan_id",),
        period_column="inkom_datum",
    )
)

INSATSER = _add_table(
    Table(
        "insatser",
        "Arbetsmarknadsinsatser: en rad per person och insatsperiod",
        (
            Column("insats_id", ColType.TEXT, True),
            Column("personnummer", ColType.PNR, True, "deltagare"),
            Column("insatstyp", ColType.TEXT, True, "kommunens egna kategorier"),
            Column("enhet", ColType.TEXT, True, "enhet eller arbetsplats"),
            Column("arendetyp", ColType.TEXT, False, "enhetens ärendetyp"),
            Column("anvisad_datum", ColType.DATE, False, "anvisning"),
            Column("start_datum", ColType.DATE, True, "start"),
            Column("slut_datum", ColType.DATE, False, "tom = pågår", not_before="start_datum"),
            Column(
                "avslutsorsak",
                ColType.CODE,
                False,
                "orsak till avslut",
                codes=INSATS_AVSLUTSORSAKER,
                required_when="slut_datum",
            ),
        ),
        key=("insats_id",),
        period_column="start_datum",
    )
)

PLATSER = _add_table(
    Table(
        "platser",
        "Platser per enhet, för beläggning och kostnad per plats",
        (
            Column("enhet", ColType.TEXT, True),
            Column("fran_datum", ColType.DATE, True, "gäller från"),
            Column("till_datum", ColType.DATE, False, "tom = gäller fortfarande", not_before="fran_datum"),
            Column("antal_platser", ColType.INTEGER, True, min_value=0, min_exclusive=True),
            Column("platstyp", ColType.CODE, False, codes=("intern", "extern")),
            Column("arskostnad", ColType.SEK, False, "enhetens fulla kostnad för platserna per år"),
        ),
        key=("enhet", "fran_datum"),
    )
)

SOL_BESLUT = _add_table(
    Table(
        "sol_beslut",
        "Gynnande beslut enligt SoL, för rapporten om ej verkställda beslut",
        (
            Column("beslut_id", ColType.TEXT, True),
            Column("personnummer", ColType.PNR, True),
            Column("beslut_datum", ColType.DATE, True, "beslutsdatum"),
            Column("insatstyp", ColType.TEXT, True),
            Column("lagrum", ColType.TEXT, False),
            Column("erbjudande_datum", ColType.DATE, False, "erbjudande lämnat"),
            Column("verkstallt_datum", ColType.DATE, False, "verkställt; tom = ej verkställt"),
            Column("avbrott_datum", ColType.DATE, False, "verkställigheten avbröts"),
            Column("aterupptaget_datum", ColType.DATE, False, "återupptaget efter avbrott"),
            Column("avslutat_datum", ColType.DATE, False, "avslutat utan verkställighet"),
            Column("orsak", ColType.TEXT, False, "orsak till dröjsmålet, fritext"),
            Column(
                "orsakskod",
                ColType.CODE,
                False,
                "orsak till dröjsmålet som kod; kodens text godtas också (Den enskilde vill vänta …)",
                codes=tuple(SOL_ORSAKSKODER),
                labels={normalise_header(text): code for code, text in SOL_ORSAKSKODER.items()},
            ),
        ),
        key=("beslut_id",),
        period_column="beslut_datum",
    )
)

EKONOMI = _add_table(
    Table(
        "ekonomi",
        "Budgetuppföljning per månad och verksamhet",
        (
            Column("manad", ColType.MONTH, True),
            Column("verksamhet", ColType.TEXT, True),
            Column("budget", ColType.SEK, True, "budget för månaden"),
            Column("utfall", ColType.SEK, False, "faktisk nettokostnad; tom för framtida månader"),
            Column("prognos_helar", ColType.SEK, False, "helårsprognos gjord den månaden"),
        ),
        key=("manad", "verksamhet"),
        period_column="manad",
        replaces_months=True,
    )
)

BEFOLKNING = _add_table(
    Table(
        "befolkning",
        "Befolkning, för andelar av befolkningen",
        (
            Column("ar", ColType.YEAR, True),
            Column("kon", ColType.CODE, True, codes=("K", "M", "T")),
            Column("antal", ColType.INTEGER, True, "invånare 31 december", min_value=0),
        ),
        key=("ar", "kon"),
    )
)

BIP = _add_table(
    Table(
        "bip",
        "BIP-mätningar (Beskæftigelsesindikatorprojektet): en rad per person, mätdatum och indikator",
        (
            Column("personnummer", ColType.PNR, True, "deltagaren"),
            Column("matdatum", ColType.DATE, True, "mätdatum"),
            Column(
                "indikator",
                ColType.TEXT,
                True,
                "indikatorns namn; lagras normaliserat som en kod (listan kan begränsas under bip i uppfolj.yaml)",
                normalised=True,
            ),
            Column(
                "varde",
                ColType.NUMBER,
                True,
                "svaret på kommunens skala (min och max under bip i uppfolj.yaml)",
            ),
        ),
        key=("personnummer", "matdatum", "indikator"),
        period_column="matdatum",
    )
)


def table_for_stem(stem: str) -> Table | None:
    """The contract table a file stem names (`Insatser`, `insatser`, `bistand-manad`), or None."""

    wanted = normalise_header(stem)
    for table in TABLES.values():
        if normalise_header(table.name) == wanted:
            return table
    return None
