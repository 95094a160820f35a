"""One PDF page → the parts of ruled tables on it (cells with their text) and the lines outside.

Everything a page yields is plain data with no reference back to pdfplumber,
so the page can be closed as soon as this returns.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reportparse._readers._pdf._columns import lines_in_reading_order
from reportparse._readers._pdf._text import (
    Char,
    TextLine,
    build_lines,
    is_bold_font,
    join_cell_lines,
    turn_of,
    upright,
)

__all__ = [
    "TABLE_SETTINGS",
    "PageContent",
    "RawCell",
    "TablePart",
    "extract_page",
    "page_content",
    "plumber_chars",
]

# Ruling lines only: a table is what the author drew as one.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
}
_UNREADABLE = "\ufffd"
# Producers pad cells by 1.4 pt (LibreOffice) to 5.4 pt (Word): more is centred text.
_MAX_PADDING = 6.0
# Rows at a part's top whose cells keep their first and last lines: a repeated
# header and the continuation of a row cut by the page break are among them.
_KEEP_HEAD_ROWS = 4
# Edges closer than this are one edge (double borders, rounding in the producer).
_EDGE_TOLERANCE = 1.5


@dataclass(slots=True)
class RawCell:
    """A cell as printed on one page: grid slot, box, and text.

    Of its lines only the first and the last are kept: they are all a page
    break can join to another page's cell, and keeping every line of every
    cell would make memory grow with the document.
    """

    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    text: str = ""
    first_line: TextLine | None = None
    last_line: TextLine | None = None
    n_chars: int = 0
    n_bold: int = 0

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(slots=True)
class TablePart:
    """The part of a ruled table printed on one page."""

    page: int
    col_edges: list[float]
    row_edges: list[float]
    cells: list[RawCell]
    #: Horizontal room the producer leaves between a cell's rule and its text.
    padding: float | None
    #: Per row, the room left under the fullest cell ending in it (its bottom padding).
    row_gaps: list[float | None] = field(default_factory=list)
    #: Drawn with rules; else found from the alignment of text, its outer edges
    #: the extent of its text.
    ruled: bool = True

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    @property
    def top(self) -> float:
        return self.row_edges[0]

    @property
    def bottom(self) -> float:
        return self.row_edges[-1]


@dataclass(slots=True)
class PageContent:
    """What one page holds, as plain data."""

    number: int
    width: float
    height: float
    lines: list[TextLine]
    tables: list[TablePart]
    #: Font sizes of table text, by character count (the body size when a
    #: report has almost no running text).
    cell_sizes: Counter[float] = field(default_factory=Counter)
    #: Glyphs pdfminer could not map to text (a font without a Unicode map).
    unreadable_chars: int = 0

    @property
    def content_top(self) -> float:
        tops = [t.top for t in self.tables] + [line.top for line in self.lines]
        return min(tops, default=0.0)


def extract_page(
    number: int,
    width: float,
    height: float,
    raw_chars: list[dict[str, Any]],
    table_boxes: list[list[tuple[float, float, float, float]]],
) -> PageContent:
    """One page's glyphs (pdfplumber's ``page.chars``) and the cell boxes of
    each table pdfplumber found (``table.cells``) → the page's content."""
    return page_content(number, width, height, plumber_chars(raw_chars, width, height), table_boxes)


def page_content(
    number: int,
    width: float,
    height: float,
    chars: list[Char],
    table_boxes: list[list[tuple[float, float, float, float]]],
) -> PageContent:
    """One page's glyphs, as either engine gives them, and its tables' cell boxes → its content."""
    unreadable = sum(1 for c in chars if c.text == _UNREADABLE)
    parts = [
        part
        for boxes in table_boxes
        for band in _column_bands(boxes)
        if (part := _skeleton(band, number)) is not None
    ]
    outside, per_cell = _assign(chars, parts)
    # Turned text outside tables (a note up the margin) is no running text.
    outside = [c for c in outside if not c.turn]
    cell_sizes: Counter[float] = Counter()
    for part, cell_chars in zip(parts, per_cell, strict=True):
        cell_lines = [_cell_lines(glyphs) for glyphs in cell_chars]
        part.padding = _padding(part, cell_lines)
        for cell, glyphs, lines in zip(part.cells, cell_chars, cell_lines, strict=True):
            if not lines:
                continue
            turned = any(g.turn for g in glyphs)
            inner = None if part.padding is None or turned else cell.x1 - cell.x0 - 2 * part.padding
            cell.text = join_cell_lines(lines, inner)
            cell.first_line, cell.last_line = lines[0], lines[-1]
            cell.n_chars = len(glyphs)
            cell.n_bold = sum(g.bold for g in glyphs)
            for line in lines:
                cell_sizes[line.size] += len(line.text)
        part.row_gaps = _row_gaps(part)
        for cell in part.cells:
            if cell.row >= _KEEP_HEAD_ROWS and cell.row + cell.rowspan < part.n_rows:
                # Only the rows next to a page break can be joined to another page.
                cell.first_line = cell.last_line = None
    return PageContent(
        number=number,
        width=width,
        height=height,
        lines=lines_in_reading_order(outside),
        tables=parts,
        cell_sizes=cell_sizes,
        unreadable_chars=unreadable,
    )


def _cell_lines(glyphs: list[Char]) -> list[TextLine]:
    """A cell's lines: its upright text, then its turned text read as it is set."""
    turned = [upright(g) for g in glyphs if g.turn]
    if not turned:
        return build_lines(glyphs)
    return build_lines([g for g in glyphs if not g.turn]) + build_lines(turned)


def plumber_chars(raw: list[dict[str, Any]], width: float, height: float) -> list[Char]:
    """pdfplumber's glyph dicts → the glyphs the layout reads.

    A glyph's box is the font size high from its baseline (pdfminer would put
    its bottom at the font's descent, which PDFium does not know alike); a
    glyph set slanted or upside down, or drawn off the page, is left out.
    """
    bold_by_font: dict[str, bool] = {}
    chars: list[Char] = []
    for c in raw:
        turn = 0
        if not c.get("upright", True):
            turn = turn_of(c.get("matrix"))
            if turn == 0:
                continue  # slanted or upside down: not a table's text
        x0, x1, top, bottom = c["x0"], c["x1"], c["top"], c["bottom"]
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue  # drawn off the page: not printed
        font = c.get("fontname") or ""
        bold = bold_by_font.get(font)
        if bold is None:
            bold = bold_by_font[font] = is_bold_font(font)
        matrix = c.get("matrix")
        baseline = height - matrix[5] if matrix else bottom
        if turn == 0 and matrix:
            top, bottom = baseline - (bottom - top), baseline
        text = c["text"]
        if text.startswith("(cid:"):
            # pdfminer's stand-in for a glyph it cannot map: keep the place,
            # not the glyph number, which would read as a digit.
            text = _UNREADABLE
        # A turned glyph's size is its extent across its line, not its advance.
        size = float(c["size"]) if turn == 0 else x1 - x0
        chars.append(Char(text, x0, x1, top, bottom, size, bold, baseline, turn))
    return chars


def _cluster(values: list[float]) -> list[float]:
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > _EDGE_TOLERANCE:
            edges.append(v)
    return edges


def _nearest(edges: list[float], v: float) -> int:
    i = bisect_left(edges, v)
    if i == len(edges) or (i > 0 and v - edges[i - 1] < edges[i] - v):
        i -= 1
    return i


def _column_bands(
    boxes: list[tuple[float, float, float, float]],
) -> list[list[tuple[float, float, float, float]]]:
    """One ruled grid cut where the rows change their columns: two tables drawn
    one under the other, edge to edge, whose columns neither share nor nest
    (a merged head or a section row uses some of its table's edges, not others).
    """
    col_edges = _cluster([x for b in boxes for x in (b[0], b[2])])
    row_edges = _cluster([y for b in boxes for y in (b[1], b[3])])
    if len(row_edges) < 3:
        return [boxes]
    n_rows = len(row_edges) - 1
    edges: list[set[int]] = [set() for _ in range(n_rows)]
    crossing: set[int] = set()  # row edges that a cell spans over
    placed = []
    for box in boxes:
        r0, r1 = _nearest(row_edges, box[1]), _nearest(row_edges, box[3])
        placed.append((r0, box))
        for r in range(r0, max(r1, r0 + 1)):
            if r < n_rows:
                edges[r].update((_nearest(col_edges, box[0]), _nearest(col_edges, box[2])))
        crossing.update(range(r0 + 1, r1))
    cuts = [
        r
        for r in range(1, n_rows)
        if r not in crossing
        and edges[r]
        and edges[r - 1]
        and not (edges[r] <= edges[r - 1] or edges[r - 1] <= edges[r])
    ]
    if not cuts:
        return [boxes]
    bands: list[list[tuple[float, float, float, float]]] = [[] for _ in range(len(cuts) + 1)]
    for r0, box in placed:
        bands[bisect_right(cuts, r0)].append(box)
    return [band for band in bands if band]


def _skeleton(boxes: list[tuple[float, float, float, float]], page: int) -> TablePart | None:
    """Grid and spanning cells of one pdfplumber table, still without text."""
    col_edges = _cluster([x for b in boxes for x in (b[0], b[2])])
    row_edges = _cluster([y for b in boxes for y in (b[1], b[3])])
    if len(col_edges) < 2 or len(row_edges) < 2:
        return None
    if len(col_edges) == 2 and len(row_edges) == 2:
        return None  # a framed paragraph, not a table: its text stays running text
    cells: list[RawCell] = []
    taken: set[tuple[int, int]] = set()
    for x0, top, x1, bottom in sorted(boxes, key=lambda b: (b[1], b[0])):
        c0, c1 = _nearest(col_edges, x0), _nearest(col_edges, x1)
        r0, r1 = _nearest(row_edges, top), _nearest(row_edges, bottom)
        if c1 <= c0 or r1 <= r0 or (r0, c0) in taken:
            continue
        taken.update((r, c) for r in range(r0, r1) for c in range(c0, c1))
        cells.append(RawCell(r0, c0, r1 - r0, c1 - c0, x0, top, x1, bottom, page))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return TablePart(page, col_edges, row_edges, cells, padding=None)


def _assign(chars: list[Char], parts: list[TablePart]) -> tuple[list[Char], list[list[list[Char]]]]:
    """Each glyph to the cell its centre falls in, or to the page text."""
    grids: list[list[list[int]]] = []
    for part in parts:
        grid = [[-1] * part.n_cols for _ in range(part.n_rows)]
        for i, cell in enumerate(part.cells):
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    grid[r][c] = i
        grids.append(grid)
    per_cell: list[list[list[Char]]] = [[[] for _ in part.cells] for part in parts]
    # Per part, what the test of each glyph reads: bounds, edges, last row and column.
    areas = [
        (p.col_edges[0], p.col_edges[-1], p.row_edges[0], p.row_edges[-1],
         p.col_edges, p.row_edges, p.n_cols - 1, p.n_rows - 1, grid, cells)
        for p, grid, cells in zip(parts, grids, per_cell, strict=True)
    ]  # fmt: skip
    outside: list[Char] = []
    for ch in chars:
        cx = (ch.x0 + ch.x1) / 2
        cy = (ch.top + ch.bottom) / 2
        for left, right, top, bottom, cols, rows, last_col, last_row, grid, cells in areas:
            if left <= cx <= right and top <= cy <= bottom:
                c = min(bisect_right(cols, cx) - 1, last_col)
                r = min(bisect_right(rows, cy) - 1, last_row)
                owner = grid[r][c]
                if owner >= 0:
                    cells[owner].append(ch)
                    break
        else:
            outside.append(ch)
    return outside, per_cell


def _row_gaps(part: TablePart) -> list[float | None]:
    gaps: list[float | None] = [None] * part.n_rows
    for cell in part.cells:
        if cell.last_line is not None:
            row = cell.row + cell.rowspan - 1
            gap = cell.bottom - cell.last_line.bottom
            old = gaps[row]
            gaps[row] = gap if old is None else min(old, gap)
    return gaps


def _padding(part: TablePart, cell_lines: list[list[TextLine]]) -> float | None:
    """The gap between a cell's left rule and its text, typical for the table.

    Left-aligned text sits exactly one padding from the rule; centred or
    right-aligned text sits further in, so each column's smallest gap is the
    padding. The median over columns outvotes a rule drawn off its place; a
    table of centred text alone would overstate it, hence the cap.
    """
    smallest: dict[int, float] = {}
    for cell, lines in zip(part.cells, cell_lines, strict=True):
        for line in lines:
            gap = line.x0 - cell.x0
            smallest[cell.col] = min(gap, smallest.get(cell.col, gap))
    if not smallest:
        return None
    narrowest = min(cell.x1 - cell.x0 for cell in part.cells)
    return max(0.0, min(statistics.median(smallest.values()), 0.25 * narrowest, _MAX_PADDING))
