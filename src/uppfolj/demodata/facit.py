"""The truth of the planted effects: `facit.json` (definitions and realised ATT per insatstyp) and
`facit_insatser.csv` (both potential outcomes of every insats started in the exported period).

Neither is a contract table; the importer lists them as ignored files. They hold insats_id, never a
personnummer, so an estimate computed on imported (pseudonymised) data can be checked insats by insats.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from uppfolj.demodata import model as m
from uppfolj.demodata.calendar import Period

FACIT_COLUMNS = (
    "insats_id",
    "insatstyp",
    "start_manad",
    "y0_manad3",
    "y1_manad3",
    "y0_manad12",
    "y1_manad12",
    "inom_data",
)


class FacitWriter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self._fh = open(out / "facit_insatser.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed in close())
        self._csv = csv.writer(self._fh, lineterminator="\n")
        self._csv.writerow(FACIT_COLUMNS)
        #: type -> [n, Σy0_3, Σy1_3, Σy0_12, Σy1_12, Σ(d3)², Σ(d12)²] over insatser with follow-up in the data
        self.sums: dict[str, list[float]] = {t.name: [0.0] * 7 for t in m.INSATS_TYPES}

    def add(self, rows: list[list[object]]) -> None:
        for row in rows:
            self._csv.writerow(row)
            _, typ, _, y0l, y1l, y0e, y1e, inside = row
            if inside:
                s = self.sums[str(typ)]
                a, b, c, d = (int(str(x)) for x in (y0l, y1l, y0e, y1e))
                s[0] += 1
                s[1] += a
                s[2] += b
                s[3] += c
                s[4] += d
                s[5] += (b - a) ** 2
                s[6] += (d - c) ** 2

    def abort(self) -> None:
        """Close the per-insats file after a failed run (no facit.json is written)."""
        self._fh.close()

    def close(self, period: Period, seed: int) -> None:
        self._fh.close()
        types = {}
        for t in m.INSATS_TYPES:
            n, y0l, y1l, y0e, y1e, sq3, sq12 = self.sums[t.name]
            types[t.name] = {
                "inlasning_pp": t.lock_pp,
                "effekt_pp": t.effect_pp,
                "antal_behandlade": int(n),
                "realiserad_inlasning_pp": _pp(y1l - y0l, n),
                "realiserad_effekt_pp": _pp(y1e - y0e, n),
                "medelfel_effekt_pp": _se(y1e - y0e, sq12, n),
                "medelfel_inlasning_pp": _se(y1l - y0l, sq3, n),
                "andel_utan_bistand_manad12_utan_insats": _pp(y0e, n),
                "andel_utan_bistand_manad12_med_insats": _pp(y1e, n),
            }
        doc = {
            "beskrivning": (
                "Planterade effekter av arbetsmarknadsinsatser på att lämna ekonomiskt bistånd. "
                "Effekt = ATT (genomsnittlig effekt för de behandlade) i procentenheter på utfallet "
                "'ingen utbetalning till personens hushåll i månad start+12'; inlåsning = samma utfall i "
                "månad start+3. Se docs/demodata.md."
            ),
            "utfall": {
                "effekt": f"ingen utbetalning i månad start+{m.EFFECT_MONTH}",
                "inlasning": f"ingen utbetalning i månad start+{m.LOCK_MONTH}",
            },
            "population": (
                "insatser med start i exportperioden för personer vars hushåll fick utbetalning "
                "startmånaden; realiserade värden över insatser vars månad start+12 ligger i perioden"
            ),
            "seed": seed,
            "period": [period.label(period.first_k), period.label(period.end_k - 1)],
            "insatstyper": types,
            "per_insats": "facit_insatser.csv",
        }
        (self.out / "facit.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def _pp(total: float, n: float) -> float | None:
    return round(100.0 * total / n, 3) if n else None


def _se(total: float, squares: float, n: float) -> float | None:
    if n < 2:
        return None
    mean = total / n
    var = (squares - n * mean * mean) / (n - 1)
    return round(100.0 * math.sqrt(max(var, 0.0) / n), 3)
