"""Benchmark of the am_*, sol_* and ek_* definitions at national scale, by month for one year.

    .venv/bin/python benchmarks/indicators_am_sol_ek.py [--insatser 2000000] [--personer 600000]

Builds an in-memory store with numpy (insatser over six years, 2019–2024, mean length about 200 days, 5 %
still ongoing; 300 units with place rows that change once; SoL decisions; ekonomi per month) and computes
each indicator of the three sections for the twelve months of 2024 through `compute()` on DuckDB. Prints
wall and CPU time per indicator (CPU counts both DuckDB threads: on a busy shared machine it is the
steadier figure), the totals and the process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import time

import duckdb
import numpy as np
import pandas as pd

from uppfolj.indicators import compute
from uppfolj.indicators.catalogue import CATALOGUE

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]
START = np.datetime64("2019-01-01")


def _dates(days: np.ndarray) -> np.ndarray:
    return (START + days.astype("timedelta64[D]")).astype("datetime64[D]")


def build(con: duckdb.DuckDBPyConnection, n: int, persons: int, rng: np.random.Generator) -> None:
    start = rng.integers(0, 6 * 366, n)
    length = rng.gamma(2.0, 100.0, n).astype(int)
    slut = _dates(start + length)
    ongoing = rng.random(n) < 0.05
    ended = ~ongoing & (slut <= np.datetime64("2024-12-31"))
    insatser_frame = pd.DataFrame(
        {
            "insats_id": np.char.add("i", np.arange(n).astype(str)),
            "person_id": np.char.add("p", rng.integers(0, persons, n).astype(str)),
            "insatstyp": rng.choice(
                ["Jobbspår", "Praktik", "OSA", "Arbetsträning", "Arbetsmarknadsanställning"], n
            ),
            "enhet": np.char.add("E", rng.integers(0, 300, n).astype(str)),
            "arendetyp": rng.choice(["Ekonomiskt bistånd", "Etablering", "Övrigt", ""], n),
            "anvisad_datum": _dates(start - rng.integers(0, 40, n)),
            "start_datum": _dates(start),
            "slut_datum": pd.Series(slut).where(ended),
            "avslutsorsak": pd.Series(
                rng.choice(["arbete_utan_stod", "studier", "ovrigt", "ohalsa"], n)
            ).where(ended),
        }
    )
    con.register("insatser_frame", insatser_frame)
    con.execute(
        "CREATE TABLE insatser AS SELECT insats_id, person_id, insatstyp, enhet, nullif(arendetyp, '') AS "
        "arendetyp, CAST(anvisad_datum AS DATE) AS anvisad_datum, CAST(start_datum AS DATE) AS start_datum, "
        "CAST(slut_datum AS DATE) AS slut_datum, avslutsorsak FROM insatser_frame"
    )
    con.execute(
        "CREATE TABLE _personregister AS SELECT person_id, 1980 AS fodelsear, "
        "CASE WHEN hash(person_id) % 2 = 0 THEN 'K' ELSE 'M' END AS kon FROM (SELECT DISTINCT person_id FROM insatser)"
    )
    con.execute(
        "CREATE TABLE personer AS SELECT person_id, NULL::VARCHAR AS kon, "
        "CASE WHEN hash(person_id) % 8 = 0 THEN NULL ELSE CAST(1 + hash(person_id) % 7 AS VARCHAR) END "
        "AS utbildningsniva, NULL::VARCHAR AS fodelseland_grupp, NULL::INTEGER AS invandringsar FROM _personregister"
    )
    con.execute(
        """CREATE TABLE platser AS
        SELECT 'E' || i AS enhet, DATE '2018-01-01' AS fran_datum, DATE '2024-06-30' AS till_datum,
               20 AS antal_platser, 'intern' AS platstyp, CAST(2000000 AS DECIMAL(18,2)) AS arskostnad
        FROM range(300) t(i)
        UNION ALL
        SELECT 'E' || i, DATE '2024-07-01', NULL, 25, CASE WHEN i % 3 = 0 THEN 'extern' ELSE 'intern' END,
               CAST(2600000 AS DECIMAL(18,2))
        FROM range(300) t(i)"""
    )
    m = n // 10
    beslut = rng.integers(0, 6 * 366, m)
    executed = rng.random(m) < 0.9
    sol_frame = pd.DataFrame(
        {
            "beslut_id": np.char.add("b", np.arange(m).astype(str)),
            "person_id": np.char.add("p", rng.integers(0, persons, m).astype(str)),
            "beslut_datum": _dates(beslut),
            "insatstyp": rng.choice(["Arbetsrehabilitering", "Sysselsättning"], m),
            "verkstallt_datum": pd.Series(_dates(beslut + rng.integers(0, 200, m))).where(executed),
        }
    )
    con.register("sol_frame", sol_frame)
    con.execute(
        "CREATE TABLE sol_beslut AS SELECT beslut_id, person_id, CAST(beslut_datum AS DATE) AS beslut_datum, "
        "insatstyp, 'SoL 4:1' AS lagrum, NULL::DATE AS erbjudande_datum, CAST(verkstallt_datum AS DATE) AS "
        "verkstallt_datum, NULL::DATE AS avbrott_datum, NULL::DATE AS aterupptaget_datum, NULL::DATE AS "
        "avslutat_datum, NULL::VARCHAR AS orsak FROM sol_frame"
    )
    con.execute(
        """CREATE TABLE ekonomi AS
        SELECT make_date(2019 + m // 12, m % 12 + 1, 1) AS manad, v AS verksamhet,
               CAST(1000000 AS DECIMAL(18,2)) AS budget, CAST(1010000 AS DECIMAL(18,2)) AS utfall,
               CAST(NULL AS DECIMAL(18,2)) AS prognos_helar
        FROM range(72) t(m), (VALUES ('Arbetsmarknadsåtgärder'), ('Ekonomiskt bistånd')) v(v)"""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--insatser", type=int, default=2_000_000)
    parser.add_argument("--personer", type=int, default=600_000)
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute("SET threads = 2")
    t0 = time.perf_counter()
    build(con, args.insatser, args.personer, np.random.default_rng(1))
    n_sol = con.execute("SELECT count(*) FROM sol_beslut").fetchone()
    print(f"built {args.insatser:,} insatser, {n_sol[0] if n_sol else 0:,} SoL decisions "
          f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
    ids = [i for i in CATALOGUE if i.split("_")[0] in ("am", "sol", "ek")]
    wall_total = cpu_total = 0.0
    print(f"{'indicator':32s} {'wall s':>8s} {'cpu s':>8s} {'rows':>8s}   (12 months of 2024)")
    for ind in ids:
        w, c = time.perf_counter(), time.process_time()
        out = compute(con, periods=MONTHS, indicators=[ind])
        w, c = time.perf_counter() - w, time.process_time() - c
        wall_total += w
        cpu_total += c
        print(f"{ind:32s} {w:8.1f} {c:8.1f} {len(out):8d}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"{'total':32s} {wall_total:8.1f} {cpu_total:8.1f}")
    print(f"peak memory {peak:.2f} GiB")


if __name__ == "__main__":
    main()
