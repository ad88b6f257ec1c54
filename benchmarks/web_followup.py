"""Latency of the follow-up and Kolada pages (issues 7 and 8) against `uppfolj serve` on 127.0.0.1.

    .venv/bin/python benchmarks/web_followup.py --arbetsyta DEMO [--klienter 4] [--sekunder 30]

DEMO is a workspace made by `uppfolj demo` (it has BIP measurements and uppdrag). The workspace is copied
first, so the benchmark's account and audit-log entries never land in it. Each client, logged in as an
analyst, fetches the pages and their JSON twins in a loop; prints requests per second, p50/p95/p99 per URL
and the errors (any status other than 200). The first pass (a cold view cache) is timed separately.
"""

from __future__ import annotations

import argparse
import importlib.util
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

_spec = importlib.util.spec_from_file_location("web_bench", Path(__file__).with_name("web.py"))
assert _spec and _spec.loader
web = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(web)

BIN = Path(sys.executable).parent
URLS = [
    "/kolada",
    "/api/kolada",
    "/uppdrag",
    "/api/uppdrag",
    "/internkontroll",
    "/atgardsplan",
    "/bip",
    "/bip?per=enhet&skyddat=false",
    "/api/bip?per=insatstyp",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arbetsyta", type=Path, required=True)
    parser.add_argument("--klienter", type=int, default=4)
    parser.add_argument("--sekunder", type=float, default=30)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="uppfolj-bench-")) / "ws"
    shutil.copytree(args.arbetsyta, root)
    name, password = f"bench-{secrets.token_hex(3)}", secrets.token_urlsafe(16)
    subprocess.run(
        [BIN / "uppfolj", "anvandare", "lagg-till", name, "--roll", "analytiker", "--arbetsyta", str(root)],
        input=password + "\n",
        text=True,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = web.free_port()
    server = subprocess.Popen(
        [BIN / "uppfolj", "serve", "--arbetsyta", str(root), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/logga-in", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        clients = [web.log_in(base, name, password) for _ in range(args.klienter)]
        print("första hämtningen (kall cache):")
        for url in URLS:
            started = time.perf_counter()
            status = clients[0].get(url).status_code
            print(f"  {url:40s} {1000 * (time.perf_counter() - started):8.1f} ms  status {status}")
        latencies: dict[str, list[float]] = {u: [] for u in URLS}
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.sekunder

        def run(client: httpx.Client, offset: int) -> None:
            i = offset
            while time.monotonic() < stop_at:
                url = URLS[i % len(URLS)]
                i += 1
                started = time.perf_counter()
                status = client.get(url).status_code
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[url].append(elapsed)
                    if status != 200:
                        errors.append(f"{url}: {status}")

        threads = [threading.Thread(target=run, args=(c, n)) for n, c in enumerate(clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
        total = sum(len(v) for v in latencies.values())
        print(f"{args.klienter} klienter, {wall:.0f} s: {total} anrop, {total / wall:.1f} anrop/s")
        print(f"  {'url':40s} {'n':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s}")
        for url, values in latencies.items():
            ms = [1000 * v for v in values]
            print(
                f"  {url:40s} {len(ms):6d} {statistics.median(ms):8.1f} "
                f"{web.percentile(ms, 95):8.1f} {web.percentile(ms, 99):8.1f}"
            )
        print(f"fel: {len(errors)}" + (f" (t.ex. {errors[0]})" if errors else ""))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
