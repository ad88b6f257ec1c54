"""Indicator benchmark at national scale: the whole catalogue by month for one year, and pandas for three.

    .venv/bin/python benchmarks/indicators.py [--hushall 400000] [--motor duckdb]

1. builds a snapshot with DuckDB SQL (`uppfolj.indicators.synthetic`): ~400 000 households over six years,
   ~24 million household-months, ~2 million insatser, every stored table filled;
2. in a fresh process: computes the whole catalogue by month for the last year through `compute()` on the
   read-only snapshot, printing the time per indicator, the total and the process's peak memory;
3. in the same process: eb_hushall_manad by month, eb_langvarigt_andel for the year and am_deltagare_snitt by
   month through `compute()` alone;
4. in a fresh process: the same three with plain pandas (reading the needed columns into DataFrames
   included, as the uppfolj time includes reading the snapshot), checks that the values agree, and prints
   the speed ratio. Targets: total ≤ 60 s, peak ≤ 8 GiB, uppfolj ≥ 5 × faster than pandas.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

LAST_YEAR = 2024
MONTHS = [f"{LAST_YEAR}-{m:02d}" for m in range(1, 13)]
THREE = ["eb_hushall_manad", "eb_langvarigt_andel", "am_deltagare_snitt"]


def _peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def _cpu() -> float:
    """CPU seconds used by this process (all threads): the honest figure on a shared, loaded machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def build(root: str, households: int, out: Any) -> None:
    from uppfolj.indicators import synthetic
    from uppfolj.workspace import create

    t0 = time.perf_counter()
    ws = create(Path(root) / "ay")
    with ws.store().new_snapshot() as con:
        synthetic.build(con, households=households, start_before=72, start_span=96, mean_months=600)
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("bistand_manad", "insatser", "ansokningar", "_personregister")
        }
        counts["hushall"] = con.execute("SELECT count(DISTINCT hushall_id) FROM bistand_manad").fetchone()[0]  # type: ignore[index]
    out.put({"seconds": time.perf_counter() - t0, "counts": counts})


def run_uppfolj(root: str, engine: str, out: Any) -> None:
    from uppfolj.indicators import compute
    from uppfolj.indicators.catalogue import CATALOGUE
    from uppfolj.workspace import open_workspace

    ws = open_workspace(Path(root) / "ay")
    con = ws.store().connect()
    times: dict[str, float] = {}
    last = [time.perf_counter()]

    def tick(ind: str) -> None:
        now = time.perf_counter()
        times[ind] = now - last[0]
        last[0] = now

    t0, c0 = time.perf_counter(), _cpu()
    full = compute(con, periods=MONTHS, config=ws.config, engine=engine, progress=tick)
    total, total_cpu = time.perf_counter() - t0, _cpu() - c0
    peak_full = _peak_gib()
    t1, c1 = time.perf_counter(), _cpu()
    a = compute(con, periods=MONTHS, indicators=["eb_hushall_manad", "am_deltagare_snitt"], config=ws.config,
                engine=engine, kon=["T"], grupptyper=[])  # fmt: skip
    b = compute(con, periods=[str(LAST_YEAR)], indicators=["eb_langvarigt_andel"], config=ws.config,
                engine=engine)  # fmt: skip
    three, three_cpu = time.perf_counter() - t1, _cpu() - c1
    out.put(
        {
            "times": times,
            "total": total,
            "total_cpu": total_cpu,
            "three_cpu": three_cpu,
            "rows": len(full),
            "indicators": len(CATALOGUE),
            "peak": peak_full,
            "three_seconds": three,
            "three": pd.concat([a, b]).to_dict("records"),
        }
    )


def run_pandas(root: str, out: Any) -> None:
    import duckdb

    from uppfolj.workspace import open_workspace

    ws = open_workspace(Path(root) / "ay")
    snap = ws.store().current()
    assert snap is not None
    t0, c0 = time.perf_counter(), _cpu()
    con = duckdb.connect(str(snap.path), read_only=True)
    bm = con.execute(
        "SELECT hushall_id, manad, sokande_id, medsokande_id FROM bistand_manad WHERE year(manad) = ?",
        [LAST_YEAR],
    ).df()
    sexes = con.execute(
        "SELECT r.person_id, coalesce(p.kon, r.kon) AS kon FROM _personregister r "
        "LEFT JOIN personer p USING (person_id)"
    ).df()
    ins = con.execute("SELECT person_id, start_datum, slut_datum FROM insatser").df()
    con.close()
    results: dict[tuple[str, str, str], float] = {}
    # eb_hushall_manad: distinct households per payment month
    per_month = bm.groupby("manad")["hushall_id"].nunique()
    for month, n in per_month.items():
        results[("eb_hushall_manad", pd.Timestamp(month).strftime("%Y-%m"), "T")] = float(n)
    # eb_langvarigt_andel: adults' payment months in the year, share with >= 10, by sex
    adults = pd.concat(
        [
            bm[["sokande_id", "manad"]].rename(columns={"sokande_id": "person_id"}),
            bm[["medsokande_id", "manad"]].rename(columns={"medsokande_id": "person_id"}).dropna(),
        ]
    ).drop_duplicates()
    months = (
        adults.groupby("person_id").size().rename("n").reset_index().merge(sexes, on="person_id", how="left")
    )
    months["kon"] = months["kon"].fillna("?")
    for kon in ("K", "M", "T"):
        sel = months if kon == "T" else months[months["kon"] == kon]
        results[("eb_langvarigt_andel", str(LAST_YEAR), kon)] = 100 * float((sel["n"] >= 10).sum()) / len(sel)
    # am_deltagare_snitt: per month, the mean over its days of distinct persons with an insats in progress
    start = ins["start_datum"].to_numpy(dtype="datetime64[D]")
    end = ins["slut_datum"].to_numpy(dtype="datetime64[D]")
    ongoing = np.isnat(end)
    year_start, year_end = np.datetime64(f"{LAST_YEAR}-01-01"), np.datetime64(f"{LAST_YEAR}-12-31")
    keep = (start <= year_end) & (ongoing | (end >= year_start))
    start, end, ongoing = start[keep], end[keep], ongoing[keep]
    persons = ins["person_id"].to_numpy()[keep]
    daily = {}
    for day in pd.date_range(str(year_start), str(year_end)):
        d = np.datetime64(day.date())
        mask = (start <= d) & (ongoing | (end >= d))
        daily[day] = len(pd.unique(persons[mask]))
    by_month = pd.Series(daily).groupby(lambda d: d.strftime("%Y-%m")).mean()
    for month, value in by_month.items():
        results[("am_deltagare_snitt", str(month), "T")] = float(value)
    out.put(
        {"seconds": time.perf_counter() - t0, "cpu": _cpu() - c0, "results": results, "peak": _peak_gib()}
    )


def _child(target: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    while True:  # a failed child never puts a result: stop instead of waiting forever
        try:
            result = queue.get(timeout=5)
            break
        except Exception:  # queue.Empty
            if not proc.is_alive():
                sys.exit(f"child failed: {target.__name__}")
    proc.join()
    return dict(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hushall", type=int, default=400_000)
    parser.add_argument("--motor", default="duckdb", choices=["duckdb", "spark"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="uppfolj-bench-") as root:
        print(
            f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
        )
        built = _child(build, root, args.hushall)
        c = built["counts"]
        print(f"data: {c['hushall']:,} households, {c['bistand_manad']:,} household-months, "
              f"{c['insatser']:,} insatser, {c['ansokningar']:,} applications, {c['_personregister']:,} persons; "
              f"built in {built['seconds']:.1f} s")  # fmt: skip
        up = _child(run_uppfolj, root, args.motor)
        print(
            f"\nwhole catalogue ({up['indicators']} indicators) by month for {LAST_YEAR}, engine {args.motor}:"
        )
        for ind, sec in up["times"].items():
            print(f"  {ind:30s} {sec:7.2f} s")
        print(f"TOTAL {up['total']:.1f} s wall (target <= 60 s), {up['total_cpu']:.1f} CPU s; {up['rows']:,} rows; "
              f"peak memory {up['peak']:.2f} GiB (target <= 8 GiB)")  # fmt: skip
        pd_run = _child(run_pandas, root)
        ours = {
            (r["indikator"], r["period"], r["kon"]): r["varde"] for r in up["three"] if r["grupptyp"] == ""
        }
        theirs = pd_run["results"]
        same = all(np.isclose(ours[k], v, rtol=1e-9) for k, v in theirs.items())
        print(f"\neb_hushall_manad by month + eb_langvarigt_andel {LAST_YEAR} + am_deltagare_snitt by month:")
        print(f"  uppfolj {up['three_seconds']:.2f} s wall / {up['three_cpu']:.2f} CPU s, plain pandas "
              f"{pd_run['seconds']:.2f} s wall / {pd_run['cpu']:.2f} CPU s "
              f"(peak {pd_run['peak']:.2f} GiB); same values: {'yes' if same else 'NO'}")  # fmt: skip
        print(f"  speed ratio pandas / uppfolj = {pd_run['seconds'] / up['three_seconds']:.1f} x wall, "
              f"{pd_run['cpu'] / up['three_cpu']:.1f} x CPU (target >= 5 x)")  # fmt: skip
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
