"""Small-number protection (röjandeskydd) of indicator results marked for publication.

indikatorer.md: a count of persons or households from 1 to the threshold (`smatal_grans`, default 4) is
hidden, and so is a ratio whose numerator or denominator is such a count. Hidden is `undertryckt = 1` with
`varde`, `taljare`, `namnare` empty; it is never the same as 0.

Complementary hiding, so that no hidden value can be worked out by subtraction. The additive sets are:

* sex: K + M = T, for each (indicator, period, breakdown, group);
* breakdowns: the groups of one grupptyp add up to the total (same indicator, period, kon);
* pairs `a×b`: the pairs with the same `a` value add up to the row of grupptyp `a` for that value (and
  likewise for `b`), when that row exists.

For ratios the sets apply to their numerators and denominators. Within a set whose total is shown, one
hidden member is never left alone: the smallest shown member (preferring non-zero ones) is hidden too. When
a total is hidden and all its members are shown, the smallest member is hidden. This repeats until
nothing changes, since hiding in one set can open another. Sets that are not strictly additive (a person
in two insatstyper) are treated as if they were: that only hides more.

`public` rows are published whatever their size (a count the law requires, such as the total of ej
verkställda beslut): they are never hidden, and the other members of their sets are hidden instead, so
that a public total cannot open a hidden part by subtraction.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection

import pandas as pd

from uppfolj.indicators.model import Indicator

_SIZE_COLS = ("namnare", "taljare", "varde")


def additive_sets(frame: pd.DataFrame) -> list[tuple[list[int], int | None]]:
    """(member positions, total position or None) for every additive set of the frame (positional)."""
    ids = [str(v) for v in frame["indikator"]]
    per = [str(v) for v in frame["period"]]
    kons = [str(v) for v in frame["kon"]]
    gts = [str(v) for v in frame["grupptyp"]]
    grs = [str(v) for v in frame["grupp"]]
    key = {(ids[i], per[i], kons[i], gts[i], grs[i]): i for i in range(len(ids))}
    by_sex: dict[tuple[str, str, str, str], dict[str, int]] = defaultdict(dict)
    by_group: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    by_pair: dict[tuple[str, str, str, str, int, str], list[int]] = defaultdict(list)
    for i in range(len(ids)):
        by_sex[(ids[i], per[i], gts[i], grs[i])][kons[i]] = i
        if gts[i] and "×" not in gts[i]:
            by_group[(ids[i], per[i], kons[i], gts[i])].append(i)
        elif "×" in gts[i]:
            for side, value in enumerate(grs[i].split("×")):
                by_pair[(ids[i], per[i], kons[i], gts[i], side, value)].append(i)
    sets: list[tuple[list[int], int | None]] = []
    for cells in by_sex.values():
        members = [cells[k] for k in ("K", "M") if k in cells]
        if members:
            sets.append((members, cells.get("T")))
    for (ind, period, kon, _), members in by_group.items():
        sets.append((members, key.get((ind, period, kon, "", ""))))
    for (ind, period, kon, grupptyp, side, value), members in by_pair.items():
        parts = grupptyp.split("×")
        total = key.get((ind, period, kon, parts[side], value)) if side < len(parts) else None
        if total is not None:
            sets.append((members, total))
    return sets


def _sizes(frame: pd.DataFrame) -> list[float]:
    """Per row the size used to choose complements: namnare, else taljare, else varde (inf: none)."""
    out = []
    cols = [[float(v) for v in frame[c]] for c in _SIZE_COLS]
    for i in range(len(frame)):
        size = math.inf
        for col in cols:
            if not math.isnan(col[i]):
                size = col[i]
                break
        out.append(size)
    return out


def _pick(sizes: list[float], candidates: list[int]) -> int:
    """The shown member to hide as a complement: the smallest non-zero, else the smallest."""
    return sorted(candidates, key=lambda i: (sizes[i] == 0, sizes[i], i))[0]


def protect(
    frame: pd.DataFrame, defs: list[Indicator], *, threshold: int, public: Collection[int] = ()
) -> pd.DataFrame:
    """Apply primary and complementary hiding; returns a new frame (same order, fresh index).

    `public`: positions (in the frame's order) that are always shown."""
    out = frame.reset_index(drop=True).copy()
    by_id = {d.id: d for d in defs}
    always = set(public)
    hidden: set[int] = set()
    for i, ind_id in enumerate(out["indikator"]):
        ind = by_id[str(ind_id)]
        if i not in always and any(
            _is_small(out.at[i, col], threshold) for col in ind.figure.protected_columns()
        ):
            hidden.add(i)
    sizes = _sizes(out)
    sets = additive_sets(out)
    changed = True
    while changed:
        changed = False
        for members, total in sets:
            if total is None:
                continue
            shown = [m for m in members if m not in hidden]
            n_hidden = len(members) - len(shown)
            candidates = [m for m in shown if m not in always]
            if candidates and (
                total not in hidden
                and sizes[total] != math.inf
                and n_hidden == 1
                and shown
                or total in hidden
                and n_hidden == 0
                and shown
            ):
                hidden.add(_pick(sizes, candidates))
                changed = True
    idx = sorted(hidden)
    out.loc[idx, ["varde", "taljare", "namnare"]] = math.nan
    out.loc[idx, "undertryckt"] = 1
    return out


def _is_small(value: object, threshold: int) -> bool:
    number = float(value)  # type: ignore[arg-type]
    return not math.isnan(number) and 1 <= number <= threshold
