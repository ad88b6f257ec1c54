"""The dashboard's pages: one registry that each route module declares its pages into.

The navigation (base.html), the tests and docs/webb.md read it, so adding a page touches its own route
module only. A page has its path, its Swedish title, the lowest role that may open it, its JSON twin under
`/api/` (the same data for programs), its place in the navigation and whether a reader limited to one unit
sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup, escape


class Viewer(Protocol):
    enhet: str | None

    def may(self, role: str) -> bool: ...


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    #: the lowest role that may open the page: lasare, analytiker or admin
    role: str
    #: the JSON twin (`/api/...`), or None for a page that is only text (the help)
    json: str | None
    #: place in the main menu, lowest first; None for a page outside it
    order: int | None
    #: shown to a reader limited to one unit (pages about the whole committee are not)
    unit_readers: bool = True
    #: what the page shows, in Swedish, for the help page (`/hjalp`); `code` in backticks. None: not there
    help: str | None = None

    def help_html(self) -> Markup:
        """The help text as HTML: escaped, with `code` in backticks as <code>."""
        parts = str(escape(self.help or "")).split("`")
        return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


PAGES: dict[str, Page] = {}


def page(
    path: str,
    title: str,
    role: str,
    *,
    json: str | None,
    order: int | None,
    unit_readers: bool = True,
    help: str | None = None,
) -> Page:
    """Declare a page (once per path)."""
    if path in PAGES:
        raise ValueError(f"page {path} is declared twice")
    declared = Page(path, title, role, json, order, unit_readers, help)
    PAGES[path] = declared
    return declared


def pages() -> dict[str, Page]:
    """Every declared page: the route modules declare theirs when they are imported, which finding the
    routers does (`uppfolj.web.routes.routers`)."""
    from uppfolj.web.routes import routers

    routers()
    return PAGES


def explained() -> list[Page]:
    """The pages the help page explains, in the menu's order."""
    return sorted(
        (p for p in pages().values() if p.help), key=lambda p: (p.order is None, p.order or 0, p.path)
    )


def navigation(user: Viewer) -> list[Page]:
    """The main menu for a user: the pages in the menu that the user's role and unit may open, in order."""
    shown = [p for p in pages().values() if p.order is not None and user.may(p.role)]
    return sorted(
        (p for p in shown if p.unit_readers or not user.enhet),
        key=lambda p: p.order if p.order is not None else 0,
    )
