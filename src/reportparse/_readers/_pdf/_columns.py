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

from bisect import bisect_left

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
    printed = [c for c in chars if c.text.strip()]
    strip = _empty_strip(printed)
    if strip is None:
        return lines  # the common page: no strip down its middle, nothing more to do
    by_line = _chars_by_line(printed, lines)
    if not _is_gutter(by_line, strip):
        return lines
    left_edge, right_edge = strip
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
    """The glyphs of each line, top to bottom: a glyph to the line whose middle is
    nearest its own."""
    middles = [(line.top + line.bottom) / 2 for line in lines]
    order = sorted(range(len(lines)), key=lambda k: middles[k])
    keys = [middles[k] for k in order]
    groups: list[list[Char]] = [[] for _ in lines]
    for c in chars:
        middle = (c.top + c.bottom) / 2
        i = bisect_left(keys, middle)
        if i == len(keys) or (i > 0 and middle - keys[i - 1] < keys[i] - middle):
            i -= 1
        groups[order[i]].append(c)
    return [group for group in groups if group]


def _empty_strip(chars: list[Char]) -> tuple[float, float] | None:
    """The widest strip down the middle part of the text that no glyph covers."""
    left_x = min(c.x0 for c in chars)
    right_x = max(c.x1 for c in chars)
    width = right_x - left_x
    low, high = left_x + _MIDDLE[0] * width, left_x + _MIDDLE[1] * width
    covered = sorted((max(c.x0, low), min(c.x1, high)) for c in chars if c.x1 > low and c.x0 < high)
    best: tuple[float, float] | None = None
    edge = low
    for x0, x1 in [*covered, (high, high)]:
        if x0 - edge >= _MIN_GUTTER and (best is None or x0 - edge > best[1] - best[0]):
            best = (edge, x0)
        edge = max(edge, x1)
    return best


def _is_gutter(by_line: list[list[Char]], strip: tuple[float, float]) -> bool:
    """Whether an empty strip is a gutter between two columns of prose: lines on
    both sides, filling their columns as prose does."""
    left_x = min(c.x0 for group in by_line for c in group)
    right_x = max(c.x1 for group in by_line for c in group)
    lefts = [_extent([c for c in g if c.x1 <= strip[0]]) for g in by_line]
    rights = [_extent([c for c in g if c.x0 >= strip[1]]) for g in by_line]
    left = [w for w in lefts if w > 0]
    right = [w for w in rights if w > 0]
    if len(left) < _MIN_LINES or len(right) < _MIN_LINES:
        return False
    return _median(left) >= _MIN_FILL * (strip[0] - left_x) and _median(right) >= _MIN_FILL * (
        right_x - strip[1]
    )


def _extent(chars: list[Char]) -> float:
    return max(c.x1 for c in chars) - min(c.x0 for c in chars) if chars else 0.0


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]
