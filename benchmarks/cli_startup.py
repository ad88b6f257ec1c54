"""Benchmark: start-up of the command line where bytecode cannot be written (PYTHONDONTWRITEBYTECODE=1).

Times `uppfolj indikatorer --period 2023-01 --indikator eb_barn_manad` on a small synthetic workspace in two
fresh virtual environments made from `requirements.lock`: one installed as before (no compiled bytecode,
so every start compiles every module it imports) and one installed as `make install` does now
(`uv pip install --compile-bytecode` plus the package compiled). Both install the package itself
non-editable, so bytecode left in `src/` by earlier runs plays no part. Prints the median wall time of
`--runs` starts for each. On a shared machine the wall time includes waiting for a core.

    .venv/bin/python benchmarks/cli_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ["indikatorer", "--period", "2023-01", "--indikator", "eb_barn_manad"]


def make_venv(where: Path, *, compiled: bool) -> Path:
    """A virtual environment with the locked dependencies and uppfolj; its `uppfolj` executable."""
    uv = Path(sys.executable).with_name("uv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    extra = ["--compile-bytecode"] if compiled else []
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for args in (["sync", *extra, "requirements.lock"], ["install", *extra, "--no-deps", "."]):
        subprocess.run(
            [str(uv), "pip", *args[:1], "--quiet", "--python", str(python), *args[1:]],
            check=True,
            cwd=ROOT,
            env=env,
        )
    return where / "bin" / "uppfolj"


def make_workspace(uppfolj: Path, where: Path) -> Path:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    ws = where / "arbetsyta"
    export = where / "export"
    run = [str(uppfolj)]
    subprocess.run([*run, "demodata", "--ut", str(export), "--hushall", "300"], check=True, env=env)
    subprocess.run(
        [*run, "init", str(ws), "--kommun", "Exempelkommun", "--kommunkod", "0000"], check=True, env=env
    )
    subprocess.run(
        [*run, "import", str(export), "--arbetsyta", str(ws)], check=True, env=env, capture_output=True
    )
    return ws


def time_starts(uppfolj: Path, ws: Path, runs: int) -> float:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "UPPFOLJ_ARBETSYTA": str(ws)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(uppfolj), *COMMAND], check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="uppfolj-startup-"))
    try:
        before = make_venv(tmp / "utan-bytekod", compiled=False)
        after = make_venv(tmp / "med-bytekod", compiled=True)
        ws = make_workspace(after, tmp)
        figures = {"before (no compiled bytecode)": time_starts(before, ws, args.runs)}
        figures["after (installed with --compile-bytecode)"] = time_starts(after, ws, args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"uppfolj {' '.join(COMMAND)} with PYTHONDONTWRITEBYTECODE=1, median of {args.runs} starts:")
    for label, seconds in figures.items():
        print(f"  {label}: {seconds:.2f} s")
    print(f"load average: {Path('/proc/loadavg').read_text().split()[0]}")


if __name__ == "__main__":
    main()
