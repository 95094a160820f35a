"""Tables drawn without ruling lines: columns found in the white space between aligned text.

Conservative on purpose: only a run of at least three lines that each split
into columns at wide gaps, whose columns line up, and whose value columns
hold mostly short numbers, is taken for a table. Running text, lists and
tab-indented headings stay text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from reportparse._readers._pdf._page import RawCell, TablePart
from reportparse._readers._pdf._text import TextLine

__all__ = ["find_unruled_tables"]

_MIN_ROWS = 3
_HAS_DIGIT = re.compile(r"\d")
# Share of value cells (below the first row, right of the first column) that
# must hold a number: a list or a two-column layout of prose has few.
_MIN_NUMERIC_SHARE = 0.6
_MAX_VALUE_CHARS = 30


def find_unruled_tables(lines: list[TextLine], page: int) -> tuple[list[TextLine], list[TablePart]]:
    """Split a page's text lines into the lines that stay text and the tables found."""
    ordered = sorted(lines, key=lambda line: line.top)
    tables: list[TablePart] = []
    taken: set[int] = set()
    for run in _runs(ordered):
        found = _as_table(run, page)
        if found is not None:
            part, used = found
            tables.append(part)
            taken.update(id(line) for line in used)
    # The lines that stay text keep their reading order (column by column).
    return [line for line in lines if id(line) not in taken], tables


def _runs(ordered: list[TextLine]) -> list[list[TextLine]]:
    """Maximal runs of close lines that split into columns.

    A line in one piece may sit inside a run when it lies left of the run's
    first column gap: the wrapped part of a row label.
    """
    runs: list[list[TextLine]] = []
    current: list[TextLine] = []
    first_gap = 0.0
    for line in ordered:
        close = bool(current) and line.top - current[-1].bottom <= max(line.size, 1.0)
        if line.segments:
            if not close:
                _flush(current, runs)
                current = []
            current.append(line)
            first_gap = line.segments[1][0]
        elif close and line.x1 < first_gap:
            current.append(line)
        else:
            _flush(current, runs)
            current = []
    _flush(current, runs)
    return runs


def _flush(run: list[TextLine], runs: list[list[TextLine]]) -> None:
    if sum(1 for line in run if line.segments) >= _MIN_ROWS:
        runs.append(list(run))


def _columns(run: list[TextLine]) -> list[tuple[float, float]]:
    """x ranges covered by text in any line: the gaps between them are the columns' gutters."""
    spans = sorted(
        (x0, x1) for line in run for x0, x1, _ in (line.segments or ((line.x0, line.x1, ""),))
    )
    size = max(line.size for line in run)
    columns: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if columns and x0 < columns[-1][1] + 0.5 * size:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _as_table(run: list[TextLine], page: int) -> tuple[TablePart, list[TextLine]] | None:
    """The table a run of lines forms, with the lines it used; None if it is no table."""
    groups = _without_text_below(_row_groups(run))
    run = [line for group in groups for line in group]
    # Columns from the body: a header is often centred over values set flush
    # left, and its words would close the gutters between them.
    columns = _columns([line for group in groups[1:] for line in group])
    if len(columns) < 2:
        columns = _columns(run)
        if len(columns) < 2:
            return None
    col_edges = [min(columns[0][0], *(line.x0 for line in run))]
    col_edges += [(a[1] + b[0]) / 2 for a, b in pairwise(columns)]
    col_edges.append(max(columns[-1][1], *(line.x1 for line in run)))
    rows: list[list[str]] = []
    for group in groups:
        texts = [""] * len(columns)
        for line in group:
            for x0, x1, text in line.segments or ((line.x0, line.x1, line.text),):
                col = min(max(bisect_right(col_edges, (x0 + x1) / 2) - 1, 0), len(columns) - 1)
                texts[col] = f"{texts[col]} {text}".strip()
        rows.append(texts)
    values = [text for texts in rows[1:] for text in texts[1:] if text]
    if not values or any(len(text) > _MAX_VALUE_CHARS for text in values):
        return None
    if sum(1 for text in values if _HAS_DIGIT.search(text)) < _MIN_NUMERIC_SHARE * len(values):
        return None
    row_edges = [groups[0][0].top]
    row_edges += [(a[-1].bottom + b[0].top) / 2 for a, b in pairwise(groups)]
    row_edges.append(max(line.bottom for line in groups[-1]))
    cells = [
        RawCell(
            row=r,
            col=c,
            rowspan=1,
            colspan=1,
            x0=col_edges[c],
            top=row_edges[r],
            x1=col_edges[c + 1],
            bottom=row_edges[r + 1],
            page=page,
            text=text,
            n_chars=len(text),
            n_bold=len(text) if all(line.bold for line in groups[r]) else 0,
        )
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    part = TablePart(
        page=page,
        col_edges=col_edges,
        row_edges=row_edges,
        cells=cells,
        padding=None,
        row_gaps=[None] * len(rows),
        ruled=False,
    )
    return part, run


def _without_text_below(groups: list[list[TextLine]]) -> list[list[TextLine]]:
    """The row groups without the lines of the text under the table.

    Lines in one piece after the last row with values belong to the text
    below; so does one set close under it that starts a sentence, not a
    wrapped label.
    """
    while groups and not any(line.segments for line in groups[-1]):
        groups.pop()
    if groups:
        last = groups[-1]
        while len(last) > 1 and not last[-1].segments and not last[-1].text[:1].islower():
            last.pop()
    return groups


def _row_groups(run: list[TextLine]) -> list[list[TextLine]]:
    """The lines of each table row.

    Rows are set apart by their cells' padding, wider than the leading
    between the lines of one cell, so a value centred beside a two-line label
    falls in the label's row. Without padding every line with values is a row
    and a line without is the wrapped end of the label above.
    """
    groups: list[list[TextLine]] = []
    for line in run:
        if groups and line.top - groups[-1][-1].bottom <= 0.3 * line.size:
            groups[-1].append(line)
        else:
            groups.append([line])
    if sum(1 for g in groups if any(line.segments for line in g)) >= _MIN_ROWS:
        return groups
    groups = []
    for line in run:
        if groups and not line.segments:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
