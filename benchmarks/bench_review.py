"""The review page of a 96-page PDF: its size, and the time to write it against the parse's.

    .venv/bin/python benchmarks/bench_review.py [PDF] [--pages N] [--image-format jpeg|webp]
                                                [--dpi N] [--quality Q]

The PDF (default: the first 96 pages of ``benchmarks/long-report.pdf``, cut
with pdfium) is parsed once, then its review page written once; the bounds
are a page under 30 MB and a write time at most twice the parse time.
Prints both times, their ratio and the page's size, and exits 1 past a bound.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
LONG = HERE / "long-report.pdf"
MAX_BYTES = 30 * 1024 * 1024
MAX_RATIO = 2.0


def first_pages(path: Path, pages: int) -> bytes:
    """The first ``pages`` pages of the PDF at ``path``, as a new PDF's bytes."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(path)
    cut = pdfium.PdfDocument.new()
    cut.import_pages(source, list(range(min(pages, len(source)))))
    buffer = io.BytesIO()
    cut.save(buffer)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf", nargs="?", type=Path, default=None)
    parser.add_argument("--pages", type=int, default=96)
    parser.add_argument("--image-format", choices=("jpeg", "webp"), default="jpeg")
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("--quality", type=int, default=60)
    options = parser.parse_args()

    import reportparse
    from reportparse._export._review import ReviewOptions, write_review

    data = options.pdf.read_bytes() if options.pdf else first_pages(LONG, options.pages)
    started = time.perf_counter()
    report = reportparse.parse(data, name="bench.pdf")
    parsed = time.perf_counter()
    look = ReviewOptions(options.image_format, options.dpi, options.quality)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "review.html"
        write_review(report.to_dict(), target, data=data, options=look)
        written = time.perf_counter()
        size = target.stat().st_size
    result = {
        "pages": report.source.pages,
        "parse_seconds": round(parsed - started, 3),
        "review_seconds": round(written - parsed, 3),
        "ratio": round((written - parsed) / (parsed - started), 3),
        "page_bytes": size,
        "page_megabytes": round(size / 1024 / 1024, 2),
    }
    print(json.dumps(result))
    return 0 if size < MAX_BYTES and result["ratio"] <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
