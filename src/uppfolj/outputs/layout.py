"""Column widths of a document table from its content, so that no word breaks inside a header or a cell.

Text is measured with DejaVu Sans (the font matplotlib ships, so it is there on every machine). It is wider
than Arial and Calibri, so a width that fits DejaVu Sans also fits the fonts Word uses, and LibreOffice
falls back to DejaVu Sans where those are missing. Each column gets at least its longest word (headers in
bold) plus the cell padding; the space left is shared towards each column's longest full text. When the
longest words do not fit the text width, the table is set in a smaller font, then on a landscape page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from uppfolj.outputs.model import Table, display

#: table font sizes tried in order (pt); below the last one a table would be hard to read
FONT_SIZES = (8.0, 7.0)
#: Word's default cell padding (0.19 cm left and right) plus a margin for rounding and kerning (pt)
CELL_PADDING = 2 * 5.4 + 3.0
#: a column's full text counts towards its preferred width up to this share of the text width
MAX_SHARE = 0.45


@lru_cache(maxsize=2)
def _font(bold: bool):  # type: ignore[no-untyped-def]
    from matplotlib import font_manager
    from PIL import ImageFont

    path = font_manager.findfont(
        font_manager.FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")
    )
    return ImageFont.truetype(path, 100)


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of text in points at the given font size."""
    return float(_font(bold).getlength(text)) * size / 100.0


def words(text: str) -> list[str]:
    """The pieces a line may break between: ordinary spaces (a non-breaking space keeps `1 621` whole)."""
    return [w for w in text.replace("\n", " ").split(" ") if w]


@dataclass(frozen=True)
class Plan:
    """How a table is set: font size, page orientation and the column widths in points."""

    size: float
    landscape: bool
    widths: list[float]


def _texts(table: Table) -> list[tuple[list[str], list[str]]]:
    """Per column: (header lines, cell texts)."""
    out = []
    for i, col in enumerate(table.columns):
        out.append(([col.title], [display(row[i], col) for row in table.rows]))
    return out


def _minimum(texts: tuple[list[str], list[str]], size: float) -> float:
    head, cells = texts
    widest = [text_width(w, size, bold=True) for t in head for w in words(t)]
    widest += [text_width(w, size) for t in cells for w in words(t)]
    return max(widest, default=0.0) + CELL_PADDING


def _preferred(texts: tuple[list[str], list[str]], size: float) -> tuple[float, float]:
    """(widest cell text, widest header text) on one line, padding included."""
    head, cells = texts
    body = max((text_width(t, size) for t in cells), default=0.0)
    title = max((text_width(t, size, bold=True) for t in head), default=0.0)
    return body + CELL_PADDING, title + CELL_PADDING


def plan(table: Table, portrait_width: float, landscape_width: float, landscape: bool = False) -> Plan:
    """The first of (portrait, smaller font, landscape, smaller font) where the longest words fit.

    `landscape=True` (the section is printed landscape) starts on landscape pages.
    """
    texts = _texts(table)
    tries = [(size, True) for size in FONT_SIZES]
    if not landscape:
        tries = [(size, False) for size in FONT_SIZES] + tries
    for size, wide in tries:
        available = landscape_width if wide else portrait_width
        minimum = [_minimum(t, size) for t in texts]
        if sum(minimum) <= available:
            return Plan(size, wide, _share(minimum, [_preferred(t, size) for t in texts], available))
    size, wide = tries[-1]
    available = landscape_width if wide else portrait_width
    minimum = [_minimum(t, size) for t in texts]
    scale = available / sum(minimum)
    return Plan(size, wide, [m * scale for m in minimum])


def _share(minimum: list[float], preferred: list[tuple[float, float]], available: float) -> list[float]:
    """Minimum widths; then the space left towards the cells' full texts (a cell on one line matters more
    than a header on one line), then towards the headers' full texts; then the rest in proportion."""
    cap = available * MAX_SHARE
    widths = list(minimum)
    for tier in (0, 1):
        want = [max(min(p[tier], cap) - w, 0.0) for w, p in zip(widths, preferred, strict=True)]
        widths = [w + extra for w, extra in zip(widths, _fill(want, available - sum(widths)), strict=True)]
    rest = available - sum(widths)
    total = sum(widths)
    return [w + rest * w / total for w in widths] if total else widths


def _fill(want: list[float], spare: float) -> list[float]:
    """Water-filling: each column gets up to the same extra width, so short texts ("Ej verkställt") stay on
    one line and only the longest ones wrap."""
    if sum(want) <= spare:
        return want
    left, rest = spare, sorted(want)
    while rest and rest[0] * len(rest) <= left:
        left -= rest.pop(0)
    level = left / len(rest) if rest else 0.0
    return [min(w, level) for w in want]
