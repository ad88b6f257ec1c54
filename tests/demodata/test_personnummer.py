"""Every personnummer written is valid (real date, Luhn), some are samordningsnummer, none is shared."""

from __future__ import annotations

from pathlib import Path

from tests.demodata.readers import luhn_ok, pnr_status, read_rows
from uppfolj.demodata.pnr import PnrFactory, luhn_digit


def test_independent_luhn_on_published_example() -> None:
    # Skatteverket's example 811218-9876: weights 2,1,2,1,… over 811218987 give
    # 16→1+6, 1, 2, 2, 2, 8, 18→1+8, 8, 14→1+4 = 7+1+2+2+2+8+9+8+5 = 44 → check digit 6.
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")
    assert luhn_digit("811218987") == 6


def _all_numbers(folder: Path) -> list[str]:
    numbers: list[str] = []
    _, rows = read_rows(folder, "bistand_manad.csv")
    numbers += [str(r[2]) for r in rows] + [str(r[3]) for r in rows if r[3]]
    _, rows = read_rows(folder, "insatser.csv")
    numbers += [str(r[1]) for r in rows]
    _, rows = read_rows(folder, "personer.csv")
    numbers += [str(r[0]) for r in rows]
    _, rows = read_rows(folder, "sol_beslut.xlsx")
    numbers += [str(r[1]) for r in rows]
    return numbers


def test_every_number_is_valid(clean_dir: Path) -> None:
    numbers = _all_numbers(clean_dir)
    assert len(numbers) > 50_000
    bad = [n for n in numbers if pnr_status(n) != "ok"]
    assert bad == []


def test_some_samordningsnummer(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "personer.csv")
    days = [int(str(r[0])[4:6]) for r in rows]
    samordning = sum(d > 60 for d in days)
    # 2.5 % of the ~55 % born abroad: about 1–2 % of the persons
    assert 0.003 * len(rows) < samordning < 0.03 * len(rows)


def test_persons_are_unique_and_sex_digit_matches(clean_dir: Path) -> None:
    _, rows = read_rows(clean_dir, "personer.csv")
    numbers = [str(r[0]) for r in rows]
    assert len(set(numbers)) == len(numbers)
    for r in rows:
        if r[1]:
            # ninth digit: odd = man, even = woman
            assert r[1] == ("M" if int(str(r[0])[-2]) % 2 else "K")


def test_factory_never_repeats() -> None:
    import datetime as dt

    factory = PnrFactory()
    made = {factory.make(dt.date(1990, 2, 28), "K") for _ in range(500)}
    assert len(made) == 500
    assert all(pnr_status(n) == "ok" for n in made)
    assert all(int(n[-2]) % 2 == 0 for n in made)
