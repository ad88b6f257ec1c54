"""Demo step 20: import the demo municipality's export folder into the demo workspace."""

from __future__ import annotations

from uppfolj.demo import DemoContext, demo_step
from uppfolj.importing.run import run_import
from uppfolj.importing.summary import print_summary


@demo_step(20, "Import")
def import_demo(ctx: DemoContext) -> None:
    result = run_import(ctx.workspace, ctx.export_dir, console=ctx.console)
    print_summary(ctx.console, result)
    ctx.results.append(("Avvisade rader från importen", str(result.rejects_file)))
