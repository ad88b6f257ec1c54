"""The command line starts without the heavy libraries: `uppfolj --help` and `uppfolj status` must be quick
for a controller, so command modules import their engines inside the commands."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "statsmodels", "sklearn", "fastapi", "matplotlib", "scipy", "docx", "lifelines", "pyspark")


def test_building_the_cli_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from uppfolj.cli import build_app\n"
        "build_app()\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
