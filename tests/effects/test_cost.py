"""Cost per effect, worked out by hand: the arithmetic on fixed inputs, the ratio through zero, the cost rule
(settings, verksamhet mapping, a verksamhet named as the insatstyp, the default verksamhet) on a hand-built
store, and one run through a store with a planted effect."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pytest

from uppfolj.effects.cost import (
    MonthlyCost,
    cost_per_effect,
    cost_settings,
    funding,
    months_in_insats,
    months_of,
    participant_months_in,
    ratio_draws,
)
from uppfolj.errors import UppfoljError
from uppfolj.workspace import Config

NINE = MonthlyCost(9_000, "kostnad_per_platsmanad i uppfolj.yaml")


def test_cost_per_participant_saving_and_net_cost_by_hand() -> None:
    # 9 000 kr per place-month; three participants in the insats 4, 6 and 8 months: mean 6 → 54 000 kr each.
    # The effect on bistånd paid over 24 months is −30 000 kr (95 % KI −45 000 to −15 000): 30 000 kr saved per
    # participant (15 000 to 45 000), so the net cost per participant is 54 000 − 30 000 = 24 000 kr (54 000 −
    # 45 000 = 9 000 to 54 000 − 15 000 = 39 000). With 8 procentenheter more in egen försörjning after 12
    # months, one more self-supporting person costs 24 000 / 0.08 = 300 000 kr net.
    f = cost_per_effect(
        NINE,
        np.array([4.0, 6.0, 8.0]),
        (0.08, 0.03, 0.13),
        (-30_000.0, -45_000.0, -15_000.0),
        np.array([0.06, 0.08, 0.10]),
        np.array([-20_000.0, -30_000.0, -40_000.0]),
    )
    assert f.status == "ok"
    assert f.cost_per_participant == 54_000
    assert f.saved == (30_000, 15_000, 45_000)
    assert f.net_cost == (24_000, 9_000, 39_000)
    # per draw: (54 000 − 20 000) / 0.06 = 566 667, 24 000 / 0.08 = 300 000, 14 000 / 0.10 = 140 000; the
    # 2.5 and 97.5 percentiles by the inverted CDF of three values are the smallest and the largest
    assert f.net_per_additional == pytest.approx((300_000, 140_000, 34_000 / 0.06))
    text = f.sentence().replace("\u00a0", " ")
    assert "kostar 54 000 kr per deltagare (9 000 kr per platsmånad" in text
    assert (
        "30 000 kr mindre i ekonomiskt bistånd" in text
        and "(besparing 95 % KI 15 000 kr till 45 000 kr)" in text
    )
    assert (
        "Nettokostnaden per ytterligare person i egen försörjning är 300 000 kr (95 % KI 140 000 kr" in text
    )


def test_ratio_through_zero_is_unbounded() -> None:
    # Cost 60 000 kr per participant (4 months × 15 000). Replications: (60 000 − 40 000) / 0.10 = 200 000;
    # (60 000 − 30 000) / 0.05 = 600 000; (60 000 − 70 000) / 0.20 = −50 000; effect −0.01 with net
    # 60 000 − 10 000 = 50 000 > 0 → +∞. The inverted CDF of four: 2.5 % the smallest (−50 000), 97.5 % the
    # largest (+∞): no upper bound, shown as 'obegränsad' and null in JSON.
    f = cost_per_effect(
        MonthlyCost(15_000, "test"),
        np.array([3.0, 5.0]),
        (0.10, 0.05, 0.15),
        (-40_000.0, -60_000.0, -20_000.0),
        np.array([0.10, 0.05, 0.20, -0.01]),
        np.array([-40_000.0, -30_000.0, -70_000.0, -10_000.0]),
    )
    assert f.status == "ok" and f.draws == 4
    assert (
        f.net_per_additional[:2] == pytest.approx((200_000, -50_000)) and f.net_per_additional[2] == math.inf
    )
    assert f.to_dict()["nettokostnad_ki"] == [pytest.approx(-50_000), None]
    assert "(95 % KI −50 000 kr till obegränsad)" in f.sentence().replace("\u00a0", " ")


def test_ratio_draws_signs_and_missing() -> None:
    # cost 10 000: (10 000 − 20 000) / 0.1 = −100 000; effect 0 with net −10 000 → −∞; a NaN draw is dropped
    r = ratio_draws(10_000.0, np.array([-20_000.0, -20_000.0, np.nan]), np.array([0.1, 0.0, 0.2]))
    assert r.tolist() == [pytest.approx(-100_000.0), -math.inf]


@pytest.mark.parametrize(
    ("share", "monthly", "status", "words"),
    [
        ((0.05, -0.01, 0.11), NINE, "ej_skild_fran_noll", "kan inte skiljas från noll"),
        ((-0.08, -0.12, -0.04), NINE, "negativ_effekt", "minskade andelen"),
        ((math.nan, math.nan, math.nan), NINE, "ingen_skattning", "kunde inte skattas"),
        ((0.05, 0.01, 0.09), None, "kostnad_saknas", "Kostnaden för insatsen är okänd"),
    ],
)
def test_no_cost_per_person_without_a_positive_effect_or_a_cost(
    share: tuple[float, float, float], monthly: MonthlyCost | None, status: str, words: str
) -> None:
    f = cost_per_effect(
        monthly,
        np.array([5.0]),
        share,
        (-10_000.0, -20_000.0, 0.0),
        np.array([0.05, 0.02]),
        np.array([-10_000.0, -5_000.0]),
    )
    assert f.status == status and words in f.sentence()
    assert math.isnan(f.net_per_additional[0]) and f.to_dict()["nettokostnad_ki"] is None
    # the saving is shown all the same: 10 000 kr (0 to 20 000)
    assert f.saved == (10_000, 0, 20_000)
    if monthly:  # and the net cost per participant: 5 × 9 000 − 10 000
        assert f.net_cost[0] == 35_000


def mi(text: str) -> int:
    y, m = map(int, text.split("-"))
    return y * 12 + m - 1


def test_months_in_insats() -> None:
    end = mi("2024-12")
    start = np.array([mi("2024-01"), mi("2024-11"), mi("2024-11")])
    stop = np.array([mi("2024-03"), np.nan, mi("2025-06")])
    # 2024-01..03 = 3 months; running from 2024-11 → 2024-11, 12 = 2; ending after the data end → 2
    assert months_in_insats(start, stop, end).tolist() == [3, 2, 2]
    # inside 2024-02 and 2024-12 only: 1 (February) + 1 (December) + 1 (December)
    assert participant_months_in(start, stop, np.array([mi("2024-02"), mi("2024-12")]), end) == 3.0


def _store() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute(
        "CREATE TABLE bistand_manad (hushall_id VARCHAR, manad DATE, sokande_id VARCHAR, medsokande_id VARCHAR,"
        " antal_barn BIGINT, belopp DECIMAL(18,2), hushallstyp VARCHAR)"
    )
    c.execute("INSERT INTO bistand_manad VALUES ('h2', '2024-12-01', 'B', NULL, 0, 4000, NULL)")  # data end
    c.execute(
        "CREATE TABLE insatser (insats_id VARCHAR, person_id VARCHAR, insatstyp VARCHAR, enhet VARCHAR,"
        " start_datum DATE, slut_datum DATE, avslutsorsak VARCHAR)"
    )
    c.executemany(
        "INSERT INTO insatser VALUES (?, ?, ?, 'E1', ?, ?, NULL)",
        [
            ("a", "A", "Jobbspår", "2023-01-10", "2023-03-20"),  # 3 months, all inside the ekonomi months
            ("b", "B", "Jobbspår", "2023-02-01", "2023-06-30"),  # 5 months, 2 inside (Feb, Mar)
            ("c", "C", "Praktik", "2022-12-05", "2023-01-31"),  # 2 months, 1 inside (Jan)
            ("d", "C", "Språk", "2023-01-01", None),  # running: 2023-01..2024-12 = 24 months
        ],
    )
    c.execute(
        "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2))"
    )
    c.executemany(
        "INSERT INTO ekonomi VALUES (?, ?, 0, ?)",
        [
            ("2023-01-01", "Arbetsmarknadsåtgärder", 30_000),
            ("2023-02-01", "Arbetsmarknadsåtgärder", 30_000),
            ("2023-03-01", "Arbetsmarknadsåtgärder", 30_000),
            ("2023-04-01", "Arbetsmarknadsåtgärder", None),  # not reported yet: not counted
            ("2025-01-01", "Arbetsmarknadsåtgärder", 500_000),  # after the data end: not counted
            ("2023-01-01", "Ekonomiskt bistånd", 999_999),
        ],
    )
    return c


def test_default_verksamhet_shared_by_the_types_it_pays_for() -> None:
    con = _store()
    costs = funding(con, Config(ovrigt={"kostnad_per_platsmanad": {"Språk": 9_500}}))
    # Språk has a price: 24 months × 9 500 = 228 000 kr per participant
    assert costs["Språk"] == MonthlyCost(9_500, "enligt förvaltningens kostnad per platsmånad")
    assert months_of(con, ["d"]).tolist() == [24]
    # Jobbspår and Praktik fall to verksamhet_arbetsmarknad (Arbetsmarknadsåtgärder): 90 000 kr over
    # 2023-01..03 ÷ participant-months inside (a 3 + b 2 + c 1 = 6) = 15 000 kr per month, for both
    jobb = costs["Jobbspår"]
    assert jobb is not None and jobb.per_month == pytest.approx(15_000) and costs["Praktik"] == jobb
    assert "Arbetsmarknadsåtgärder 2023-01 – 2023-03" in jobb.source and "Jobbspår, Praktik" in jobb.source
    # Jobbspår participants a (3 months) and b (5): mean 4 months × 15 000 = 60 000 kr
    assert months_of(con, ["a", "b"]).mean() * jobb.per_month == pytest.approx(60_000)


def test_own_named_and_mapped_verksamhet() -> None:
    con = _store()
    con.executemany(
        "INSERT INTO ekonomi VALUES (?, 'Jobbspår', 0, ?)", [("2023-01-01", 20_000), ("2023-02-01", 20_000)]
    )
    # a verksamhet named as the insatstyp pays for it: 40 000 kr ÷ (January: a; February: a, b) = 13 333 kr;
    # Praktik alone is left to Arbetsmarknadsåtgärder (Språk has a price): 90 000 kr ÷ c's 1 month inside
    price = {"kostnad_per_platsmanad": {"Språk": 9_500}}
    costs = funding(con, Config(ovrigt=price))
    assert costs["Jobbspår"] is not None and costs["Jobbspår"].per_month == pytest.approx(40_000 / 3)
    assert costs["Praktik"] is not None and costs["Praktik"].per_month == pytest.approx(90_000)
    # mapped to the Jobbspår verksamhet, Praktik shares it: 40 000 ÷ (January: a, c; February: a, b) = 10 000;
    # Arbetsmarknadsåtgärder then pays for nothing in the store
    costs = funding(con, Config(ovrigt={**price, "kostnad_verksamhet": {"Praktik": "Jobbspår"}}))
    assert costs["Jobbspår"] == costs["Praktik"]
    assert costs["Praktik"] is not None and costs["Praktik"].per_month == pytest.approx(10_000)


def test_without_ekonomi_the_cost_is_unknown() -> None:
    con = _store()
    con.execute("DROP TABLE ekonomi")
    assert funding(con, Config()) == {"Jobbspår": None, "Praktik": None, "Språk": None}


@pytest.mark.parametrize(
    "settings",
    [
        {"kostnad_per_platsmanad": {"Jobbspår": "många"}},
        {"kostnad_per_platsmanad": {"Jobbspår": -5}},
        {"kostnad_per_platsmanad": ["Jobbspår"]},
        {"kostnad_per_platsmanad": {"Jobbspår": 1}, "kostnad_verksamhet": {"Jobbspår": "X"}},
    ],
)
def test_bad_settings_say_where(settings: dict[str, object]) -> None:
    with pytest.raises(UppfoljError, match="uppfolj.yaml"):
        cost_settings(Config(ovrigt=settings))


def test_through_a_store_with_a_planted_effect() -> None:
    from tests.effects.synthetic_store import LAST, make_store
    from uppfolj.effects.store_analysis import analyse_insatstyp

    con = duckdb.connect()
    truth = make_store(con, 1500, seed=3)
    # every insats lasts 3 months (start month + 2); those starting in the last two months would be cut at the
    # data end, so they are left out: 3 months × 10 000 kr = 30 000 kr per participant
    con.execute(f"DELETE FROM insatser WHERE year(start_datum) * 12 + month(start_datum) - 1 > {LAST - 2}")
    con.execute("UPDATE insatser SET slut_datum = start_datum + INTERVAL 2 MONTH")
    effect = analyse_insatstyp(
        con,
        "Jobbspår",
        only_outcomes=["ingen_betalning_12", "bistand_kr_24"],
        draws=30,
        settings=Config(ovrigt={"kostnad_per_platsmanad": {"Jobbspår": 10_000}}),
    )
    c = effect.info["kostnad"]
    assert c["manader_i_insats"] == 3.0 and c["kostnad_per_deltagare"] == pytest.approx(30_000)
    # the store pays 5 000 kr in every paid month, so the planted saving is 5 000 × the planted effects on 'no
    # payment' summed over months 1–24; the saving's interval covers it
    planted_saving = 5_000 * float(np.sum(truth[1:25]))
    assert c["besparing_ki"][0] <= planted_saving <= c["besparing_ki"][1]
    share = effect.results["ingen_betalning_12"]
    assert share.ci_low <= truth[12] <= share.ci_high and c["status"] == "ok"
    net = c["nettokostnad_per_ytterligare_egen_forsorjning"]
    assert net == pytest.approx((30_000 - c["besparing_bistand_24"]) / share.estimate)
    assert c["nettokostnad_ki"][0] < net < c["nettokostnad_ki"][1]


def test_demo_prices_from_the_demo_units() -> None:
    from uppfolj.effects.demo_step import demo_prices

    # Jobbspår is offered by Jobbtorget Norr (60 000 kr per place and year, 80 % occupancy), Jobbspår Vård och
    # omsorg (85 000, 90 %) and Jobbspår Lager och logistik (92 000, 88 %): (75 000 + 94 444 + 104 545) / 3 / 12
    # = 7 611 kr per filled place-month → 7 600; Arbetsträning: Verkstan (118 000, 92 %), Returen (105 000, 95 %),
    # Café Mötet (110 000, 78 %): (128 261 + 110 526 + 141 026) / 3 / 12 = 10 550 → 10 600
    prices = demo_prices()
    assert (prices["Jobbspår"], prices["Arbetsträning"]) == (7_600, 10_600)


def test_cli_costs_from_the_default_verksamhet(tmp_path: Path) -> None:
    """`uppfolj effekt` on a workspace with ekonomi and no cost settings: the insatstyp is paid by
    verksamhet_arbetsmarknad."""
    import json

    from typer.testing import CliRunner

    from tests.effects.synthetic_store import LAST, make_store
    from uppfolj.cli import build_app
    from uppfolj.workspace import create

    ws = create(tmp_path / "ay")
    with ws.store().new_snapshot() as con:
        make_store(con, 600, seed=7)
        # every insats lasts 3 months inside the data (starts in the last two months left out)
        con.execute(
            f"DELETE FROM insatser WHERE year(start_datum) * 12 + month(start_datum) - 1 > {LAST - 2}"
        )
        con.execute("UPDATE insatser SET slut_datum = start_datum + INTERVAL 2 MONTH")
        # ekonomi: 10 000 kr in every month 2019-01..2024-12 for the default verksamhet
        con.execute(
            "CREATE TABLE ekonomi (manad DATE, verksamhet VARCHAR, budget DECIMAL(18,2), utfall DECIMAL(18,2))"
        )
        con.execute(
            "INSERT INTO ekonomi SELECT range::DATE, 'Arbetsmarknadsåtgärder', 0, 10000 "
            "FROM range(DATE '2019-01-01', DATE '2025-01-01', INTERVAL 1 MONTH)"
        )
        row = con.execute("SELECT count(*), min(start_datum) FROM insatser").fetchone()
    assert row is not None and str(row[1]) >= "2019-01-01"
    n = int(row[0])
    result = CliRunner().invoke(
        build_app(),
        ["effekt", "-a", str(ws.root), "--insatstyp", "Jobbspår", "--dragningar", "5", "--format", "json",
         "--rapport", str(tmp_path / "r")],
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    cost = json.loads(result.stdout)["underlag"]["kostnad"]
    # 72 months × 10 000 = 720 000 kr over 3 × n participant-months (all inside 2019-01..2024-12) → 720 000 / (3n)
    # per month; a participant has 3 months → 720 000 / n kr
    assert cost["kostnad_per_platsmanad"] == pytest.approx(720_000 / (3 * n))
    assert cost["kostnad_per_deltagare"] == pytest.approx(720_000 / n)
    assert "Arbetsmarknadsåtgärder 2019-01 – 2024-12" in cost["kalla"]
    printed = (
        CliRunner()
        .invoke(
            build_app(),
            [
                "effekt",
                "-a",
                str(ws.root),
                "--insatstyp",
                "Jobbspår",
                "--dragningar",
                "5",
                "--rapport",
                str(tmp_path / "r"),
            ],
        )
        .stdout
    )
    first = cost["mening"].split(" (")[0].replace("\u00a0", " ")  # "Insatsen kostar … kr per deltagare"
    assert "Kostnad per effekt" in printed and first in " ".join(printed.replace("\u00a0", " ").split())
