"""A CLI import runs while the server answers requests: none fails, and the new data is served after it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import PASSWORD, csrf_of
from tests.web.live import serve
from uppfolj.workspace import Workspace


def personnummer(year: int, month: int, day: int, serial: int) -> str:
    """A valid 12-digit personnummer (Luhn over the 10-digit form), written YYYYMMDD-NNNC."""
    body = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    total = 0
    for i, ch in enumerate(body):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    check = (10 - total % 10) % 10
    return f"{year:04d}{month:02d}{day:02d}-{serial:03d}{check}"


def test_luhn_helper() -> None:
    # Skatteverket's example number 811228-9874
    assert personnummer(1981, 12, 28, 987) == "19811228-9874"


def write_export(folder: Path) -> None:
    """bistand_manad for 2024-01..2024-04: 2024-04 has 9 households (h1..h9), the earlier months 5."""
    folder.mkdir()
    lines = ["hushall_id;manad;sokande_personnummer;medsokande_personnummer;antal_barn;belopp;hushallstyp"]
    for month, count in (("2024-01", 5), ("2024-02", 5), ("2024-03", 5), ("2024-04", 9)):
        for h in range(1, count + 1):
            lines.append(f"h{h};{month};{personnummer(1980, 1, h, 100 + 2 * h)};;0;4500,00;1")
    (folder / "bistand_manad.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_cli_import_while_serving(workspace: Workspace, tmp_path: Path) -> None:
    export = tmp_path / "export"
    write_export(export)
    with serve(workspace) as base, httpx.Client(base_url=base, timeout=30) as client:
        token = csrf_of(client.get("/logga-in").text)
        client.post("/logga-in", data={"namn": "analytiker", "losenord": PASSWORD, "csrf": token})
        assert client.get("/api/oversikt").json()["period"] == "2024-03"
        statuses: list[int] = []
        periods: list[str] = []
        stop = threading.Event()

        def hammer() -> None:
            with httpx.Client(base_url=base, cookies=client.cookies, timeout=30) as c:
                while not stop.is_set():
                    for url in ("/api/oversikt", "/api/indikatorer?period=2024-03&indikator=eb_hushall", "/"):
                        r = c.get(url)
                        statuses.append(r.status_code)
                        if url == "/api/oversikt" and r.status_code == 200:
                            periods.append(r.json()["period"])

        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for t in threads:
            t.start()
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "uppfolj"),
                "import",
                str(export),
                "--arbetsyta",
                str(workspace.root),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        stop.set()
        for t in threads:
            t.join()
        assert result.returncode == 0, result.stdout + result.stderr
        assert statuses and set(statuses) == {200}, sorted(set(statuses))
        after = client.get("/api/oversikt").json()
        assert after["period"] == "2024-04"
        card = next(c for c in after["indikatorer"] if c["id"] == "eb_hushall")
        assert card["varde"] == 9
        # the requests during the import saw the old snapshot or the new one, never anything else
        assert set(periods) <= {"2024-03", "2024-04"}
