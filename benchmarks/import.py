"""Benchmark: import 5 million bistand_manad rows; prints rows per second and peak memory.

    .venv/bin/python benchmarks/import.py [--rader 5000000] [--mapp /tmp/uppfolj-bench] [--mappning]

The file is generated first (DuckDB COPY, semicolons and decimal commas, valid personnummer) in a child
process, so its memory is reported separately. Target: >= 200 000 rows/s and <= 4 GiB peak.

With `--mappning` the same rows are also written the way a municipality's own export might look (one file
per year, other headers, hushallstyp as case-system text) and imported through a mapping file, in a second
child process so that each import's peak memory is its own; both figures are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def luhn_digit(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p // 10 + p % 10
    return (10 - total % 10) % 10


def generate(folder: Path, rows: int) -> None:
    import datetime as dt

    import duckdb
    import pyarrow as pa

    months = 60
    households = rows // months
    persons = households + households // 3
    start = dt.date(1950, 1, 1)
    numbers = []
    for i in range(persons):
        born = start + dt.timedelta(days=i % 18000)
        nine = f"{born:%y%m%d}{(i // 18000) % 1000:03d}"
        numbers.append(f"{born.year}{nine[2:6]}-{nine[6:]}{luhn_digit(nine)}")
    con = duckdb.connect()
    con.register("people", pa.table({"i": pa.array(range(persons), pa.int64()), "nr": numbers}))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "bistand_manad.csv"
    con.execute(
        f"""COPY (
            SELECT 'H' || h AS hushall_id,
                   strftime(DATE '2020-01-01' + to_months(m::INTEGER), '%Y-%m') AS manad,
                   s.nr AS sokande_personnummer,
                   CASE WHEN h % 3 = 0 THEN c.nr END AS medsokande_personnummer,
                   (h % 4)::VARCHAR AS antal_barn,
                   replace(printf('%.2f', 1000 + (h * 37 + m * 11) % 15000 + 0.5), '.', ',') AS belopp,
                   (['1','3','4','5','6','7','8','9'])[1 + h % 8] AS hushallstyp
            FROM range({households}) r(h) CROSS JOIN range({months}) mm(m)
            JOIN people s ON s.i = h
            LEFT JOIN people c ON c.i = {households} + h // 3
        ) TO '{target}' (HEADER, DELIMITER ';')"""
    )
    # the same rows in a municipality's own shape: a file per year, other headers, hushallstyp as text
    own = folder.parent / "export-mappning"
    own.mkdir(parents=True, exist_ok=True)
    for year in range(2020, 2025):
        con.execute(
            f"""COPY (
                SELECT hushall_id AS "Hushållsnummer", manad AS "Period", sokande_personnummer AS "Pnr sökande",
                       medsokande_personnummer AS "Pnr medsökande", antal_barn AS "Barn",
                       belopp AS "Utbetalt belopp", 'Typ ' || hushallstyp AS "Hushållstyp"
                FROM read_csv('{target}', delim=';', header=true, all_varchar=true)
                WHERE manad LIKE '{year}-%'
            ) TO '{own}/utbetalningar_{year}.csv' (HEADER, DELIMITER ';')"""
        )


MAPPING = """\
tabeller:
  bistand_manad:
    filer: ["utbetalningar_*.csv"]
    kolumner:
      hushall_id: Hushållsnummer
      manad: Period
      sokande_personnummer: Pnr sökande
      medsokande_personnummer: Pnr medsökande
      antal_barn: Barn
      belopp: Utbetalt belopp
      hushallstyp: Hushållstyp
    koder:
      hushallstyp:
        varden: {"Typ 1": "1", "Typ 3": "3", "Typ 4": "4", "Typ 5": "5", "Typ 6": "6", "Typ 7": "7", "Typ 8": "8", "Typ 9": "9"}
        ovriga: avvisa
"""


def measure(base: Path, mapped: bool) -> None:
    """One import (contract shape, or the own shape through the mapping) and its printed figures."""
    from uppfolj import workspace
    from uppfolj.importing import run_import

    export = base / ("export-mappning" if mapped else "export")
    ws = workspace.create(base / ("arbetsyta-mappning" if mapped else "arbetsyta"))
    if mapped:
        (ws.root / "mappningar").mkdir()
        (ws.root / "mappningar" / "egen.yaml").write_text(MAPPING, encoding="utf-8")
    load = os.getloadavg()[0]
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    result = run_import(ws, export, mapping="egen" if mapped else None)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    f = result.files[0]
    self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    label = (
        "with mapping (5 yearly files, renamed headers, recoded hushallstyp)" if mapped else "contract shape"
    )
    print(f"--- {label}")
    print(f"import: read {f.read:,}, stored {f.stored:,}, rejected {f.rejected:,}, warnings {f.warnings:,}")
    print(f"import time: {elapsed:.1f} s")
    print(f"rows per second: {f.read / elapsed:,.0f}")
    print(
        f"cpu time (all threads): {cpu:.1f} s; load average before the import: {load:.1f} on {os.cpu_count()} cores"
    )
    print(f"peak memory, import process: {self_kib / 2**20:.2f} GiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rader", type=int, default=5_000_000)
    parser.add_argument("--mapp", type=Path, default=Path("/tmp/uppfolj-bench"))
    parser.add_argument("--mappning", action="store_true", help="also import the own shape through a mapping")
    parser.add_argument("--generera", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mat", choices=["kontrakt", "mappning"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    export = args.mapp / "export"
    if args.generera:
        generate(export, args.rader)
        return
    if args.mat:
        measure(args.mapp, args.mat == "mappning")
        return

    shutil.rmtree(args.mapp, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--generera", "--rader", str(args.rader), "--mapp", str(args.mapp)],
        check=True,
    )
    gen_s = time.perf_counter() - t0
    size = (export / "bistand_manad.csv").stat().st_size
    child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"generated: {args.rader:,} rows, {size / 2**20:.0f} MiB CSV in {gen_s:.1f} s (child process)")
    print(f"peak memory, generator child: {child_kib / 2**20:.2f} GiB")
    sys.stdout.flush()
    for kind in ["kontrakt", "mappning"] if args.mappning else ["kontrakt"]:
        subprocess.run([sys.executable, __file__, "--mat", kind, "--mapp", str(args.mapp)], check=True)
    shutil.rmtree(args.mapp, ignore_errors=True)


if __name__ == "__main__":
    main()
