"""Where a fact was printed: its box on its page, from the boxes of its paragraph's lines."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from reportparse._lang._sentences import Passage
from reportparse._model import BBox, LineBox, Paragraph, Table
from reportparse._records._report import CellBox, Fact

__all__ = ["cell_boxes", "placed"]


def cell_boxes(table: Table) -> list[CellBox] | None:
    """Where each cell of ``table`` was printed; None when the format has no pages."""
    if not any(cell.bbox is not None for cell in table.cells):
        return None
    return [
        CellBox(cell.row, cell.col, cell.rowspan, cell.colspan, cell.page, cell.bbox)
        for cell in table.cells
    ]


def placed(facts: Sequence[Fact], passage: Passage) -> list[Fact]:
    """``facts`` of ``passage``, each with its ``bbox`` where its lines have boxes."""
    if not any(paragraph.lines for _, paragraph in passage.parts):
        return list(facts)  # a format without pages: nothing to place
    starts = [offset for offset, _ in passage.parts]
    out: list[Fact] = []
    cursor = 0
    for fact in facts:
        at = passage.text.find(fact.sentence, cursor)
        if at < 0:
            out.append(fact)
            continue
        cursor = at
        box = _fact_box(passage, starts, at + fact.start, at + fact.end, fact.page)
        out.append(fact if box is None else dataclasses.replace(fact, bbox=box))
    return out


def _fact_box(
    passage: Passage, starts: list[int], start: int, end: int, page: int | None
) -> BBox | None:
    index = bisect.bisect_right(starts, start) - 1
    if index < 0:
        return None
    offset, paragraph = passage.parts[index]
    if not paragraph.lines or paragraph.page != page:
        return None
    lead = len(paragraph.text) - len(paragraph.text.lstrip())
    return _span_box(paragraph, start - offset + lead, end - offset + lead)


def _span_box(paragraph: Paragraph, start: int, end: int) -> BBox | None:
    lines = paragraph.lines
    first = _line_at(lines, start)
    last = _line_at(lines, max(start, end - 1))
    if first is None or last is None:
        return None
    x0 = _x_at(lines[first], start)
    x1 = _x_at(lines[last], end)
    covered = [line.bbox for line in lines[first : last + 1]]
    if first != last:
        x0 = min(x0, *(b[0] for b in covered[1:]))
        x1 = max(x1, *(b[2] for b in covered[:-1]))
    return (round(x0, 2), covered[0][1], round(x1, 2), covered[-1][3])


def _line_at(lines: Sequence[LineBox], position: int) -> int | None:
    # Lines start in order: the last one starting at or before ``position``.
    i = bisect.bisect_right(lines, position, key=lambda line: line.start) - 1
    if i >= 0 and position < max(lines[i].end, lines[i].start + 1):
        return i
    return None


def _x_at(line: LineBox, position: int) -> float:
    x0, _, x1, _ = line.bbox
    share = (position - line.start) / max(1, line.end - line.start)
    return x0 + min(1.0, max(0.0, share)) * (x1 - x0)
