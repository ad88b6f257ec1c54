"""The routers, one module per page family: every module here with a `router` is included by `create_app`,
so a new page family is its own module (its router and its `page(...)` declarations) and nothing else.

The routers are taken in the order of their modules' names. No two of them answer the same path and
method (tests/web/test_pages.py checks it), so the order decides nothing.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from fastapi import APIRouter


@functools.cache
def routers() -> list[APIRouter]:
    """The router of each module of this package, by module name."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__, f"{__name__}."), key=lambda i: i.name):
        router = getattr(importlib.import_module(info.name), "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found
