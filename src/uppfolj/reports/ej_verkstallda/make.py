"""The quarterly report of non-executed favourable SoL decisions (ej verkställda beslut), as two products.

* The committee and kommunfullmäktige report (`committee`): public, it goes into the protocol. Counts by
  insatstyp, type and time since the decision, shown however small; sex and reason with röjandeskydd; the
  movement since the previous report; a drafted analysis. DOCX and XLSX, `ej-verkstallda-ÅÅÅÅ-QN.*`.
* The restricted worklist (`worklist`): one row per decision for the administration and the IVO
  e-service, confidential under 26 kap. 1 § OSL. XLSX and CSV in `sekretess/`,
  `ej-verkstallda-ÅÅÅÅ-QN-SEKRETESS-arbetslista.*`.

Both are built from the same list of decisions (`data.collect`), so their counts agree. See
docs/rapporter.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from uppfolj.outputs.model import Report
from uppfolj.reports.context import ReportContext
from uppfolj.reports.ej_verkstallda import committee, worklist
from uppfolj.reports.ej_verkstallda.data import QuarterData, collect


@dataclass
class Products:
    #: the public committee report (DOCX, XLSX)
    committee: list[Path]
    #: the confidential worklist (XLSX, CSV)
    worklist: list[Path]


def build(ctx: ReportContext, quarter: str) -> tuple[Report, QuarterData]:
    """The committee report and the quarter's decisions it is counted from."""
    data = collect(ctx.con, quarter)
    return committee.build(ctx, data), data


def write_products(ctx: ReportContext, quarter: str, folder: Path) -> Products:
    from uppfolj.outputs.write import write_report

    report, data = build(ctx, quarter)
    cfg = ctx.config
    return Products(
        write_report(report, Path(folder), ctx.template),
        worklist.write(
            data,
            Path(folder),
            kommun=cfg.kommun_namn,
            kommunkod=cfg.kommun_kod,
            namnd=cfg.namnd,
            created=ctx.created,
            snapshot=ctx.snapshot_id,
        ),
    )


def write(ctx: ReportContext, quarter: str, folder: Path) -> list[Path]:
    """Write both products; the committee report's files first, then the worklist's (in `sekretess/`)."""
    products = write_products(ctx, quarter, folder)
    return [*products.committee, *products.worklist]
