"""Cost per effect: what an insats costs per participant, what it saves in ekonomiskt bistånd, and the net cost
per additional person in egen försörjning, with intervals from the same bootstrap as the effects.

- cost per participant = cost per place-month × mean months in the insats (start month to end month, counted
  inclusive; an insats still running counts to the data end), over the insatser the estimate rests on;
- kronor saved = − the effect on ekonomiskt bistånd paid to the household in the 24 months after the start;
- net cost per participant = cost per participant − kronor saved;
- net cost per additional person in egen försörjning = net cost per participant / the effect on egen
  försörjning after 12 months (a share). Its interval is the 2.5–97.5 percentiles over the bootstrap draws of
  both effects; when the effect's own draws reach 0 the ratio has no upper bound and none is given.

The cost per place-month comes from `uppfolj.yaml` (`kostnad_per_platsmanad: {Jobbspår: 9000, …}`) or, when
the ekonomi export has a verksamhet named as the insatstyp, from its utfall divided by the place-months of
all insatser of the type in the same months.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

CONFIG_KEY = "kostnad_per_platsmanad"


@dataclass
class CostPerEffect:
    cost_per_month: float
    source: str
    months: float  # mean months in the insats per participant
    cost_per_participant: float
    saved: float  # kronor saved per participant (24 months)
    saved_interval: tuple[float, float]
    net_cost: float
    net_per_additional: float  # kronor per additional person in egen försörjning
    net_interval: tuple[float, float] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kostnad_per_platsmanad": self.cost_per_month,
            "kalla": self.source,
            "manader_i_insats": self.months,
            "kostnad_per_deltagare": self.cost_per_participant,
            "besparing_bistand_24": self.saved,
            "besparing_ki": list(self.saved_interval),
            "nettokostnad_per_deltagare": self.net_cost,
            "nettokostnad_per_ytterligare_egen_forsorjning": self.net_per_additional,
            "nettokostnad_ki": None if self.net_interval is None else list(self.net_interval),
        }


def cost_per_effect(
    cost_per_month: float,
    months: np.ndarray,
    effect_kr: float,
    effect_share: float,
    draws_kr: np.ndarray,
    draws_share: np.ndarray,
    source: str = "",
) -> CostPerEffect:
    per_participant = cost_per_month * float(np.mean(months))
    saved = -effect_kr
    net = per_participant - saved
    ok = np.isfinite(draws_kr) & np.isfinite(draws_share)
    kr, share = draws_kr[ok], draws_share[ok]
    saved_interval = (float(np.percentile(-kr, 2.5)), float(np.percentile(-kr, 97.5)))
    interval = None
    if len(share) and (share > 0).all():
        ratio = (per_participant + kr) / share
        interval = (float(np.percentile(ratio, 2.5)), float(np.percentile(ratio, 97.5)))
    return CostPerEffect(
        cost_per_month, source, float(np.mean(months)), per_participant, saved, saved_interval, net,
        net / effect_share if effect_share > 0 else float("nan"), interval,
    )  # fmt: skip


def months_in_insats(con: duckdb.DuckDBPyConnection, insats_ids: list[str], data_end: str) -> np.ndarray:
    """Months from the start month to the end month (inclusive) per insats; running ones to the data end."""
    frame = con.execute(
        f"""SELECT year(start_datum) * 12 + month(start_datum) AS s,
                   year(coalesce(slut_datum, DATE '{data_end}-01')) * 12
                   + month(coalesce(slut_datum, DATE '{data_end}-01')) AS e
            FROM insatser WHERE insats_id IN (SELECT unnest(?::VARCHAR[]))""",
        [insats_ids],
    ).df()
    return (frame["e"] - frame["s"] + 1).to_numpy(dtype=float)


def cost_per_month(
    con: duckdb.DuckDBPyConnection, insatstyp: str, configured: dict[str, Any]
) -> tuple[float, str] | None:
    """(kronor per place-month, where it came from), or None when neither source has it."""
    if insatstyp in configured:
        return float(configured[insatstyp]), f"{CONFIG_KEY} i uppfolj.yaml"
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "ekonomi" not in tables:
        return None
    spent = con.execute(
        "SELECT year(manad) * 12 + month(manad) AS mi, sum(utfall)::DOUBLE AS kr FROM ekonomi "
        "WHERE verksamhet = ? AND utfall IS NOT NULL GROUP BY 1",
        [insatstyp],
    ).df()
    if spent.empty:
        return None
    ins = con.execute(
        "SELECT year(start_datum) * 12 + month(start_datum) AS s, "
        "year(slut_datum) * 12 + month(slut_datum) AS e FROM insatser WHERE insatstyp = ?",
        [insatstyp],
    ).df()
    months = spent["mi"].to_numpy()
    end = ins["e"].fillna(months.max()).to_numpy()
    start = ins["s"].to_numpy()
    place_months = sum(int(((start <= mi) & (end >= mi)).sum()) for mi in months)
    if place_months == 0:
        return None
    return float(spent["kr"].sum()) / place_months, f"ekonomi, verksamhet {insatstyp}"


def attach(
    con: duckdb.DuckDBPyConnection, effect: Any, draws: pd.DataFrame, configured: dict[str, Any]
) -> CostPerEffect | None:
    """Cost per effect for a StoreEffect with `bistand_kr_24` and `ingen_betalning_12`, or None."""
    found = cost_per_month(con, effect.insatstyp, configured)
    if found is None or not {"bistand_kr_24", "ingen_betalning_12"} <= set(effect.results):
        return None
    months = months_in_insats(con, effect.insats_ids, str(effect.info["dataslut"]))
    return cost_per_effect(
        found[0],
        months,
        effect.results["bistand_kr_24"].estimate,
        effect.results["ingen_betalning_12"].estimate,
        draws["bistand_kr_24"].to_numpy(dtype=float),
        draws["ingen_betalning_12"].to_numpy(dtype=float),
        found[1],
    )
