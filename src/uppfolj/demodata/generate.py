"""`generate()`: the synthetic municipality, streamed to disk chunk by chunk.

Memory is bounded by the chunk size (`model.CHUNK` households) plus the small running totals; every
streamed table is appended to its file as soon as a chunk is done.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from uppfolj.demodata import endtables
from uppfolj.demodata import formats as f
from uppfolj.demodata import model as m
from uppfolj.demodata.bip import write_bip
from uppfolj.demodata.calendar import Period
from uppfolj.demodata.chunk import ChunkBuilder, Totals
from uppfolj.demodata.dirty import Defects
from uppfolj.demodata.facit import FacitWriter
from uppfolj.demodata.pnr import PnrFactory
from uppfolj.demodata.treatment import EffectState
from uppfolj.demodata.writers import TableWriter
from uppfolj.errors import UppfoljError


@dataclass
class Summary:
    out_dir: Path
    households: int
    months: int
    #: rows written per table
    rows: dict[str, int] = field(default_factory=dict)
    payment_months: int = 0
    insatser: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def households_per_month(self) -> float:
        return self.payment_months / self.months


Progress = Callable[[int, int], None]


def generate(
    out_dir: Path | str,
    *,
    households: int = m.DEFAULT_HOUSEHOLDS,
    start: str = "2019-01",
    end: str = "2024-12",
    seed: int = 1,
    dirty: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Write every contract table of a synthetic municipality into `out_dir`, plus facit.json
    (the planted effects) and, with `dirty`, forvantade_fel.json (the planted defects)."""
    if households < 100:
        raise UppfoljError(f"--hushall {households} är för litet: ange minst 100 hushåll.")
    period = Period.from_labels(start, end)
    out = _prepare(Path(out_dir), dirty)
    totals = Totals(
        eb_ore=[0] * period.months,
        employed=[0] * period.months,
        unit_days={u.name: [0] * period.months for u in m.UNITS},
    )
    builder = ChunkBuilder(period, seed, PnrFactory(), EffectState(), totals)
    defects = Defects(np.random.default_rng([seed, 777_000])) if dirty else None
    writers = {name: TableWriter(out, f.FORMATS[name]) for name in f.STREAMED}
    summary = Summary(out, households, period.months)
    truth = FacitWriter(out)
    chunks = (households + m.CHUNK - 1) // m.CHUNK
    try:
        for index in range(chunks):
            n = min(m.CHUNK, households - index * m.CHUNK)
            rows = builder.build(index, n, index * m.CHUNK)
            if defects is not None and index == 0:
                defects.plant_streamed(rows.tables)
            for name in f.STREAMED:
                writers[name].write(rows.tables[name])
            truth.add(totals.facit)
            totals.facit.clear()
            if progress is not None:
                progress(index + 1, chunks)
    except BaseException:
        truth.abort()
        raise
    finally:
        for w in writers.values():
            w.close()
    _write_end_tables(out, period, totals, seed, defects, summary)
    if defects is None:  # BIP measurements from insatser.csv (demodata/bip.py); clean data only
        summary.rows["bip"] = write_bip(out, period, seed)
    for name in f.STREAMED:
        summary.rows[name] = writers[name].rows
    truth.close(period, seed)
    if defects is not None:
        (out / "forvantade_fel.json").write_text(
            json.dumps(defects.expected(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    summary.payment_months = totals.payment_months
    summary.insatser = totals.insatser
    summary.files = sorted(p.name for p in out.iterdir() if p.is_file())
    return summary


def _prepare(out: Path, dirty: bool) -> Path:
    if out.exists() and not out.is_dir():
        raise UppfoljError(f"{out} finns redan och är ingen mapp. Ange en mapp med --ut.")
    out.mkdir(parents=True, exist_ok=True)
    if not dirty:
        # a clean run into a folder of an earlier --smutsig run must not leave its expected defects behind
        (out / "forvantade_fel.json").unlink(missing_ok=True)
    return out


def _write_end_tables(
    out: Path, period: Period, totals: Totals, seed: int, defects: Defects | None, summary: Summary
) -> None:
    """platser, ekonomi and befolkning, written once after every chunk."""
    end_rows = {"platser": endtables.platser(period, totals)}
    end_rows["ekonomi"] = endtables.ekonomi(period, totals, end_rows["platser"], seed)
    end_rows["befolkning"] = endtables.befolkning(period, totals)
    if defects is not None:
        defects.plant_end(end_rows)
    for name, table_rows in end_rows.items():
        fmt = f.FORMATS[name]
        if defects is not None and name == defects.file_table:
            table_rows = defects.drop_column(fmt, table_rows)
            fmt = defects.broken_format(fmt)
        with TableWriter(out, fmt) as writer:
            writer.write(table_rows)
            summary.rows[name] = writer.rows
