"""Reading order of a page set in two text columns: each column top to bottom.

A page of running text set in two columns has a gutter, an empty strip
down the middle that the lines of both columns stop short of. Read line by
line, the two columns interleave (the first line of the left column, then
the first of the right, ...); read column by column, they make sense. Lines
that cross the gutter (a heading or a table caption over both columns) cut
the page into bands, each read left column first.

An unruled table has an empty strip between its columns too; it is told
apart by its short lines: prose fills its column, a column of values does not.
"""

from __future__ import annotations

from reportparse._readers._pdf._text import Char, TextLine, build_lines

__all__ = ["lines_in_reading_order"]

# The gutter is at least this many points wide, and lies in the middle part
# of the text's width.
_MIN_GUTTER = 8.0
_MIDDLE = (0.3, 0.7)
# Each column has this many lines at least, and its lines fill this share of
# its width on the median (prose, not a column of values).
_MIN_LINES = 6
_MIN_FILL = 0.6


def lines_in_reading_order(chars: list[Char]) -> list[TextLine]:
    """The lines of the glyphs outside tables, column by column where the page
    is set in two columns, else top to bottom."""
    lines = build_lines(chars)
    if len(lines) < 2 * _MIN_LINES:
        return lines
    by_line = _chars_by_line(chars, lines)
    gutter = _gutter(by_line)
    if gutter is None:
        return lines
    left_edge, right_edge = gutter
    bands: list[tuple[list[Char], list[Char]]] = [([], [])]
    for line_chars in by_line:
        if any(c.x1 > left_edge and c.x0 < right_edge for c in line_chars):
            bands.append((line_chars, []))  # across the gutter: a band of its own
            bands.append(([], []))
            continue
        left, right = bands[-1]
        for c in line_chars:
            (left if c.x1 <= left_edge else right).append(c)
    return [line for left, right in bands for part in (left, right) for line in build_lines(part)]


def _chars_by_line(chars: list[Char], lines: list[TextLine]) -> list[list[Char]]:
    """The printed glyphs of each line, top to bottom: a glyph to the line whose box
    holds its centre, else the nearest."""
    groups: list[list[Char]] = [[] for _ in lines]
    for c in chars:
        if not c.text.strip():
            continue
        middle = (c.top + c.bottom) / 2
        best = min(
            range(len(lines)),
            key=lambda k: (
                0.0
                if lines[k].top <= middle <= lines[k].bottom
                else min(abs(lines[k].top - middle), abs(lines[k].bottom - middle))
            ),
        )
        groups[best].append(c)
    return [group for group in groups if group]


def _gutter(by_line: list[list[Char]]) -> tuple[float, float] | None:
    """The gutter between two columns of prose, as (left edge, right edge), if there is one."""
    left_x = min(c.x0 for group in by_line for c in group)
    right_x = max(c.x1 for group in by_line for c in group)
    width = right_x - left_x
    low, high = left_x + _MIDDLE[0] * width, left_x + _MIDDLE[1] * width
    covered = sorted(
        (max(c.x0, low), min(c.x1, high))
        for group in by_line
        for c in group
        if c.x1 > low and c.x0 < high
    )
    best: tuple[float, float] | None = None
    edge = low
    for x0, x1 in [*covered, (high, high)]:
        if x0 - edge >= _MIN_GUTTER and (best is None or x0 - edge > best[1] - best[0]):
            best = (edge, x0)
        edge = max(edge, x1)
    if best is None:
        return None
    # Each line's glyphs on either side of the gutter, as the width they take.
    lefts = [_extent([c for c in g if c.x1 <= best[0]]) for g in by_line]
    rights = [_extent([c for c in g if c.x0 >= best[1]]) for g in by_line]
    left = [w for w in lefts if w > 0]
    right = [w for w in rights if w > 0]
    if len(left) < _MIN_LINES or len(right) < _MIN_LINES:
        return None
    if _median(left) < _MIN_FILL * (best[0] - left_x) or _median(right) < _MIN_FILL * (
        right_x - best[1]
    ):
        return None
    return best


def _extent(chars: list[Char]) -> float:
    return max(c.x1 for c in chars) - min(c.x0 for c in chars) if chars else 0.0


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]
