"""The committee reports: each module assembles one `uppfolj.outputs.Report` from the indicator engine.

`uppfolj.reports.registry.REPORTS` lists them (key, module, title, period kind); the command line
(`uppfolj rapport <key>`) and the web's report page are made from it. See docs/rapporter.md.
"""
