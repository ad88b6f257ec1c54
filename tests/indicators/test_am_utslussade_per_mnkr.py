"""am_utslussade_per_mnkr: exits to work or studies ÷ utfall (mnkr) of the labour-market activity.

Insatser (all ended): u1 2024-03-10 arbete_utan_stod, u2 2024-03-20 studier, u3 2024-03-25 ohalsa,
u4 2024-04-02 arbete_med_stod; u5 starts 2024-06-30 (data end).
ekonomi, Arbetsmarknadsåtgärder: utfall Jan 1,5 mnkr, Feb 1,5 mnkr, Mar 2,5 mnkr, April blank;
Ekonomiskt bistånd Mar 9 mnkr (another activity: not used).
"""

from __future__ import annotations

import math

import pytest

from uppfolj.indicators import compute

from .handbuilt import stored_db, value

REGISTER = {"p1": "K", "p2": "M"}


def _ins(iid: str, start: str, slut: str | None, orsak: str | None) -> dict:
    return {"insats_id": iid, "person_id": "p1", "insatstyp": "Jobbspår", "enhet": "A", "start_datum": start,
            "slut_datum": slut, "avslutsorsak": orsak}  # fmt: skip


INSATSER = [
    _ins("u1", "2024-01-10", "2024-03-10", "arbete_utan_stod"),
    _ins("u2", "2024-01-10", "2024-03-20", "studier"),
    _ins("u3", "2024-01-10", "2024-03-25", "ohalsa"),
    _ins("u4", "2024-01-10", "2024-04-02", "arbete_med_stod"),
    _ins("u5", "2024-06-30", None, None),
]
AM = "Arbetsmarknadsåtgärder"
EKONOMI = [
    {"manad": "2024-01", "verksamhet": AM, "budget": 2_000_000, "utfall": 1_500_000},
    {"manad": "2024-02", "verksamhet": AM, "budget": 2_000_000, "utfall": 1_500_000},
    {"manad": "2024-03", "verksamhet": AM, "budget": 2_000_000, "utfall": 2_500_000},
    {"manad": "2024-04", "verksamhet": AM, "budget": 2_000_000, "utfall": None},
    {"manad": "2024-03", "verksamhet": "Ekonomiskt bistånd", "budget": 8_000_000, "utfall": 9_000_000},
]
ID = "am_utslussade_per_mnkr"


@pytest.fixture(scope="module")
def result():
    con = stored_db(register=REGISTER, insatser=INSATSER, ekonomi=EKONOMI)
    return compute(con, periods=["2024-03", "2024-Q1", "2024-04"], indicators=[ID])


def test_exits_per_million(result) -> None:
    # March: u1 + u2 = 2 exits (u3 ohälsa is not) ÷ 2,5 mnkr = 0,8
    t = value(result, ID, "2024-03")
    assert (t.taljare, t.namnare) == (2, 2.5)
    assert t.varde == pytest.approx(0.8)
    # Q1: the same 2 exits ÷ (1,5 + 1,5 + 2,5) = 5,5 mnkr
    assert value(result, ID, "2024-Q1").varde == pytest.approx(2 / 5.5)


def test_month_without_utfall_is_not_computed(result) -> None:
    row = value(result, ID, "2024-04")
    assert math.isnan(row.varde) and row.taljare == 1


def test_the_workspace_names_the_labour_market_activity() -> None:
    from uppfolj.workspace import Config

    renamed = [{**row, "verksamhet": "AMA-enheten"} if row["verksamhet"] == AM else row for row in EKONOMI]
    con = stored_db(register=REGISTER, insatser=INSATSER, ekonomi=renamed)
    config = Config(verksamhet_arbetsmarknad="AMA-enheten")
    # March as above: 2 exits ÷ 2,5 mnkr = 0,8, now from the activity the workspace names
    assert value(
        compute(con, periods=["2024-03"], indicators=[ID], config=config), ID, "2024-03"
    ).varde == pytest.approx(0.8)
    # with the default name the renamed activity is not found: not computed rather than wrong
    assert math.isnan(value(compute(con, periods=["2024-03"], indicators=[ID]), ID, "2024-03").varde)
