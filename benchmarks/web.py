"""Load test of the dashboard: 20 concurrent clients for 2 minutes on loopback against the demo workspace.

    .venv/bin/python benchmarks/web.py [--arbetsyta /tmp/uppfolj-demo] [--klienter 20] [--sekunder 120]
                                       [--sidor oversikt|uppfoljning]

Starts `uppfolj serve` on 127.0.0.1 in a subprocess (a fresh demo workspace is made with `uppfolj demo` when
none is given; a given one is copied first, so the benchmark's account and audit-log entries never land in
it), adds a benchmark analyst account, logs every client in, times a first (cold cache) pass over the URLs,
then has each client fetch them in a loop. `--sidor uppfoljning` takes the follow-up and Kolada pages of
issues 7 and 8 instead of the overview set. Prints requests per second, p50/p95/p99 latency per URL and
overall, and the errors (any status other than 200, or a failed connection). Target: p95 < 300 ms, no errors.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
PAGE_SETS: dict[str, list[str]] = {}
PAGE_SETS["oversikt"] = [
    "/",
    "/api/oversikt",
    "/indikator/eb_hushall",
    "/indikator/am_deltagare_sista_dag?kon=K",
    "/api/indikator/eb_vuxna?kon=K",
    "/api/indikatorer?indikator=eb_hushall,eb_vuxna",
    "/enheter",
    "/api/enheter",
    "/importer",
]
PAGE_SETS["uppfoljning"] = [
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def log_in(base: str, name: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30, follow_redirects=True)
    page = client.get("/logga-in").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    r = client.post("/logga-in", data={"namn": name, "losenord": password, "csrf": token.group(1)})
    if r.status_code != 200 or "Logga ut" not in r.text:
        raise SystemExit(f"login failed: {r.status_code}")
    return client


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arbetsyta", type=Path)
    parser.add_argument("--klienter", type=int, default=20)
    parser.add_argument("--sekunder", type=float, default=120)
    parser.add_argument("--sidor", choices=sorted(PAGE_SETS), default="oversikt")
    args = parser.parse_args()
    urls = PAGE_SETS[args.sidor]
    root = Path(tempfile.mkdtemp(prefix="uppfolj-bench-")) / "demo"
    if args.arbetsyta is None:
        subprocess.run(
            [BIN / "uppfolj", "demo", "--arbetsyta", str(root)], check=True, stdout=subprocess.DEVNULL
        )
    else:
        shutil.copytree(args.arbetsyta, root)
    name, password = f"bench-{secrets.token_hex(3)}", secrets.token_urlsafe(16)
    subprocess.run(
        [BIN / "uppfolj", "anvandare", "lagg-till", name, "--roll", "analytiker", "--arbetsyta", str(root)],
        input=password + "\n",
        text=True,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    server = subprocess.Popen(
        [BIN / "uppfolj", "serve", "--arbetsyta", str(root), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        env={**os.environ},
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
        clients = [log_in(base, name, password) for _ in range(args.klienter)]
        # a first pass with cold view caches, timed apart so it is not in the loop's figures
        print("första hämtningen (kall cache):")
        for url in urls:
            first = time.perf_counter()
            status = clients[0].get(url).status_code
            print(f"  {url:50s} {1000 * (time.perf_counter() - first):8.1f} ms  status {status}")
        latencies: dict[str, list[float]] = {u: [] for u in urls}
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.sekunder

        def run(client: httpx.Client, offset: int) -> None:
            i = offset
            while time.monotonic() < stop_at:
                url = urls[i % len(urls)]
                i += 1
                started = time.perf_counter()
                try:
                    status = client.get(url).status_code
                except httpx.HTTPError as exc:
                    status = -1
                    with lock:
                        errors.append(f"{url}: {type(exc).__name__}")
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[url].append(elapsed)
                    if status not in (200, -1):
                        errors.append(f"{url}: {status}")

        started = time.monotonic()
        threads = [threading.Thread(target=run, args=(c, k)) for k, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    every = [v for vs in latencies.values() for v in vs]
    print(f"arbetsyta: {root} (kopia av {args.arbetsyta})" if args.arbetsyta else f"arbetsyta: {root}")
    print(
        f"{args.klienter} klienter, {wall:.0f} s, {len(every)} förfrågningar, {len(every) / wall:.1f} förfrågningar/s"
    )
    print(f"{'url':52} {'antal':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for url, values in latencies.items():
        print(
            f"{url:52} {len(values):6d} {1000 * statistics.median(values):8.0f} "
            f"{1000 * percentile(values, 95):8.0f} {1000 * percentile(values, 99):8.0f}"
        )
    print(
        f"{'alla':52} {len(every):6d} {1000 * statistics.median(every):8.0f} "
        f"{1000 * percentile(every, 95):8.0f} {1000 * percentile(every, 99):8.0f}"
    )
    print(f"fel: {len(errors)}" + (f" (t.ex. {errors[:5]})" if errors else ""))


if __name__ == "__main__":
    main()
