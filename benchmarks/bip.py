"""Benchmark: BIP import, progression, aggregation (per insatstyp and enhet, with röjandeskydd) and the
outcome table, for a large municipality's measurements.

Persons answer five indicators four times (every 91 days), so rows = persons × 20. Each person has one or
two insatser of eight types at twenty units, and some months of ekonomiskt bistånd. Prints wall and CPU time
per step and the peak memory (max RSS). On a shared machine the wall time includes waiting for a core.

    .venv/bin/python benchmarks/bip.py [--persons 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from uppfolj import workspace
from uppfolj.bip.aggregate import aggregate
from uppfolj.bip.outcome import outcome_table
from uppfolj.bip.progression import progression
from uppfolj.importing.run import run_import

INDICATORS = ("Motivation", "Självförtroende", "Sociala kompetenser", "Hälsa", "Jobbsökning")
TYPES = (
    "Jobbspår",
    "Praktik",
    "Arbetsträning",
    "OSA",
    "Jobbcoachning",
    "Vägledning",
    "Språkpraktik",
    "Studier",
)


def _luhn(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def _pnrs(n: int) -> list[str]:
    out = []
    base = dt.date(1960, 1, 1)
    for i in range(n):
        born = base + dt.timedelta(days=i // 900)
        serial = i % 900 + 100
        nine = f"{born:%y%m%d}{serial:03d}"
        out.append(f"{born:%Y%m%d}-{serial:03d}{_luhn(nine)}")
    return out


def write_export(folder: Path, persons: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    pnrs = _pnrs(persons)
    start = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 365, persons), unit="D")
    first = start + pd.to_timedelta(rng.integers(0, 15, persons), unit="D")
    rows = []
    for k in range(4):
        day = (first + pd.Timedelta(days=91 * k)).strftime("%Y-%m-%d")
        for name in INDICATORS:
            values = np.clip(rng.integers(1, 6, persons), 1, 5).astype(str)
            rows.append(
                pd.DataFrame({"personnummer": pnrs, "matdatum": day, "indikator": name, "varde": values})
            )
    pd.concat(rows).to_csv(folder / "bip.csv", sep=";", index=False)
    ins = pd.DataFrame(
        {
            "insats_id": [f"i{i}" for i in range(persons)],
            "personnummer": pnrs,
            "insatstyp": rng.choice(TYPES, persons),
            "enhet": [f"Enhet {u}" for u in rng.integers(1, 21, persons)],
            "start_datum": start.strftime("%Y-%m-%d"),
        }
    )
    ins.to_csv(folder / "insatser.csv", sep=";", index=False)
    eb_people = rng.random(persons) < 0.4
    months = []
    for m in range(12):
        month = (pd.Timestamp("2022-01-01") + pd.DateOffset(months=m)).strftime("%Y-%m")
        chosen = np.flatnonzero(eb_people & (rng.random(persons) < 0.5))
        months.append(
            pd.DataFrame(
                {
                    "hushall_id": [f"h{i}" for i in chosen],
                    "manad": month,
                    "sokande_personnummer": [pnrs[i] for i in chosen],
                    "antal_barn": "0",
                    "belopp": "6500",
                }
            )
        )
    pd.concat(months).to_csv(folder / "bistand_manad.csv", sep=";", index=False)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _timed(label: str, func):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    print(f"{label:<44} wall {time.perf_counter() - wall:7.2f} s   cpu {time.process_time() - cpu:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        export = root / "export"
        export.mkdir()
        _timed("write export files", lambda: write_export(export, args.persons))
        ws = workspace.create(root / "ws")
        bip_rows = args.persons * 4 * len(INDICATORS)
        print(f"persons {_n(args.persons)}, bip rows {_n(bip_rows)}")
        _timed("import (bip, insatser, bistand_manad)", lambda: run_import(ws, export))
        con = ws.store().connect()
        try:
            prog = _timed("progression per person and indicator", lambda: progression(con))
            print(f"  rows {_n(len(prog))}")
            for per in ("insatstyp", "enhet"):
                frame = _timed(
                    f"aggregate per {per}, K/M/T, röjandeskydd",
                    lambda per=per: aggregate(con, per=per, publish=True, threshold=4),
                )
                print(f"  cells {_n(len(frame))}, hidden {_n(int(frame['undertryckt'].sum()))}")
            table = _timed(
                "outcome table (Jobbspår, motivation)",
                lambda: outcome_table(con, insatstyp="Jobbspår", indikator="Motivation"),
            )
            print(f"  persons {_n(len(table))}, treated {_n(int(table['behandling'].sum()))}")
        finally:
            con.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS) {_n(round(peak))} MB")


if __name__ == "__main__":
    main()
