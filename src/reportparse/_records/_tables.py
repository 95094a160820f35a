"""Rows of the record tables (observations, facts, warnings) from a report or its JSON."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from reportparse._records._columns import Column, TableSpec, value_of
from reportparse._records._period_dates import period_bounds

__all__ = ["document_head", "items", "record_rows"]

_TABLE = Column("table", "int", "")
_PERIOD = Column("period", "text", "")
_ID = Column("id", "int", "")
_TITLE = Column("title", "text", "")


def items(document: object, key: str) -> list[Any]:
    """A document's list ``key`` (``observations``, ``tables``, …): a Report or its JSON dict."""
    found = document.get(key) if isinstance(document, dict) else getattr(document, key, None)
    return list(found or ())


def document_head(
    document: object,
    *,
    document_id: str | None = None,
    source: str | None = None,
    member: str | None = None,
) -> tuple[Any, ...]:
    """The document columns of every row: id, source, member, sha256 and format."""
    record = document.get("source") if isinstance(document, dict) else document.source  # type: ignore[attr-defined]
    sha = value_of(record, Column("sha256", "text", ""))
    fmt = value_of(record, Column("format", "text", ""))
    if source is None:
        source = value_of(record, Column("path", "text", ""))
    return document_id, source, member, sha, fmt


def _bound(which: int) -> Callable[[object, dict[Any, Any]], datetime.date | None]:
    def bound(record: object, titles: dict[Any, Any]) -> datetime.date | None:
        bounds = period_bounds(value_of(record, _PERIOD))
        return bounds[which] if bounds else None

    return bound


_DERIVED: dict[str, Callable[[object, dict[Any, Any]], Any]] = {
    "table_title": lambda record, titles: titles.get(value_of(record, _TABLE)),
    "period_start": _bound(0),
    "period_end": _bound(1),
}


def record_rows(
    document: object, spec: TableSpec, head: tuple[Any, ...]
) -> Iterator[tuple[Any, ...]]:
    """One row per record of ``spec.key``: ``head``, the record's index, its columns."""
    titles = {value_of(t, _ID): value_of(t, _TITLE) for t in items(document, "tables")}
    for index, record in enumerate(items(document, spec.key)):
        yield (
            *head,
            index,
            *(
                _DERIVED[c.name](record, titles) if c.derived else value_of(record, c)
                for c in spec.columns
            ),
        )
