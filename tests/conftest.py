"""Shared test setup."""

from __future__ import annotations

import os

# Tests never depend on a workspace given by the developer's environment.
os.environ.pop("UPPFOLJ_ARBETSYTA", None)
