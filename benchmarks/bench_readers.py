"""Time each reader, and the whole parse, on the bundled welfare report in every format.

    .venv/bin/python benchmarks/bench_readers.py [--repeat N]

For ``tests/fixtures/samples/welfare-report-2024-q3.{txt,html,docx,pdf}``:
the reader alone (bytes to the document model) and ``reportparse.parse``
(the whole pipeline), each run ``N`` times in this process after one warm-up
run. Prints the best and median wall time per format and what share of the
parse the reader is. These were timed tests once; a timing belongs here,
where a slow machine makes a slow figure and not a failed test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import reportparse
from reportparse._lang._reading import reading_conventions
from reportparse._limits import Limits
from reportparse._readers import get_reader

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "samples"
FORMATS = {".txt": "text", ".html": "html", ".docx": "docx", ".pdf": "pdf"}


def _times(call: object, repeat: int) -> list[float]:
    assert callable(call)
    call()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    conventions, limits = reading_conventions(), Limits()
    print(f"{'file':36s} {'reader best':>12s} {'median':>9s} {'parse best':>11s} {'median':>9s}")
    for suffix, fmt in FORMATS.items():
        path = SAMPLES / f"welfare-report-2024-q3{suffix}"
        data = path.read_bytes()
        reader = get_reader(fmt)

        def read(reader: object = reader, data: bytes = data) -> None:
            assert callable(reader)
            reader(data, limits=limits, conventions=conventions)

        def parse(path: Path = path) -> None:
            reportparse.parse(path)

        r, p = _times(read, args.repeat), _times(parse, args.repeat)
        print(
            f"{path.name:36s} {min(r) * 1000:10.1f}ms {statistics.median(r) * 1000:7.1f}ms "
            f"{min(p) * 1000:9.1f}ms {statistics.median(p) * 1000:7.1f}ms"
        )


if __name__ == "__main__":
    main()
