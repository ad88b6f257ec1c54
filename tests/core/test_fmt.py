"""Swedish number formats, checked against how committee documents write them."""

from __future__ import annotations

import math

from uppfolj import fmt

NB = "\u00a0"


def test_thousands_are_grouped_with_non_breaking_space() -> None:
    assert fmt.number(1621) == f"1{NB}621"
    assert fmt.number(1234567) == f"1{NB}234{NB}567"
    assert fmt.number(999) == "999"
    assert fmt.number(1621, plain_space=True) == "1 621"


def test_decimals_use_comma_and_round_half_away_from_zero() -> None:
    assert fmt.number(12345.5, 1) == f"12{NB}345,5"
    assert fmt.number(0.25, 1) == "0,3"  # half up, not banker's rounding (0,2)
    assert fmt.number(-2.5) == "−3"
    assert fmt.number(-0.04, 1) == "0,0"  # no negative zero


def test_negative_numbers_use_the_minus_sign() -> None:
    assert fmt.number(-12345) == f"−12{NB}345"


def test_percent_mnkr_and_tkr() -> None:
    assert fmt.percent(4.93) == f"4,9{NB}%"
    # 16 123 456 kr = 16,1 mnkr
    assert fmt.mnkr(16_123_456) == f"16,1{NB}mnkr"
    assert fmt.mnkr(63_300_000, plain_space=True) == "63,3 mnkr"
    # 1 234 567 kr = 1 235 tkr (rounded)
    assert fmt.tkr(1_234_567, plain_space=True) == "1 235 tkr"


def test_missing_is_iu_and_hidden_is_two_dots() -> None:
    assert fmt.number(None) == "I.U."
    assert fmt.number(math.nan) == "I.U."
    assert fmt.percent(None) == "I.U."
    assert fmt.cell(3, hidden=True) == ".."
    assert fmt.cell(0) == "0"  # zero is shown, never confused with hidden
    assert fmt.cell(12.34, unit="%") == f"12,3{NB}%"


def test_swedish_month_names() -> None:
    from uppfolj.outputs.charts import axis_label

    assert fmt.month(2024, 9) == "september 2024"
    assert fmt.month(2024, 1, short=True) == "jan 2024"
    assert fmt.month(2023, 5, short=True) == "maj 2023"
    assert axis_label("2024-03") == "mar 2024"
    assert axis_label("2024") == "2024"  # other labels as they are
