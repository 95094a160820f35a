"""One document's review page: summary, pages or tables with coloured marks, the running text."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from html import escape
from typing import Any

from reportparse._export._review._assets import PAGE_SCRIPT, STYLE
from reportparse._export._review._images import PageImage
from reportparse._export._review._marks import (
    STATUSES,
    Mark,
    cell_marks,
    fact_marks,
    territory_text,
)

__all__ = ["document_page"]

Record = dict[str, Any]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="lv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
    )


def _meta(report: Record) -> str:
    meta = report.get("report") or {}
    source = report.get("source") or {}
    period = meta.get("period")
    rows = [
        ("period", f"{period['start']} – {period['end']}" if period else None),
        ("publisher", meta.get("publisher")),
        ("territory", territory_text(meta.get("territory"))),
        ("file", source.get("path")),
        ("format", source.get("format")),
        ("pages", source.get("pages")),
        ("sha256", source.get("sha256")),
    ]
    items = "".join(
        f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in rows if value is not None
    )
    return f'<dl class="meta">{items}</dl>'


def _counts(marks: list[Mark], report: Record) -> str:
    counts = Counter(m.status for m in marks)
    items = [
        f'<li class="s-{status}"><span class="swatch"></span>{_e(label)}: '
        f'<b id="count-{status}">{counts.get(status, 0)}</b></li>'
        for status, label in STATUSES.items()
    ]
    items.append(f"<li>observations: <b>{len(report.get('observations') or ())}</b></li>")
    items.append(f"<li>facts in the text: <b>{len(report.get('facts') or ())}</b></li>")
    return f'<ul class="counts">{"".join(items)}</ul>'


def _warning_target(warning: Record, marked: set[str], pdf: bool, tables: dict[int, Record]) -> str:
    t, r, c = warning.get("table"), warning.get("row"), warning.get("column")
    if t is None:
        return ""
    if r is not None:
        target = f"c{t}-{r}-{c or 0}"
        if target in marked:
            where = f"table {t}, row {r}" + ("" if c is None else f", column {c}")
            return f'<a class="to-mark" href="#{target}">{_e(where)}</a>: '
    page = (tables.get(t) or {}).get("page")
    anchor = f"page-{page}" if pdf and page else f"t{t}"
    return f'<a href="#{anchor}">table {t}</a>: '


def _warnings(report: Record, marks: list[Mark], pdf: bool) -> str:
    warnings = report.get("warnings") or []
    marked = {m.id for m in marks}
    tables = {t["id"]: t for t in report.get("tables") or ()}
    groups: dict[str, list[Record]] = defaultdict(list)
    for warning in warnings:
        groups[str(warning.get("code"))].append(warning)
    parts = [f'<section id="warnings"><h2>Warnings ({len(warnings)})</h2>']
    for code, group in sorted(groups.items()):
        items = "".join(
            f"<li>{_warning_target(w, marked, pdf, tables)}{_e(w.get('message', ''))}</li>"
            for w in group
        )
        parts.append(
            f'<details class="code" open><summary><code>{_e(code)}</code> ({len(group)})'
            f"</summary><ol>{items}</ol></details>"
        )
    parts.append(
        '<p class="keys">Keys: <kbd>n</kbd>/<kbd>j</kbd> next warning, '
        "<kbd>p</kbd>/<kbd>k</kbd> previous. Hover or click a coloured cell for what was read."
        "</p></section>"
    )
    return "".join(parts)


def _box(mark: Mark, page: PageImage, fact: bool) -> str:
    assert mark.bbox is not None
    x0, top, x1, bottom = mark.bbox
    w, h = page.width / 100, page.height / 100
    style = (
        f"left:{x0 / w:.3f}%;top:{top / h:.3f}%;"
        f"width:{(x1 - x0) / w:.3f}%;height:{(bottom - top) / h:.3f}%"
    )
    kind = " fact" if fact else ""
    return (
        f'<a class="box{kind} s-{mark.status}" id="{mark.id}" href="#{mark.id}" data-mark '
        f'style="{style}" title="{_e(mark.details)}"></a>'
    )


def _pages(images: Iterable[PageImage], cells: list[Mark], facts: list[Mark]) -> Iterable[str]:
    by_page: dict[int, list[tuple[Mark, bool]]] = defaultdict(list)
    for mark in cells:
        if mark.bbox is not None and mark.page is not None:
            by_page[mark.page].append((mark, False))
    for mark in facts:
        if mark.bbox is not None and mark.page is not None:
            by_page[mark.page].append((mark, True))
    yield '<section class="pages">'
    for page in images:
        boxes = "".join(_box(mark, page, fact) for mark, fact in by_page.get(page.number, ()))
        yield (
            f'<figure class="page" id="page-{page.number}" data-width="{page.width:.2f}" '
            f'data-height="{page.height:.2f}"><figcaption>page {page.number}</figcaption>'
            f'<img src="{page.uri}" alt="page {page.number}" '
            f'width="{round(page.width)}" height="{round(page.height)}">{boxes}</figure>'
        )
    yield "</section>"


def _table(table: Record, marks: list[Mark]) -> str:
    by_cell = {(m.row, m.column): m for m in marks}
    header = table.get("header") or []
    rows = []
    for r, row in enumerate([*header, *(table.get("rows") or [])]):
        cells = []
        for c, text in enumerate(row):
            mark = by_cell.get((r, c))
            tag = "th" if r < len(header) else "td"
            if mark is None:
                cells.append(f"<{tag}>{_e(text)}</{tag}>")
            else:
                cells.append(
                    f'<td class="s-{mark.status}" id="{mark.id}" tabindex="0" data-mark '
                    f'title="{_e(mark.details)}">{_e(text)}</td>'
                )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    title = table.get("title") or table.get("section") or ""
    return (
        f'<h2 id="t{table["id"]}">Table {table["id"]}{": " if title else ""}{_e(title)}</h2>'
        f'<table class="cells">{"".join(rows)}</table>'
    )


def _text(facts: list[Mark], report: Record) -> str:
    """The sentences of the running text that gave facts, each fact highlighted."""
    records = report.get("facts") or []
    sentences: dict[str, list[tuple[Record, Mark]]] = {}
    for record, mark in zip(records, facts, strict=True):
        if mark.bbox is None:
            sentences.setdefault(str(record.get("sentence", "")), []).append((record, mark))
    if not sentences:
        return ""
    parts = ['<section class="text"><h2>Running text: the sentences that gave facts</h2>']
    for sentence, found in sentences.items():
        out, at = [], 0
        for record, mark in sorted(found, key=lambda pair: int(pair[0].get("start", 0))):
            start, end = int(record.get("start", 0)), int(record.get("end", 0))
            if start < at:
                continue
            out.append(_e(sentence[at:start]))
            out.append(
                f'<mark class="s-{mark.status}" id="{mark.id}" tabindex="0" data-mark '
                f'title="{_e(mark.details)}">{_e(sentence[start:end])}</mark>'
            )
            at = end
        out.append(_e(sentence[at:]))
        parts.append(f"<p>{''.join(out)}</p>")
    parts.append("</section>")
    return "".join(parts)


def document_page(report: Record, images: Iterable[PageImage] | None) -> Iterable[str]:
    """The review page of ``report``, in pieces; ``images`` are a PDF's rendered pages."""
    by_table = cell_marks(report)
    cells = [m for marks in by_table.values() for m in marks]
    facts = fact_marks(report)
    meta = report.get("report") or {}
    name = (report.get("source") or {}).get("path") or "report"
    yield _head(f"Review: {name}")
    yield f"<header><h1>{_e(meta.get('title') or name)}</h1>"
    yield _meta(report)
    yield _counts(cells, report)
    yield _warnings(report, cells, images is not None)
    yield '</header><aside id="details" aria-live="polite">'
    yield "Hover or click a coloured box for what was read there.</aside><main>"
    if images is not None:
        yield from _pages(images, cells, facts)
    else:
        for table in report.get("tables") or ():
            yield _table(table, by_table.get(table["id"], []))
    yield _text(facts, report)
    yield f"</main><script>{PAGE_SCRIPT}</script></body></html>\n"
