"""The web dashboard: `create_app(workspace)` builds the FastAPI application (see docs/webb.md).

`create_app` is imported on first use, so commands that only touch the user database (`uppfolj anvandare`)
do not load FastAPI.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from uppfolj.web.app import create_app

        return create_app
    raise AttributeError(f"module 'uppfolj.web' has no attribute {name!r}")
