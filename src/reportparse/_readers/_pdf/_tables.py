"""Ruled tables from a page's edges, by pdfplumber's table finder, whichever engine read the page.

pdfplumber's ``TableFinder`` needs of a page only its edges (and, for text
strategies we do not use, its words): it is given the edges the engine found,
so that both engines find the same tables from the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber.table import TableFinder, TableSettings

from reportparse._readers._pdf._page import TABLE_SETTINGS

__all__ = ["table_boxes"]

_SETTINGS = TableSettings.resolve(TABLE_SETTINGS)


@dataclass(slots=True)
class _Edges:
    """What the table finder reads of a page (with ``lines`` strategies)."""

    edges: list[dict[str, Any]]
    bbox: tuple[float, float, float, float]


def table_boxes(
    edges: list[dict[str, Any]], width: float, height: float
) -> list[list[tuple[float, float, float, float]]]:
    """The cell boxes of each table the edges draw, as pdfplumber's ``table.cells``."""
    if not edges:
        return []
    page: Any = _Edges(edges, (0.0, 0.0, width, height))  # duck-typed for the finder
    finder = TableFinder(page, _SETTINGS)
    return [table.cells for table in finder.tables]
