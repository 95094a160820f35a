"""Safety limits on what one document may cost to read, and the clock that enforces time.

Size, page, cell, tag and depth limits are checked by the readers as they go.
Time cannot be checked that way from outside without killing the process, so
:func:`parse` starts a :func:`time_limit` and the stages that can run long
(each PDF page, each table, each paragraph, each sentence of running text)
call :func:`check_time`, which raises ``LimitExceededError`` once the time is
up. The deadline lives in a :class:`~contextvars.ContextVar`, so threads and
nested calls each keep their own.

>>> with time_limit(None):
...     check_time()  # no limit: never raises
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields

from reportparse._errors import LimitExceededError

__all__ = ["Limits", "TextCounter", "check_time", "time_limit"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds a reader enforces; passing one raises ``LimitExceededError``.

    The defaults admit any real municipal report (the longest seen run to a
    few hundred pages and a few thousand table cells) while keeping a crafted
    file from taking the process down: together they keep one document under
    about two minutes and, for files up to a few tens of megabytes, well
    under a gigabyte of memory (docs/robustness.md).
    """

    #: Largest input file, in bytes.
    max_file_bytes: int = 200 * 1024 * 1024
    #: Most pages read from a PDF.
    max_pages: int = 2_000
    #: Most table cells in one document. Reading costs about a quarter of a
    #: millisecond a cell, so this also keeps a huge table to well under a minute.
    max_cells: int = 100_000
    #: Most characters of running text (headings, paragraphs, list items) in
    #: one document. Finding the facts in prose costs a few seconds a million
    #: characters, so this keeps a document's prose to well under a minute
    #: and its facts to a few hundred megabytes.
    max_text_chars: int = 5_000_000
    #: Largest total decompressed size of a DOCX's parts, in bytes.
    max_unzipped_bytes: int = 500 * 1024 * 1024
    #: Largest ratio of decompressed to compressed size of a DOCX part (zip bombs).
    max_zip_ratio: int = 200
    #: Deepest element nesting read from HTML or DOCX XML.
    max_depth: int = 1_000
    #: Most markup tags (counted as ``<`` characters) in an HTML page or one
    #: DOCX XML part, checked before parsing: a parsed element costs a few
    #: hundred bytes, so this bounds the parser's memory.
    max_tags: int = 1_000_000
    #: Seconds one document may take to read; None for no limit. Checked
    #: between pages, tables, paragraphs and sentences, so a single step past
    #: the deadline still finishes first.
    max_seconds: float | None = 120.0

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if value is None and spec.name == "max_seconds":
                continue
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Limits.{spec.name} must be a positive number, not {value!r}")


# (deadline on the monotonic clock, the limit in seconds for the message)
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("reportparse_deadline", default=None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Make :func:`check_time` raise once ``seconds`` have passed, within this block."""
    deadline = None if seconds is None else (time.monotonic() + seconds, seconds)
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_time() -> None:
    """Raise ``LimitExceededError`` if the current :func:`time_limit` has passed.

    Cheap enough (well under a microsecond) to call once per cell or sentence.
    """
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise LimitExceededError(f"took longer than {deadline[1]:g} s to read (the time limit)")


class TextCounter:
    """Running text a reader has produced so far, against ``Limits.max_text_chars``.

    >>> counter = TextCounter(Limits(max_text_chars=10))
    >>> counter.add("Sociālais")
    >>> counter.add(" dienests")
    Traceback (most recent call last):
    ...
    reportparse._errors.LimitExceededError: more than 10 characters of running text
    """

    __slots__ = ("chars", "limit")

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_text_chars
        self.chars = 0

    def add(self, text: str) -> None:
        self.chars += len(text)
        if self.chars > self.limit:
            raise LimitExceededError(f"more than {self.limit} characters of running text")
