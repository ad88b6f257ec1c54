"""`--smutsig`: plant known numbers of realistic defects, one per affected row, in rows that are otherwise
valid, and record the counts the import must report (`forvantade_fel.json`).

Defects go into the first chunk of the streamed tables and into the end tables; a planted duplicate is an
extra row inserted right after its original (so the original is the one kept). One extra file is written
without a required column: befolkning without `Antal` (the whole file is rejected).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from uppfolj.demodata.formats import FileFormat
from uppfolj.errors import UppfoljError

Row = list[object]
#: (rule, count, applies to row?, mutate row in place or return an extra row to insert after it)
Plan = tuple[str, int, Callable[[Row], bool], Callable[[Row], Row | None]]
WARNING_RULES = ("hushallsmanad_dubblett", "enhet_saknar_platser")


def _bad_check(nr: str) -> str:
    return nr[:-1] + str((int(nr[-1]) + 1) % 10)


def _bad_date(nr: str, month_at: int) -> str:
    return nr[:month_at] + "13" + nr[month_at + 2 :]


def _bad_format(nr: str) -> str:
    return nr[:-1]


def _set(i: int, value: object) -> Callable[[Row], None]:
    def mutate(row: Row) -> None:
        row[i] = value

    return mutate


def _copy(change: Callable[[Row], None] | None = None) -> Callable[[Row], Row]:
    def extra(row: Row) -> Row:
        new = list(row)
        if change is not None:
            change(new)
        return new

    return extra


def _filled(i: int) -> Callable[[Row], bool]:
    return lambda row: row[i] not in ("", None)


def _any(row: Row) -> bool:
    return True


class Defects:
    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.rejected: dict[str, dict[str, int]] = {}
        self.warnings: dict[str, dict[str, int]] = {}
        self.file_table = "befolkning"
        self.missing_column = "Antal"

    # ---- plans per table ---------------------------------------------------------------------------
    def _plans(self, table: str, rows: list[Row]) -> list[Plan]:
        first_sokande = str(rows[0][2]) if table == "bistand_manad" else ""
        plans: dict[str, list[Plan]] = {
            "bistand_manad": [
                ("personnummer_format", 3, _any, lambda r: _set(2, _bad_format(str(r[2])))(r)),
                ("personnummer_datum", 2, _any, lambda r: _set(2, _bad_date(str(r[2]), 4))(r)),
                ("personnummer_kontrollsiffra", 2, _any, lambda r: _set(2, _bad_check(str(r[2])))(r)),
                ("personnummer_kontrollsiffra", 2, _filled(3), lambda r: _set(3, _bad_check(str(r[3])))(r)),
                ("datum", 2, _any, lambda r: _set(1, str(r[1])[:5] + "13")(r)),
                ("tal", 2, _any, _set(5, "0,00")),
                ("tal", 1, _any, lambda r: _set(5, "-" + str(r[5]))(r)),
                ("tal", 1, _any, _set(4, "två")),
                ("kodlista", 2, _filled(6), _set(6, "2")),
                ("obligatoriskt_varde", 3, _any, _set(5, "")),
                ("hushallsmanad_konflikt", 2, lambda r: r[2] != first_sokande, _copy(_set(2, first_sokande))),
                ("hushallsmanad_dubblett", 5, _any, _copy(_set(5, "850,00"))),
            ],
            "insatser": [
                ("personnummer_kontrollsiffra", 2, _any, lambda r: _set(1, _bad_check(str(r[1])))(r)),
                (
                    "datumordning",
                    3,
                    _filled(7),
                    lambda r: _set(7, "2018-12-31" if str(r[6]) > "2019" else "2016-01-01")(r),
                ),
                ("kodlista", 2, _filled(8), _set(8, "arbete")),
                ("obligatoriskt_varde", 2, _filled(7), _set(8, "")),
                ("datum", 2, _any, _set(6, "2022-06-31")),
                ("dubblett_id", 3, _any, _copy()),
                ("enhet_saknar_platser", 4, _any, _set(3, "Jobbtorg Centrum")),
            ],
            "ansokningar": [
                ("datumordning", 3, _filled(3), lambda r: _set(3, "20000101")(r)),
                ("kodlista", 2, _any, _set(5, "Telefon")),
                ("obligatoriskt_varde", 2, _filled(3), _set(4, "")),
                ("dubblett_id", 2, _any, _copy()),
                ("datum", 1, _any, _set(2, "20200230")),
            ],
            "personer": [
                ("personnummer_datum", 1, _any, lambda r: _set(0, _bad_date(str(r[0]), 2))(r)),
                ("kodlista", 2, _any, _set(2, "8")),
                ("dubblett_id", 2, _any, _copy()),
                ("datum", 1, _filled(4), _set(4, "85")),
            ],
            "eb_avslut": [
                ("kodlista", 1, _any, _set(2, "Arbetslös")),
                ("dubblett_id", 1, _any, _copy(_set(2, "Övrigt"))),
            ],
            "sol_beslut": [
                ("datum", 1, _any, _set(2, "2023-02-30")),
                ("obligatoriskt_varde", 1, _any, _set(3, None)),
                ("dubblett_id", 1, _any, _copy()),
                ("personnummer_format", 1, _any, lambda r: _set(1, _bad_format(str(r[1])))(r)),
            ],
            "platser": [
                ("dubblett_id", 1, _any, _copy()),
                ("datumordning", 1, _filled(2), _copy(lambda r: _swap_dates(r))),
                ("tal", 1, _any, _copy(lambda r: _shift_and(r, 3, 0))),
            ],
            "ekonomi": [
                ("tal", 1, _any, _set(2, "ca 2 mnkr")),
                ("dubblett_id", 1, _any, _copy()),
            ],
        }
        return plans.get(table, [])

    def _plant(self, table: str, rows: list[Row]) -> None:
        plans = self._plans(table, rows)
        if not plans:
            return
        taken: set[int] = set()
        inserts: dict[int, list[Row]] = {}
        order = self.rng.permutation(len(rows))
        pos = 0
        for rule, count, applies, mutate in plans:
            done = 0
            while done < count:
                if pos >= len(order):
                    raise UppfoljError(
                        f"För få rader i {table} för att plantera felet {rule} (--smutsig). "
                        f"Ange fler hushåll med --hushall eller en längre period."
                    )
                i = int(order[pos])
                pos += 1
                if i in taken or not applies(rows[i]):
                    continue
                taken.add(i)
                extra = mutate(rows[i])
                if extra is not None:
                    inserts.setdefault(i, []).append(extra)
                done += 1
            target = self.warnings if rule in WARNING_RULES else self.rejected
            target.setdefault(table, {})
            target[table][rule] = target[table].get(rule, 0) + count
        if inserts:
            out: list[Row] = []
            for i, row in enumerate(rows):
                out.append(row)
                out.extend(inserts.get(i, []))
            rows[:] = out

    def plant_streamed(self, tables: dict[str, list[Row]]) -> None:
        for name in sorted(tables):
            self._plant(name, tables[name])

    def plant_end(self, tables: dict[str, list[Row]]) -> None:
        for name in ("platser", "ekonomi"):
            self._plant(name, tables[name])

    def broken_format(self, fmt: FileFormat) -> FileFormat:
        """The befolkning file written without its `Antal` column."""
        headers = tuple(h for h in fmt.headers if h != self.missing_column)
        return dataclasses.replace(fmt, headers=headers)

    def drop_column(self, fmt: FileFormat, rows: list[Row]) -> list[Row]:
        index = fmt.headers.index(self.missing_column)
        return [[v for j, v in enumerate(row) if j != index] for row in rows]

    def expected(self) -> dict[str, object]:
        return {
            "avvisade": self.rejected,
            "varningar": self.warnings,
            "avvisade_filer": {"befolkning.csv": "obligatorisk_kolumn"},
        }


def _swap_dates(row: Row) -> None:
    """An extra place row whose till_datum lies before its fran_datum (a new fran_datum, so no duplicate key)."""
    import datetime as dt

    fran = row[1]
    assert isinstance(fran, dt.date)
    row[1] = fran + dt.timedelta(days=400)
    row[2] = fran + dt.timedelta(days=100)


def _shift_and(row: Row, col: int, value: object) -> None:
    import datetime as dt

    fran = row[1]
    assert isinstance(fran, dt.date)
    row[1] = fran + dt.timedelta(days=200)
    row[col] = value
