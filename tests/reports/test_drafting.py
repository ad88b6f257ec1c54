"""The drafted Swedish sentences for every sign, for zero and for missing figures."""

from __future__ import annotations

import pytest

from uppfolj.reports.drafting import (
    Economy,
    Households,
    VolumePrice,
    bistand_paragraph,
    count_change,
    count_versus,
    deviation_phrase,
    economy_paragraph,
    forecast_change,
    result_phrase,
    signed_mnkr,
)

NB = "\u00a0"


@pytest.mark.parametrize(
    ("kr", "result", "deviation", "signed"),
    [
        (
            16_100_000,
            f"ett överskott om 16,1{NB}mnkr",
            f"en positiv budgetavvikelse om 16,1{NB}mnkr",
            "+16,1",
        ),
        (-3_700_000, f"ett underskott om 3,7{NB}mnkr", f"en negativ budgetavvikelse om 3,7{NB}mnkr", "−3,7"),
        (0, "en budget i balans", "ingen budgetavvikelse", "0,0"),
        # rounds to 0,0 mnkr: said as zero, never "ett underskott om 0,0 mnkr"
        (-49_999, "en budget i balans", "ingen budgetavvikelse", "0,0"),
        # 50 000 kr rounds half away from zero to 0,1
        (50_000, f"ett överskott om 0,1{NB}mnkr", f"en positiv budgetavvikelse om 0,1{NB}mnkr", "+0,1"),
    ],
)
def test_surplus_deficit_zero(kr: float, result: str, deviation: str, signed: str) -> None:
    assert result_phrase(kr) == result
    assert deviation_phrase(kr) == deviation
    assert signed_mnkr(kr) == f"{signed}{NB}mnkr"


def test_counts_and_changes() -> None:
    assert count_versus(1621, 1710) == "89 färre än budgeterat"
    assert count_versus(1722.4, 1710) == "12 fler än budgeterat"
    assert count_versus(1710.2, 1710) == "lika många som budgeterat"
    # 1 621 against 1 700: 79 fewer, 79 / 1 700 = 4,647 % → 4,6 %
    assert count_change(1621, 1700) == f"har minskat med 79 (4,6{NB}%)"
    assert count_change(1700, 1621) == f"har ökat med 79 (4,9{NB}%)"
    assert count_change(1700, 1700) == "är oförändrat"
    assert count_change(5, 0) == "har ökat med 5"
    assert forecast_change(1_200_000) == f"Prognosen har förbättrats med 1,2{NB}mnkr sedan föregående månad."
    assert forecast_change(-400_000) == f"Prognosen har försämrats med 0,4{NB}mnkr sedan föregående månad."
    assert forecast_change(20_000) == "Prognosen är oförändrad jämfört med föregående månad."


def test_volume_and_price_add_up_exactly() -> None:
    # B 16 000 000, Hb 1 600 household-months (cb 10 000); U 17 100 000 over Ha 1 800 (ca 9 500)
    # volume (1 600 − 1 800) × 10 000 = −2 000 000; price (10 000 − 9 500) × 1 800 = +900 000; sum −1 100 000
    vp = VolumePrice.of(16_000_000, 17_100_000, 1_600, 1_800, 1)
    assert vp is not None
    assert vp.volume == pytest.approx(-2_000_000)
    assert vp.price == pytest.approx(900_000)
    assert vp.volume + vp.price == vp.deviation == -1_100_000
    assert vp.shown_parts() == (-2.0, 0.9)
    # shown parts always add up to the shown deviation: 0,04 + 0,04 would show 0,0 + 0,0 against 0,1
    tiny = VolumePrice.of(1_000_000, 920_000, 100, 96, 1)
    assert tiny is not None and tiny.shown_parts()[0] + tiny.shown_parts()[1] == pytest.approx(0.1)
    assert VolumePrice.of(1_000_000, 900_000, None, 96, 1) is None
    assert VolumePrice.of(1_000_000, 900_000, 100, 0, 1) is None


def test_deficit_paragraph_driven_by_price() -> None:
    # more households than budgeted but the cost per household drives the deficit:
    # B 12 000 000 over Hb 1 200 (cb 10 000); U 13 400 000 over Ha 1 220 (ca 10 983,6)
    # volume (1 200 − 1 220) × 10 000 = −200 000 → −0,2; deviation −1 400 000 → −1,4; price shown −1,2
    vp = VolumePrice.of(12_000_000, 13_400_000, 1_200, 1_220, 12)
    text = bistand_paragraph("december", Households(101.7, 100, 101.7), -1_400_000, vp)
    assert text == (
        "Per december var antalet hushåll med ekonomiskt bistånd i snitt 102 jämfört med budgeterade 100, "
        "2 fler än budgeterat. Samma period föregående år var antalet i snitt 102, så antalet hushåll är "
        f"oförändrat. Ekonomiskt bistånd har en negativ budgetavvikelse om 1,4{NB}mnkr för perioden. "
        "Volymen, fler hushåll än budgeterat (i snitt 102 mot budgeterade 100), bidrar med "
        f"−0,2{NB}mnkr och priset, högre kostnad per hushåll än budgeterat (i snitt 10{NB}984 kr mot "
        f"budgeterade 10{NB}000 kr per månad), med −1,2{NB}mnkr. Avvikelsen beror därmed främst på "
        "kostnaden per hushåll (priset)."
    )


def test_paragraphs_with_missing_figures() -> None:
    text = bistand_paragraph("maj", Households(80, None, None), 100_000, None)
    assert text == (
        "Per maj var antalet hushåll med ekonomiskt bistånd i snitt 80. Budgeterat antal hushåll är inte "
        f"angivet. Ekonomiskt bistånd har en positiv budgetavvikelse om 0,1{NB}mnkr för perioden. Avvikelsen "
        "kan inte delas upp i volym och pris utan budgeterat antal hushåll."
    )
    assert bistand_paragraph("maj", Households(None, None, None), None, None) == (
        "Antalet hushåll med ekonomiskt bistånd kan inte redovisas för perioden. Budget eller utfall för "
        "ekonomiskt bistånd saknas för perioden."
    )
    economy = Economy("januari 2024", None, None, None, None, None, None, True, {})
    assert economy_paragraph(economy) == (
        "Budget eller utfall för perioden saknas, så budgetavvikelsen kan inte beräknas. En helårsprognos "
        "kan inte anges för månaden."
    )


def test_economy_paragraph_deficit_at_zero_and_in_january() -> None:
    # deficit 1,0 mnkr driven by another verksamhet; a forecast in balance; January has no earlier forecast
    economy = Economy(
        "januari 2024",
        budget=10_000_000,
        outcome=11_000_000,
        outcome_previous_year=11_000_000,
        budget_year=120_000_000,
        forecast=120_030_000,
        forecast_previous=None,
        first_month=True,
        deviations={"Ekonomiskt bistånd": 200_000, "Arbetsmarknadsåtgärder": -1_200_000},
    )
    assert economy_paragraph(economy) == (
        f"Nämndens utfall för januari 2024 är 11,0{NB}mnkr mot en budget för perioden om 10,0{NB}mnkr. "
        "Det är en negativ budgetavvikelse om 1,0" + NB + "mnkr, främst till följd av avvikelsen inom "
        f"Arbetsmarknadsåtgärder (−1,2{NB}mnkr). Utfallet är i nivå med samma period föregående år "
        f"(11,0{NB}mnkr). Prognosen för helåret är 120,0{NB}mnkr mot en årsbudget om 120,0{NB}mnkr och "
        "visar en budget i balans. Det är årets första prognos."
    )


def test_measures_paragraph_singular_plural_and_missing() -> None:
    from uppfolj.reports.drafting import measures_paragraph

    assert measures_paragraph("september 2024", 412, 57, 498, 38.62) == (
        "Den sista dagen i september 2024 var 412 deltagare inskrivna i arbetsmarknadsinsatser. Under "
        f"månaden avslutades 57 insatser och hittills i år 498. Av insatserna som avslutades under månaden "
        f"ledde 38,6{NB}% till arbete eller studier."
    )
    assert measures_paragraph("maj 2024", 1, 1, 3, None) == (
        "Den sista dagen i maj 2024 var 1 deltagare inskriven i arbetsmarknadsinsatser. Under månaden "
        "avslutades 1 insats och hittills i år 3."
    )
    # no exits in the month: no share sentence (a share of nothing)
    assert measures_paragraph("maj 2024", None, 0, None, None) == (
        "Antalet inskrivna deltagare den sista dagen i maj 2024 kan inte redovisas. Under månaden "
        "avslutades 0 insatser och hittills i år ett antal som inte kan redovisas."
    )


def test_households_month_paragraph() -> None:
    from uppfolj.reports.drafting import households_month_paragraph

    earlier = [("i augusti 2024", 2553.0), ("i september 2023", 2528.0)]
    assert households_month_paragraph("september 2024", 2548, earlier) == (
        "I september 2024 fick 2"
        + NB
        + "548 hushåll utbetalning av ekonomiskt bistånd, 5 färre än i augusti "
        "2024 och 20 fler än i september 2023."
    )
    assert households_month_paragraph(
        "januari 2024", 80, [("i december 2023", 80.0), ("i januari 2023", None)]
    ) == ("I januari 2024 fick 80 hushåll utbetalning av ekonomiskt bistånd, lika många som i december 2023.")
    assert households_month_paragraph("maj 2024", None, earlier) == (
        "Antalet hushåll med utbetalning av ekonomiskt bistånd i maj 2024 kan inte redovisas."
    )
