"""Cost per effect: what an insats costs per participant, what it saves in ekonomiskt bistånd, and the net cost
per additional person in egen försörjning, with intervals from the same bootstrap as the effects
(docs/metoder-effekt.md, "Cost per effect").

- Months in an insats: calendar months from the start month to the end month, both counted; an insats still
  running, or ending after the data end, counts to the data end.
- Cost per place-month of an insatstyp, first that applies (`funding`):
  1. `kostnad_per_platsmanad: {Jobbspår: 9000}` in uppfolj.yaml;
  2. else the ekonomi verksamhet that pays for it: `kostnad_verksamhet: {Praktik: Arbetsmarknadsåtgärder}`,
     else a verksamhet named as the insatstyp, else `verksamhet_arbetsmarknad`. The verksamhet's utfall over
     the months it is reported (up to the data end) is divided by the participant-months, inside those months,
     of every insatstyp it pays for (those without a price of their own).
- Cost per participant C = cost per place-month × mean months in the insats over the insatser the estimate
  rests on.
- Kronor saved S = − the effect on ekonomiskt bistånd paid to the household in months 1–24 after the start;
  its interval is the effect's own. Net cost per participant = C − S.
- Net cost per additional person in egen försörjning R = (C − S) / E, E the effect on egen försörjning after
  12 months (a share). Its interval: the 2.5 and 97.5 percentiles (inverted CDF) of R over the bootstrap
  replications of both effects, a replication with E ≤ 0 counting as +∞ (it costs, no extra person) or −∞
  (it saves). R is given only when E's interval lies above 0 and C is known (`status`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from uppfolj import fmt
from uppfolj.errors import UppfoljError
from uppfolj.workspace import Config

PRICE_KEY = "kostnad_per_platsmanad"
FUNDER_KEY = "kostnad_verksamhet"
#: where a configured price comes from, in the committee's words (the setting itself is the analyst's)
PRICE_SOURCE = "enligt förvaltningens kostnad per platsmånad"
#: the share outcome R divides by (egen försörjning 12 months after the start) and the kronor outcome
SHARE_OUTCOME = "ingen_betalning_12"
KRONOR_OUTCOME = "bistand_kr_24"

#: why R is not given (shown instead of a figure)
NOT_GIVEN = {
    "ej_skild_fran_noll": (
        "Effekten kan inte skiljas från noll, så nettokostnaden per ytterligare person i egen försörjning kan "
        "inte anges."
    ),
    "negativ_effekt": (
        "Insatsen minskade andelen i egen försörjning, så det finns ingen kostnad per ytterligare person att ange."
    ),
    "ingen_skattning": "Effekten kunde inte skattas, så nettokostnaden per ytterligare person kan inte anges.",
    "kostnad_saknas": (
        "Kostnaden för insatsen är okänd i underlaget (varken en kostnad per platsmånad eller utfall i ekonomin för "
        "den verksamhet som betalar insatsen), så nettokostnaden per ytterligare person kan inte anges."
    ),
}

#: what the figures leave out, for every report that shows them
COST_CAVEATS = [
    "Kostnaden räknas bara för deltagarnas egen insats. Jämförelsepersonerna kan ha fått andra insatser (eller "
    "samma insats senare); de kostnaderna räknas inte, så nettokostnaden gäller att börja insatsen nu jämfört "
    "med det jämförelsepersonerna faktiskt fick, inte jämfört med ingenting.",
    "Besparingen är bara ekonomiskt bistånd under de 24 första månaderna efter start. Skatteintäkter, andra "
    "ersättningar och effekter efter 24 månader ingår inte.",
    "När kostnaden kommer från ekonomin delas verksamhetens utfall lika per deltagarmånad på alla insatstyper "
    "som verksamheten betalar; kostar insatserna olika mycket är kostnaden per deltagare då ett genomsnitt.",
    "Kostnaden per deltagare behandlas som känd: intervallen visar osäkerheten i effekterna, inte i kostnaden.",
]


@dataclass(frozen=True)
class MonthlyCost:
    """Cost of one place-month of an insatstyp and, in Swedish, where it comes from."""

    per_month: float
    source: str


@dataclass(frozen=True)
class CostPerEffect:
    cost_per_month: float  # NaN when unknown
    source: str
    months: float  # mean months in the insats per participant
    cost_per_participant: float
    saved: tuple[float, float, float]  # kronor saved per participant over 24 months: estimate, low, high
    net_cost: tuple[float, float, float]  # per participant: cost − saved
    net_per_additional: tuple[float, float, float]  # R; NaN unless status is "ok"; a bound may be ±inf
    status: str
    draws: int  # bootstrap replications behind R's interval

    @property
    def explanation(self) -> str:
        return NOT_GIVEN.get(self.status, "")

    def sentence(self) -> str:
        """The figures for a committee, in Swedish (kronor through `fmt`)."""
        text = ""
        if math.isfinite(self.cost_per_participant):
            text += (
                f"Insatsen kostar {kr(self.cost_per_participant)} per deltagare ({kr(self.cost_per_month)} per "
                f"platsmånad, {self.source}; {fmt.number(self.months, 1)} månader i genomsnitt). "
            )
        est, low, high = self.saved
        text += (
            f"Under de 24 månaderna efter start betalades {kr(abs(est))} {'mindre' if est >= 0 else 'mer'} i "
            f"ekonomiskt bistånd per deltagare än till jämförbara personer (besparing 95 % KI {kr(low)} till "
            f"{kr(high)}). "
        )
        if self.status != "ok":
            return text + self.explanation
        r, r_low, r_high = self.net_per_additional
        if r < 0:
            return text + (
                f"Insatsen sparar mer bistånd än den kostar: varje ytterligare person i egen försörjning ger en "
                f"nettobesparing på {kr(-r)} (95 % KI för nettokostnaden {kr(r_low)} till {kr(r_high)})."
            )
        return text + (
            f"Nettokostnaden per ytterligare person i egen försörjning är {kr(r)} (95 % KI {kr(r_low)} till "
            f"{kr(r_high)})."
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON; an unbounded interval end (status "ok") and a missing figure are both null."""
        return {
            "kostnad_per_platsmanad": _finite(self.cost_per_month),
            "kalla": self.source,
            "manader_i_insats": _finite(self.months),
            "kostnad_per_deltagare": _finite(self.cost_per_participant),
            "besparing_bistand_24": _finite(self.saved[0]),
            "besparing_ki": [_finite(v) for v in self.saved[1:]],
            "nettokostnad_per_deltagare": _finite(self.net_cost[0]),
            "nettokostnad_per_deltagare_ki": [_finite(v) for v in self.net_cost[1:]],
            "nettokostnad_per_ytterligare_egen_forsorjning": _finite(self.net_per_additional[0]),
            "nettokostnad_ki": (
                [_finite(v) for v in self.net_per_additional[1:]] if self.status == "ok" else None
            ),
            "status": self.status,
            "forklaring": self.explanation,
            "dragningar": self.draws,
            "mening": self.sentence(),
        }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def kr(value: float) -> str:
    """Kronor in Swedish format; an infinite interval end is 'obegränsad'."""
    return "obegränsad" if math.isinf(value) else f"{fmt.number(value)} kr"


def ratio_draws(cost: float, kronor_draws: np.ndarray, share_draws: np.ndarray) -> np.ndarray:
    """(cost + effect on kronor paid) / effect on the share, per replication; a replication without a positive
    effect on the share is +∞ when the insats costs more than it saves in it, else −∞. NaN draws are dropped."""
    k = np.asarray(kronor_draws, dtype=float)
    e = np.asarray(share_draws, dtype=float)
    ok = np.isfinite(k) & np.isfinite(e)
    net, e = cost + k[ok], e[ok]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(e > 0, net / np.where(e > 0, e, 1.0), np.where(net >= 0, np.inf, -np.inf))


def cost_per_effect(
    monthly: MonthlyCost | None,
    months: np.ndarray,
    share: tuple[float, float, float],
    kronor: tuple[float, float, float],
    share_draws: np.ndarray,
    kronor_draws: np.ndarray,
) -> CostPerEffect:
    """`share`, `kronor`: the effects (estimate, 95 % low, high) on egen försörjning after 12 months and on
    kronor paid over months 1–24; the draws are the same bootstrap replications of both."""
    mean_months = float(np.mean(months)) if len(months) else math.nan
    per_month = monthly.per_month if monthly else math.nan
    cost = per_month * mean_months
    saved = (-kronor[0], -kronor[2], -kronor[1])
    net = (cost - saved[0], cost - saved[2], cost - saved[1])
    if not (math.isfinite(share[0]) and math.isfinite(share[1])):
        status = "ingen_skattning"
    elif share[2] < 0:
        status = "negativ_effekt"
    elif share[1] <= 0:
        status = "ej_skild_fran_noll"
    elif not math.isfinite(cost):
        status = "kostnad_saknas"
    else:
        status = "ok"
    ratios = ratio_draws(cost, kronor_draws, share_draws) if math.isfinite(cost) else np.array([])
    per_additional = (math.nan, math.nan, math.nan)
    if status == "ok" and len(ratios):
        low, high = np.quantile(ratios, [0.025, 0.975], method="inverted_cdf")
        per_additional = (net[0] / share[0], float(low), float(high))
    return CostPerEffect(
        per_month, monthly.source if monthly else "", mean_months, cost, saved, net, per_additional, status,
        int(len(ratios)),
    )  # fmt: skip


def months_in_insats(start: np.ndarray, end: np.ndarray, data_end: int) -> np.ndarray:
    """Calendar months in each insats (month indexes year × 12 + month − 1, end NaN when running), start and
    end month counted, ends after the data end cut to it."""
    e = np.asarray(end, dtype=float)
    e = np.where(np.isfinite(e), np.minimum(e, data_end), data_end)
    return np.maximum(e - np.asarray(start, dtype=float) + 1, 0)


def participant_months_in(start: np.ndarray, end: np.ndarray, months: np.ndarray, data_end: int) -> float:
    """Participant-months the insatser (as in `months_in_insats`) spend inside the given calendar months."""
    e = np.asarray(end, dtype=float)
    e = np.where(np.isfinite(e), np.minimum(e, data_end), data_end)
    wanted = np.asarray(sorted({int(m) for m in months}), dtype=float)
    inside = np.searchsorted(wanted, e, side="right") - np.searchsorted(
        wanted, np.asarray(start), side="left"
    )
    return float(np.maximum(inside, 0).sum())


def cost_settings(config: Config) -> tuple[dict[str, float], dict[str, str]]:
    """(price per place-month, paying verksamhet) per insatstyp from uppfolj.yaml, checked."""
    prices, funders = config.ovrigt.get(PRICE_KEY) or {}, config.ovrigt.get(FUNDER_KEY) or {}
    for key, value, example in (
        (PRICE_KEY, prices, "Jobbspår: 9000"),
        (FUNDER_KEY, funders, "Praktik: Arbetsmarknadsåtgärder"),
    ):
        if not isinstance(value, dict):
            raise UppfoljError(
                f"uppfolj.yaml: {key} ska lista insatstyper, en per rad, t.ex. `{key}: {{{example}}}`."
            )
    for typ, price in prices.items():
        if isinstance(price, bool) or not isinstance(price, int | float) or not price >= 0:
            raise UppfoljError(
                f"uppfolj.yaml, {PRICE_KEY}: {typ}: ange kronor per platsmånad (ett tal ≥ 0), inte {price!r}."
            )
    both = sorted(set(map(str, prices)) & set(map(str, funders)))
    if both:
        raise UppfoljError(
            f"uppfolj.yaml: {', '.join(both)} står både under {PRICE_KEY} och {FUNDER_KEY}. Ange bara det ena."
        )
    return {str(t): float(p) for t, p in prices.items()}, {str(t): str(v) for t, v in funders.items()}


def _month(col: str) -> str:
    return f"(year({col}) * 12 + month({col}) - 1)"


def _label(mi: int) -> str:
    return f"{mi // 12}-{mi % 12 + 1:02d}"


def data_end_month(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(f"SELECT max({_month('manad')}) FROM bistand_manad").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def funding(con: duckdb.DuckDBPyConnection, config: Config) -> dict[str, MonthlyCost | None]:
    """The cost per place-month of every insatstyp in the store (None when neither source has it)."""
    prices, funders = cost_settings(config)
    end = data_end_month(con)
    ins = con.execute(
        f"SELECT insatstyp, {_month('start_datum')} AS s, {_month('slut_datum')} AS e FROM insatser"
    ).df()
    ins["e"] = ins["e"].astype(float)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    named: set[str] = set()
    if "ekonomi" in tables:
        named = {str(r[0]) for r in con.execute("SELECT DISTINCT verksamhet FROM ekonomi").fetchall()}
    out: dict[str, MonthlyCost | None] = {}
    payer: dict[str, str] = {}
    for typ in sorted(str(t) for t in ins["insatstyp"].unique()):
        if typ in prices:
            out[typ] = MonthlyCost(prices[typ], PRICE_SOURCE)
        else:
            payer[typ] = funders.get(typ) or (typ if typ in named else config.verksamhet_arbetsmarknad)
    for verksamhet in sorted(set(payer.values())):
        paid = [t for t, v in payer.items() if v == verksamhet]
        spent = (
            con.execute(
                f"SELECT {_month('manad')} AS mi, utfall::DOUBLE AS kr FROM ekonomi WHERE verksamhet = ? "
                f"AND utfall IS NOT NULL AND {_month('manad')} <= ?",
                [verksamhet, end],
            ).df()
            if verksamhet in named
            else pd.DataFrame({"mi": [], "kr": []})
        )
        rows = ins[ins["insatstyp"].isin(paid)]
        place_months = participant_months_in(
            rows["s"].to_numpy(), rows["e"].to_numpy(), spent["mi"].to_numpy(), end
        )
        cost: MonthlyCost | None = None
        if len(spent) and place_months > 0:
            total = float(spent["kr"].sum())
            cost = MonthlyCost(
                total / place_months,
                f"enligt ekonomi, {verksamhet} {_label(int(spent['mi'].min()))} – {_label(int(spent['mi'].max()))}: "
                f"{fmt.mnkr(total)} delat på {fmt.number(place_months)} deltagarmånader i "
                f"{', '.join(paid)}",
            )
        out.update(dict.fromkeys(paid, cost))
    return out


def months_of(con: duckdb.DuckDBPyConnection, insats_ids: list[str]) -> np.ndarray:
    """Months in the insats for each of the given insatser."""
    frame = con.execute(
        f"SELECT {_month('start_datum')} AS s, {_month('slut_datum')} AS e FROM insatser "
        "WHERE insats_id IN (SELECT unnest(?::VARCHAR[]))",
        [insats_ids],
    ).df()
    return months_in_insats(frame["s"].to_numpy(), frame["e"].to_numpy(dtype=float), data_end_month(con))


def attach(
    con: duckdb.DuckDBPyConnection, effect: Any, draws: pd.DataFrame, config: Config
) -> CostPerEffect | None:
    """Cost per effect for a StoreEffect with the share and the kronor outcome, or None without them."""
    if not {SHARE_OUTCOME, KRONOR_OUTCOME} <= set(effect.results):
        return None
    share, kronor = effect.results[SHARE_OUTCOME], effect.results[KRONOR_OUTCOME]
    return cost_per_effect(
        funding(con, config).get(effect.insatstyp),
        months_of(con, effect.insats_ids),
        (share.estimate, share.ci_low, share.ci_high),
        (kronor.estimate, kronor.ci_low, kronor.ci_high),
        draws[SHARE_OUTCOME].to_numpy(dtype=float),
        draws[KRONOR_OUTCOME].to_numpy(dtype=float),
    )
