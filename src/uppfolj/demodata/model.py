"""The parameters of the synthetic municipality: one place for every number of the generating process.

`docs/demodata.md` describes the process these numbers drive; `facit.json` repeats the planted effects.
Probabilities are per month unless said otherwise; amounts in kronor.
"""

from __future__ import annotations

from dataclasses import dataclass

#: distinct households over the whole period that give about 2 500 paying households per month for the
#: default period 2019-01..2024-12 (calibrated: see docs/demodata.md)
DEFAULT_HOUSEHOLDS = 14_000
#: inhabitants of the default municipality on 31 December of the last year
DEFAULT_POPULATION = 160_000
#: spell gap G of the indicator catalogue (uppehall_manader); used for nybesök and eb_avslut
GAP = 2
#: months simulated before the first exported month, so the first months hold long-running spells
BURN_IN = 120
#: months simulated after the last exported month (follow-up of the planted effects, undecided applications)
AFTER = 40
#: insatser start at the earliest this many months before the first exported month (earlier insatser)
INSATS_HISTORY = 24
#: households per chunk: generation and writing stream chunk by chunk
CHUNK = 4000

#: Socialstyrelsen hushållstyp: 3/4 ensamstående man utan/med barn, 5/6 kvinna utan/med barn,
#: 7/8 sammanboende utan/med barn, 9 okänd (shares of Socialstyrelsen/SCB 2021, recipients 18–64)
HOUSEHOLD_TYPES = ("3", "4", "5", "6", "7", "8", "9")
HOUSEHOLD_TYPE_P = (0.418, 0.029, 0.246, 0.154, 0.032, 0.115, 0.006)

AGE_BANDS = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74))
AGE_BAND_P = (0.20, 0.28, 0.22, 0.16, 0.12, 0.02)

ORIGINS = ("sverige", "europa", "utanfor_europa", "okand")
ORIGIN_P = (0.45, 0.12, 0.41, 0.02)

SUN = ("1", "2", "3", "4", "5", "6", "7", "US")
#: SUN level by birth-country group (rows follow ORIGINS)
SUN_P = {
    "sverige": (0.03, 0.22, 0.12, 0.45, 0.09, 0.06, 0.0, 0.03),
    "europa": (0.10, 0.17, 0.12, 0.33, 0.10, 0.10, 0.01, 0.07),
    "utanfor_europa": (0.25, 0.15, 0.10, 0.19, 0.08, 0.10, 0.01, 0.12),
    "okand": (0.10, 0.15, 0.10, 0.25, 0.05, 0.05, 0.0, 0.30),
}
#: labels some case systems write instead of the SUN code (accepted by the contract)
SUN_LABEL = {
    "1": "Förgymnasial under 9 år",
    "2": "Förgymnasial 9 (10) år",
    "3": "Gymnasial högst 2 år",
    "4": "Gymnasial 3 år",
    "5": "Eftergymnasial under 3 år",
    "6": "Eftergymnasial 3 år eller längre",
    "7": "Forskarutbildning",
    "US": "Uppgift saknas",
}

#: share of persons born abroad who have a samordningsnummer instead of a personnummer
SAMORDNING_SHARE = 0.025

# ---- ekonomiskt bistånd: exits and returns -------------------------------------------------------------
#: share of households of the long-term type (low exit hazard): gives the long tail of spells
LONG_TERM_SHARE = 0.24
EXIT_LOGIT_SHORT = -0.75
EXIT_LOGIT_LONG = -3.3
#: per log(month in spell): exits get rarer the longer a spell lasts
EXIT_DURATION = -0.30
EXIT_LOW_EDUCATION = -0.35  # SUN 1, 2 or unknown
EXIT_HIGH_EDUCATION = 0.35  # SUN 5–7
EXIT_YOUNG = 0.20  # sökande under 25
EXIT_OLD = -0.50  # sökande 55 or older
EXIT_OUTSIDE_EUROPE = -0.20
EXIT_CHILDREN = -0.15
EXIT_SUMMER = 0.15  # May–August
EXIT_PANDEMIC = -0.25  # 2020-03 .. 2020-12
#: return hazard by months since the last payment (1, 2, 3, …; the last value repeats)
RETURN_HAZARD = (0.14, 0.09, 0.05, 0.04, 0.03, 0.025, 0.02, 0.018, 0.015, 0.012, 0.010)
#: a household out of payment leaves the municipality (and the data) with this monthly probability
MOVE_AWAY = 0.025
#: a household in a spell leaves for good (pension, other benefit, moving, death) with this probability;
#: together with MOVE_AWAY it keeps the number of households stationary
LEAVE_IN_SPELL = 0.015
#: the duration term of the exit logit stops growing after this many months
DURATION_CAP = 36

# ---- payments ------------------------------------------------------------------------------------------
NORM_ADULT = 3_300
NORM_SECOND_ADULT = 2_600
NORM_CHILD = 2_400
RENT_BASE = 5_400
RENT_PER_EXTRA_PERSON = 900
HOUSEHOLD_AMOUNT_SD = 0.25  # lognormal, fixed per household
MONTH_AMOUNT_SD = 0.15  # lognormal, per month
PARTIAL_MONTH = 0.65  # first and last month of a spell
YEARLY_INDEX = 0.025

# ---- referral to insatser (selection on observables) ---------------------------------------------------
REFER_LOGIT = -5.15
REFER_LOW_EDUCATION = 0.55
REFER_MID_EDUCATION = 0.25  # SUN 3
REFER_DURATION = 0.35  # per log(months in spell), capped at 36 months
REFER_EARLIER_INSATS = 0.30
REFER_OUTSIDE_EUROPE = 0.20
REFER_OLD = -0.70  # 60 or older
REFER_MANY_CHILDREN = -0.25  # 3 or more children
#: first month of a new spell (nybesök): activity offered at once; such an insats starts 0–13 days after
#: the decision on the application
REFER_NEW_SPELL = 3.0
#: participants without ekonomiskt bistånd (anvisade by Arbetsförmedlingen etc.), per EB-referred participant
NON_EB_PARTICIPANTS = 0.25


@dataclass(frozen=True)
class InsatsType:
    name: str
    #: relative referral weight before covariate modifiers
    weight: float
    #: median duration in days (lognormal, sd 0.45)
    median_days: int
    #: planted ATT on "no payment in month start+LOCK_MONTH" (lock-in), percentage points
    lock_pp: float
    #: planted ATT on "no payment in month start+12", percentage points
    effect_pp: float


#: insatstyper that are employments: they end on the last day of a month
MONTH_END_TYPES = ("OSA", "Arbetsmarknadsanställning")

#: lock-in outcome month (start + 3) and effect outcome month (start + 12)
LOCK_MONTH = 3
EFFECT_MONTH = 12
#: a job found through an insats lasts at least until start+12, then this many more months (geometric mean)
JOB_EXTRA_MEAN = 6.0

INSATS_TYPES: tuple[InsatsType, ...] = (
    InsatsType("Jobbspår", 1.0, 120, -5.0, 12.0),
    InsatsType("Arbetsträning", 1.0, 180, -6.0, 5.0),
    InsatsType("OSA", 0.25, 330, 20.0, 4.0),
    InsatsType("Praktik", 0.8, 90, -4.0, 6.0),
    InsatsType("Arbetsmarknadsanställning", 0.6, 365, 30.0, 10.0),
    InsatsType("Studiemotiverande kurs", 0.4, 120, -3.0, 8.0),
    InsatsType("Språkpraktik", 0.5, 150, -4.0, 4.0),
    InsatsType("Jobbcoachning", 1.0, 90, 0.0, 3.0),
    InsatsType("Vägledning", 0.6, 45, 0.0, 0.0),
)


@dataclass(frozen=True)
class Unit:
    name: str
    types: tuple[str, ...]
    platstyp: str
    #: full cost per place and year, kronor
    cost_per_place: int
    #: the unit's own case types (ärendetyp); "" = often left blank
    arendetyper: tuple[str, ...]
    #: target occupancy used to size the unit's places
    occupancy: float


UNITS: tuple[Unit, ...] = (
    Unit(
        "Jobbtorget Centrum",
        ("Jobbcoachning", "Vägledning"),
        "intern",
        62_000,
        ("Försörjningsstöd", "Ungdom 18–24", ""),
        0.85,
    ),
    Unit(
        "Jobbtorget Norr",
        ("Jobbcoachning", "Vägledning", "Jobbspår"),
        "intern",
        60_000,
        ("Försörjningsstöd", "Etablering"),
        0.80,
    ),
    Unit("Jobbspår Vård och omsorg", ("Jobbspår",), "intern", 85_000, ("Jobbspår",), 0.90),
    Unit("Jobbspår Lager och logistik", ("Jobbspår",), "extern", 92_000, ("Jobbspår", ""), 0.88),
    Unit("Verkstan", ("Arbetsträning",), "intern", 118_000, ("Arbetsträning", "Rehabilitering"), 0.92),
    Unit(
        "Returen Second hand",
        ("Arbetsträning", "Praktik"),
        "intern",
        105_000,
        ("Arbetsträning", "Praktik"),
        0.95,
    ),
    Unit("Café Mötet", ("Arbetsträning", "Praktik"), "intern", 110_000, ("Arbetsträning",), 0.78),
    Unit("Park och natur", ("Arbetsmarknadsanställning", "OSA"), "intern", 240_000, ("Anställning",), 0.97),
    Unit(
        "Kommunala anställningar",
        ("Arbetsmarknadsanställning",),
        "intern",
        230_000,
        ("Anställning", "Extratjänst"),
        0.93,
    ),
    Unit("Samhall OSA", ("OSA",), "extern", 210_000, ("OSA",), 0.96),
    Unit("Språkcaféet", ("Språkpraktik",), "intern", 48_000, ("Språk", "Etablering"), 0.75),
    Unit(
        "Folkhögskolan Studiemotiverande", ("Studiemotiverande kurs",), "extern", 95_000, ("Studier",), 0.90
    ),
    Unit("Praktikplatser näringsliv", ("Praktik",), "extern", 40_000, ("Praktik", ""), 0.70),
)

#: exit reasons of an insats that did not end in a job through the planted effect
INSATS_EXIT_NO_JOB = (
    ("arbete_utan_stod", 0.11),
    ("arbete_med_stod", 0.05),
    ("studier", 0.08),
    ("annan_insats", 0.17),
    ("af_program", 0.15),
    ("ohalsa", 0.12),
    ("flytt", 0.04),
    ("avbrott", 0.13),
    ("ovrigt", 0.06),
    ("okand", 0.03),
)
#: exit reasons when the household left ekonomiskt bistånd during the insats or the month after it
INSATS_EXIT_LEFT_EB = (
    ("arbete_utan_stod", 0.30),
    ("arbete_med_stod", 0.10),
    ("studier", 0.12),
    ("flytt", 0.08),
    ("annan_insats", 0.07),
    ("ovrigt", 0.10),
    ("okand", 0.05),
)

#: eb_avslut reasons of a spell end not caused by a planted job (the job ones are `arbete`)
EB_EXIT_REASONS = (
    ("arbete", 0.28),
    ("studier", 0.09),
    ("annan_ersattning", 0.21),
    ("flytt", 0.11),
    ("ovrigt", 0.14),
    ("okand", 0.17),
)
#: share of spell ends the case system records in eb_avslut
EB_EXIT_RECORDED = 0.9

# ---- applications --------------------------------------------------------------------------------------
NEW_CASE_WAIT_MEAN = 14.0  # days, gamma with shape 3
CONTINUED_WAIT_MEAN = 4.0
#: e-tjänst share in the first year and its yearly rise (capped at 0.85)
E_SERVICE_START = 0.35
E_SERVICE_RISE = 0.08
REJECTED_BEFORE_SPELL = 0.25  # an avslag on a first application before the spell starts
REJECTED_CONTINUED = 0.02
WITHDRAWN = 0.02  # avskriven
#: applications from households that never get a payment, per spell start
REJECTED_NEW_HOUSEHOLDS = 0.10

# ---- SoL decisions (arbetsrehabilitering etc.) ---------------------------------------------------------
SOL_PER_PAYMENT_MONTH = 0.0055
SOL_TYPES = (("Arbetsrehabilitering", 0.6), ("Social sysselsättning", 0.3), ("Daglig sysselsättning", 0.1))
#: (free text, code of the contract's SOL_ORSAKSKODER): delayed execution (two), a declined offer, an
#: interruption; then the variants some of the delayed and declined decisions get instead (see sol.py)
SOL_REASONS = (
    ("Ingen ledig plats", "ingen_ledig_plats"),
    ("Brist på handledare", "personalbrist"),
    ("Den enskilde tackade nej till erbjudandet", "tackat_nej"),
    ("Väntar på läkarintyg", "vantar_underlag"),
    ("Väntar på plats på en viss arbetsplats", "viss_verksamhet"),
    ("Har inte kommit till inbokat inskrivningssamtal", "uteblivit"),
)

# ---- economy -------------------------------------------------------------------------------------------
#: kronor per month for the committee's own costs (nämnd- och styrelseverksamhet) at the default size
COMMITTEE_MONTHLY = 260_000
#: wage cost per participant-month in Arbetsmarknadsanställning / OSA not covered by place costs
WAGE_PER_EMPLOYED_MONTH = 9_500
#: months in which the finance system records a full-year forecast (tertial and October)
FORECAST_MONTHS = (4, 8, 10)
