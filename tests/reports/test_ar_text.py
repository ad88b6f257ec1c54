"""The yearly report's drafted sentences for every sign, and the phrases they are built from, against
texts written by hand."""

from __future__ import annotations

from uppfolj.outputs.model import Column, Figure, Table
from uppfolj.outputs.wording import change_text, count_text, join, value_text
from uppfolj.reports.ar_text import ekonomi_text, volume_text

NB = "\u00a0"


def test_change_for_every_sign_and_unit() -> None:
    assert change_text(33.6, 34.1, "%", 1, "2023") == "en minskning med 0,5 procentenheter jämfört med 2023"
    assert change_text(41.0, 40.0, "%", 1, "2023") == "en ökning med 1,0 procentenhet jämfört med 2023"
    assert change_text(12.0, 12.04, "dagar", 0, "2023") == "oförändrat jämfört med 2023"
    assert change_text(13.0, 12.0, "dagar", 0, "2023") == "en ökning med 1 dag jämfört med 2023"
    assert change_text(2394, 2365, "kr", 0, "2023") == "en ökning med 29 kr jämfört med 2023"
    assert value_text(1602, "antal", 0) == f"1{NB}602"
    assert value_text(1, "dagar", 0) == "1 dag"
    assert (
        count_text(1, "person", "personer") == "1 person"
        and count_text(2, "person", "personer") == "2 personer"
    )
    assert join(["a"]) == "a" and join(["a", "b", "c"]) == "a, b och c"


def _ekonomi(rows: list[list[object]]) -> Table:
    columns = [Column("Verksamhet")] + [
        Column(t, "tkr") for t in ("Budget", "Utfall", "Avvikelse", "Utfall 2023")
    ]
    return Table("Ekonomi", columns, [[r[0], *(Figure(v) for v in r[1:])] for r in rows])


def test_ekonomi_deficit_explained_by_the_largest_deviations() -> None:
    table = _ekonomi(
        [
            ["Arbetsmarknadsåtgärder", 101_853, 102_734, -881, 100_844],
            ["Ekonomiskt bistånd", 378_815, 383_013, -4_198, 375_064],
            ["Nämnd- och styrelseverksamhet", 3_120, 3_057, 63, 3_036],
            ["Totalt", 483_788, 488_804, -5_016, 478_944],
        ]
    )
    # 488 804 − 478 944 = 9 860 tkr more than 2023 = 2,06 % of 478 944
    assert ekonomi_text(table, 2024).text == (
        f"Nämndens nettokostnader för 2024 uppgick till 488,8{NB}mnkr mot en budget på 483,8{NB}mnkr, vilket "
        f"innebär ett underskott på 5,0{NB}mnkr. Avvikelsen förklaras av Ekonomiskt bistånd (−4,2{NB}mnkr) och "
        f"Arbetsmarknadsåtgärder (−0,9{NB}mnkr). Nämnd- och styrelseverksamhet redovisar ett överskott på "
        f"0,1{NB}mnkr. Jämfört med 2023 har nettokostnaderna ökat med 9,9{NB}mnkr (2,1{NB}%)."
    )


def test_ekonomi_surplus_and_lower_cost() -> None:
    table = _ekonomi(
        [["Ekonomiskt bistånd", 100_000, 90_000, 10_000, 95_000], ["Totalt", 100_000, 90_000, 10_000, 95_000]]
    )
    assert ekonomi_text(table, 2024).text == (
        f"Nämndens nettokostnader för 2024 uppgick till 90,0{NB}mnkr mot en budget på 100,0{NB}mnkr, vilket "
        f"innebär ett överskott på 10,0{NB}mnkr. Avvikelsen förklaras av Ekonomiskt bistånd (10,0{NB}mnkr). "
        f"Jämfört med 2023 har nettokostnaderna minskat med 5,0{NB}mnkr (5,3{NB}%)."
    )


def test_volumes_against_budget_and_last_year() -> None:
    columns = [
        Column("Volymmått"),
        Column("2023", "count"),
        Column("2024", "count"),
        Column("Budget 2024", "count"),
    ]
    table = Table(
        "Volymmått",
        columns,
        [
            ["Biståndshushåll", Figure(4738), Figure(4758), Figure(4640)],
            ["Deltagare i snitt", Figure(481), Figure(473), Figure(500)],
            ["Nya deltagare", Figure(1035), Figure(974), ""],
        ],
    )
    names = {
        "Biståndshushåll": "eb_hushall",
        "Deltagare i snitt": "am_deltagare_snitt",
        "Nya deltagare": "am_nya_deltagare",
    }
    text = volume_text(table, 2024, {"eb_hushall": 4640, "am_deltagare_snitt": 500}, names).text
    assert text == (
        f"Under 2024 var antalet biståndshushåll 4{NB}758, vilket är 118 fler än budgeterat (4{NB}640) och 20 "
        f"fler än 2023. Under 2024 var antalet deltagare i snitt 473, vilket är 27 färre än budgeterat (500) "
        f"och 8 färre än 2023."
    )


def test_budgeted_volumes_are_checked() -> None:
    import pytest

    from uppfolj.errors import UppfoljError
    from uppfolj.reports.ar.make import planned_volumes
    from uppfolj.workspace import Config

    config = Config(ovrigt={"volymer": {"eb_hushall": {2024: 4640, 2025: 4550}}})
    assert planned_volumes(config, 2024) == {"eb_hushall": 4640.0}
    assert planned_volumes(config, 2023) == {}
    with pytest.raises(UppfoljError, match="'eb_hushal' i uppfolj.yaml är inget volymmått"):
        planned_volumes(Config(ovrigt={"volymer": {"eb_hushal": {2024: 1}}}), 2024)
    with pytest.raises(UppfoljError, match="eb_hushall 2024 i uppfolj.yaml är 'många', inget tal"):
        planned_volumes(Config(ovrigt={"volymer": {"eb_hushall": {2024: "många"}}}), 2024)
