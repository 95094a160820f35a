"""Where a cell or a paragraph's lines were printed: boxes in PDF points, for the review page."""

from __future__ import annotations

from collections.abc import Sequence

from reportparse._model import BBox, LineBox
from reportparse._readers._pdf._page import RawCell
from reportparse._readers._pdf._text import TextLine

__all__ = ["cell_bbox", "line_boxes"]

# Hundredths of a point: finer than any rendering, and the JSON stays short.
_DIGITS = 2
# Enough of a line's text to find where it starts in its paragraph.
_PROBE = 12


def _box(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return (round(x0, _DIGITS), round(top, _DIGITS), round(x1, _DIGITS), round(bottom, _DIGITS))


def cell_bbox(cell: RawCell) -> BBox:
    """The cell's box on its page, from the page's top-left corner."""
    return _box(cell.x0, cell.top, cell.x1, cell.bottom)


def line_boxes(lines: Sequence[TextLine], text: str) -> tuple[LineBox, ...]:
    """Each line's box and where its text starts in ``text``, the paragraph they make.

    Lines of a paragraph continued on the next page (or in the next column)
    start above the line before them: they and those after are left out, so
    every box is on the paragraph's own page.

    >>> from reportparse._readers._pdf._text import TextLine
    >>> def line(t, top): return TextLine(t, 10, 100, top, top + 10, 10, False, 5, 20, 3)
    >>> [(b.start, b.end) for b in line_boxes([line("Sniegti 12", 0), line("pakal-", 12),
    ...                               line("pojumi", 24)], "Sniegti 12 pakalpojumi")]
    [(0, 10), (11, 17), (16, 22)]
    """
    out: list[LineBox] = []
    cursor = 0
    for i, line in enumerate(lines):
        if i and line.top < lines[i - 1].top - 1:
            break
        words = line.text.split()
        probe = " ".join(words)[:_PROBE].rstrip("-\u00ad")
        found = text.find(probe, cursor) if probe else -1
        start = found if found >= 0 else cursor
        if out and start < out[-1].start:
            start = out[-1].start
        end = min(len(text), start + len(" ".join(words)))
        out.append(LineBox(start, end, _box(line.x0, line.top, line.x1, line.bottom)))
        cursor = start + len(probe)
    return tuple(out)
