"""The messages between a batch and its worker processes, and their framing on a pipe."""

from __future__ import annotations

import pickle
import struct
from dataclasses import dataclass
from typing import IO, Any, Literal

from reportparse._limits import Limits

__all__ = ["Outcome", "Ready", "Task", "read_message", "write_message"]

_HEADER = struct.Struct(">Q")


@dataclass(frozen=True, slots=True)
class Task:
    """One document to parse: its bytes, the name it is reported under, and what to return.

    ``want="json"`` returns the document's JSON text (UTF-8, with ``batch``
    added as a top-level key when given), so that the parent only writes it,
    or with ``write_to`` writes it there itself (atomically) and returns
    nothing, so that the parent does not even do that; ``want="report"``
    returns the :class:`~reportparse.Report` itself.
    """

    seq: int
    data: bytes
    name: str
    limits: Limits
    want: Literal["json", "report"] = "json"
    batch: dict[str, Any] | None = None
    write_to: str | None = None
    #: The bytes of the data set's description page lying beside it, if one does.
    describe: bytes | None = None
    #: The password of an encrypted PDF (the batch's ``--password``).
    password: str | None = None
    #: The library that reads a PDF's pages (the batch's ``--pdf-engine``); None: the default.
    pdf_engine: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a task: ``payload`` when ``ok``, else the error class name and reason.

    ``peak_rss`` and ``rss`` (bytes) are the worker's peak and current
    resident memory after the task, where the platform tells them.
    """

    seq: int
    ok: bool
    payload: Any = None
    error: str | None = None
    reason: str | None = None
    detail: str | None = None
    seconds: float = 0.0
    peak_rss: int | None = None
    rss: int | None = None


@dataclass(frozen=True, slots=True)
class Ready:
    """A worker's first message: imports done, tasks welcome."""

    pid: int


def write_message(stream: IO[bytes], message: object) -> None:
    """Send one message: its pickle's length, then the pickle."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(body)))
    stream.write(body)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    """Receive one message, or ``None`` when the other side has closed the pipe.

    Only ever used between a batch and the workers it started itself, so the
    pickles come from our own code.
    """
    header = _read_exactly(stream, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    body = _read_exactly(stream, size)
    if body is None:
        return None
    return pickle.loads(body)


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    chunks = []
    left = size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks) if len(chunks) != 1 else chunks[0]
