"""The review page: one self-contained HTML file showing what was read from a document, and why not.

Built from a report's JSON (``Report.to_dict()`` or a batch's
``documents/<id>.json``) and, for a PDF, its bytes, whose pages pdfium
renders. No network, no server: styles, script and images are inline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportparse._export._review._images import ImageFormat, MissingExtraError, page_images
from reportparse._export._review._index import IndexRow, index_page
from reportparse._export._review._marks import status_counts
from reportparse._export._review._page import document_page

__all__ = [
    "ImageFormat",
    "IndexRow",
    "MissingExtraError",
    "ReviewOptions",
    "status_counts",
    "write_index",
    "write_review",
]


@dataclass(frozen=True, slots=True)
class ReviewOptions:
    """How a PDF's pages are rendered: image format, resolution, JPEG/WebP quality (1–100)."""

    image_format: ImageFormat = "jpeg"
    dpi: int = 100
    quality: int = 60


def write_review(
    report: dict[str, Any],
    target: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    options: ReviewOptions | None = None,
    password: str | None = None,
) -> Path:
    """Write ``report``'s review page to ``target``; ``data``: the PDF's bytes, for its pages."""
    options = options or ReviewOptions()
    images = None
    if data is not None and (report.get("source") or {}).get("format") == "pdf":
        images = page_images(
            data,
            image_format=options.image_format,
            dpi=options.dpi,
            quality=options.quality,
            password=password,
        )
    return _write(Path(target), document_page(report, images))


def write_index(target: str | os.PathLike[str], rows: list[IndexRow], *, title: str) -> Path:
    """Write a batch's ``index.html``: a line per input, linking to its page."""
    return _write(Path(target), index_page(rows, title=title))


def _write(target: Path, pieces: Any) -> Path:
    """The page's pieces into ``target``, atomically: a reader never sees half a page."""
    temporary = target.with_name(f".{target.name}.tmp{os.getpid()}")
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(target.parent))
    try:
        with open(temporary, "w", encoding="utf-8") as stream:
            for piece in pieces:
                stream.write(piece)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
