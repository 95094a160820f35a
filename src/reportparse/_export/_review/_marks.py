"""What each cell and fact of a report came to: its status and the details a reader hovers for."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "STATUSES",
    "Mark",
    "Status",
    "cell_marks",
    "fact_marks",
    "status_counts",
    "territory_text",
]

Status = Literal["read", "placeholder", "warning", "unread"]
#: In the order the summary counts them, with what each means.
STATUSES: dict[Status, str] = {
    "read": "read",
    "placeholder": "placeholder (-, x)",
    "warning": "read with a warning",
    "unread": "not read (a number that gave no observation)",
}
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")

Record = dict[str, Any]


@dataclass(slots=True)
class Mark:
    """One cell or fact on the review page: where it is, what it came to, and why."""

    id: str
    status: Status
    text: str
    details: str
    page: int | None = None
    bbox: list[float] | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    rowspan: int = 1
    colspan: int = 1
    warnings: list[Record] = field(default_factory=list)


def territory_text(territory: Record | None) -> str | None:
    """``Rīga (0001000)``; the name alone where the classifier has no code for it."""
    if not territory:
        return None
    code = territory.get("code")
    return f"{territory.get('name')} ({code})" if code else str(territory.get("name"))


def _bbox(value: Any) -> list[float] | None:
    """A box as floats, whether from ``to_dict()`` or JSON read with exact decimals."""
    return None if not value else [float(v) for v in value]


def _number(value: Any) -> str:
    return "—" if value is None else str(value)


def observation_details(o: Record) -> str:
    """The lines a reader sees for one observation; a field it lacks shows as ``—``."""
    period = o.get("period")
    if period and o.get("period_source"):
        period = f"{period} (from the {o['period_source']})"
    unit = o.get("unit") or (f"{o['unit_text']} (not a unit code)" if o.get("unit_text") else None)
    lines = [
        ("indicator", o.get("indicator")),
        *([("component", o["component"])] if o.get("component") else []),
        ("measure", o.get("measure")),
        ("period", period),
        ("basis", o.get("basis")),
        ("territory", territory_text(o.get("territory"))),
        ("value", o.get("value")),
        ("unit", unit),
        ("raw", repr(o.get("raw", ""))),
    ]
    return "\n".join(f"{name}: {_number(value)}" for name, value in lines)


def _warning_lines(warnings: list[Record]) -> list[str]:
    return [f"warning {w.get('code')}: {w.get('message')}" for w in warnings]


def _looks_numeric(text: str) -> bool:
    """A number that should have given an observation: digits, and fewer letters."""
    digits = len(_DIGIT.findall(text))
    return digits > 0 and len(_LETTER.findall(text)) < digits


def _by_cell(report: Record) -> tuple[dict[tuple[int, int, int], list[Record]], ...]:
    observations: dict[tuple[int, int, int], list[Record]] = defaultdict(list)
    for o in report.get("observations") or ():
        observations[(o["table"], o["row"], o["column"])].append(o)
    warnings: dict[tuple[int, int, int], list[Record]] = defaultdict(list)
    for w in report.get("warnings") or ():
        if w.get("table") is not None and w.get("row") is not None:
            # A row's warning (its label took a value in) is shown on its label cell.
            warnings[(w["table"], w["row"], w.get("column") or 0)].append(w)
    return observations, warnings


def _status(observations: list[Record], warnings: list[Record]) -> Status:
    if warnings:
        return "warning"
    if observations:
        if all(o.get("value") is None for o in observations):
            return "placeholder"
        return "read"
    return "unread"


def _origins(table: Record) -> Iterator[tuple[int, int, int, int, Record | None]]:
    """(row, column, rowspan, colspan, cell box) of every cell printed in ``table``."""
    boxes = table.get("cells")
    if boxes:
        for box in boxes:
            yield box["row"], box["column"], box["rowspan"], box["colspan"], box
        return
    for r, row in enumerate([*table.get("header", []), *table.get("rows", [])]):
        for c, text in enumerate(row):
            if text:
                yield r, c, 1, 1, None


def cell_marks(report: Record) -> dict[int, list[Mark]]:
    """Per table id, a mark for every cell that gave an observation, warned, or holds a
    number that gave none; the other cells (labels, heads) have no mark."""
    observations, warnings = _by_cell(report)
    out: dict[int, list[Mark]] = {}
    for table in report.get("tables") or ():
        t = table["id"]
        grid = [*table.get("header", []), *table.get("rows", [])]
        n_header = len(table.get("header", []))
        marks: list[Mark] = []
        for r, c, rowspan, colspan, box in _origins(table):
            text = grid[r][c] if r < len(grid) and c < len(grid[r]) else ""
            found = observations.get((t, r, c), [])
            warned = warnings.get((t, r, c), [])
            if not found and not warned and not (r >= n_header and _looks_numeric(text)):
                continue
            details = "\n\n".join(observation_details(o) for o in found) or (
                f"no observation from this cell\nraw: {text!r}"
            )
            details = "\n".join([details, *_warning_lines(warned)])
            marks.append(
                Mark(
                    id=f"c{t}-{r}-{c}",
                    status=_status(found, warned),
                    text=text,
                    details=details,
                    page=box.get("page") if box else table.get("page"),
                    bbox=_bbox(box.get("bbox")) if box else None,
                    table=t,
                    row=r,
                    column=c,
                    rowspan=rowspan,
                    colspan=colspan,
                    warnings=warned,
                )
            )
        out[t] = marks
    return out


def status_counts(report: Record) -> dict[str, int]:
    """How many cells of ``report`` came to each status, in the order of ``STATUSES``."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for marks in cell_marks(report).values():
        for mark in marks:
            counts[mark.status] += 1
    return counts


def fact_marks(report: Record) -> list[Mark]:
    """A mark for every fact of the running text."""
    marks = []
    for i, f in enumerate(report.get("facts") or ()):
        lines = [
            ("fact", repr(f.get("text"))),
            ("counts", f.get("counts")),
            ("period", f.get("period")),
            ("basis", f.get("basis")),
            ("value", _number(f.get("value"))),
            ("unit", f.get("unit")),
            ("sentence", f.get("sentence")),
        ]
        details = "\n".join(f"{name}: {value}" for name, value in lines if value is not None)
        marks.append(
            Mark(
                id=f"f{i}",
                status="read",
                text=str(f.get("text", "")),
                details=details,
                page=f.get("page"),
                bbox=_bbox(f.get("bbox")),
            )
        )
    return marks
