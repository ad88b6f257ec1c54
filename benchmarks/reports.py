"""Benchmark: write the four committee reports (DOCX + XLSX) and the forecast backtest on the demo data.

    .venv/bin/python benchmarks/reports.py [--hushall 6000] [--mapp /tmp/uppfolj-rapport-bench]

Generates the demo municipality (default size of `uppfolj demo`), imports it into a fresh workspace, then
times each report for the latest complete periods and `forecast.evaluate`. Prints wall and CPU time per
step and the process's peak memory. On a shared machine wall time includes waiting for a core.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import time
from pathlib import Path

from uppfolj import workspace
from uppfolj.demodata.generate import generate
from uppfolj.forecast import evaluate
from uppfolj.importing.run import run_import
from uppfolj.reports.context import ReportContext
from uppfolj.reports.latest import latest_periods
from uppfolj.reports.registry import reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hushall", type=int, default=6000)
    parser.add_argument("--mapp", type=Path, default=Path("/tmp/uppfolj-rapport-bench"))
    args = parser.parse_args()
    shutil.rmtree(args.mapp, ignore_errors=True)
    generate(args.mapp / "export", households=args.hushall)
    ws = workspace.create(args.mapp / "ws")
    run_import(ws, args.mapp / "export")
    print(f"Demo data: {args.hushall} households, imported into {ws.root}")
    with ws.store().connect() as con:
        latest = latest_periods(con)
        ctx = ReportContext.for_workspace(ws, con)
        for report in reports().values():
            name, period = f"rapport {report.key}", latest.of_kind(report.period_kind)
            if period is None:
                continue
            wall, cpu = time.perf_counter(), time.process_time()
            paths = report.write(ctx, period, ws.reports_dir)
            sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size / 1024:.0f} KiB" for p in paths)
            print(
                f"{name} {period}: {time.perf_counter() - wall:.2f} s wall, "
                f"{time.process_time() - cpu:.2f} s CPU ({sizes})"
            )
        wall, cpu = time.perf_counter(), time.process_time()
        results = evaluate(con, ws.config.verksamhet_bistand, ws.config)
        print(
            f"prognos --utvardera ({len(results)} years): {time.perf_counter() - wall:.2f} s wall, "
            f"{time.process_time() - cpu:.2f} s CPU"
        )
        for bt in results:
            print(
                f"  {bt.year}: August {bt.error_percent(bt.august):.2f} %, "
                f"October {bt.error_percent(bt.october):.2f} % of the annual budget"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
