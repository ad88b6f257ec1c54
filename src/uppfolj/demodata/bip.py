"""BIP measurements for the demo municipality (`bip.csv`), derived from the `insatser.csv` just written.

For about a third of the insatser (chosen by a seeded generator), the participant answers the five
indicators below on the scale 1–5: at the start of the insats (within its first two weeks), then every 91 days
while it lasts, at most four times, only inside the export period. Each person and indicator starts from a
value drawn around 2,5 and moves by −1, 0 or +1 per measurement with a slight drift upwards. Nothing about
effects is planted here (facit.json does not cover BIP). Only written for clean data (not `--smutsig`), so
the expected defects stay exactly those of the other tables.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

from uppfolj.demodata.calendar import Period

INDICATORS = ("Motivation", "Självförtroende", "Sociala kompetenser", "Hälsa", "Jobbsökning")
SHARE = 0.35
INTERVAL_DAYS = 91
MAX_MEASUREMENTS = 4
#: probabilities of a step −1, 0, +1 between measurements
STEP_P = (0.2, 0.45, 0.35)
HEADER = ("Personnummer", "Mätdatum", "Indikator", "Värde")


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _dashed(compact: str) -> str:
    return f"{compact[:8]}-{compact[8:]}" if len(compact) == 12 and compact.isdigit() else ""


def write_bip(out: Path, period: Period, seed: int) -> int:
    """Write `bip.csv` into `out` from its `insatser.csv`; returns the number of rows written."""
    rng = np.random.default_rng([seed, 424_242])
    end = period.last_day
    seen: set[tuple[str, dt.date]] = set()
    rows: list[tuple[str, str, str, str]] = []
    with open(out / "insatser.csv", encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        for rec in reader:
            if rng.random() >= SHARE:
                continue
            pnr = _dashed(rec.get("Personnummer") or "")
            start = _date(rec.get("Start datum") or "")
            if not pnr or start is None:
                continue
            stop = _date(rec.get("Slut datum") or "") or end
            first = start + dt.timedelta(days=int(rng.integers(0, 15)))
            dates = [first + dt.timedelta(days=INTERVAL_DAYS * i) for i in range(MAX_MEASUREMENTS)]
            dates = [d for d in dates if d <= min(stop, end) or d == first]
            dates = [d for d in dates if period.first_date <= d <= end and (pnr, d) not in seen]
            for d in dates:
                seen.add((pnr, d))
            for name in INDICATORS:
                value = int(np.clip(round(rng.normal(2.5, 0.9)), 1, 5))
                for d in dates:
                    rows.append((pnr, d.isoformat(), name, str(value)))
                    value = int(np.clip(value + rng.choice((-1, 0, 1), p=STEP_P), 1, 5))
    with open(out / "bip.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return len(rows)
