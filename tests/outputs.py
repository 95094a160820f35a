"""The recorded output of every document the tests hold, so that a change of output is seen.

``tests/fixtures/outputs/PATH.json`` is ``reportparse PATH``'s JSON (or its
one-line error) for every document under ``tests/fixtures``, the bundled
example and the benchmark PDF, with the path written relative to the
checkout; an output over a megabyte (the 150-page benchmark's) is kept as its
SHA-256 in ``PATH.json.sha256``. ``tests/test_outputs.py`` compares every one
byte for byte. When a
change is meant to change output, re-record and read the diff:

    .venv/bin/python tests/outputs.py            # every document
    .venv/bin/python tests/outputs.py PATH …     # some
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

import reportparse

ROOT = Path(__file__).resolve().parents[1]
RECORDED = ROOT / "tests" / "fixtures" / "outputs"
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".csv", ".tsv", ".xlsx", ".ods"}
# Authoring sources are turned into fixtures by scripts; they are not documents.
EXPECTED_SUFFIXES = (".expected.csv", ".gold.csv")
NOT_DOCUMENTS = {"sources", "outputs", "golden"}
# Larger outputs are kept as a digest: a diff of them would be unreadable anyway.
MAX_KEPT_BYTES = 1_000_000
PLACES = ("tests/fixtures", "tests/corpus", "src/reportparse/examples", "benchmarks")


def documents() -> Iterator[Path]:
    """Every document the tests hold, relative to the checkout, in a stable order."""
    for place in PLACES:
        for path in sorted((ROOT / place).rglob("*")):
            rel = path.relative_to(ROOT)
            if (
                path.suffix in DOCUMENT_SUFFIXES
                and not path.name.endswith(EXPECTED_SUFFIXES)
                and not NOT_DOCUMENTS & set(rel.parts)
            ):
                yield rel


def output_of(rel: Path) -> str:
    """What ``reportparse rel`` gives: its JSON with one-space indent, or ``error: …``."""
    try:
        report = reportparse.parse(ROOT / rel)
    except reportparse.ReportParseError as error:
        # The message names the file; as the checkout's path it would differ per clone.
        message = str(error).replace(str(ROOT / rel), rel.as_posix())
        return f"error: {type(error).__name__}: {message}\n"
    source = dataclasses.replace(report.source, path=rel.as_posix())
    return dataclasses.replace(report, source=source).to_json(indent=1) + "\n"


def recorded_form(output: str) -> tuple[str, str]:
    """(file suffix, content) under which ``output`` is kept."""
    data = output.encode("utf-8")
    if len(data) > MAX_KEPT_BYTES:
        return ".json.sha256", f"{hashlib.sha256(data).hexdigest()}  {len(data)} bytes\n"
    return ".json", output


def recorded(rel: Path) -> Path | None:
    """The recording of ``rel``, in whichever form it was kept, or None."""
    for suffix in (".json", ".json.sha256"):
        path = RECORDED / f"{rel.as_posix()}{suffix}"
        if path.is_file():
            return path
    return None


def record(paths: list[Path]) -> None:
    for rel in paths:
        if (old := recorded(rel)) is not None:
            old.unlink()
        suffix, content = recorded_form(output_of(rel))
        target = RECORDED / f"{rel.as_posix()}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        print(f"recorded {target.relative_to(ROOT)}")


if __name__ == "__main__":
    record([Path(p) for p in sys.argv[1:]] or list(documents()))
