"""Månadsrapport: ekonomi, ekonomiskt bistånd, key indicators and labour-market measures for one month
(made in `make.py`; this module only declares the report, so that listing the reports stays cheap)."""

from uppfolj.reports.registry import ReportType

REPORT = ReportType(
    key="manad",
    module=f"{__name__}.make",
    title="Månadsrapport",
    period_kind="manad",
    example="2024-09",
    help="Månadsrapport: budgetuppföljning med prognos, hushåll, rullande kostnad, nyckeltal och insatser.",
    order=20,
    files="`manadsrapport-{period}`",
)
