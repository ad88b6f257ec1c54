"""Benchmark: the synthetic municipality at national scale; prints time, rows and peak memory.

    .venv/bin/python benchmarks/demodata.py [--hushall 400000] [--mapp /tmp/uppfolj-demodata-bench]

Generation streams chunk by chunk (`model.CHUNK` households), so peak memory should stay flat as
--hushall grows. Peak memory is the process's maximum resident set size; the script also samples it
after every chunk to show that it does not grow with the number of households written.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import time
from pathlib import Path

from uppfolj.demodata import generate


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hushall", type=int, default=400_000)
    parser.add_argument("--mapp", type=Path, default=Path("/tmp/uppfolj-demodata-bench"))
    parser.add_argument("--behall", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    shutil.rmtree(args.mapp, ignore_errors=True)
    samples: list[tuple[int, float]] = []

    def progress(done: int, total: int) -> None:
        samples.append((done, _rss_mib()))
        if done % 10 == 0 or done == total:
            print(f"  chunk {done}/{total}: RSS {samples[-1][1]:.0f} MiB", flush=True)

    started = time.perf_counter()
    summary = generate(args.mapp, households=args.hushall, seed=1, progress=progress)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = sum(p.stat().st_size for p in args.mapp.iterdir())
    print(f"households: {summary.households:,}")
    print(f"household-months (bistand_manad rows): {summary.payment_months:,}")
    print(f"paying households per month: {summary.households_per_month:,.0f}")
    for name, rows in sorted(summary.rows.items()):
        print(f"  {name}: {rows:,} rows")
    print(f"files: {size / 2**20:,.0f} MiB")
    print(f"time: {seconds:.1f} s ({summary.payment_months / seconds:,.0f} household-months/s)")
    first_half = max(r for d, r in samples[: len(samples) // 2 or 1])
    print(f"RSS after first half of chunks: {first_half:.0f} MiB; at the end: {samples[-1][1]:.0f} MiB")
    print(f"peak memory (max RSS): {peak:.0f} MiB")
    if not args.behall:
        shutil.rmtree(args.mapp, ignore_errors=True)


if __name__ == "__main__":
    main()
