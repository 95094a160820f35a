"""A batch's ``index.html``: one sortable line per input, with its counts and a link to its page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from reportparse._export._review._assets import INDEX_SCRIPT, STYLE

__all__ = ["IndexRow", "index_page"]

_STATUSES = ("read", "placeholder", "warning", "unread")


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One input of a batch: what became of it, and where its review page is."""

    id: str
    name: str
    status: str
    format: str | None = None
    observations: int | None = None
    facts: int | None = None
    warnings: int | None = None
    seconds: float | None = None
    page: str | None = None
    error: str | None = None
    #: Cells by status: ``read``, ``placeholder``, ``warning``, ``unread``.
    counts: dict[str, int] = field(default_factory=dict)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _n(value: int | float | None) -> str:
    if value is None:
        return '<td class="n" data-sort="-1">—</td>'
    shown = f"{value:.2f}" if isinstance(value, float) else str(value)
    return f'<td class="n" data-sort="{value}">{shown}</td>'


def _row(row: IndexRow) -> str:
    name = f'<a href="{_e(row.page)}">{_e(row.name)}</a>' if row.page else _e(row.name)
    failed = ' class="failed"' if row.status != "converted" else ""
    return (
        f"<tr{failed}><td>{name}</td><td>{_e(row.status)}</td><td>{_e(row.format or '')}</td>"
        f"{''.join(_n(row.counts.get(s)) for s in _STATUSES)}"
        f"{_n(row.observations)}{_n(row.facts)}{_n(row.warnings)}{_n(row.seconds)}"
        f"<td>{_e(row.error or '')}</td></tr>"
    )


def index_page(rows: list[IndexRow], *, title: str) -> Iterable[str]:
    """The page, in pieces."""
    failed = sum(row.status != "converted" for row in rows)
    yield (
        '<!DOCTYPE html>\n<html lang="lv"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
        f'<div class="index"><h1>{_e(title)}</h1>'
        f"<p>{len(rows)} inputs: {len(rows) - failed} converted, {failed} not. "
        "Click a column's head to sort by it.</p>"
        '<table class="files"><thead><tr><th>file</th><th>status</th><th>format</th>'
        '<th class="s-read">read</th><th class="s-placeholder">placeholder</th>'
        '<th class="s-warning">warned</th><th class="s-unread">not read</th>'
        "<th>observations</th><th>facts</th><th>warnings</th><th>seconds</th><th>error</th>"
        "</tr></thead><tbody>"
    )
    for row in rows:
        yield _row(row)
    yield f"</tbody></table></div><script>{INDEX_SCRIPT}</script></body></html>\n"
