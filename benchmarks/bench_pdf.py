"""Time the PDF reader against pdfplumber's own extraction on a long report.

    .venv/bin/python benchmarks/bench_pdf.py [PDF] [--repeat N]

Three measurements on the same file (default ``benchmarks/long-report.pdf``),
each run ``N`` times, every run in a fresh process so that its peak RSS is its own:

- ``pdfplumber``: per page ``extract_tables()`` and ``extract_text()``, then
  ``page.close()``: what reading the tables and text costs the library itself;
- ``reader``: ``reportparse._readers._pdf._reader.read`` (the bound is 1.3× the above);
- ``parse``: ``reportparse.parse(path)``, the whole pipeline, where it exists
  (the bound is 1.5×).

Runs are interleaved (one of each, N times) so that a change in machine load
hits all alike. Prints each variant's best and median wall time, best CPU
time, the ratios of best times to the pdfplumber baseline, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from _fresh import run_fresh  # benchmarks/ is on the path when a script runs

HERE = Path(__file__).parent
DEFAULT_PDF = HERE / "long-report.pdf"
VARIANTS = ("pdfplumber", "reader", "parse")


def _pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()


def _reader(path: Path) -> None:
    from reportparse._lang._reading import reading_conventions
    from reportparse._limits import Limits
    from reportparse._readers._pdf._reader import read

    read(path.read_bytes(), conventions=reading_conventions(), limits=Limits())


def _parse(path: Path) -> None:
    import reportparse

    parse: Callable[[Path], object] = getattr(reportparse, "parse")  # noqa: B009
    parse(path)


def _available(variant: str) -> bool:
    if variant != "parse":
        return True
    try:
        import reportparse
    except ImportError:
        return False
    return callable(getattr(reportparse, "parse", None))


def _run_one(variant: str, path: Path) -> None:
    """In a child process: time one run of ``variant`` and print one JSON line."""
    funcs: dict[str, Callable[[Path], None]] = {
        "pdfplumber": _pdfplumber,
        "reader": _reader,
        "parse": _parse,
    }
    wall, cpu = time.perf_counter(), time.process_time()
    funcs[variant](path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mib": peak_kib / 1024}))


def _child(variant: str, path: Path) -> dict[str, float]:
    return run_fresh(__file__, str(path), "--one", variant)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _run_one(args.one, args.pdf)
        return
    variants = [v for v in VARIANTS if _available(v)]
    print(f"{args.pdf.name} ({args.pdf.stat().st_size // 1024} KB), {args.repeat} runs each")
    if "parse" not in variants:
        print("     parse: skipped (reportparse.parse does not exist yet)")
    runs: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    # Interleaved, so that a change in machine load hits every variant alike.
    for _ in range(args.repeat):
        for variant in variants:
            runs[variant].append(_child(variant, args.pdf))
    best: dict[str, tuple[float, float]] = {}
    for variant, results in runs.items():
        wall = [r["wall"] for r in results]
        cpu = [r["cpu"] for r in results]
        peak = max(r["peak_mib"] for r in results)
        best[variant] = (min(wall), min(cpu))
        print(
            f"{variant:>10}: wall best {min(wall):6.2f} s, median {statistics.median(wall):6.2f} s;"
            f" CPU best {min(cpu):6.2f} s; peak RSS {peak:4.0f} MiB"
        )
    base_wall, base_cpu = best["pdfplumber"]
    for variant, bound in (("reader", 1.3), ("parse", 1.5)):
        if variant in best:
            wall_ratio = best[variant][0] / base_wall
            cpu_ratio = best[variant][1] / base_cpu
            verdict = "ok" if wall_ratio <= bound else "OVER"
            print(
                f"{variant:>10} / pdfplumber: wall {wall_ratio:.2f}, CPU {cpu_ratio:.2f}"
                f" (bound {bound}: {verdict})"
            )


if __name__ == "__main__":
    main()
