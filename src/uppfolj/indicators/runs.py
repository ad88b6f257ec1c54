"""Stored indicator runs: result, data snapshot, definition versions and parameters, under `korningar/`.

Each run is a folder `korningar/indikatorer-<UTC time>-<key>/` with `korning.json` (what produced it) and
`resultat.csv` (the result CSV). `key` is a hash of snapshot id, definitions (id, version, SQL) and
parameters: two runs with the same key must have byte-identical CSV, which `same_as_before` checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from uppfolj.indicators.model import Indicator
from uppfolj.indicators.output import csv_text

RESULT_FILE = "resultat.csv"
META_FILE = "korning.json"


def definitions_record(defs: list[Indicator]) -> dict[str, dict[str, Any]]:
    return {
        d.id: {"version": d.version, "sql_sha256": hashlib.sha256(d.sql.encode()).hexdigest()[:16]}
        for d in defs
    }


def run_key(snapshot_id: str, defs: list[Indicator], params: dict[str, Any]) -> str:
    payload = json.dumps(
        {"snapshot": snapshot_id, "definitions": definitions_record(defs), "params": params},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


def save_run(
    runs_dir: Path,
    frame: pd.DataFrame,
    *,
    snapshot_id: str,
    defs: list[Indicator],
    params: dict[str, Any],
    now: dt.datetime | None = None,
) -> Path:
    """Write the run folder and return it. The CSV is written first, the metadata last (atomically)."""
    now = now or dt.datetime.now(dt.UTC)
    key = run_key(snapshot_id, defs, params)
    folder = Path(runs_dir) / f"indikatorer-{now:%Y%m%dT%H%M%S%fZ}-{key}"
    folder.mkdir(parents=True, exist_ok=False)
    text = csv_text(frame)
    (folder / RESULT_FILE).write_text(text, encoding="utf-8")
    meta = {
        "typ": "indikatorer",
        "tid": now.isoformat(timespec="seconds"),
        "ogonblick": snapshot_id,
        "nyckel": key,
        "definitioner": definitions_record(defs),
        "parametrar": params,
        "rader": len(frame),
        "resultat_sha256": hashlib.sha256(text.encode()).hexdigest(),
    }
    tmp = folder / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / META_FILE)
    return folder


def earlier_runs(runs_dir: Path, key: str) -> list[Path]:
    """Earlier complete runs with the same key, oldest first."""
    if not Path(runs_dir).exists():
        return []
    return sorted(
        p
        for p in Path(runs_dir).glob(f"indikatorer-*-{key}")
        if (p / META_FILE).exists() and (p / RESULT_FILE).exists()
    )


def same_as_before(folder: Path) -> bool | None:
    """True/False when an earlier run with the same key exists and its CSV is/is not identical; None if
    there is no earlier run."""
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    others = [p for p in earlier_runs(folder.parent, meta["nyckel"]) if p != folder]
    if not others:
        return None
    return (others[-1] / RESULT_FILE).read_bytes() == (folder / RESULT_FILE).read_bytes()
