"""Årsredovisning, the yearly report's tables (made in `make.py`; this module only declares the report, so
that listing the reports stays cheap)."""

from uppfolj.reports.registry import ReportType

REPORT = ReportType(
    key="ar",
    module=f"{__name__}.make",
    title="Årsredovisning, tabeller",
    period_kind="ar",
    example="2024",
    help="Årsredovisningens tabeller: målredovisning, nämndindikatorer, volymmått, ekonomi och Kolada.",
    order=40,
    files="`arsredovisning-{period}`",
)
