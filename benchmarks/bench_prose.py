"""Time the fact finder: characters and facts per second of ``reportparse.parse`` on prose.

    .venv/bin/python benchmarks/bench_prose.py [--repeat N] [--size BYTES] [--only NAME]

Two HTML pages, each parsed ``N`` times, every run in a fresh process (no cache
of one run helps the next), runs interleaved so that a change in machine load
hits both alike:

- ``repeated``: ``html_prose(size)`` of ``tests/fixtures/bad/make_bad_fixtures.py``,
  one sentence over and over (default 2 MB);
- ``varied``: every paragraph and list item of the documents in
  ``tests/fixtures/prose`` and of ``tests/fixtures/samples/*.txt``, repeated to
  about 1 MB. Each copy adds its number to every count of 32 and more that is
  no year (and does not become one), so that no two copies share a sentence with
  a count and a cache of sentences cannot pass for a speed-up; days, months and
  years stay as they were.

Prints, per page, the best and median wall time, the best CPU time (steadier
on a busy machine), and by the best wall time characters of running text (the
paragraphs' text) per second and facts per second.
"""

from __future__ import annotations

import argparse
import html
import importlib
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _fresh import run_fresh  # benchmarks/ is on the path when a script runs

import reportparse
from reportparse._lang._reading import reading_conventions
from reportparse._limits import Limits
from reportparse._model import Format, Paragraph
from reportparse._readers import get_reader

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PAGES = ("repeated", "varied")
_FORMATS: dict[str, Format] = {".txt": "text", ".html": "html", ".docx": "docx", ".pdf": "pdf"}
# A count, not a day (1..31), a month, a year (1990..2100) or a code with a leading zero.
_COUNT = re.compile(r"(?<![0-9])[1-9][0-9]*(?![0-9])")
_MIN_COUNT = 32
_MIN_YEAR, _MAX_YEAR = 1990, 2100


def _repeated(size: int) -> bytes:
    sys.path.insert(0, str(FIXTURES / "bad"))
    make_bad_fixtures = importlib.import_module("make_bad_fixtures")
    data: bytes = make_bad_fixtures.html_prose(size)
    return data


def _paragraphs() -> list[Paragraph]:
    documents = sorted((FIXTURES / "prose").iterdir()) + sorted(
        (FIXTURES / "samples").glob("*.txt")
    )
    seen: set[str] = set()
    out: list[Paragraph] = []
    for path in documents:
        fmt = _FORMATS.get(path.suffix)
        if fmt is None:
            continue
        document = get_reader(fmt)(
            path.read_bytes(), conventions=reading_conventions(), limits=Limits(), password=None
        )
        for block in document.blocks:
            if isinstance(block, Paragraph) and block.text not in seen:
                seen.add(block.text)
                out.append(block)
    return out


def _shifted(text: str, copy: int) -> str:
    def shift(m: re.Match[str]) -> str:
        value = int(m.group())
        shifted = value + copy
        if (
            value < _MIN_COUNT
            or _MIN_YEAR <= value <= _MAX_YEAR
            or _MIN_YEAR <= shifted <= _MAX_YEAR
        ):
            return m.group()
        return str(shifted)

    return _COUNT.sub(shift, text) if copy else text


def _varied(size: int) -> bytes:
    paragraphs = _paragraphs()
    parts = ["<html><head><title>Pārskats</title></head><body>\n"]
    total, copy = 0, 0
    while total < size:
        for paragraph in paragraphs:
            tag = "li" if paragraph.list_item else "p"
            line = f"<{tag}>{html.escape(_shifted(paragraph.text, copy))}</{tag}>\n"
            parts.append(line if tag == "p" else f"<ul>{line}</ul>\n")
            total += len(line)
        copy += 1
    parts.append("</body></html>\n")
    return "".join(parts).encode()


def _prose_chars(data: bytes) -> int:
    document = get_reader("html")(
        data, conventions=reading_conventions(), limits=Limits(max_seconds=None), password=None
    )
    return sum(len(b.text) for b in document.blocks if isinstance(b, Paragraph))


def _run_one(path: Path) -> None:
    """In a child process: parse ``path`` once and print one JSON line."""
    data = path.read_bytes()
    wall, cpu = time.perf_counter(), time.process_time()
    report = reportparse.parse(data, format="html", limits=Limits(max_seconds=None))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"wall": wall, "cpu": cpu, "facts": len(report.facts)}))


def _child(path: Path) -> dict[str, float]:
    return run_fresh(__file__, "--one", str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", type=int, default=0, help="bytes per page (default 2 MB / 1 MB)")
    parser.add_argument("--only", choices=PAGES)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _run_one(args.one)
        return
    names = [args.only] if args.only else list(PAGES)
    with tempfile.TemporaryDirectory() as tmp:
        paths: dict[str, Path] = {}
        chars: dict[str, int] = {}
        for name in names:
            make = _repeated if name == "repeated" else _varied
            data = make(args.size or (2_000_000 if name == "repeated" else 1_000_000))
            paths[name] = Path(tmp) / f"{name}.html"
            paths[name].write_bytes(data)
            chars[name] = _prose_chars(data)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
        # Interleaved, so that a change in machine load hits every page alike.
        for _ in range(args.repeat):
            for name in names:
                runs[name].append(_child(paths[name]))
        print(f"{args.repeat} runs each, each in a fresh process")
        for name, results in runs.items():
            wall = [r["wall"] for r in results]
            best, cpu, facts = min(wall), min(r["cpu"] for r in results), int(results[0]["facts"])
            size = paths[name].stat().st_size
            print(
                f"{name:>9}: {size / 1e6:4.1f} MB, {chars[name] / 1e6:4.2f} M prose chars,"
                f" {facts} facts; wall best {best:5.2f} s, median {statistics.median(wall):5.2f} s,"
                f" CPU best {cpu:5.2f} s: {chars[name] / best / 1e6:5.3f} M chars/s,"
                f" {facts / best:6.0f} facts/s"
            )


if __name__ == "__main__":
    main()
