"""Extensions written into a temporary folder, for the tests that show a registry finds a module dropped
into its package (tests/core/test_registries.py, tests/web/test_pages.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

#: a report's build and write that make nothing (the tests only ask whether it is offered)
EMPTY_MAKE = "def build(ctx, period):\n    return None\n\n\ndef write(ctx, period, folder):\n    return []\n"


def report_package(folder: Path, *, period_kind: str, example: str) -> Path:
    """The package `provrapport` (title Provrapport, order 25: after manad, before utbildningsniva) in
    `folder`, with its declaration and an empty `make.py`; `folder` is what goes onto the package's path."""
    package = folder / "provrapport"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        textwrap.dedent(
            f"""
            from uppfolj.reports.registry import ReportType

            REPORT = ReportType(
                key="provrapport",
                module=f"{{__name__}}.make",
                title="Provrapport",
                period_kind="{period_kind}",
                example="{example}",
                help="En provrapport.",
                order=25,
                files="`provrapport-{{period}}`",
            )
            """
        ),
        encoding="utf-8",
    )
    (package / "make.py").write_text(EMPTY_MAKE, encoding="utf-8")
    return folder
