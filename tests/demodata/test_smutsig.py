"""--smutsig: re-read the dirty files, find every planted defect by comparing with the clean files of the same
seed, classify each by the validator's rule ids with this test's own checks, and compare the counts with
forvantade_fel.json."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tests.demodata.readers import as_date, month_key, pnr_status, read_rows

FILES = {
    "bistand_manad": "bistand_manad.csv",
    "ansokningar": "ansokningar.csv",
    "eb_avslut": "eb_avslut.csv",
    "insatser": "insatser.csv",
    "personer": "personer.csv",
    "sol_beslut": "sol_beslut.xlsx",
    "platser": "platser.xlsx",
    "ekonomi": "ekonomi.csv",
}
#: per table: key columns, personnummer columns, date columns, (date, must not be before), required columns
KEYS = {
    "bistand_manad": (0, 1),
    "ansokningar": (0,),
    "eb_avslut": (0, 1),
    "insatser": (0,),
    "personer": (0,),
    "sol_beslut": (0,),
    "platser": (0, 1),
    "ekonomi": (0, 1),
}
PNR = {"bistand_manad": (2, 3), "insatser": (1,), "personer": (0,), "sol_beslut": (1,)}
DATES = {"ansokningar": (2, 3), "insatser": (5, 6, 7), "sol_beslut": (2, 5, 6, 7, 8, 9), "platser": (1, 2)}
ORDER = {"ansokningar": (3, 2), "insatser": (7, 6), "platser": (2, 1)}
REQUIRED = {
    "bistand_manad": (0, 1, 2, 4, 5),
    "ansokningar": (0, 1, 2),
    "eb_avslut": (0, 1, 2),
    "insatser": (0, 1, 2, 3, 6),
    "sol_beslut": (0, 1, 2, 3),
    "platser": (0, 1, 3),
    "ekonomi": (0, 1, 2),
}
#: (column, filled) → this column must be filled when that one is
REQUIRED_WHEN = {"ansokningar": ((4, 3),), "insatser": ((8, 7),)}
CODES = {
    ("bistand_manad", 6): {"", "1", "3", "4", "5", "6", "7", "8", "9"},
    ("ansokningar", 4): {"", "Bifall", "Delvis bifall", "Avslag", "Avskriven"},
    ("ansokningar", 5): {"", "E-tjänst", "Papper", "Annat"},
    ("eb_avslut", 2): {"Arbete", "Studier", "Annan ersättning", "Flytt", "Övrigt", "Okänd"},
    ("personer", 2): {"", "1", "2", "3", "4", "5", "6", "7", "US", "Förgymnasial under 9 år",
                      "Förgymnasial 9 (10) år", "Gymnasial högst 2 år", "Gymnasial 3 år",
                      "Eftergymnasial under 3 år", "Eftergymnasial 3 år eller längre", "Forskarutbildning"},
    ("insatser", 8): {"", "arbete_utan_stod", "arbete_med_stod", "studier", "annan_insats", "af_program",
                      "ohalsa", "flytt", "avbrott", "ovrigt", "okand"},
}  # fmt: skip


def _is_number(text: str, integer: bool) -> bool:
    t = text.replace(" ", "").replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return False
    return v == int(v) if integer else True


def _number_rule(table: str, row: list[object]) -> bool:
    """True when a number cell is unreadable or out of range."""
    if table == "bistand_manad":
        barn, belopp = str(row[4]), str(row[5])
        return (
            not _is_number(barn, True)
            or int(float(barn)) < 0
            or not _is_number(belopp, False)
            or float(belopp.replace(" ", "").replace(",", ".")) <= 0
        )
    if table == "platser":
        return not _is_number(str(row[3]), True) or int(str(row[3])) <= 0
    if table == "ekonomi":
        return any(row[i] and not _is_number(str(row[i]), False) for i in (2, 3, 4))
    return False


def _required_rule(table: str, row: list[object]) -> bool:
    if any(row[i] in (None, "") for i in REQUIRED.get(table, ())):
        return True
    return any(row[c] in (None, "") and row[w] not in (None, "") for c, w in REQUIRED_WHEN.get(table, ()))


def _pnr_rule(table: str, row: list[object]) -> str | None:
    for i in PNR.get(table, ()):
        if row[i]:
            status = pnr_status(str(row[i]))
            if status != "ok":
                return f"personnummer_{status}"
    return None


def _date_rule(table: str, row: list[object]) -> bool:
    if any(row[i] not in (None, "") and as_date(row[i]) is None for i in DATES.get(table, ())):
        return True
    if table in ("bistand_manad", "eb_avslut") and month_key(str(row[1])) is None:
        return True
    return table == "personer" and bool(row[4]) and not (len(str(row[4])) == 4 and str(row[4]).isdigit())


def _order_rule(table: str, row: list[object]) -> bool:
    if table not in ORDER:
        return False
    late, early = (as_date(row[i]) for i in ORDER[table])
    return late is not None and early is not None and late < early


def classify(table: str, row: list[object]) -> str | None:
    """The rule a single row breaks on its own, or None for a valid row."""
    if _required_rule(table, row):
        return "obligatoriskt_varde"
    pnr_rule = _pnr_rule(table, row)
    if pnr_rule is not None:
        return pnr_rule
    if _date_rule(table, row):
        return "datum"
    if _order_rule(table, row):
        return "datumordning"
    if any(t == table and str(row[i] or "") not in allowed for (t, i), allowed in CODES.items()):
        return "kodlista"
    if _number_rule(table, row):
        return "tal"
    return None


def _diff(
    table: str, clean: list[list[object]], dirty: list[list[object]]
) -> tuple[list[list[object]], list[int]]:
    """Changed rows and the positions (in `dirty`) of inserted rows. A planted extra row directly follows its
    original: it repeats the previous row's key, or the next dirty row is the next clean one."""
    changed: list[list[object]] = []
    inserted: list[int] = []
    j = 0

    def key(row: list[object]) -> tuple[object, ...]:
        return tuple(row[k] for k in KEYS[table])

    for i, row in enumerate(dirty):
        if j < len(clean) and row == clean[j]:
            j += 1
        elif (i > 0 and key(row) == key(dirty[i - 1])) or (
            i + 1 < len(dirty) and j < len(clean) and dirty[i + 1] == clean[j]
        ):
            inserted.append(i)
        else:
            changed.append(row)
            j += 1
    assert j == len(clean)
    return changed, inserted


def count_defects(
    clean_dir: Path, dirty_dir: Path
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    rejected: Counter[tuple[str, str]] = Counter()
    warnings: Counter[tuple[str, str]] = Counter()
    _, places = read_rows(dirty_dir, "platser.xlsx")
    units = {p[0] for p in places}
    for table, name in FILES.items():
        _, clean = read_rows(clean_dir, name)
        _, dirty = read_rows(dirty_dir, name)
        changed, inserted = _diff(table, clean, dirty)
        for row in changed:
            rule = classify(table, row)
            if rule is None and table == "insatser" and row[3] not in units:
                warnings[(table, "enhet_saknar_platser")] += 1
                continue
            assert rule is not None, (table, row)
            rejected[(table, rule)] += 1
        for i in inserted:
            row = dirty[i]
            rule = classify(table, row)
            if rule is not None:
                rejected[(table, rule)] += 1
                continue
            key = tuple(row[k] for k in KEYS[table])
            earlier = [r for r in dirty[:i] if tuple(r[k] for k in KEYS[table]) == key]
            assert earlier, (table, row)
            if table == "bistand_manad":
                same_people = earlier[0][2] == row[2] and earlier[0][3] == row[3]
                if same_people:
                    warnings[(table, "hushallsmanad_dubblett")] += 1
                else:
                    rejected[(table, "hushallsmanad_konflikt")] += 1
            else:
                rejected[(table, "dubblett_id")] += 1
    return rejected, warnings


def test_expected_counts_match_the_files(dirty_pair: tuple[Path, Path]) -> None:
    clean, dirty = dirty_pair
    expected = json.loads((dirty / "forvantade_fel.json").read_text(encoding="utf-8"))
    rejected, warnings = count_defects(clean, dirty)
    want_rejected = Counter(
        {(t, r): n for t, rules in expected["avvisade"].items() for r, n in rules.items()}
    )
    want_warnings = Counter(
        {(t, r): n for t, rules in expected["varningar"].items() for r, n in rules.items()}
    )
    assert rejected == want_rejected
    assert warnings == want_warnings


def test_every_rule_is_planted(dirty_pair: tuple[Path, Path]) -> None:
    _, dirty = dirty_pair
    expected = json.loads((dirty / "forvantade_fel.json").read_text(encoding="utf-8"))
    rules = {r for rules in expected["avvisade"].values() for r in rules}
    rules |= {r for rules in expected["varningar"].values() for r in rules}
    rules |= set(expected["avvisade_filer"].values())
    assert rules == {
        "obligatorisk_kolumn", "obligatoriskt_varde", "personnummer_format", "personnummer_datum",
        "personnummer_kontrollsiffra", "datum", "datumordning", "kodlista", "tal", "dubblett_id",
        "hushallsmanad_konflikt", "hushallsmanad_dubblett", "enhet_saknar_platser",
    }  # fmt: skip


def test_file_missing_a_required_column(dirty_pair: tuple[Path, Path]) -> None:
    clean, dirty = dirty_pair
    expected = json.loads((dirty / "forvantade_fel.json").read_text(encoding="utf-8"))
    assert expected["avvisade_filer"] == {"befolkning.csv": "obligatorisk_kolumn"}
    header, rows = read_rows(dirty, "befolkning.csv")
    assert header == ["År", "Kön"]  # antal is missing
    assert read_rows(clean, "befolkning.csv")[0] == ["År", "Kön", "Antal"]
    assert len(rows) == 3 * 3  # 2022..2024 × K, M, T
