"""The planted effects are realised in the written data, and the truth equals the documented effect.

The documented effects (docs/demodata.md) are the ATT on the treated, in percentage points, of
'no payment to the person's household in month start+3' (lock-in) and '… in month start+12' (effect).
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from pathlib import Path

from tests.demodata.readers import as_date, month_key, read_rows

#: (lock-in, effect) in percentage points, copied from the table in docs/demodata.md
DOCUMENTED = {
    "Jobbspår": (-5.0, 12.0),
    "Arbetsträning": (-6.0, 5.0),
    "OSA": (20.0, 4.0),
    "Praktik": (-4.0, 6.0),
    "Arbetsmarknadsanställning": (30.0, 10.0),
    "Studiemotiverande kurs": (-3.0, 8.0),
    "Språkpraktik": (-4.0, 4.0),
    "Jobbcoachning": (0.0, 3.0),
    "Vägledning": (0.0, 0.0),
}


def _facit(folder: Path) -> list[dict[str, str]]:
    with open(folder / "facit_insatser.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _paid_months(folder: Path) -> dict[str, set[int]]:
    """12-digit number (no dash) → months (year*12+month) with a payment to the person's household."""
    _, rows = read_rows(folder, "bistand_manad.csv")
    out: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        key = month_key(str(r[1]))
        assert key is not None
        for col in (2, 3):
            if r[col]:
                out[str(r[col]).replace("-", "")].add(key[0] * 12 + key[1])
    return out


def test_observed_outcomes_are_the_treated_potential_outcomes(clean_dir: Path) -> None:
    facit = _facit(clean_dir)
    paid = _paid_months(clean_dir)
    _, insatser = read_rows(clean_dir, "insatser.csv")
    by_id = {str(r[0]): r for r in insatser}
    checked = 0
    for f in facit:
        if f["inom_data"] != "1":
            continue
        row = by_id[f["insats_id"]]
        start = as_date(row[6])
        assert start is not None
        s = start.year * 12 + start.month
        months = paid[str(row[1])]
        assert s in months  # treated persons had a payment in the start month
        assert int(f["y1_manad3"]) == int(s + 3 not in months)
        assert int(f["y1_manad12"]) == int(s + 12 not in months)
        checked += 1
    assert checked > 1000


def test_realised_att_equals_documented_effect(clean_dir: Path) -> None:
    diffs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for f in _facit(clean_dir):
        if f["inom_data"] == "1":
            d_lock = int(f["y1_manad3"]) - int(f["y0_manad3"])
            d_eff = int(f["y1_manad12"]) - int(f["y0_manad12"])
            diffs[f["insatstyp"]].append((d_lock, d_eff))
    assert set(diffs) == set(DOCUMENTED)
    for typ, pairs in diffs.items():
        n = len(pairs)
        for j, documented in enumerate(DOCUMENTED[typ]):
            values = [p[j] for p in pairs]
            mean = sum(values) / n
            var = sum((v - mean) ** 2 for v in values) / max(n - 1, 1)
            # within 3 standard errors (+1 person of rounding) of the documented effect
            tolerance = 3 * math.sqrt(var / n) + 1 / n
            assert abs(100 * mean - documented) <= 100 * tolerance + 1e-9, (typ, j, 100 * mean, documented)
        # the effect only moves outcomes in the documented direction
        assert all(p[1] >= 0 for p in pairs)


def test_facit_json_matches_the_documented_table(clean_dir: Path) -> None:
    doc = json.loads((clean_dir / "facit.json").read_text(encoding="utf-8"))
    for typ, (lock, effect) in DOCUMENTED.items():
        assert doc["insatstyper"][typ]["inlasning_pp"] == lock
        assert doc["insatstyper"][typ]["effekt_pp"] == effect


def test_referral_selects_on_education_and_spell_length(clean_dir: Path) -> None:
    """Less educated persons are more often referred (selection on observables, so naive comparisons are biased)."""
    _, personer = read_rows(clean_dir, "personer.csv")
    low = {"1", "2", "Förgymnasial under 9 år", "Förgymnasial 9 (10) år"}
    edu = {
        "19" + str(r[0]).replace("-", "")
        if int(str(r[0])[:2]) > 24
        else "20" + str(r[0]).replace("-", ""): r[2] in low
        for r in personer
    }
    _, insatser = read_rows(clean_dir, "insatser.csv")
    treated = {str(r[1]) for r in insatser}
    recipients = set(_paid_months(clean_dir))
    t = [edu[p] for p in recipients & treated if p in edu]
    c = [edu[p] for p in recipients - treated if p in edu]
    assert sum(t) / len(t) > sum(c) / len(c) + 0.05
