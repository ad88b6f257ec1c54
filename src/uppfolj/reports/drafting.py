"""Drafted analysis text: Swedish committee sentences worked out from the figures, deterministically.

Every function here is pure: figures in (kronor and counts; `None` where a figure is missing or hidden),
Swedish text out, the same text for the same figures. Amounts are said in mnkr with one decimal
(`uppfolj.fmt`); an amount that rounds to 0,0 mnkr is said as none (no deviation, unchanged forecast).
A deviation is budget − utfall, as in the reports' tables: positive is an överskott (under budget).

Ekonomiskt bistånd's deviation is split into a volume part and a price part (docs/rapporter.md):

    B  = budget for the period,               U  = utfall for the period
    Hb = budgeted household-months,           Ha = household-months with a payment
    cb = B / Hb  (budgeted cost per household and month),   ca = U / Ha (actual cost)
    volume = (Hb − Ha) × cb        price = (cb − ca) × Ha        volume + price = B − U

The parts add up to the deviation exactly (price is computed as the deviation minus the volume part, which
is the same quantity algebraically); in the text the price part is the shown deviation minus the shown
volume part, so the figures the reader sees add up too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from uppfolj import fmt

MNKR = 1_000_000.0


def _mnkr_value(kr: float) -> float:
    """The amount in mnkr as shown: one decimal, rounded half away from zero as `fmt.number` does."""
    return float(Decimal(str(kr / MNKR)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) + 0.0


def _say_mnkr(value_mnkr: float) -> str:
    return fmt.number(abs(value_mnkr), 1) + fmt.NBSP + "mnkr"


def is_zero(kr: float) -> bool:
    """True when the amount rounds to 0,0 mnkr."""
    return _mnkr_value(kr) == 0.0


def signed_mnkr(kr: float) -> str:
    """`16_100_000` → `+16,1 mnkr`, `-3_700_000` → `−3,7 mnkr`, anything rounding to zero → `0,0 mnkr`."""
    shown = _mnkr_value(kr)
    sign = "+" if shown > 0 else "−" if shown < 0 else ""
    return sign + _say_mnkr(shown)


def result_phrase(deviation_kr: float) -> str:
    """`ett överskott om 16,1 mnkr`, `ett underskott om 3,7 mnkr` or `en budget i balans`."""
    if is_zero(deviation_kr):
        return "en budget i balans"
    kind = "ett överskott" if deviation_kr > 0 else "ett underskott"
    return f"{kind} om {_say_mnkr(_mnkr_value(deviation_kr))}"


def deviation_phrase(deviation_kr: float) -> str:
    """`en positiv budgetavvikelse om 16,1 mnkr`, `en negativ …` or `ingen budgetavvikelse`."""
    if is_zero(deviation_kr):
        return "ingen budgetavvikelse"
    kind = "en positiv" if deviation_kr > 0 else "en negativ"
    return f"{kind} budgetavvikelse om {_say_mnkr(_mnkr_value(deviation_kr))}"


def count_versus(actual: float, other: float, than: str = "budgeterat") -> str:
    """`89 färre än budgeterat`, `12 fler än i augusti 2024` or `lika många som budgeterat` (whole numbers)."""
    gap = round(actual) - round(other)
    if gap == 0:
        return f"lika många som {than}"
    return f"{fmt.number(abs(gap))} {'fler' if gap > 0 else 'färre'} än {than}"


def households_month_paragraph(
    month_text: str,
    households: float | None,
    earlier: list[tuple[str, float | None]],
) -> str:
    """The opening of the key figures: households with a payment in the month against earlier months
    (`earlier`: (`i augusti 2024`, count) pairs; a missing count is left out)."""
    if households is None:
        return f"Antalet hushåll med utbetalning av ekonomiskt bistånd i {month_text} kan inte redovisas."
    comparisons = [count_versus(households, n, than) for than, n in earlier if n is not None]
    text = f"I {month_text} fick {fmt.number(households)} hushåll utbetalning av ekonomiskt bistånd"
    if comparisons:
        text += ", " + " och ".join(comparisons)
    return text + "."


def count_change(now: float, before: float) -> str:
    """`har minskat med 79 (4,6 %)`, `har ökat med 12 (0,7 %)` or `är oförändrat` (whole numbers)."""
    gap = round(now) - round(before)
    if gap == 0:
        return "är oförändrat"
    share = f" ({fmt.percent(abs(gap) / round(before) * 100)})" if round(before) > 0 else ""
    return f"har {'ökat' if gap > 0 else 'minskat'} med {fmt.number(abs(gap))}{share}"


def amount_versus(now_kr: float, before_kr: float, what: str) -> str:
    """`3,4 mnkr högre än samma period föregående år (120,0 mnkr)`, `… lägre …` or `i nivå med …`."""
    gap = _mnkr_value(now_kr) - _mnkr_value(before_kr)
    before = _say_mnkr(_mnkr_value(before_kr))
    if round(gap, 1) == 0:
        return f"i nivå med {what} ({before})"
    return f"{_say_mnkr(gap)} {'högre' if gap > 0 else 'lägre'} än {what} ({before})"


@dataclass(frozen=True)
class VolumePrice:
    """Ekonomiskt bistånd's deviation for a period split into volume and price (module docstring)."""

    budget: float
    outcome: float
    budget_household_months: float
    household_months: float
    months: int

    @classmethod
    def of(
        cls,
        budget: float | None,
        outcome: float | None,
        budget_household_months: float | None,
        household_months: float | None,
        months: int,
    ) -> VolumePrice | None:
        """The split, or None when a figure is missing or the household counts are not positive."""
        if budget is None or outcome is None or not budget_household_months or not household_months:
            return None
        if budget_household_months <= 0 or household_months <= 0 or months <= 0:
            return None
        return cls(budget, outcome, budget_household_months, household_months, months)

    @property
    def deviation(self) -> float:
        return self.budget - self.outcome

    @property
    def budget_cost(self) -> float:
        """cb: budgeted cost per household and month."""
        return self.budget / self.budget_household_months

    @property
    def cost(self) -> float:
        """ca: actual cost per household and month."""
        return self.outcome / self.household_months

    @property
    def volume(self) -> float:
        return (self.budget_household_months - self.household_months) * self.budget_cost

    @property
    def price(self) -> float:
        """(cb − ca) × Ha, computed as the deviation minus the volume part so the two add up exactly."""
        return self.deviation - self.volume

    @property
    def households(self) -> float:
        return self.household_months / self.months

    @property
    def budget_households(self) -> float:
        return self.budget_household_months / self.months

    def volume_phrase(self, *, who: str = "hushåll") -> str:
        """`färre hushåll än budgeterat (i snitt 1 621 mot budgeterade 1 710)`."""
        actual, planned = round(self.households), round(self.budget_households)
        figures = f"i snitt {fmt.number(actual)} mot budgeterade {fmt.number(planned)}"
        if actual == planned:
            return f"lika många {who} som budgeterat ({figures})"
        return f"{'fler' if actual > planned else 'färre'} {who} än budgeterat ({figures})"

    def price_phrase(self, *, who: str = "hushåll") -> str:
        """`lägre kostnad per hushåll än budgeterat (i snitt 9 870 kr mot budgeterade 10 000 kr per månad)`."""
        actual, planned = round(self.cost), round(self.budget_cost)
        figures = f"i snitt {fmt.number(actual)} kr mot budgeterade {fmt.number(planned)} kr per månad"
        if actual == planned:
            return f"samma kostnad per {who} som budgeterat ({figures})"
        return f"{'högre' if actual > planned else 'lägre'} kostnad per {who} än budgeterat ({figures})"

    def shown_parts(self) -> tuple[float, float]:
        """(volume, price) in mnkr as the text shows them: the price is the shown deviation minus the
        shown volume, so the shown parts add up to the shown deviation."""
        volume = _mnkr_value(self.volume)
        return volume, round(_mnkr_value(self.deviation) - volume, 1)

    def driver(self, *, who: str = "hushåll") -> str:
        """What drives the deviation: the volume or the price phrase, whichever part is larger."""
        volume, price = self.shown_parts()
        return self.volume_phrase(who=who) if abs(volume) >= abs(price) else self.price_phrase(who=who)


def _signed(value_mnkr: float) -> str:
    return ("+" if value_mnkr > 0 else "−" if value_mnkr < 0 else "") + _say_mnkr(value_mnkr)


def split_sentences(vp: VolumePrice) -> str:
    """The volume and price parts, and which drives the deviation."""
    volume, price = vp.shown_parts()
    text = (
        f"Volymen, {vp.volume_phrase()}, bidrar med {_signed(volume)} och priset, {vp.price_phrase()}, "
        f"med {_signed(price)}."
    )
    if is_zero(vp.deviation):
        return text
    if abs(volume) == abs(price):
        return text + " Volym och pris bidrar lika mycket till avvikelsen."
    main = "antalet hushåll (volymen)" if abs(volume) > abs(price) else "kostnaden per hushåll (priset)"
    return text + f" Avvikelsen beror därmed främst på {main}."


@dataclass(frozen=True)
class Households:
    """Households with a payment per month on average for the period, against budget and last year."""

    average: float | None
    budget_average: float | None
    previous_year: float | None


def bistand_paragraph(
    month_name: str, households: Households, deviation: float | None, split: VolumePrice | None
) -> str:
    """The opening of the ekonomiskt bistånd section: households against budget and last year, the
    period's deviation and its volume and price parts. `month_name`: `september`."""
    out: list[str] = []
    avg, planned, before = households.average, households.budget_average, households.previous_year
    if avg is None:
        out.append("Antalet hushåll med ekonomiskt bistånd kan inte redovisas för perioden.")
    elif planned is None:
        out.append(
            f"Per {month_name} var antalet hushåll med ekonomiskt bistånd i snitt {fmt.number(avg)}. "
            "Budgeterat antal hushåll är inte angivet."
        )
    else:
        out.append(
            f"Per {month_name} var antalet hushåll med ekonomiskt bistånd i snitt {fmt.number(avg)} "
            f"jämfört med budgeterade {fmt.number(planned)}, {count_versus(avg, planned)}."
        )
    if avg is not None and before is not None:
        out.append(
            f"Samma period föregående år var antalet i snitt {fmt.number(before)}, så antalet hushåll "
            f"{count_change(avg, before)}."
        )
    if deviation is None:
        out.append("Budget eller utfall för ekonomiskt bistånd saknas för perioden.")
        return " ".join(out)
    out.append(f"Ekonomiskt bistånd har {deviation_phrase(deviation)} för perioden.")
    if split is not None:
        out.append(split_sentences(split))
    elif planned is None:
        out.append("Avvikelsen kan inte delas upp i volym och pris utan budgeterat antal hushåll.")
    return " ".join(out)


@dataclass(frozen=True)
class Economy:
    """The committee's figures for a month's opening paragraph (kronor; None where missing)."""

    #: `januari–september 2024`
    period_text: str
    budget: float | None
    outcome: float | None
    outcome_previous_year: float | None
    budget_year: float | None
    forecast: float | None
    #: the full-year forecast made the month before (None in January: that forecast was for last year)
    forecast_previous: float | None
    first_month: bool
    #: deviation per verksamhet for the period (budget − utfall)
    deviations: dict[str, float]
    #: the verksamhet whose deviation the volume/price split explains, and the split
    split_of: str = ""
    split: VolumePrice | None = None


def driver_of(economy: Economy) -> str:
    """What mainly drives the period's deviation: the verksamhet with the largest deviation in the same
    direction, said through its volume or price part when that is the split verksamhet."""
    total = (economy.budget or 0.0) - (economy.outcome or 0.0)
    same = {k: v for k, v in economy.deviations.items() if v * total > 0 and not is_zero(v)}
    if not same:
        return ""
    name = max(same, key=lambda k: (abs(same[k]), k))
    if name == economy.split_of and economy.split is not None:
        return economy.split.driver(who="hushåll med ekonomiskt bistånd")
    return f"avvikelsen inom {name} ({signed_mnkr(same[name])})"


def economy_paragraph(economy: Economy) -> str:
    """The opening of a månadsrapport: the period's result against budget and last year, the full-year
    forecast and its change since the previous month."""
    e = economy
    out: list[str] = []
    if e.budget is None or e.outcome is None:
        out.append("Budget eller utfall för perioden saknas, så budgetavvikelsen kan inte beräknas.")
    else:
        deviation = e.budget - e.outcome
        out.append(
            f"Nämndens utfall för {e.period_text} är {fmt.mnkr(e.outcome)} mot en budget för perioden om "
            f"{fmt.mnkr(e.budget)}."
        )
        driver = "" if is_zero(deviation) else driver_of(e)
        out.append(
            f"Det är {deviation_phrase(deviation)}" + (f", främst till följd av {driver}." if driver else ".")
        )
        if e.outcome_previous_year is not None:
            out.append(
                f"Utfallet är {amount_versus(e.outcome, e.outcome_previous_year, 'samma period föregående år')}."
            )
    if e.budget_year is None or e.forecast is None:
        out.append("En helårsprognos kan inte anges för månaden.")
        return " ".join(out)
    out.append(
        f"Prognosen för helåret är {fmt.mnkr(e.forecast)} mot en årsbudget om {fmt.mnkr(e.budget_year)} "
        f"och visar {result_phrase(e.budget_year - e.forecast)}."
    )
    if e.first_month:
        out.append("Det är årets första prognos.")
    elif e.forecast_previous is None:
        out.append("Föregående månads prognos saknas, så förändringen sedan dess kan inte anges.")
    else:
        out.append(forecast_change(e.forecast_previous - e.forecast))
    return " ".join(out)


def forecast_change(improvement_kr: float) -> str:
    """The change of the forecast deviation since the previous month (positive = better result)."""
    if is_zero(improvement_kr):
        return "Prognosen är oförändrad jämfört med föregående månad."
    verb = "förbättrats" if improvement_kr > 0 else "försämrats"
    return f"Prognosen har {verb} med {_say_mnkr(_mnkr_value(improvement_kr))} sedan föregående månad."


def _count(value: float | None, hidden_text: str) -> str:
    return hidden_text if value is None else fmt.number(value)


def measures_paragraph(
    month_text: str,
    participants: float | None,
    exits_month: float | None,
    exits_year: float | None,
    share_work_studies: float | None,
) -> str:
    """The opening of the labour-market section: participants on the month's last day, insatser ended in
    the month and so far this year, and the share of them that ended in work or studies (percent 0–100).
    `month_text`: `september 2024`. A figure that is missing or hidden is said as such, never guessed."""
    out = []
    if participants is None:
        out.append(f"Antalet inskrivna deltagare den sista dagen i {month_text} kan inte redovisas.")
    else:
        enrolled = "inskriven" if participants == 1 else "inskrivna"
        out.append(
            f"Den sista dagen i {month_text} var {fmt.number(participants)} deltagare {enrolled} i "
            "arbetsmarknadsinsatser."
        )
    if exits_month is None and exits_year is None:
        out.append("Antalet avslutade insatser kan inte redovisas.")
    else:
        month_part = _count(exits_month, "ett antal som inte kan redovisas")
        year_part = _count(exits_year, "ett antal som inte kan redovisas")
        noun = "insats" if exits_month == 1 else "insatser"
        out.append(f"Under månaden avslutades {month_part} {noun} och hittills i år {year_part}.")
    if share_work_studies is not None and exits_month:
        out.append(
            f"Av insatserna som avslutades under månaden ledde {fmt.percent(share_work_studies)} till "
            "arbete eller studier."
        )
    return " ".join(out)
