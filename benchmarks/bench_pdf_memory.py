"""Peak memory of a long PDF's parse: it must not grow with the page count.

    .venv/bin/python benchmarks/bench_pdf_memory.py [--pages N] [--engine E]

Builds an N-page PDF (default 2000) from ``benchmarks/long-report.pdf``'s
pages over and over (PDFium copies them), then parses it in a fresh process
and prints its wall time and peak RSS; the bound is 300 MB. The limits are
raised for the run (pages, cells, text, seconds): what is measured is memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from _fresh import run_fresh  # benchmarks/ is on the path when a script runs

HERE = Path(__file__).parent
SOURCE = HERE / "long-report.pdf"
BOUND_MB = 300


def _build(pages: int, target: Path) -> None:
    import pypdfium2

    source = pypdfium2.PdfDocument(SOURCE)
    out = pypdfium2.PdfDocument.new()
    while len(out) < pages:
        take = min(len(source), pages - len(out))
        out.import_pages(source, list(range(take)), index=len(out))
    out.save(target)
    out.close()
    source.close()


def _run_one(path: Path, engine: str) -> None:
    import reportparse

    limits = reportparse.Limits(
        max_pages=100_000,
        max_cells=100_000_000,
        max_text_chars=1_000_000_000,
        max_seconds=100_000.0,
        max_file_bytes=10_000_000_000,
    )
    wall = time.perf_counter()
    report = reportparse.parse(path, limits=limits, pdf_engine=engine)  # type: ignore[arg-type]
    wall = time.perf_counter() - wall
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"wall": wall, "peak_mb": peak_kib * 1024 / 1e6, "pages": report.source.pages,
                      "observations": len(report.observations)}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--engine", choices=("pypdfium2", "pdfplumber"), default="pypdfium2")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _run_one(args.one, args.engine)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"long-{args.pages}.pdf"
        _build(args.pages, path)
        size = path.stat().st_size // 1_000_000
        result = run_fresh(__file__, "--one", str(path), "--engine", args.engine)
    verdict = "ok" if result["peak_mb"] <= BOUND_MB else "OVER"
    print(
        f"{args.pages} pages ({size} MB), {args.engine}: {result['wall']:.1f} s,"
        f" {result['observations']:.0f} observations, peak RSS {result['peak_mb']:.0f} MB"
        f" (bound {BOUND_MB} MB: {verdict})"
    )
    sys.exit(0 if verdict == "ok" else 1)


if __name__ == "__main__":
    main()
