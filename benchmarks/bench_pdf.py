"""Time our PDF parse against pdfplumber's raw extraction and PDFium's floor.

    .venv/bin/python benchmarks/bench_pdf.py [PDF …] [--repeat N] [--engine E]

For each file (default: ``benchmarks/long-report.pdf`` and the samples,
``tests/fixtures/samples/*.pdf``), every variant runs ``N`` times (default 3),
each run in a fresh process with the libraries already imported, so that
neither a cache of one run nor the import helps another, and its peak RSS is
its own. Runs are interleaved (one of each, N times) so that a change in
machine load hits all alike. The variants:

- ``parse``: ``reportparse.parse(path)`` on the default PDF engine (PDFium),
  the whole pipeline: glyphs, rules, tables, interpretation, records;
- ``parse/plumber``: the same on the pdfplumber engine (``--engine`` limits
  the run to one of the two);
- ``pdfplumber``: pdfplumber's raw extraction, per page ``extract_tables()``
  and ``extract_text()``, then ``page.close()``;
- ``pdfium``: the PDFium floor, per page every glyph's box
  (``FPDFText_GetCharBox``), the page closed before the next is loaded.

Prints each variant's median wall time (and CPU time), its best and its peak
RSS, then the ratios of the medians (on a busy machine the CPU ratios are the
steadier): the goal is ``parse`` at most 0.25× ``pdfplumber`` and at
most 4× ``pdfium``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from _fresh import run_fresh  # benchmarks/ is on the path when a script runs

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "tests" / "fixtures" / "samples"
DEFAULTS = [HERE / "long-report.pdf", *sorted(SAMPLES.glob("*.pdf"))]
VARIANTS = ("parse", "parse/plumber", "pdfplumber", "pdfium")
GOALS = {"pdfplumber": 0.25, "pdfium": 4.0}


def _pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()


def _pdfium(path: Path) -> None:
    import pypdfium2
    from pypdfium2 import raw

    document = pypdfium2.PdfDocument(path)
    box = [ctypes.c_double() for _ in range(4)]
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        for char in range(raw.FPDFText_CountChars(text.raw)):
            raw.FPDFText_GetCharBox(text.raw, char, *box)
        text.close()
        page.close()
    document.close()


def _parse(engine: str) -> Callable[[Path], None]:
    def run(path: Path) -> None:
        import reportparse

        reportparse.parse(path, pdf_engine=engine)  # type: ignore[arg-type]

    return run


FUNCS: dict[str, Callable[[Path], None]] = {
    "parse": _parse("pypdfium2"),
    "parse/plumber": _parse("pdfplumber"),
    "pdfplumber": _pdfplumber,
    "pdfium": _pdfium,
}


def _run_one(variant: str, path: Path) -> None:
    """In a child process: time one run of ``variant`` and print one JSON line."""
    import pdfplumber  # noqa: F401  (imports are not what is timed)
    import pypdfium2  # noqa: F401

    import reportparse
    from reportparse._readers import get_reader
    from reportparse._records import _report  # noqa: F401

    get_reader("pdf")
    with contextlib.suppress(reportparse.ReportParseError):  # the pipeline's lazy imports
        reportparse.parse("Sociālais dienests\n\n2024. gads 12\n".encode(), format="text")
    wall, cpu = time.perf_counter(), time.process_time()
    FUNCS[variant](path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mib": peak_kib / 1024}))


def _bench(path: Path, variants: list[str], repeat: int) -> dict[str, float]:
    pages = _pages(path)
    print(f"{path.name}: {pages} pages, {path.stat().st_size // 1024} KB, median of {repeat}")
    runs: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for _ in range(repeat):
        for variant in variants:
            runs[variant].append(run_fresh(__file__, str(path), "--one", variant))
    medians: dict[str, float] = {}
    cpus: dict[str, float] = {}
    for variant, results in runs.items():
        wall = [r["wall"] for r in results]
        medians[variant] = statistics.median(wall)
        cpus[variant] = statistics.median(r["cpu"] for r in results)
        peak = max(r["peak_mib"] for r in results)
        print(
            f"  {variant:>13}: median {medians[variant]:7.3f} s (CPU {cpus[variant]:7.3f} s),"
            f" best {min(wall):7.3f} s, peak RSS {peak:4.0f} MiB"
        )
    for ours in ("parse", "parse/plumber"):
        for base, goal in GOALS.items():
            if ours in medians and base in medians:
                ratio = medians[ours] / medians[base]
                cpu_ratio = cpus[ours] / cpus[base]
                verdict = "ok" if ratio <= goal else "over"
                print(
                    f"  {ours:>13} / {base}: {ratio:6.2f}x, CPU {cpu_ratio:6.2f}x"
                    f" (goal ≤ {goal}x: {verdict})"
                )
    return medians


def _pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engine", choices=("pypdfium2", "pdfplumber"))
    parser.add_argument("--one", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _run_one(args.one, args.pdf[0])
        return
    variants = list(VARIANTS)
    if args.engine:
        variants.remove("parse/plumber" if args.engine == "pypdfium2" else "parse")
    for path in args.pdf or DEFAULTS:
        _bench(path, variants, args.repeat)


if __name__ == "__main__":
    main()
