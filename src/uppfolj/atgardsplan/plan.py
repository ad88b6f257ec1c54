"""Read and check the action plan: `atgardsplan.xlsx` or `atgardsplan.csv` in the workspace.

One row per measure (åtgärd), with the columns

| column | required | meaning |
|---|---|---|
| atgard_id | yes | the measure's id in the committee's decision |
| atgard | yes | what is done |
| verksamhet | yes | the activity (same names as in the ekonomi export) |
| forvantad_effekt_tkr | yes | expected economic effect for the year, thousands of kronor |
| uppnadd_effekt_tkr | no | achieved effect so far, thousands of kronor (blank = none yet) |
| status | yes | `ej_paborjad`, `pagar`, `genomford`, `utgar` (labels such as "pågår" accepted) |
| ansvarig, kommentar | no | |

Headers match like the export contract's (case, spaces and diacritics ignored). Every problem is reported
with file, row and column before anything is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from uppfolj.errors import UppfoljError
from uppfolj.masking import mask_pnr
from uppfolj.text import normalise_header

STATUSES = {"ej_paborjad": "ej påbörjad", "pagar": "pågår", "genomford": "genomförd", "utgar": "utgår"}
STATUS_LABELS = {normalise_header(v): k for k, v in STATUSES.items()} | {
    normalise_header(k): k for k in STATUSES
}
REQUIRED = ("atgard_id", "atgard", "verksamhet", "forvantad_effekt_tkr", "status")
OPTIONAL = ("uppnadd_effekt_tkr", "ansvarig", "kommentar")


@dataclass(frozen=True)
class Measure:
    id: str
    text: str
    activity: str
    expected_tkr: float
    achieved_tkr: float
    status: str
    responsible: str = ""
    comment: str = ""


def find_plan(root: Path) -> Path | None:
    for name in ("atgardsplan.xlsx", "atgardsplan.csv"):
        if (Path(root) / name).exists():
            return Path(root) / name
    return None


def _number(text: str) -> float:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return float(cleaned)


def read_measures(path: Path) -> list[Measure]:
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            frame = pd.read_excel(path, dtype=str).fillna("")
        else:
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, sep=None, engine="python", encoding="utf-8-sig"
            )
    except (OSError, ValueError) as exc:
        raise UppfoljError(
            f"Åtgärdsplanen {path.name} kan inte läsas ({exc}). Spara den som XLSX eller CSV."
        ) from exc
    columns = {normalise_header(c): c for c in frame.columns}
    wanted = {normalise_header(c): c for c in (*REQUIRED, *OPTIONAL)}
    missing = [c for c in REQUIRED if normalise_header(c) not in columns]
    if missing:
        raise UppfoljError(
            f"{path.name}: kolumnerna {', '.join(missing)} saknas. Hittade kolumner: {', '.join(map(str, frame.columns))}."
        )
    frame = frame.rename(columns={columns[k]: wanted[k] for k in wanted if k in columns})
    problems: list[str] = []
    measures: list[Measure] = []
    seen: set[str] = set()
    for i, row in enumerate(frame.to_dict("records"), start=2):
        where = f"{path.name}, rad {i}"
        mid = str(row["atgard_id"]).strip()
        if not mid:
            problems.append(f"{where}, kolumn atgard_id: tomt id.")
        elif mid in seen:
            problems.append(f"{where}, kolumn atgard_id: {mid!r} förekommer redan.")
        seen.add(mid)
        values: dict[str, float] = {}
        for col in ("forvantad_effekt_tkr", "uppnadd_effekt_tkr"):
            text = str(row.get(col, "") or "").strip()
            if not text:
                if col == "forvantad_effekt_tkr":
                    problems.append(f"{where}, kolumn {col}: värde saknas.")
                values[col] = 0.0
                continue
            try:
                values[col] = _number(text)
            except ValueError:
                problems.append(
                    f"{where}, kolumn {col}: {text!r} är inget tal (tkr, t.ex. 12 500 eller 12500,5)."
                )
                values[col] = 0.0
        status = STATUS_LABELS.get(normalise_header(str(row["status"])))
        if status is None:
            problems.append(
                f"{where}, kolumn status: {row['status']!r} ska vara en av {', '.join(STATUSES.values())}."
            )
            status = "ej_paborjad"
        if not str(row["verksamhet"]).strip():
            problems.append(f"{where}, kolumn verksamhet: värde saknas.")
        measures.append(
            Measure(
                mid,
                mask_pnr(str(row["atgard"]).strip()),
                mask_pnr(str(row["verksamhet"]).strip()),
                values["forvantad_effekt_tkr"],
                values["uppnadd_effekt_tkr"],
                status,
                mask_pnr(str(row.get("ansvarig", "") or "").strip()),
                # free text a user edits in a spreadsheet: a personnummer in it is never shown
                mask_pnr(str(row.get("kommentar", "") or "").strip()),
            )
        )
    if problems:
        raise UppfoljError("Åtgärdsplanen har fel:\n" + "\n".join(f"  - {p}" for p in problems))
    return measures
