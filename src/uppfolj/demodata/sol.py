"""sol_beslut for one chunk: favourable SoL decisions (arbetsrehabilitering etc.) and how each one went.

A decision is made for the sökande in a share of payment months (from 24 months before the export); its
outcome is drawn from the mixture documented in docs/demodata.md. Dates after the export date are blank.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from uppfolj.demodata import model as m
from uppfolj.demodata.calendar import Period, month_end

Row = list[object]


def sol_rows(
    rng: np.random.Generator, paid: np.ndarray, people: list[list[str]], p: Period, chunk: int
) -> list[Row]:
    rows: list[Row] = []
    lo, hi = p.first_k - 24, p.end_k
    ii, kk = np.nonzero(paid[:, lo:hi])
    hits = rng.random(len(ii)) < m.SOL_PER_PAYMENT_MONTH
    last = p.last_day
    types = [t for t, _ in m.SOL_TYPES]
    tp = np.array([share for _, share in m.SOL_TYPES])
    pairs = zip(ii[hits].tolist(), (kk[hits] + lo).tolist(), strict=True)
    for seq, (i, k) in enumerate(pairs, start=1):
        beslut = p.first_day(k) + dt.timedelta(days=int(rng.integers(0, p.days_in(k))))
        nr = people[i][0]
        insatstyp = str(rng.choice(types, p=tp))
        lagrum = "SoL 4:2" if rng.random() < 0.1 else "SoL 4:1"
        dates: dict[str, dt.date | None] = {
            "erbjudande": None,
            "verkstallt": None,
            "avbrott": None,
            "aterupptaget": None,
            "avslutat": None,
        }
        orsak: tuple[str, str] = ("", "")
        r = rng.random()

        def after(a: int, b: int, base: dt.date = beslut) -> dt.date:
            return base + dt.timedelta(days=int(rng.integers(a, b)))

        if r < 0.70:
            dates["verkstallt"] = after(3, 60)
        elif r < 0.85:
            dates["verkstallt"] = after(95, 260)
            # draw first, whichever reason is used, so every later draw of the stream stays as it was
            delayed = m.SOL_REASONS[int(rng.integers(0, 2))]
            orsak = delayed if seq % 5 else m.SOL_REASONS[4]
        elif r < 0.90:
            dates["avslutat"] = after(40, 220)
        elif r < 0.95:
            dates["erbjudande"] = after(20, 70)
            orsak = m.SOL_REASONS[2] if seq % 3 else m.SOL_REASONS[5]
            if rng.random() < 0.5:
                dates["avslutat"] = after(150, 320)
            else:
                dates["verkstallt"] = after(120, 300)
        else:
            executed = after(5, 40)
            interrupted = after(30, 200, executed)
            dates["verkstallt"], dates["avbrott"] = executed, interrupted
            orsak = m.SOL_REASONS[3]
            if rng.random() < 0.5:
                dates["aterupptaget"] = after(40, 200, interrupted)
            else:
                dates["avslutat"] = after(90, 300, interrupted)
        if dates["avslutat"] is not None:
            dates["avslutat"] = month_end(dates["avslutat"])  # cases are closed per the last of the month
        shown = {key: (d if d is not None and d <= last else None) for key, d in dates.items()}
        rows.append(
            [
                f"SOL-{chunk:04d}-{seq:05d}",
                nr,
                beslut,
                insatstyp,
                lagrum,
                shown["erbjudande"],
                shown["verkstallt"],
                shown["avbrott"],
                shown["aterupptaget"],
                shown["avslutat"],
                *orsak,
            ]
        )
    return rows
