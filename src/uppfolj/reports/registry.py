"""The committee reports in one registry: the command line (`uppfolj rapport …`), the web's report page,
the docs (`uppfolj.docs_registries`) and the tests all iterate `reports()`.

A report is a package in `uppfolj.reports` whose `__init__.py` declares `REPORT = ReportType(...)` and
nothing heavy; its `build(ctx, period)` and `write(ctx, period, folder) -> list[Path]` are in the module
the declaration names (by convention the package's `make.py`), imported only when the report is made. So
finding the reports (the CLI's help, the web's choices) stays cheap, and a new report is its own package
and nothing else.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
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

#: the folder inside the report folder for confidential person-level products (written owner-only, listed
#: apart and logged when downloaded on the web)
CONFIDENTIAL_DIR = "sekretess"


@dataclass(frozen=True)
class Product:
    """One of the products a report writes apart (e.g. a public report and a confidential worklist)."""

    #: the attribute of `write_products(ctx, period, folder)`'s result that holds its files
    name: str
    #: the Swedish line the command line prints above its files: who it is for and how it may be shared
    heading: str


@dataclass(frozen=True)
class ReportType:
    #: the CLI command (`uppfolj rapport <key>`) and the web's report type
    key: str
    #: the module with `build` and `write` (e.g. `uppfolj.reports.manad.make`)
    module: str
    #: the Swedish title the web shows
    title: str
    #: the kind of period it is made for: manad, kvartal or ar
    period_kind: str
    #: an example period, shown in the option's help
    example: str
    #: the command's Swedish help
    help: str
    #: place among the reports (CLI help, the web's list), lowest first
    order: int
    #: the files it writes, as shown in the docs (`{period}` is the period)
    files: str
    #: products written apart (the module's `write_products` gives them); empty: one product, `write`
    products: tuple[Product, ...] = ()

    @property
    def package(self) -> str:
        """The report's package (where it is declared)."""
        return self.module.rsplit(".", 1)[0]

    @property
    def option(self) -> str:
        return PERIOD_OPTIONS[self.period_kind][0]

    @property
    def option_help(self) -> str:
        return f"{PERIOD_OPTIONS[self.period_kind][1]}, t.ex. {self.example}."

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)

    def build(self, ctx: ReportContext, period: str) -> Any:
        return self.load().build(ctx, period)

    def write(self, ctx: ReportContext, period: str, folder: Path) -> list[Path]:
        paths: list[Path] = self.load().write(ctx, period, folder)
        return paths

    def write_products(
        self, ctx: ReportContext, period: str, folder: Path
    ) -> list[tuple[Product, list[Path]]]:
        """Each product with its files (a report without products: its files as one, under "Skrev:")."""
        if not self.products:
            return [(Product("write", "Skrev:"), self.write(ctx, period, folder))]
        written = self.load().write_products(ctx, period, folder)
        return [(product, list(getattr(written, product.name))) for product in self.products]


@functools.cache
def reports() -> dict[str, ReportType]:
    """The reports declared by the packages of `uppfolj.reports`, in their order."""
    import uppfolj.reports as package

    found: list[ReportType] = []
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        if info.ispkg:
            declared = getattr(importlib.import_module(info.name), "REPORT", None)
            if isinstance(declared, ReportType):
                found.append(declared)
    return {r.key: r for r in sorted(found, key=lambda r: (r.order, r.key))}
