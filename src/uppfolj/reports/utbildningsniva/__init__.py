"""Genomlysning av utbildningsnivå, the survey of a year's participants (made in `make.py`; this module only
declares the report, so that listing the reports stays cheap)."""

from uppfolj.reports.registry import ReportType

REPORT = ReportType(
    key="utbildningsniva",
    module=f"{__name__}.make",
    title="Genomlysning av utbildningsnivå",
    period_kind="ar",
    example="2023",
    help="Genomlysning av deltagarnas tid i insats, utbildningsnivå och placeringar, per kön.",
    order=30,
    files="`utbildningsniva-{period}`",
)
