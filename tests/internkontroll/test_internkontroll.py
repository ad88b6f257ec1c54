"""Internal control: sample size, allocation, reproducible samples, results and Wilson intervals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from uppfolj.errors import UppfoljError
from uppfolj.internkontroll.plan import parse_plan
from uppfolj.internkontroll.report import section
from uppfolj.internkontroll.results import record, save_sample, summarise, wilson
from uppfolj.internkontroll.sampling import allocate, draw, population_frame, sample_size
from uppfolj.outputs.model import Table


def _applications() -> duckdb.DuckDBPyConnection:
    """100 applications in H1 2024: kanal e_tjanst 60, papper 30, annat 10; plus 5 in July (outside)."""
    con = duckdb.connect()
    rows = []
    for i in range(100):
        kanal = "e_tjanst" if i < 60 else "papper" if i < 90 else "annat"
        rows.append((f"A{i:03d}", f"H{i:03d}", dt.date(2024, 1 + i % 6, 1 + i % 28), "bifall", kanal))
    for i in range(5):
        rows.append((f"J{i}", f"H9{i}", dt.date(2024, 7, 1), "bifall", "papper"))
    con.execute(
        "CREATE TABLE ansokningar (ansokan_id VARCHAR, hushall_id VARCHAR, inkom_datum DATE, beslut VARCHAR, kanal VARCHAR)"
    )
    con.executemany("INSERT INTO ansokningar VALUES (?, ?, ?, ?, ?)", rows)
    return con


PLAN = {
    "kontroller": [
        {
            "id": "eb",
            "namn": "Beslut dokumenterade",
            "population": {"tabell": "ansokningar", "fran": "2024-01-01", "till": "2024-06-30"},
            "urval": {"storlek": 20},
            "strata": ["kanal"],
            "seed": 7,
        }
    ]
}


def test_sample_size_by_hand() -> None:
    # n0 = 1.959964^2 * 0.25 / 0.1^2 = 96.04; with N = 1000: 96.04 / (1 + 95.04/1000) = 87.70 -> 88
    assert sample_size(1000, 0.1) == 88
    # small population: n0 = 96.04 -> 96.04 / (1 + 95.04/50) = 33.1 -> 34
    assert sample_size(50, 0.1) == 34
    assert sample_size(0, 0.1) == 0


def test_proportional_allocation_with_largest_remainder() -> None:
    assert allocate(10, {"a": 50, "b": 30, "c": 20}) == {"a": 5, "b": 3, "c": 2}
    # quotas 3.5, 2.1, 1.4 -> floors 3, 2, 1; the one left goes to the largest remainder (a)
    assert allocate(7, {"a": 5, "b": 3, "c": 2}) == {"a": 4, "b": 2, "c": 1}
    # never more than a stratum holds; a sample larger than the population takes everything
    assert allocate(50, {"a": 5, "b": 3}) == {"a": 5, "b": 3}


def test_same_seed_and_population_give_the_same_sample_and_strata_get_their_sizes() -> None:
    control = parse_plan(PLAN).get("eb")
    con = _applications()
    population = population_frame(con, control)
    assert len(population) == 100  # the July applications are outside the period
    first = draw(control, population)
    shuffled = draw(control, population.sample(frac=1, random_state=3).reset_index(drop=True))
    assert list(first.cases["referens"]) == list(shuffled.cases["referens"])
    # 20 of 100 proportionally: 60 -> 12, 30 -> 6, 10 -> 2
    assert first.allocation == {"e_tjanst": 12, "papper": 6, "annat": 2}
    assert first.cases.groupby("stratum").size().to_dict() == {"annat": 2, "e_tjanst": 12, "papper": 6}
    other_seed = draw(
        parse_plan({"kontroller": [{**PLAN["kontroller"][0], "seed": 8}]}).get("eb"), population
    )
    assert set(other_seed.cases["referens"]) != set(first.cases["referens"])


def test_wilson_interval_matches_hand_computation() -> None:
    # 17 of 22 without remarks (77.3 %), z = 1.959964:
    # centre = (0.772727 + 3.841459/44) / (1 + 3.841459/22) = 0.860033 / 1.174612 = 0.732181
    # half   = 1.959964 / 1.174612 * sqrt(0.772727*0.227273/22 + 3.841459/1936) = 0.166584
    low, high = wilson(17, 22)
    assert low == pytest.approx(0.565597, abs=1e-4) and high == pytest.approx(0.898765, abs=1e-4)
    assert (low, high) == pytest.approx(proportion_confint(17, 22, method="wilson"), abs=1e-12)
    # 0 of 10: centre = half = 0.138765 -> (0, 0.27753)
    assert wilson(0, 10) == pytest.approx((0.0, 0.27753), abs=1e-5)


def test_results_are_checked_recorded_and_summarised(tmp_path: Path) -> None:
    control = parse_plan(PLAN).get("eb")
    sample = draw(control, population_frame(_applications(), control))
    save_sample(tmp_path, sample, "000002")
    refs = list(sample.cases["referens"])
    with pytest.raises(UppfoljError) as err:
        record(
            tmp_path,
            "eb",
            [{"referens": "NOPE", "utfall": "utan"}, {"referens": refs[0], "utfall": "kanske"}],
        )
    assert "finns inte i urvalet" in str(err.value) and "'utan' eller 'med'" in str(err.value)
    assert not (tmp_path / "internkontroll" / "eb" / "resultat.csv").exists()
    entries = [{"referens": r, "utfall": "utan"} for r in refs[:17]]
    entries += [{"referens": r, "utfall": "med", "kategori": "dokumentation"} for r in refs[17:20]]
    assert record(tmp_path, "eb", entries) == 20
    # a correction replaces the earlier entry for the same case
    record(tmp_path, "eb", [{"referens": refs[17], "utfall": "utan"}])
    total = summarise(tmp_path, "eb").set_index("stratum").loc["totalt"]
    assert (total["urval"], total["granskade"], total["utan_anmarkning"]) == (20, 20, 18)
    assert total["andel"] == pytest.approx(90.0)
    low, high = proportion_confint(18, 20, method="wilson")
    assert (total["ki_undre"], total["ki_ovre"]) == pytest.approx((100 * low, 100 * high))
    with pytest.raises(UppfoljError, match="redan registrerade resultat"):
        save_sample(tmp_path, sample, "000003")


def test_plan_problems_are_collected() -> None:
    bad = {
        "kontroller": [
            {"id": "a", "population": {"tabell": "okand"}, "urval": {}},
            {"id": "a", "population": {"tabell": "insatser", "fran": "i går"}, "urval": {"storlek": -3}},
        ]
    }
    with pytest.raises(UppfoljError) as err:
        parse_plan(bad)
    text = str(err.value)
    for expected in (
        "'okand'",
        "ange urval.storlek",
        "förekommer två gånger",
        "'i går' är inget datum",
        "positivt heltal",
    ):
        assert expected in text


def test_report_section(tmp_path: Path) -> None:
    import yaml

    (tmp_path / "internkontroll.yaml").write_text(yaml.safe_dump(PLAN), encoding="utf-8")
    control = parse_plan(PLAN).get("eb")
    sample = draw(control, population_frame(_applications(), control))
    save_sample(tmp_path, sample, None)
    record(tmp_path, "eb", [{"referens": r, "utfall": "utan"} for r in sample.cases["referens"][:10]])
    sec = section(tmp_path)
    assert sec is not None
    table = next(b for b in sec.blocks if isinstance(b, Table))
    total = next(r for r in table.rows if r[1] == "Totalt")
    assert total[2:6] == [20, 10, 10, 100.0]
    frame = pd.DataFrame(table.rows)
    # the strata as readers read them, not the export's codes
    assert set(frame[1]) == {"Totalt", "Annat", "E-tjänst", "Papper"}
