"""Validation rules: small named units, each an id, a level, a Swedish message and a vectorised check.

A rule's check is SQL: it returns the conditions (per column) that select the offending rows of the staged,
typed table, like an audit query. The runner turns every hit into a line of the rejects file. Phase 1 rules
look at one row at a time; phase 2 rules look at the rows that passed phase 1 (duplicates, units).

Staged table layout (see `validate.py`): `_rad` (Excel row), and per contract column `col`:
`r__col` the trimmed text (NULL when blank), `v__col` the stored value (NULL when unreadable; the pseudonym
for personnummer), and for personnummer `s__col` its status. The table `_pnr` holds every distinct number's
status, pseudonym and mask (see `pnr.build_lookup`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from uppfolj.contract import ColType, Table
from uppfolj.importing import pnr
from uppfolj.importing.sql import lit, q


class Level(StrEnum):
    FILE = "fil"
    ROW = "rad"
    WARNING = "varning"


@dataclass(frozen=True)
class Check:
    column: str
    #: condition selecting offending rows of `source`
    where: str
    #: SQL expression giving the Swedish message
    message: str
    #: SQL expression giving the value shown in the rejects file (masked)
    value: str
    source: str = "t"


@dataclass(frozen=True)
class Configured:
    """Limits on a table's columns set in the workspace config (e.g. `bip:` in uppfolj.yaml).

    `codes`: column → allowed normalised values (a code list users keep themselves); `ranges`: column →
    (min, max), either None for no bound.
    """

    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ranges: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    #: where the limits are set, named in the messages
    source: str = "uppfolj.yaml"


@dataclass(frozen=True)
class RuleContext:
    table: Table
    #: contract columns present in the file
    present: frozenset[str]
    #: table of units known from platser (this import's, else the stored one), or None if there is none
    units: str | None = None
    configured: Configured = field(default_factory=Configured)


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    title: str
    phase: int
    checks: Callable[[RuleContext], list[Check]]
    #: SQL run once before the checks (e.g. a helper table several rules share); idempotent
    prepare: Callable[[RuleContext], list[str]] | None = None


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    level: Level,
    title: str,
    phase: int = 1,
    prepare: Callable[[RuleContext], list[str]] | None = None,
) -> Callable[[Callable[[RuleContext], list[Check]]], Callable[[RuleContext], list[Check]]]:
    def decorator(func: Callable[[RuleContext], list[Check]]) -> Callable[[RuleContext], list[Check]]:
        RULES[rule_id] = Rule(rule_id, level, title, phase, func, prepare)
        return func

    return decorator


def r(col: str) -> str:
    return q(f"r__{col}")


def v(col: str) -> str:
    return q(f"v__{col}")


def shown(ctx: RuleContext, col: str) -> str:
    """The value shown in the rejects file: personnummer masked, and any number-like text masked too."""
    if ctx.table.column(col).type is ColType.PNR:
        return f"(SELECT any_value(masked) FROM _pnr WHERE _pnr.val = {r(col)})"
    return pnr.mask_text_sql(r(col))


# ---- file level -------------------------------------------------------------------------------------
def missing_columns(table: Table, present: set[str]) -> list[str]:
    return [c for c in table.required_columns if c not in present]


@rule("obligatorisk_kolumn", Level.FILE, "En obligatorisk kolumn saknas: hela filen avvisas.")
def _required_column(ctx: RuleContext) -> list[Check]:
    # Checked on the headers before any row is read (see `missing_columns`); no row condition.
    return []


def required_column_message(table: Table, missing: list[str], found: list[str]) -> str:
    return (
        f"Obligatorisk kolumn saknas i tabellen {table.name}: {', '.join(missing)}. "
        f"Kolumner i filen: {', '.join(found) if found else '(inga)'}. Lägg till kolumnen, rätta rubriken "
        f"eller mappa leverantörens rubrik under leverantorer i uppfolj.yaml. Hela filen avvisades."
    )


# ---- phase 1: one row at a time ----------------------------------------------------------------------
@rule("obligatoriskt_varde", Level.ROW, "Ett obligatoriskt värde saknas.")
def _required_value(ctx: RuleContext) -> list[Check]:
    checks = []
    for col in ctx.table.columns:
        if col.required:
            msg = f"Värde saknas i den obligatoriska kolumnen {col.name}. Fyll i värdet i källsystemet."
            checks.append(Check(col.name, f"{r(col.name)} IS NULL", lit(msg), "''"))
        elif col.required_when:
            msg = f"{col.name} måste fyllas i när {col.required_when} är ifyllt."
            where = f"{r(col.name)} IS NULL AND {r(col.required_when)} IS NOT NULL"
            checks.append(Check(col.name, where, lit(msg), "''"))
    return checks


def _pnr_rule(status: str, message: str) -> Callable[[RuleContext], list[Check]]:
    def checks(ctx: RuleContext) -> list[Check]:
        return [
            Check(col.name, f"{q('s__' + col.name)} = {lit(status)}", lit(message), shown(ctx, col.name))
            for col in ctx.table.pnr_columns
            if col.name in ctx.present
        ]

    return checks


rule("personnummer_format", Level.ROW, "Personnumret har fel format.")(
    _pnr_rule(
        pnr.BAD_FORMAT,
        "Personnumret har fel format: ange 10 eller 12 siffror, med eller utan - eller + (ÅÅMMDD-NNNN).",
    )
)
rule("personnummer_datum", Level.ROW, "Personnumrets födelsedatum finns inte.")(
    _pnr_rule(
        pnr.BAD_DATE,
        "Personnumrets födelsedatum finns inte (för samordningsnummer: dag + 60). Kontrollera numret.",
    )
)
rule("personnummer_kontrollsiffra", Level.ROW, "Personnumrets kontrollsiffra stämmer inte.")(
    _pnr_rule(pnr.BAD_CHECK_DIGIT, "Personnumrets kontrollsiffra stämmer inte. Kontrollera numret.")
)

_DATE_HELP = {
    ColType.DATE: "ange datum som ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD",
    ColType.MONTH: "ange månad som ÅÅÅÅ-MM, ÅÅÅÅMM eller ett datum",
    ColType.YEAR: "ange år med fyra siffror",
}


@rule("datum", Level.ROW, "Ett datum, en månad eller ett år kan inte läsas.")
def _date(ctx: RuleContext) -> list[Check]:
    checks = []
    for col in ctx.table.columns:
        if col.type in _DATE_HELP and col.name in ctx.present:
            msg = f"{col.name} kan inte läsas: {_DATE_HELP[col.type]}."
            checks.append(
                Check(
                    col.name,
                    f"{r(col.name)} IS NOT NULL AND {v(col.name)} IS NULL",
                    lit(msg),
                    shown(ctx, col.name),
                )
            )
    return checks


@rule("datumordning", Level.ROW, "Ett slutdatum ligger före startdatum (eller beslut före inkomst).")
def _date_order(ctx: RuleContext) -> list[Check]:
    checks = []
    for col in ctx.table.columns:
        if col.not_before and col.name in ctx.present and col.not_before in ctx.present:
            msg = f"{col.name} ligger före {col.not_before}. Rätta datumen i källsystemet."
            where = f"{v(col.name)} < {v(col.not_before)}"
            checks.append(Check(col.name, where, lit(msg), shown(ctx, col.name)))
    return checks


@rule("kodlista", Level.ROW, "Ett värde finns inte i kolumnens kodlista.")
def _code_list(ctx: RuleContext) -> list[Check]:
    checks = []
    for col in ctx.table.columns:
        if col.type is ColType.CODE and col.name in ctx.present:
            msg = f"Värdet finns inte i kodlistan för {col.name}. Tillåtna värden: {', '.join(col.codes)}."
            where = f"{r(col.name)} IS NOT NULL AND {v(col.name)} IS NULL"
            checks.append(Check(col.name, where, lit(msg), shown(ctx, col.name)))
        elif col.normalised and col.name in ctx.present:
            msg = f"{col.name} innehåller inga bokstäver eller siffror. Ange ett namn."
            where = f"{r(col.name)} IS NOT NULL AND {v(col.name)} IS NULL"
            checks.append(Check(col.name, where, lit(msg), shown(ctx, col.name)))
    for name, allowed in ctx.configured.codes.items():
        if name in ctx.present and allowed:
            msg = (
                f"Värdet finns inte i listan för {name} i {ctx.configured.source}. Tillåtna värden: "
                f"{', '.join(allowed)}. Rätta värdet eller lägg till det i listan."
            )
            where = f"{v(name)} IS NOT NULL AND {v(name)} NOT IN ({', '.join(lit(a) for a in allowed)})"
            checks.append(Check(name, where, lit(msg), shown(ctx, name)))
    return checks


@rule("tal", Level.ROW, "Inte ett tal, eller ett tal utanför det tillåtna intervallet.")
def _number(ctx: RuleContext) -> list[Check]:
    checks = []
    for col in ctx.table.columns:
        if col.type not in (ColType.INTEGER, ColType.SEK, ColType.NUMBER) or col.name not in ctx.present:
            continue
        what = {
            ColType.INTEGER: "ett heltal",
            ColType.SEK: "ett belopp i kronor (t.ex. 12 345,50)",
            ColType.NUMBER: "ett tal (t.ex. 3 eller 3,5)",
        }[col.type]
        msg = f"{col.name} är inte {what}."
        checks.append(
            Check(
                col.name,
                f"{r(col.name)} IS NOT NULL AND {v(col.name)} IS NULL",
                lit(msg),
                shown(ctx, col.name),
            )
        )
        if col.min_value is not None:
            op, word = ("<=", "större än") if col.min_exclusive else ("<", "minst")
            bound = f"{col.min_value:g}"
            msg = f"{col.name} måste vara {word} {bound}."
            checks.append(Check(col.name, f"{v(col.name)} {op} {bound}", lit(msg), shown(ctx, col.name)))
    for name, (low, high) in ctx.configured.ranges.items():
        if name not in ctx.present or (low is None and high is None):
            continue
        conds = ([f"{v(name)} < {low:g}"] if low is not None else []) + (
            [f"{v(name)} > {high:g}"] if high is not None else []
        )
        scale = f"{'' if low is None else f'{low:g}'}–{'' if high is None else f'{high:g}'}"
        msg = f"{name} ligger utanför skalan {scale} i {ctx.configured.source}. Rätta värdet eller skalan."
        checks.append(Check(name, " OR ".join(conds), lit(msg), shown(ctx, name)))
    return checks


# ---- phase 2: the rows that passed phase 1 -----------------------------------------------------------
def _key_sql(table: Table) -> str:
    return ", ".join(v(k) for k in table.key)


@rule("dubblett_id", Level.ROW, "Tabellens nyckel förekommer igen i filen: första raden behålls.", phase=2)
def _duplicate_key(ctx: RuleContext) -> list[Check]:
    table = ctx.table
    if table.name == "bistand_manad":
        return []  # a repeated household-month is summed (hushallsmanad_*)
    key = _key_sql(table)
    source = f"(SELECT *, min(_rad) OVER (PARTITION BY {key}) AS _first FROM s)"
    col = table.key[0]
    msg = f"'Nyckeln ({', '.join(table.key)}) finns redan på rad ' || _first || '; den första raden behålls.'"
    return [Check(col, "_rad <> _first", msg, shown(ctx, col), source)]


#: helper table of the household-month rules: rows of household-months occurring more than once, with the
#: first row's number and applicants (built once, read by both rules; dropped after each file)
HOUSEHOLD_MONTHS = "_hushallsmanader"


def _household_months(ctx: RuleContext) -> list[str]:
    if ctx.table.name != "bistand_manad":
        return []
    hh, month = v("hushall_id"), v("manad")
    sok, med = v("sokande_personnummer"), v("medsokande_personnummer")
    return [
        f"CREATE TEMP TABLE IF NOT EXISTS {HOUSEHOLD_MONTHS} AS "
        f"SELECT s.*, d._first, "
        f"f.{sok} AS _first_sok, f.{med} AS _first_med FROM s "
        f"JOIN (SELECT {hh} AS _h, {month} AS _m, min(_rad) AS _first FROM s GROUP BY ALL HAVING count(*) > 1) d "
        f"ON s.{hh} = d._h AND s.{month} = d._m JOIN t AS f ON f._rad = d._first"
    ]


def _differs() -> str:
    return (
        f"({v('sokande_personnummer')} IS DISTINCT FROM _first_sok "
        f"OR {v('medsokande_personnummer')} IS DISTINCT FROM _first_med)"
    )


@rule(
    "hushallsmanad_konflikt",
    Level.ROW,
    "En andra rad för samma hushåll och månad har en annan sökande eller medsökande.",
    phase=2,
    prepare=_household_months,
)
def _household_month_conflict(ctx: RuleContext) -> list[Check]:
    if ctx.table.name != "bistand_manad":
        return []
    msg = (
        "'Hushållet har redan en rad för månaden (rad ' || _first || ') med en annan sökande eller "
        "medsökande. Raden avvisades; rätta hushållet i källsystemet.'"
    )
    return [
        Check(
            "sokande_personnummer",
            f"_rad <> _first AND {_differs()}",
            msg,
            shown(ctx, "sokande_personnummer"),
            HOUSEHOLD_MONTHS,
        )
    ]


@rule(
    "hushallsmanad_dubblett",
    Level.WARNING,
    "En andra rad för samma hushåll och månad: beloppen läggs ihop, antal_barn blir det största.",
    phase=2,
    prepare=_household_months,
)
def _household_month_duplicate(ctx: RuleContext) -> list[Check]:
    if ctx.table.name != "bistand_manad":
        return []
    msg = (
        "'Hushållet har redan en rad för månaden (rad ' || _first || '). Raderna lades ihop: beloppen "
        "summerades och det största antal_barn användes.'"
    )
    return [
        Check(
            "manad",
            f"_rad <> _first AND NOT {_differs()}",
            msg,
            shown(ctx, "manad"),
            HOUSEHOLD_MONTHS,
        )
    ]


@rule("enhet_saknar_platser", Level.WARNING, "En enhet i insatser saknas i platser.", phase=2)
def _unit_without_places(ctx: RuleContext) -> list[Check]:
    if ctx.table.name != "insatser":
        return []
    units = f"(SELECT enhet FROM {ctx.units})" if ctx.units else "(SELECT NULL::VARCHAR WHERE false)"
    msg = (
        f"'Enheten ' || {v('enhet')} || ' saknas i platser. Insatsen importerades, men enhetens beläggning "
        f"och kostnad per plats kan inte beräknas; lägg till enheten i platser.'"
    )
    return [Check("enhet", f"{v('enhet')} NOT IN {units}", msg, shown(ctx, "enhet"), "s")]
