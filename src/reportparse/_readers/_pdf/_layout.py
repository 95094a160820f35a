"""Page contents → document blocks: running heads dropped, paragraphs and headings
formed, footnotes attached, and tables that run over a page break joined.

Decisions that need the whole document (which lines repeat on every page,
which font size is the body text) are taken here, after all pages were read.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from reportparse._model import Block, Cell, Conventions, Heading, Paragraph, Table
from reportparse._readers._pdf._boxes import cell_bbox, line_boxes
from reportparse._readers._pdf._page import PageContent, RawCell, TablePart
from reportparse._readers._pdf._text import TextLine, join_cell_parts, join_text_lines

__all__ = ["assemble"]


@dataclass(frozen=True, slots=True)
class _Marks:
    """List marks and running page numbers: shapes here, words from the caller's language."""

    page_number: re.Pattern[str]
    list_mark: re.Pattern[str]

    @staticmethod
    @cache
    def of(conventions: Conventions) -> _Marks:
        before = "|".join(conventions.page_words)
        after = "|".join(conventions.page_words_after_number)
        of = "|".join(conventions.page_of_words)
        page_number = re.compile(
            r"(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?"
            r"|\d{1,4}\s*/\s*\d{1,4}"
            rf"|(?:{before})\s*\d{{1,4}}(?:\s*(?:{of}|/)\s*\d{{1,4}})?"
            rf"|\d{{1,4}}\.?\s*(?:{after})(?:\s*(?:{of}|/)\s*\d{{1,4}})?",
            re.IGNORECASE,
        )
        list_mark = re.compile(
            r"[•▪◦·●■□➢►\uf0b7\uf0a7]\s*|[-–—]\s+|[a-z][)]\s+"
            # "1. jūlijā …" starts a sentence with a date, not a numbered item.
            rf"|\d{{1,2}}[.)]\s+(?!(?:{'|'.join(conventions.month_stems)}))",
            re.IGNORECASE,
        )
        return _Marks(page_number, list_mark)


_BULLET = re.compile(r"[•▪◦·●■□➢►\uf0b7\uf0a7]\s*")
_FOOTNOTE = re.compile(r"\*{1,4}\s*\S")
_SENTENCE_END = (".", "!", "?", ":", ";")
_NUMERIC = re.compile(r"[-+]?[\d\s.,/%]*\d[\d\s.,/%]*")
_YEAR = re.compile(r"(?:19|20)\d\d\.?(?:\s*g(?:ads|\.)?)?")
# Share of the page height at its top and bottom where running heads live.
_MARGIN_ZONE = 0.1
_HEADING_MAX_CHARS = 300
_BOLD_HEADING_MAX_CHARS = 150


@dataclass(slots=True)
class _Para:
    lines: list[TextLine]
    page: int

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def size(self) -> float:
        weights: Counter[float] = Counter()
        for line in self.lines:
            weights[line.size] += len(line.text)
        return max(weights.items(), key=lambda kv: (kv[1], kv[0]))[0]

    @property
    def bold(self) -> bool:
        n_bold = sum(len(line.text) for line in self.lines if line.bold)
        return n_bold * 2 > sum(len(line.text) for line in self.lines)

    @property
    def text(self) -> str:
        return join_text_lines(self.lines)


@dataclass(slots=True)
class _Builder:
    """A table being put together from its parts on consecutive pages."""

    first: TablePart
    last: TablePart
    cells: list[RawCell]
    n_rows: int
    header_rows: int
    col_edges: list[float]
    #: The smallest padding any part showed: centred text only inflates it.
    padding: float | None = None
    header_repeated: bool = False
    footnotes: list[str] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def inner_width(self, cell: RawCell) -> float | None:
        if self.padding is None:
            return None
        return cell.x1 - cell.x0 - 2 * self.padding

    def grid_row(self, row: int) -> list[RawCell | None]:
        out: list[RawCell | None] = [None] * self.n_cols
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rowspan:
                for c in range(cell.col, cell.col + cell.colspan):
                    out[c] = cell
        return out


_Item = _Para | TablePart


def assemble(pages: list[PageContent], conventions: Conventions) -> list[Block]:
    """All pages' contents → blocks in reading order; ``pages`` is emptied (no cell held twice)."""
    marks = _Marks.of(conventions)
    _drop_running_heads(pages, marks)
    entries: list[_Para | _Builder] = []
    # The last table part or paragraph of the previous page (footnotes aside):
    # only a table ending a page can continue at the top of the next one.
    prev_last: _Item | None = None
    prev_page: PageContent | None = None
    for page in pages:
        last: _Item | None = None
        for i, item in enumerate(_page_items(page, marks)):
            first = i == 0 and prev_page is not None
            if isinstance(item, TablePart):
                builder = entries[-1] if entries else None
                if not (
                    first
                    and prev_page is not None
                    and isinstance(builder, _Builder)
                    and prev_last is builder.last
                    and _join(builder, item, prev_page, page)
                ):
                    entries.append(_start(item))
                last = item
            elif _FOOTNOTE.match(item.lines[0].text) and _follows_table(entries, item):
                builder = entries[-1]
                assert isinstance(builder, _Builder)
                builder.footnotes.append(item.text)
            elif first and isinstance(prev_last, _Para) and _continues(prev_last, item):
                prev_last.lines.extend(item.lines)
                last = prev_last
            else:
                entries.append(item)
                last = item
        # An empty page (a blank or scanned one) ends any table or paragraph.
        prev_last = last
        prev_page = page
    body_size = _body_size(pages)
    pages.clear()
    headings = {
        id(e) for e in entries if isinstance(e, _Para) and _heading_kind(e, body_size, marks)
    }
    sizes = sorted(
        {_size_key(e) for e in entries if id(e) in headings and isinstance(e, _Para)},
        reverse=True,
    )
    levels = {size: rank for rank, size in enumerate(sizes, start=1)}
    blocks: list[Block] = []
    entries.reverse()
    while entries:  # each table's parts let go as its block is made
        entry = entries.pop()
        if isinstance(entry, _Builder):
            blocks.append(_finish(entry))
        elif id(entry) in headings:
            blocks.append(Heading(entry.text, levels[_size_key(entry)], entry.page))
        else:
            blocks.append(_paragraph(entry, marks))
    return blocks


def _size_key(para: _Para) -> float:
    return round(para.size * 2) / 2


# -- running heads -----------------------------------------------------------


def _drop_running_heads(pages: Sequence[PageContent], marks: _Marks) -> None:
    """Remove page numbers and lines repeated in the margins of most pages."""

    def key(line: TextLine) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.split())).casefold()

    def in_margin(line: TextLine, page: PageContent) -> bool:
        zone = _MARGIN_ZONE * page.height
        return line.bottom < zone or line.top > page.height - zone

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key(line) for line in page.lines if in_margin(line, page)})
    threshold = max(2.0, 0.5 * len(pages))
    for page in pages:
        page.lines = [
            line
            for line in page.lines
            if not in_margin(line, page)
            or not (seen[key(line)] >= threshold or marks.page_number.fullmatch(line.text.strip()))
        ]


# -- paragraphs and headings -------------------------------------------------


def _page_items(page: PageContent, marks: _Marks) -> list[_Item]:
    """Tables and paragraphs of one page in reading order: top to bottom, a page
    set in two columns column by column (the lines come in that order)."""
    items: list[_Item] = []
    lines = page.lines
    tables = sorted(page.tables, key=lambda t: t.top)
    right = max((line.x1 for line in lines), default=page.width)
    ti = 0
    for line in lines:
        while ti < len(tables) and tables[ti].top <= line.top:
            items.append(tables[ti])
            ti += 1
        last = items[-1] if items else None
        if isinstance(last, _Para) and _same_paragraph(last, line, right, marks):
            last.lines.append(line)
        else:
            items.append(_Para([line], page.number))
    items.extend(tables[ti:])
    return items


def _same_paragraph(para: _Para, line: TextLine, right: float, marks: _Marks) -> bool:
    prev = para.lines[-1]
    size = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.6 or prev.bold != line.bold:
        return False
    gap = line.top - prev.bottom
    if gap > 0.5 * size or gap < -0.5 * size:
        return False
    if marks.list_mark.match(line.text) or _FOOTNOTE.match(line.text):
        return False
    listed = bool(marks.list_mark.match(para.lines[0].text))
    if line.x0 > prev.x0 + size and not listed:
        return False  # first-line indent of a new paragraph
    if listed and line.x0 < para.lines[0].x0 - 0.5 * size:
        return False
    # A sentence ending well short of the right margin ended its paragraph.
    return not (prev.text.rstrip().endswith(_SENTENCE_END) and prev.x1 < right - 3 * size)


def _continues(prev: _Para, nxt: _Para) -> bool:
    """A paragraph broken by the page end continues on the next page."""
    last, first = prev.lines[-1], nxt.lines[0]
    return (
        abs(last.size - first.size) <= 0.6
        and last.bold == first.bold
        and not last.text.rstrip().endswith(_SENTENCE_END)
        and first.text[:1].islower()
    )


def _body_size(pages: Sequence[PageContent]) -> float:
    """The running text's font size: the commonest among regular-weight lines."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if not line.bold:
                sizes[round(line.size * 2) / 2] += len(line.text)
    if not sizes:
        for page in pages:
            sizes.update({round(s * 2) / 2: n for s, n in page.cell_sizes.items()})
    if not sizes:
        return 0.0
    return max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def _heading_kind(para: _Para, body_size: float, marks: _Marks) -> bool:
    text = para.text
    if not text or _FOOTNOTE.match(text) or marks.list_mark.match(text):
        return False
    if para.size > body_size + 0.5 and len(text) <= _HEADING_MAX_CHARS:
        return True
    return (
        para.bold
        and para.size >= body_size - 0.5
        and len(text) <= _BOLD_HEADING_MAX_CHARS
        and len(para.lines) <= 3
        and not text.endswith(".")
    )


def _paragraph(para: _Para, marks: _Marks) -> Paragraph:
    text = para.text
    listed = bool(marks.list_mark.match(text))
    if _BULLET.match(text):
        text = _BULLET.sub("", text, count=1)
    return Paragraph(
        text=text, page=para.page, list_item=listed, lines=line_boxes(para.lines, text)
    )


# -- tables ------------------------------------------------------------------


def _follows_table(entries: list[_Para | _Builder], para: _Para) -> bool:
    last = entries[-1] if entries else None
    return isinstance(last, _Builder) and last.last.page == para.page


def _start(part: TablePart) -> _Builder:
    cells = [replace(cell) for cell in part.cells]
    builder = _Builder(part, part, cells, part.n_rows, 0, list(part.col_edges), part.padding)
    builder.header_rows = _header_band(builder)
    return builder


def _header_band(builder: _Builder) -> int:
    """Rows tied to the first row by row spans: the candidate header."""
    band = 1
    changed = True
    while changed:
        changed = False
        for cell in builder.cells:
            if cell.row < band and cell.row + cell.rowspan > band:
                band = cell.row + cell.rowspan
                changed = True
    return min(band, builder.n_rows)


def _row_texts(
    cells: Iterable[RawCell], row: int, col_map: Sequence[int], n_cols: int
) -> list[str]:
    out = [""] * n_cols
    for cell in cells:
        if cell.row == row:
            out[col_map[cell.col]] = " ".join(cell.text.split())
    return out


def _edge_map(edges: Sequence[float], target: Sequence[float]) -> list[int] | None:
    """Index in ``target`` of each of ``edges``; None unless all match, outer to outer."""
    # Producers may redraw a continued table's rules a point or two apart.
    tol = max(2.5, 0.01 * (target[-1] - target[0]))
    out: list[int] = []
    for x in edges:
        i = min(range(len(target)), key=lambda k: abs(target[k] - x))
        if abs(target[i] - x) > tol:
            return None
        out.append(i)
    if out[0] != 0 or out[-1] != len(target) - 1:
        return None
    return out


def _inner_edge_map(edges: Sequence[float], target: Sequence[float]) -> list[int] | None:
    """``_edge_map`` for tables without rules: the gutters between columns must
    match; the outer edges are only where the text of each page ends."""
    if len(edges) != len(target) or len(edges) < 3:
        return None
    inner = _edge_map([target[0], *edges[1:-1], target[-1]], target)
    return None if inner is None else list(range(len(target)))


def _align_columns(builder: _Builder, part: TablePart) -> list[int] | None:
    """Column index of ``builder`` for each column edge of ``part``, or None if unrelated.

    One side may have fewer columns: a page holding only merged header cells
    (``Iesniegumu skaits`` over three months) has only their edges. The
    table then takes the finer set of columns.
    """
    if not part.ruled and not builder.last.ruled:
        return _inner_edge_map(part.col_edges, builder.col_edges)
    col_map = _edge_map(part.col_edges, builder.col_edges)
    if col_map is not None:
        return col_map
    back = _edge_map(builder.col_edges, part.col_edges)
    if back is None:
        return None
    for cell in builder.cells:
        end = back[cell.col + cell.colspan]
        cell.col = back[cell.col]
        cell.colspan = end - cell.col
    builder.col_edges = list(part.col_edges)
    return list(range(len(part.col_edges)))


def _join(builder: _Builder, part: TablePart, prev_page: PageContent, page: PageContent) -> bool:
    """Append ``part`` (top of ``page``) to the table ending ``prev_page``, if it continues it."""
    col_map = _align_columns(builder, part)
    if col_map is None:
        return False
    if part.padding is not None:
        builder.padding = min(part.padding, builder.padding or part.padding)
    skip = 0
    h = builder.header_rows
    if 0 < h < part.n_rows:
        identity = range(builder.n_cols + 1)
        head = [_row_texts(builder.cells, r, identity, builder.n_cols) for r in range(h)]
        repeat = [_row_texts(part.cells, r, col_map, builder.n_cols) for r in range(h)]
        if head == repeat and any(any(r) for r in head):
            skip = h
            builder.header_repeated = True
    split = _split_row(builder, part, skip=skip, col_map=col_map, prev_page=prev_page, page=page)
    last_row = builder.n_rows - 1
    above_row = builder.grid_row(last_row)
    if split and not all(
        (above := above_row[col_map[c.col]]) is not None
        and above.col == col_map[c.col]
        and above.colspan == col_map[c.col + c.colspan] - col_map[c.col]
        for c in part.cells
        if c.row == skip
    ):
        split = False  # the two halves do not have the same cells: keep both rows
    offset = builder.n_rows - skip - (1 if split else 0)
    for cell in part.cells:
        if cell.row < skip:
            continue
        col = col_map[cell.col]
        colspan = col_map[cell.col + cell.colspan] - col
        if split and cell.row == skip:
            above = above_row[col]
            assert above is not None
            if not cell.empty:
                above.text = join_cell_parts(above, cell, builder.inner_width(above))
                above.last_line = cell.last_line
                above.first_line = above.first_line or cell.first_line
            above.n_chars += cell.n_chars
            above.n_bold += cell.n_bold
            above.rowspan += cell.rowspan - 1
            continue
        builder.cells.append(replace(cell, row=cell.row + offset, col=col, colspan=colspan))
    builder.n_rows = offset + part.n_rows
    builder.last = part
    # A header row cut by the page break is whole only now.
    builder.header_rows = max(builder.header_rows, _header_band(builder))
    return True


def _split_row(
    builder: _Builder,
    part: TablePart,
    *,
    skip: int,
    col_map: list[int],
    prev_page: PageContent,
    page: PageContent,
) -> bool:
    """Did the page break cut the table's last row in two?

    Sign one: the last row on the old page has less room under its text than
    the other rows (its text ran on, so the bottom padding was never printed).
    Sign two, for layouts without such padding: the old page is full, and
    every filled cell of the new page's first row continues a cell above it
    whose last line was a wrap (the new line's first word would not have fit
    on it), the label running on mid-sentence (``… skaits,`` + ``sagatavoto``).
    A section row starting a page (``PABALSTI``, ``… saņemšana:``) fails the
    second sign: it starts with a capital, or the row above ended its label,
    or its first word would have fitted on the line above.
    """
    if part.n_rows <= skip:
        return False
    next_row = [c for c in part.cells if c.row == skip and not c.empty]
    if not next_row:
        return False
    prev_part = builder.last
    last = prev_part.n_rows - 1
    gap_last = prev_part.row_gaps[last]
    others = prev_part.row_gaps[:last] + part.row_gaps[skip + 1 : part.n_rows - 1]
    typical = [g for g in others if g is not None]
    if gap_last is not None and len(typical) >= 2:
        usual = statistics.median(typical)
        if gap_last < usual - max(3.0, 0.25 * usual):
            return True
    above_row = builder.grid_row(builder.n_rows - 1)
    for cell in next_row:
        above = above_row[col_map[cell.col]]
        if above is None or above.empty or not _wrapped(above, cell, builder):
            return False
    # A label ending its sentence, or a capital after it, starts a new row.
    # (Values may go on in capitals: ``3474,91`` + ``EUR``.)
    above = above_row[col_map[next_row[0].col]]
    assert above is not None
    if above.text.rstrip().endswith(_SENTENCE_END):
        return False
    if next_row[0].text[:1].isupper():
        return False
    line = above.last_line
    assert line is not None
    # Margins are usually the same at top and bottom: the new page's first
    # content shows where the old page's printable area ended.
    room_left = (prev_page.height - page.content_top) - prev_part.bottom
    return room_left < 2 * (line.bottom - line.top)


def _wrapped(above: RawCell, below: RawCell, builder: _Builder) -> bool:
    """Would ``below``'s first word have overflowed ``above``'s last line?"""
    inner = builder.inner_width(above)
    last, first = above.last_line, below.first_line
    if last is None or first is None:
        return False
    if inner is None or last.text.endswith(("-", "/", "\u00ad")):
        return True
    return last.width + last.space_width + first.first_word_width > inner - 1.0


def _finish(builder: _Builder) -> Table:
    header = builder.header_rows if _is_header(builder) else 0
    cells = [
        Cell(
            text=cell.text,
            row=cell.row,
            col=cell.col,
            rowspan=cell.rowspan,
            colspan=cell.colspan,
            header=cell.row < header,
            bold=cell.n_bold * 2 > cell.n_chars,
            page=cell.page,
            bbox=cell_bbox(cell),
        )
        for cell in sorted(builder.cells, key=lambda c: (c.row, c.col))
    ]
    return Table(
        cells=cells,
        n_rows=builder.n_rows,
        n_cols=builder.n_cols,
        page=builder.first.page,
        footnotes=builder.footnotes,
    )


def _is_header(builder: _Builder) -> bool:
    """Is the top band a header: repeated on later pages, all bold, or words above numbers?"""
    h = builder.header_rows
    if h >= builder.n_rows:
        return False
    if builder.header_repeated:
        return True
    band = [c for c in builder.cells if c.row < h and not c.empty]
    below = [c for c in builder.cells if c.row >= h and not c.empty]
    if (
        band
        and all(c.n_bold * 2 > c.n_chars for c in band)
        and any(c.n_bold * 2 <= c.n_chars for c in below)
    ):
        return True
    next_row = [c for c in below if c.row == h and c.col > 0]

    def numeric(cell: RawCell) -> bool:
        text = " ".join(cell.text.split())
        return bool(_NUMERIC.fullmatch(text)) and not _YEAR.fullmatch(text)

    return not any(numeric(c) for c in band if c.col > 0) and any(numeric(c) for c in next_row)
