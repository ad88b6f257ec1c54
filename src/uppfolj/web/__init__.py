"""The web dashboard: `create_app(workspace)` builds the FastAPI application (see docs/webb.md)."""

from __future__ import annotations

from uppfolj.web.app import create_app

__all__ = ["create_app"]
