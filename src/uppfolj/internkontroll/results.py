"""Samples and results on disk (`<arbetsyta>/internkontroll/<id>/`), and their summary with Wilson intervals."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import math
import os
from pathlib import Path

import pandas as pd
from scipy.stats import norm

from uppfolj.errors import UppfoljError
from uppfolj.internkontroll.sampling import Sample
from uppfolj.masking import mask_pnr
from uppfolj.private import private_dir, private_file

OUTCOMES = {"utan": "utan anmärkning", "med": "med anmärkning"}
RESULT_COLUMNS = ["referens", "utfall", "kategori", "kommentar", "registrerad", "av"]


def control_dir(root: Path, control_id: str) -> Path:
    return Path(root) / "internkontroll" / control_id


def _atomic_csv(frame: pd.DataFrame, path: Path) -> None:
    """Person-level lists (pseudonymous references): the folder and the file are owner-only."""
    private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, index=False, encoding="utf-8")
    private_file(tmp)
    os.replace(tmp, path)


def save_sample(root: Path, sample: Sample, snapshot_id: str | None) -> Path:
    """Write `urval.csv` (the list for the controllers) and `urval.json` (seed, population, allocation)."""
    folder = control_dir(root, sample.control_id)
    if (folder / "resultat.csv").exists():
        raise UppfoljError(
            f"Kontrollen {sample.control_id} har redan registrerade resultat; ett nytt urval skulle göra dem "
            f"ogiltiga. Ge kontrollen ett nytt id i internkontroll.yaml för en ny omgång."
        )
    _atomic_csv(sample.cases, folder / "urval.csv")
    meta = {
        "kontroll": sample.control_id,
        "seed": sample.seed,
        "population": sample.population_size,
        "population_hash": sample.population_hash,
        "urvalsstorlek": sample.size,
        "strata": sample.strata_sizes,
        "fordelning": sample.allocation,
        "ogonblick": snapshot_id,
        "draget": dt.datetime.now().isoformat(timespec="seconds"),
        "av": getpass.getuser(),
    }
    (folder / "urval.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder / "urval.csv"


def load_sample(root: Path, control_id: str) -> pd.DataFrame:
    path = control_dir(root, control_id) / "urval.csv"
    if not path.exists():
        raise UppfoljError(
            f"Inget urval är draget för kontrollen {control_id}. Kör `uppfolj internkontroll urval --kontroll {control_id}`."
        )
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_results(root: Path, control_id: str) -> pd.DataFrame:
    path = control_dir(root, control_id) / "resultat.csv"
    if not path.exists():
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def record(root: Path, control_id: str, entries: list[dict[str, str]], *, user: str | None = None) -> int:
    """Record results per case (a later entry for the same case replaces the earlier one).

    `user` is who recorded them (the web user; default the operating-system user of the CLI).
    Every entry is checked before anything is written: the case must be in the sample and the outcome
    `utan` or `med` (anmärkning). All problems are reported together.
    """
    sample = load_sample(root, control_id)
    in_sample = set(sample["referens"])
    problems = []
    clean = []
    for i, entry in enumerate(entries, start=1):
        ref = str(entry.get("referens", "")).strip()
        outcome = str(entry.get("utfall", "")).strip().lower()
        outcome = {
            "utan anmärkning": "utan",
            "med anmärkning": "med",
            "utan anmarkning": "utan",
            "med anmarkning": "med",
        }.get(outcome, outcome)
        if ref not in in_sample:
            problems.append(f"rad {i}: ärendet {ref!r} finns inte i urvalet för {control_id}.")
        if outcome not in OUTCOMES:
            problems.append(
                f"rad {i}: utfall {entry.get('utfall')!r} ska vara 'utan' eller 'med' (anmärkning)."
            )
        if outcome == "med" and not str(entry.get("kategori", "")).strip():
            problems.append(f"rad {i}: ange en kategori för anmärkningen på {ref!r}.")
        clean.append(
            {
                "referens": ref,
                "utfall": outcome,
                "kategori": mask_pnr(str(entry.get("kategori", "") or "").strip()),
                "kommentar": mask_pnr(str(entry.get("kommentar", "") or "").strip()),
                "registrerad": dt.datetime.now().isoformat(timespec="seconds"),
                "av": user or getpass.getuser(),
            }
        )
    if problems:
        raise UppfoljError("Inga resultat sparades:\n" + "\n".join(f"  - {p}" for p in problems))
    existing = load_results(root, control_id)
    new = pd.DataFrame(clean, columns=RESULT_COLUMNS)
    merged = pd.concat([existing[~existing["referens"].isin(new["referens"])], new], ignore_index=True)
    _atomic_csv(merged, control_dir(root, control_id) / "resultat.csv")
    return len(new)


def wilson(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial share."""
    if n == 0:
        return (math.nan, math.nan)
    z = float(norm.ppf(1 - (1 - confidence) / 2))
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


SUMMARY_COLUMNS = [
    "kontroll",
    "stratum",
    "urval",
    "granskade",
    "utan_anmarkning",
    "andel",
    "ki_undre",
    "ki_ovre",
]


def summarise(root: Path, control_id: str) -> pd.DataFrame:
    """Per stratum and in total: sampled, reviewed, without remarks, share and 95 % Wilson interval (in %)."""
    sample = load_sample(root, control_id)
    results = load_results(root, control_id)
    merged = sample.merge(results[["referens", "utfall"]], on="referens", how="left")
    rows = []
    groups = [("", merged)] + (
        [(s, g) for s, g in merged.groupby("stratum")]
        if merged["stratum"].astype(str).str.len().any()
        else []
    )
    for stratum, group in groups:
        reviewed = int(group["utfall"].isin(list(OUTCOMES)).sum())
        ok = int((group["utfall"] == "utan").sum())
        low, high = wilson(ok, reviewed)
        rows.append(
            {
                "kontroll": control_id,
                "stratum": str(stratum) or "totalt",
                "urval": int(len(group)),
                "granskade": reviewed,
                "utan_anmarkning": ok,
                "andel": 100 * ok / reviewed if reviewed else math.nan,
                "ki_undre": 100 * low,
                "ki_ovre": 100 * high,
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
