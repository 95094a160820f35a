"""Rows of the record tables (observations, facts, warnings) from a report or its JSON."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from reportparse._records._columns import TableSpec, value_of
from reportparse._records._period_dates import period_bounds

__all__ = ["document_head", "items", "record_rows"]


def _field(record: object, name: str) -> Any:
    """``name`` of a record object or of its JSON dict; None where it has none."""
    if record is None:
        return None
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def items(document: object, key: str) -> list[Any]:
    """A document's list ``key`` (``observations``, ``tables``, …): a Report or its JSON dict."""
    return list(_field(document, key) or ())


def document_head(
    document: object,
    *,
    document_id: str | None = None,
    source: str | None = None,
    member: str | None = None,
) -> tuple[Any, ...]:
    """The document columns of every row: id, source, member, sha256 and format."""
    record = _field(document, "source")
    if source is None:
        source = _field(record, "path")
    return document_id, source, member, _field(record, "sha256"), _field(record, "format")


def _bound(which: int) -> Callable[[object, dict[Any, Any]], datetime.date | None]:
    def bound(record: object, titles: dict[Any, Any]) -> datetime.date | None:
        bounds = period_bounds(_field(record, "period"))
        return bounds[which] if bounds else None

    return bound


_DERIVED: dict[str, Callable[[object, dict[Any, Any]], Any]] = {
    "table_title": lambda record, titles: titles.get(_field(record, "table")),
    "period_start": _bound(0),
    "period_end": _bound(1),
}


def record_rows(
    document: object, spec: TableSpec, head: tuple[Any, ...]
) -> Iterator[tuple[Any, ...]]:
    """One row per record of ``spec.key``: ``head``, the record's index, its columns."""
    titles = {_field(t, "id"): _field(t, "title") for t in items(document, "tables")}
    for index, record in enumerate(items(document, spec.key)):
        yield (
            *head,
            index,
            *(
                _DERIVED[c.name](record, titles) if c.derived else _flat(value_of(record, c))
                for c in spec.columns
            ),
        )


def _flat(value: Any) -> Any:
    """A list (a fact's ``bbox``) as its JSON text, so that every cell is one value.

    >>> _flat((278.49, 169.3, 298.65, 181.3)), _flat(None), _flat(3)
    ('[278.49, 169.3, 298.65, 181.3]', None, 3)
    """
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return value
