"""The committee reports: each package here assembles one `uppfolj.outputs.Report` from the indicator engine.

A report is a package whose `__init__.py` declares `REPORT = ReportType(...)` and whose `make.py` builds and
writes it; `uppfolj.reports.registry.reports()` finds them, and the command line (`uppfolj rapport <key>`),
the web's report page and the docs are made from it. See docs/rapporter.md.
"""
