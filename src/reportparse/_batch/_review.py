"""``reportparse batch --review``: a review page per converted document, and ``index.html``.

Run after the conversion, from what it wrote: each document's JSON, and for
a PDF its bytes read again (archive members too), whose pages are rendered.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import simplejson

from reportparse._batch._inputs import InputItem, read_inputs
from reportparse._batch._results import BatchError
from reportparse._errors import ReportParseError
from reportparse._export._review import (
    IndexRow,
    ReviewOptions,
    status_counts,
    write_index,
    write_review,
)
from reportparse._limits import Limits

__all__ = ["write_reviews"]

REVIEW_FOLDER = "review"


def write_reviews(
    output: Path,
    items: list[InputItem],
    statuses: Mapping[str, BatchError | None],
    seconds: Mapping[str, float],
    *,
    limits: Limits,
    password: str | None,
    options: ReviewOptions,
) -> Path:
    """``output/review/<id>.html`` for every converted input, and ``output/index.html``."""
    (output / REVIEW_FOLDER).mkdir(exist_ok=True)
    rows: list[IndexRow] = []
    for item, content in read_inputs(items, limits=limits):
        status = statuses.get(item.id)
        if status is not None:
            rows.append(IndexRow(item.id, item.name, "failed", error=status.reason))
            continue
        with open(output / "documents" / f"{item.id}.json", "rb") as stream:
            report = simplejson.loads(stream.read(), use_decimal=True)
        data = content if isinstance(content, bytes) else None
        page, error = _page(output, item, report, data, password=password, options=options)
        rows.append(
            IndexRow(
                item.id,
                item.name,
                "converted",
                format=(report.get("source") or {}).get("format"),
                observations=len(report.get("observations") or ()),
                facts=len(report.get("facts") or ()),
                warnings=len(report.get("warnings") or ()),
                seconds=seconds.get(item.id),
                page=page,
                error=error,
                counts=status_counts(report),
            )
        )
    stamp = time.strftime("%Y-%m-%d %H:%M")
    return write_index(output / "index.html", rows, title=f"reportparse batch, {stamp}")


def _page(
    output: Path,
    item: InputItem,
    report: dict[str, Any],
    data: bytes | None,
    *,
    password: str | None,
    options: ReviewOptions,
) -> tuple[str | None, str | None]:
    """Write one document's page; its link, or why there is none."""
    page = f"{REVIEW_FOLDER}/{item.id}.html"
    try:
        write_review(report, output / page, data=data, options=options, password=password)
    except ReportParseError as problem:
        return None, f"no review page: {problem.reason}"
    except Exception as problem:  # one page's bug must not cost the others theirs
        return None, f"no review page: internal error ({type(problem).__name__})"
    return page, None
