"""Ruled tables from a page's edges, whichever engine read the page.

pdfplumber's table finder (``pdfplumber.table.TableFinder``) merges the edges
and finds where they cross; cells and tables come from those crossings. Its
step from crossings to cells (``intersections_to_cells``) looks, for every
crossing, through all the crossings after it, and compares edge sets built
anew on every comparison: quadratic in the crossings of a page, the slowest
step of a page full of table. ``_cells`` is the same search (the same cells,
in the same order) over each crossing's own row and column, with each
crossing's edges made into a set once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pdfplumber.table import TableFinder, TableSettings, cells_to_tables, edges_to_intersections

from reportparse._readers._pdf._page import TABLE_SETTINGS

__all__ = ["table_boxes"]

_SETTINGS = TableSettings.resolve(TABLE_SETTINGS)
_Box = tuple[float, float, float, float]
_Point = tuple[float, float]


@dataclass(slots=True)
class _Edges:
    """What the table finder reads of a page (with ``lines`` strategies)."""

    edges: list[dict[str, Any]]
    bbox: _Box


@dataclass(slots=True)
class _Finder:
    """What ``TableFinder.get_edges`` reads of its finder."""

    page: _Edges
    settings: TableSettings


def table_boxes(edges: list[dict[str, Any]], width: float, height: float) -> list[list[_Box]]:
    """The cell boxes of each table the edges draw: pdfplumber's ``table.cells`` of
    ``page.find_tables(TABLE_SETTINGS)``, table by table."""
    if not edges:
        return []
    finder = _Finder(_Edges(edges, (0.0, 0.0, width, height)), _SETTINGS)
    merged = TableFinder.get_edges(finder)  # type: ignore[arg-type]
    crossings = edges_to_intersections(
        merged, _SETTINGS.intersection_x_tolerance, _SETTINGS.intersection_y_tolerance
    )
    return [list(group) for group in cells_to_tables(_cells(crossings))]


def _cells(crossings: dict[_Point, dict[str, list[dict[str, Any]]]]) -> list[_Box]:
    """pdfplumber's ``intersections_to_cells``: for each crossing, the smallest cell whose
    top left corner it is, its four sides drawn (a shared edge between corners)."""
    points = sorted(crossings)
    below: dict[float, list[_Point]] = defaultdict(list)  # by x, top to bottom
    right: dict[float, list[_Point]] = defaultdict(list)  # by y, left to right
    for point in points:
        below[point[0]].append(point)
        right[point[1]].append(point)
    sets: dict[tuple[_Point, str], set[_Box]] = {}

    def edges(point: _Point, kind: str) -> set[_Box]:
        found = sets.get((point, kind))
        if found is None:
            found = sets[point, kind] = {
                (e["x0"], e["top"], e["x1"], e["bottom"]) for e in crossings[point][kind]
            }
        return found

    def joined(a: _Point, b: _Point, kind: str) -> bool:
        return not edges(a, kind).isdisjoint(edges(b, kind))

    cells: list[_Box] = []
    for point in points:
        column, row = below[point[0]], right[point[1]]
        downs = column[column.index(point) + 1 :]
        rights = row[row.index(point) + 1 :]
        cell = _smallest(point, downs, rights, crossings, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    point: _Point,
    downs: list[_Point],
    rights: list[_Point],
    crossings: dict[_Point, Any],
    joined: Any,
) -> _Box | None:
    for down in downs:
        if not joined(point, down, "v"):
            continue
        for across in rights:
            if not joined(point, across, "h"):
                continue
            corner = (across[0], down[1])
            if corner in crossings and joined(corner, across, "v") and joined(corner, down, "h"):
                return (point[0], point[1], corner[0], corner[1])
    return None
