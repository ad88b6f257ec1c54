"""Properties of the EB indicators on random stores (Hypothesis).

K + M = T for counts of persons; shares within 0–100; a month's stock never exceeds the year's distinct
count; published output never lets a hidden cell be recomputed.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.stores import stored_db
from uppfolj.indicators import compute
from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.workspace import Config

from .test_protection import recomputable

PERSONS = [f"p{i}" for i in range(12)]
MONTHS = [f"{y}-{m:02d}" for y in (2022, 2023) for m in range(1, 13)]
YEAR_PERIODS = ["2023", "2023-Q2", "2023-06", "2022-07--2023-06"]
MONTHS_2023 = [f"2023-{m:02d}" for m in range(1, 13)]

household = st.tuples(
    st.sampled_from(PERSONS),
    st.one_of(st.none(), st.sampled_from(PERSONS)),
    st.sets(st.sampled_from(MONTHS), min_size=1, max_size=24),
    st.integers(min_value=0, max_value=3),
)
stores = st.tuples(
    st.lists(household, min_size=1, max_size=8),
    st.dictionaries(st.sampled_from(PERSONS), st.sampled_from(["K", "M"]), min_size=12, max_size=12),
)


def build(
    households: list[tuple[str, str | None, set[str], int]], sexes: dict[str, str]
) -> duckdb.DuckDBPyConnection:
    """The drawn store, written through the shared builder (tests/stores.py): Hypothesis draws the rows."""
    rows: list[dict[str, object]] = []
    for n, (sok, med, months, barn) in enumerate(households):
        for m in sorted(months):
            rows.append(
                {
                    "hushall_id": f"h{n}",
                    "manad": m,
                    "sokande_id": sok,
                    "medsokande_id": med if med != sok else None,
                    "antal_barn": barn,
                    "belopp": 100,
                }
            )
    # anchors: data from 2022-01 to 2023-12
    rows += [
        {"hushall_id": "a1", "manad": "2022-01", "sokande_id": "p0", "antal_barn": 0, "belopp": 1},
        {"hushall_id": "a2", "manad": "2023-12", "sokande_id": "p0", "antal_barn": 0, "belopp": 1},
    ]
    return stored_db(register=sexes, bistand_manad=rows)


SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EB_PERSON_COUNTS = [i.id for i in CATALOGUE.values() if i.id.startswith("eb_") and "K" in i.kon]


@SLOW
@given(stores)
def test_k_plus_m_is_t_for_counts_of_persons(store: tuple[list, dict]) -> None:
    out = compute(build(*store), periods=YEAR_PERIODS, indicators=["eb_vuxna"])
    wide = out.pivot(index="period", columns="kon", values="varde")
    assert ((wide["K"] + wide["M"]) == wide["T"]).all()
    # and for the numerators and denominators of the ratios by sex (where computed)
    ratios = compute(build(*store), periods=["2023"], indicators=EB_PERSON_COUNTS)
    ratios = ratios[ratios.indikator != "eb_vuxna"]
    for col in ("taljare", "namnare"):
        wide = ratios.pivot(index="indikator", columns="kon", values=col)
        known = wide["T"].notna()
        assert ((wide.loc[known, "K"] + wide.loc[known, "M"]) == wide.loc[known, "T"]).all()


@SLOW
@given(stores)
def test_shares_are_between_0_and_100(store: tuple[list, dict]) -> None:
    shares = [i.id for i in CATALOGUE.values() if i.id.startswith("eb_") and i.unit == "%"]
    out = compute(build(*store), periods=YEAR_PERIODS, indicators=shares)
    values = out["varde"].dropna()
    assert ((values >= 0) & (values <= 100)).all()


@SLOW
@given(stores)
def test_month_stock_never_exceeds_year_distinct(store: tuple[list, dict]) -> None:
    con = build(*store)
    for month_ind, year_ind in (("eb_hushall_manad", "eb_hushall"), ("eb_vuxna", "eb_vuxna")):
        months = compute(con, periods=MONTHS_2023, indicators=[month_ind])
        year = compute(con, periods=["2023"], indicators=[year_ind])
        limit = dict(zip(year.kon, year.varde, strict=True))
        for r in months.itertuples(index=False):
            assert r.varde <= limit[r.kon]


@SLOW
@given(stores, st.integers(min_value=1, max_value=5))
def test_published_output_hides_for_good(store: tuple[list, dict], threshold: int) -> None:
    con = build(*store)
    config = Config(smatal_grans=threshold)
    raw = compute(con, periods=YEAR_PERIODS, indicators=EB_PERSON_COUNTS, config=config)
    pub = compute(con, periods=YEAR_PERIODS, indicators=EB_PERSON_COUNTS, config=config, publish=True)
    assert recomputable(pub, raw) == []
    # hidden values are never shown as 0 and never left with a value
    hidden = pub[pub.undertryckt == 1]
    assert hidden[["varde", "taljare", "namnare"]].isna().all(axis=None)
    # shown values are the raw ones
    shown = pub.undertryckt == 0
    pd.testing.assert_series_equal(pub.loc[shown, "varde"], raw.loc[shown, "varde"])
    for r in raw.itertuples(index=False):
        if r.indikator == "eb_vuxna" and not math.isnan(r.varde) and 1 <= r.varde <= threshold:
            row = pub[(pub.indikator == r.indikator) & (pub.period == r.period) & (pub.kon == r.kon)]
            assert row.undertryckt.item() == 1
