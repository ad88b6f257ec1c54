"""ansokningar for one chunk, vectorised: one application per payment month, plus avslag and the
applications of the month after the export (not yet decided). See docs/demodata.md for the process."""

from __future__ import annotations

import numpy as np

from uppfolj.demodata import model as m
from uppfolj.demodata.calendar import Period

Row = list[object]

_PRE, _MAIN, _EXTRA = 0, 1, 2
_DECISIONS = np.array(["Bifall", "Delvis bifall", "Avslag", "Avskriven"], dtype=object)
_CHANNELS = np.array(["E-tjänst", "Papper", "Annat"], dtype=object)


def month_starts(p: Period) -> np.ndarray:
    """First day of every simulated month index, as datetime64[D]."""
    first = np.datetime64(f"{p.first_year:04d}-{p.first_month:02d}", "M") - m.BURN_IN
    return (first + np.arange(p.horizon + 1)).astype("datetime64[D]")


def application_rows(
    rng: np.random.Generator,
    paid: np.ndarray,
    p: Period,
    ids: list[str],
    chunk: int,
    decision_day: dict[tuple[int, int], int] | None = None,
) -> list[Row]:
    """`decision_day[(household, month index)]`: the day offset of a new case's decision, fixed by an insats
    that starts within two weeks of it; other decisions fall on a random day 0–19 of the month."""
    lo, hi = p.first_k, p.end_k
    starts = month_starts(p)
    # payments in the G+1 months before each month: none means a new case (nybesök)
    csum = np.concatenate(
        [np.zeros((paid.shape[0], 1), dtype=np.int32), np.cumsum(paid, axis=1, dtype=np.int32)], axis=1
    )
    ii, kk = np.nonzero(paid[:, lo : hi + 1])
    kk = kk + lo
    before = csum[ii, kk] - csum[ii, np.maximum(kk - m.GAP - 1, 0)]
    new = before == 0
    n = len(ii)
    u = rng.random((n, 4))
    day20 = rng.integers(0, 20, (n, 2))
    day_late = rng.integers(14, 28, n)
    day_any = rng.integers(0, 28, n)
    wait_new = np.rint(rng.gamma(3.0, m.NEW_CASE_WAIT_MEAN / 3.0, (n, 3))).astype(int)
    wait_cont = np.rint(rng.gamma(2.0, m.CONTINUED_WAIT_MEAN / 2.0, n)).astype(int)
    parts: list[tuple[np.ndarray, ...]] = []  # (i, k, sub, household suffix, inkom, wait, decision, new)

    def add(
        sel: np.ndarray,
        sub: int,
        suffix: bool,
        inkom: np.ndarray,
        wait: np.ndarray,
        dec: np.ndarray,
        ny: bool,
    ) -> None:
        count = int(sel.sum())
        parts.append((ii[sel], kk[sel], np.full(count, sub), np.full(count, suffix), inkom[sel], wait[sel],
                      dec[sel], np.full(count, ny)))  # fmt: skip

    first_prev, first_this = starts[kk - 1], starts[kk]
    avslag = np.full(n, 2)
    # new case: an earlier avslag sometimes, the granted application, sometimes another household's avslag
    pre = new & (u[:, 0] < m.REJECTED_BEFORE_SPELL)
    add(pre, _PRE, False, first_prev + day20[:, 0], wait_new[:, 0], avslag, True)
    if decision_day:
        pos = {(a, b): j for j, (a, b) in enumerate(zip(ii.tolist(), kk.tolist(), strict=True))}
        for key, day in decision_day.items():
            if key in pos:
                day20[pos[key], 1] = day
    decided = first_this + day20[:, 1]
    granted = np.where(u[:, 1] < 0.1, 1, 0)
    add(new, _MAIN, False, decided - wait_new[:, 1], wait_new[:, 1], granted, True)
    other = new & (u[:, 2] < m.REJECTED_NEW_HOUSEHOLDS)
    add(other, _EXTRA, True, first_this + day_any, wait_new[:, 2], avslag, True)
    # continued: received in the month before, decided within days
    cont = ~new
    inkom_cont = first_prev + day_late
    dec_cont = np.where(u[:, 1] < m.WITHDRAWN, 3, np.where(u[:, 1] < 0.12, 1, 0))
    add(cont, _MAIN, False, inkom_cont, wait_cont, dec_cont, False)
    extra = cont & (u[:, 3] < m.REJECTED_CONTINUED)
    add(extra, _EXTRA, False, inkom_cont + 3, wait_cont + 2, avslag, False)

    i, k, sub, suffix, inkom, wait, dec, ny = (np.concatenate(col) for col in zip(*parts, strict=True))
    last = np.datetime64(p.last_day.isoformat(), "D")
    keep = inkom <= last
    order = np.lexsort((sub[keep], k[keep], i[keep]))
    i, suffix, inkom, wait, dec, ny = (a[keep][order] for a in (i, suffix, inkom, wait, dec, ny))
    decided_at = inkom + wait
    years = inkom.astype("datetime64[Y]").astype(int) + 1970
    share = np.minimum(0.85, m.E_SERVICE_START + m.E_SERVICE_RISE * (years - p.first_year))
    r = rng.random(len(i))
    channel = _CHANNELS[np.where(r < share, 0, np.where(r < 0.97, 1, 2))]
    inkom_s = [s.replace("-", "") for s in np.datetime_as_string(inkom).tolist()]
    decided_s = [s.replace("-", "") for s in np.datetime_as_string(decided_at).tolist()]
    pending = (decided_at > last).tolist()
    decisions = _DECISIONS[dec].tolist()
    rows: list[Row] = []
    for seq, (hh, suf, ink, dcd, pend, dec_s, kanal, is_new) in enumerate(
        zip(
            i.tolist(),
            suffix.tolist(),
            inkom_s,
            decided_s,
            pending,
            decisions,
            channel.tolist(),
            ny.tolist(),
            strict=True,
        ),
        start=1,
    ):
        hid = ids[hh] + "-9" if suf else ids[hh]
        rows.append([f"A{chunk:04d}{seq:06d}", hid, ink, "" if pend else dcd, "" if pend else dec_s, kanal,
                     "Ja" if is_new else "Nej"])  # fmt: skip
    return rows
