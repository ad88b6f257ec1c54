"""Small-number protection: hand-worked cases and a Hypothesis check that no hidden cell can be recomputed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from uppfolj.indicators.catalogue import CATALOGUE
from uppfolj.indicators.engine import COLUMNS
from uppfolj.indicators.model import Indicator, count_of, ratio_of
from uppfolj.indicators.protection import additive_sets, protect

PERSONS = Indicator(
    id="x_personer", name="x", version=1, unit="antal", definition="x", sql="", figure=count_of("personer"),
    kon=("K", "M", "T"), grupptyper=("g",),
)  # fmt: skip
SHARE = Indicator(
    id="x_andel", name="x", version=1, unit="%", definition="x", sql="", figure=ratio_of("personer", "personer"),
    kon=("K", "M", "T"),
)  # fmt: skip
AMOUNT = Indicator(
    id="x_kr", name="x", version=1, unit="kr", definition="x", sql="", figure=count_of("belopp")
)


def frame(rows: list[tuple[str, str, str, str, float, float, float]]) -> pd.DataFrame:
    out = pd.DataFrame(
        [(i, "2024", k, gt, g, v, t, n) for i, k, gt, g, v, t, n in rows], columns=COLUMNS[:-1]
    )
    out["undertryckt"] = 0
    return out


def hidden(out: pd.DataFrame) -> set[tuple[str, str, str]]:
    h = out[out.undertryckt == 1]
    return set(zip(h.indikator, h.kon, h.grupp, strict=True))


nan = math.nan


def test_one_sex_small_hides_the_other() -> None:
    # K = 3 is within 1..4; T = 13 shown would give K = 13 - M, so M (10) is hidden too
    f = frame([("x_personer", "K", "", "", 3, nan, nan), ("x_personer", "M", "", "", 10, nan, nan),
               ("x_personer", "T", "", "", 13, nan, nan)])  # fmt: skip
    out = protect(f, [PERSONS], threshold=4)
    assert hidden(out) == {("x_personer", "K", ""), ("x_personer", "M", "")}
    assert out.loc[out.kon == "T", "varde"].item() == 13
    assert out.loc[out.kon == "K", ["varde", "taljare", "namnare"]].isna().all(axis=None)


def test_a_public_total_is_kept_and_its_parts_hidden_instead() -> None:
    # K = 0, M = 3, T = 3: unprotected, M and T are hidden and K = 0 stays (previous test). With T public
    # (a count the law requires) T stays, so M = T - K could be worked out: K is hidden as the complement
    f = frame([("x_personer", "K", "", "", 0, nan, nan), ("x_personer", "M", "", "", 3, nan, nan),
               ("x_personer", "T", "", "", 3, nan, nan)])  # fmt: skip
    out = protect(f, [PERSONS], threshold=4, public=[2])
    assert hidden(out) == {("x_personer", "K", ""), ("x_personer", "M", "")}
    assert out.loc[out.kon == "T", "varde"].item() == 3


def test_zero_is_shown_and_threshold_is_configurable() -> None:
    f = frame([("x_personer", "K", "", "", 0, nan, nan), ("x_personer", "M", "", "", 3, nan, nan),
               ("x_personer", "T", "", "", 3, nan, nan)])  # fmt: skip
    # M = 3 and T = 3 hidden; K = 0 is a real zero and stays (M and T stay unknown)
    assert hidden(protect(f, [PERSONS], threshold=4)) == {("x_personer", "M", ""), ("x_personer", "T", "")}
    # with threshold 2 nothing is small
    assert hidden(protect(f, [PERSONS], threshold=2)) == set()


def test_group_complement_is_the_smallest_other_group() -> None:
    # groups a 2, b 8, c 10 add up to the total 20: a is hidden, then b (the smallest shown non-zero)
    f = frame([("x_personer", "T", "", "", 20, nan, nan), ("x_personer", "T", "g", "a", 2, nan, nan),
               ("x_personer", "T", "g", "b", 8, nan, nan), ("x_personer", "T", "g", "c", 10, nan, nan),
               ("x_personer", "T", "g", "d", 0, nan, nan)])  # fmt: skip
    assert hidden(protect(f, [PERSONS], threshold=4)) == {("x_personer", "T", "a"), ("x_personer", "T", "b")}


def test_ratio_with_small_numerator_or_denominator() -> None:
    f = frame([("x_andel", "K", "", "", 50, 2, 4), ("x_andel", "M", "", "", 60, 6, 10),
               ("x_andel", "T", "", "", 57.1, 8, 14)])  # fmt: skip
    # K's numerator 2 and denominator 4 are small -> hidden; T's 8/14 would give K's by subtraction -> M too
    assert hidden(protect(f, [SHARE], threshold=4)) == {("x_andel", "K", ""), ("x_andel", "M", "")}


def test_amounts_are_not_protected() -> None:
    f = frame([("x_kr", "T", "", "", 3, nan, nan)])
    assert hidden(protect(f, [AMOUNT], threshold=4)) == set()


def test_catalogue_marks_counts_of_persons_and_households() -> None:
    assert CATALOGUE["eb_vuxna"].figure.protected_columns() == ["varde"]
    assert CATALOGUE["eb_hushall"].figure.protected_columns() == ["varde"]
    assert CATALOGUE["eb_langvarigt_andel"].figure.protected_columns() == ["taljare", "namnare"]
    assert CATALOGUE["eb_utbetalt"].figure.protected_columns() == []


def recomputable(out: pd.DataFrame, original: pd.DataFrame) -> list[int]:
    """Hidden cells whose value follows from the shown cells by the additive sets (linear algebra).

    Unknowns are the hidden cells; each set gives sum(members) - total = 0. A hidden cell is determined
    when its unit vector lies in the row space of the constraint matrix over the unknowns.
    """
    hid = [i for i in range(len(out)) if out.at[i, "undertryckt"] == 1]
    pos = {i: j for j, i in enumerate(hid)}
    rows = []
    for members, total in additive_sets(original):
        if total is None:
            continue
        coeffs = np.zeros(len(hid))
        for m in members:
            if m in pos:
                coeffs[pos[m]] += 1
        if total in pos:
            coeffs[pos[total]] -= 1
        if coeffs.any():
            rows.append(coeffs)
    if not rows or not hid:
        return []
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    found = []
    for i, j in pos.items():
        e = np.zeros(len(hid))
        e[j] = 1
        if np.linalg.matrix_rank(np.vstack([a, e])) == rank:
            found.append(i)
    return found


@settings(max_examples=150, deadline=None)
@given(
    people=st.lists(
        st.tuples(st.sampled_from(["K", "M"]), st.sampled_from(["a", "b", "c", "d"])), min_size=0, max_size=40
    ),
    threshold=st.integers(min_value=1, max_value=5),
)
def test_no_hidden_cell_can_be_recomputed(people: list[tuple[str, str]], threshold: int) -> None:
    # a K/M/T x group table of distinct persons (each person in one group: the sets are exactly additive)
    rows = []
    for kon in ("K", "M", "T"):
        sel = [g for k, g in people if kon == "T" or k == kon]
        rows.append(("x_personer", kon, "", "", float(len(sel)), nan, nan))
        for g in ("a", "b", "c", "d"):
            rows.append(("x_personer", kon, "g", g, float(sel.count(g)), nan, nan))
    f = frame(rows)
    out = protect(f, [PERSONS], threshold=threshold)
    # every primary small count is hidden
    small = (f.varde >= 1) & (f.varde <= threshold)
    assert (out.loc[small, "undertryckt"] == 1).all()
    assert recomputable(out, f) == []


def test_the_checker_finds_a_lone_hidden_cell() -> None:
    # only primary hiding (K = 3) leaves K = T - M = 13 - 10: the checker must see it
    f = frame([("x_personer", "K", "", "", 3, nan, nan), ("x_personer", "M", "", "", 10, nan, nan),
               ("x_personer", "T", "", "", 13, nan, nan)])  # fmt: skip
    lone = f.copy()
    lone.loc[0, "undertryckt"] = 1
    assert recomputable(lone, f) == [0]


def test_filtering_by_sex_does_not_undo_protection() -> None:
    from uppfolj.indicators import compute

    from .handbuilt import stored_db

    rows = [
        {"hushall_id": f"h{i}", "manad": "2023-01", "sokande_id": f"p{i}", "antal_barn": 0, "belopp": 1}
        for i in range(13)
    ]
    # 3 women and 10 men: K is hidden, and M with it, since T (13) is shown
    reg = {f"p{i}": ("K" if i < 3 else "M") for i in range(13)}
    con = stored_db(register=reg, bistand_manad=rows)
    only_m = compute(con, periods=["2023-01"], indicators=["eb_vuxna"], kon=["M"], publish=True)
    assert only_m.undertryckt.tolist() == [1]
