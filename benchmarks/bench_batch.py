"""Throughput of ``reportparse batch`` at ``-j 1`` and ``-j 2``, and worker memory on a long PDF.

    .venv/bin/python benchmarks/bench_batch.py [--files N] [--repeat R] [--check]

Generates a corpus like the batch tests' (text, HTML and DOCX variations of
a quarterly report, a few copies of the welfare PDF, some in a zip and a
tar.gz), converts it with ``reportparse batch`` as a user would (a
subprocess, fresh output folder each time), and reports files per second:
end to end, and for the conversion phase alone (from summary.json, without
start-up and the final assembly of the tables). Then converts
``benchmarks/long-report.pdf`` (made by make_long_pdf.py; generated from the
samples when missing) and reports the worker's peak resident memory.

``--check`` exits 1 unless ``-j 2`` is at least 1.7 times ``-j 1`` and no
worker passes 300 MB. Figures depend on the machine being otherwise idle:
the load average is printed with them, and on a virtual machine the CPU
time the hypervisor gave to others meanwhile (steal, from /proc/stat).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "batch"))
from batch_corpus import SAMPLES, make_corpus  # noqa: E402

LONG_PDF = HERE / "long-report.pdf"
SPEEDUP_TARGET = 1.7
RSS_LIMIT = 300 * 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; best kept")
    parser.add_argument("--skip-long", action="store_true", help="skip the long PDF")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    print(f"cpus: {os.cpu_count()}, load average before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        corpus = make_corpus(root / "corpus", args.files, seed=7, pdfs=6, corrupt=0.0)
        inputs = [str(p) for p in corpus.inputs]
        print(f"corpus: {len(corpus.good)} reports (txt, html, docx, 6 pdf; zip and tar.gz)")
        # Interleaved, so that a change in the machine's load hits both settings alike.
        runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
        stolen = _steal_seconds()
        for n in range(args.repeat):
            for jobs, found in runs.items():
                found.append(_run(inputs, root / f"out-j{jobs}-{n}", jobs))
        results = {jobs: _best(jobs, found) for jobs, found in runs.items()}
        print()
        print("| -j | files/s (end to end) | files/s (conversion) | peak RSS per worker |")
        print("|---:|---:|---:|---:|")
        for jobs, r in results.items():
            print(
                f"| {jobs} | {r['end_to_end']:.1f} | {r['conversion']:.1f} | {_mb(r['peak_rss'])} |"
            )
        speedup = results[2]["conversion"] / results[1]["conversion"]
        speedup_total = results[2]["end_to_end"] / results[1]["end_to_end"]
        print(f"\n-j 2 / -j 1: {speedup:.2f}x conversion, {speedup_total:.2f}x end to end")
        if stolen is not None:
            print(f"CPU time stolen by the hypervisor meanwhile: {_steal_seconds() - stolen:.1f} s")

        long_rss = None
        if not args.skip_long:
            long_input = LONG_PDF if LONG_PDF.is_file() else _make_long_input(root)
            run = _run([str(long_input)], root / "long", jobs=1)
            long_rss = run["peak_rss"]
            print(
                f"\n{long_input.name}: {run['seconds']:.1f} s, "
                f"worker peak RSS {_mb(long_rss)} (limit {_mb(RSS_LIMIT)})"
            )
    print(f"load average after: {_load()}")

    ok = speedup >= SPEEDUP_TARGET and (long_rss is None or long_rss <= RSS_LIMIT)
    if args.check and not ok:
        print("target missed", file=sys.stderr)
        return 1
    return 0


def _best(jobs: int, runs: list[dict[str, Any]]) -> dict[str, Any]:
    print(
        f"-j {jobs}: " + ", ".join(f"{r['conversion']:.1f}" for r in runs) + " files/s conversion"
    )
    return {
        "end_to_end": max(r["end_to_end"] for r in runs),
        "conversion": max(r["conversion"] for r in runs),
        "peak_rss": max(r["peak_rss"] or 0 for r in runs),
    }


def _run(inputs: list[str], out: Path, jobs: int) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "reportparse", "batch", *inputs, "-o", str(out)]
    start = time.perf_counter()
    done = subprocess.run([*command, "-j", str(jobs), "--quiet"], check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 2):
        raise SystemExit(f"reportparse batch failed with exit code {done.returncode}")
    summary = json.loads((out / "summary.json").read_text())
    files = summary["counts"]["inputs"]
    return {
        "seconds": seconds,
        "end_to_end": files / seconds,
        "conversion": summary["run"]["files_per_second"],
        "peak_rss": summary["run"]["peak_worker_rss_bytes"],
    }


def _make_long_input(root: Path) -> Path:
    # benchmarks/long-report.pdf is made with LibreOffice; without it, a long
    # text report (the welfare sample sixty times over) stands in.
    text = (SAMPLES / "welfare-report-2024-q3.txt").read_text(encoding="utf-8")
    path = root / "long-report.txt"
    path.write_text("\n\n".join([text] * 60), encoding="utf-8")
    print(f"{LONG_PDF} is missing: using {path.name} instead")
    return path


def _steal_seconds() -> float | None:
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _mb(size: int | None) -> str:
    return "n/a" if not size else f"{size / 1024 / 1024:.0f} MB"


if __name__ == "__main__":
    sys.exit(main())
