"""The committee reports in one registry: the command line (`uppfolj rapport …`), the web's report page,
the docs check and the tests all iterate `REPORTS`.

Each entry names its module (or package) in `uppfolj.reports`, which has `build(ctx, period)` and
`write(ctx, period, folder) -> list[Path]`; the module is imported only when the report is made, so listing
the reports (the CLI's help, the web's choices) stays cheap. A new report is its module plus one entry here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from uppfolj.reports.context import ReportContext

#: the period a report is made for: (kind of `Period`, CLI option, what the option asks for)
PERIOD_OPTIONS = {
    "manad": ("--manad", "Månad ÅÅÅÅ-MM"),
    "kvartal": ("--kvartal", "Kvartal ÅÅÅÅ-QN"),
    "ar": ("--ar", "År ÅÅÅÅ"),
}


@dataclass(frozen=True)
class ReportType:
    #: the CLI command (`uppfolj rapport <key>`) and the web's report type
    key: str
    #: the module in uppfolj.reports
    module: str
    #: the Swedish title the web shows
    title: str
    #: the kind of period it is made for: manad, kvartal or ar
    period_kind: str
    #: an example period, shown in the option's help
    example: str
    #: the command's Swedish help
    help: str
    #: besides the committee's report, a confidential person-level worklist: the module's
    #: `write_products(ctx, period, folder)` gives both apart (`.committee`, `.worklist`) for the CLI to name
    worklist: bool = False

    @property
    def option(self) -> str:
        return PERIOD_OPTIONS[self.period_kind][0]

    @property
    def option_help(self) -> str:
        return f"{PERIOD_OPTIONS[self.period_kind][1]}, t.ex. {self.example}."

    def load(self) -> ModuleType:
        return importlib.import_module(f"uppfolj.reports.{self.module}")

    def build(self, ctx: ReportContext, period: str) -> Any:
        return self.load().build(ctx, period)

    def write(self, ctx: ReportContext, period: str, folder: Path) -> list[Path]:
        paths: list[Path] = self.load().write(ctx, period, folder)
        return paths


REPORTS: dict[str, ReportType] = {
    r.key: r
    for r in (
        ReportType(
            "ej-verkstallda",
            "ej_verkstallda",
            "Ej verkställda beslut, kvartal",
            "kvartal",
            "2024-Q3",
            "Ej verkställda beslut enligt SoL: nämndrapport (offentlig) och arbetslista per beslut (sekretess).",
            worklist=True,
        ),
        ReportType(
            "manad",
            "manad",
            "Månadsrapport",
            "manad",
            "2024-09",
            "Månadsrapport: budgetuppföljning med prognos, hushåll, rullande kostnad, nyckeltal och insatser.",
        ),
        ReportType(
            "utbildningsniva",
            "utbildningsniva",
            "Genomlysning av utbildningsnivå",
            "ar",
            "2023",
            "Genomlysning av deltagarnas tid i insats, utbildningsnivå och placeringar, per kön.",
        ),
        ReportType(
            "ar",
            "ar",
            "Årsredovisning, tabeller",
            "ar",
            "2024",
            "Årsredovisningens tabeller: målredovisning, nämndindikatorer, volymmått, ekonomi och Kolada.",
        ),
    )
}
