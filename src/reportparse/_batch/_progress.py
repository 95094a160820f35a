"""Progress on stderr: a bar on a terminal, plain log lines otherwise, nothing when quiet."""

from __future__ import annotations

import sys
import time
from typing import Any, Literal, Protocol, TextIO

__all__ = ["Progress", "ProgressMode", "make_progress"]

ProgressMode = Literal["auto", "bar", "log", "quiet"]
_LOG_EVERY_SECONDS = 10.0


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, *, failed: bool = False) -> None: ...
    def message(self, line: str) -> None: ...
    def close(self, line: str | None = None) -> None: ...


def make_progress(mode: ProgressMode = "auto", stream: TextIO | None = None) -> Progress:
    """``auto`` is a bar when the stream (stderr) is a terminal, log lines otherwise."""
    stream = stream or sys.stderr
    if mode == "quiet":
        return _Quiet()
    if mode == "bar" or (mode == "auto" and _is_terminal(stream)):
        return _Bar(stream)
    return _Log(stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Quiet:
    def start(self, total: int) -> None:
        pass

    def advance(self, *, failed: bool = False) -> None:
        pass

    def message(self, line: str) -> None:
        pass

    def close(self, line: str | None = None) -> None:
        pass


class _Log:
    """A line every few seconds: done/total, errors, files/s, time left."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = self.done = self.failed = 0
        self.started = self.last = time.monotonic()

    def start(self, total: int) -> None:
        self.total = total
        self.started = self.last = time.monotonic()
        self._print(f"reportparse batch: {total} inputs")

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if now - self.last >= _LOG_EVERY_SECONDS:
            self.last = now
            self._print(self._status(now))

    def message(self, line: str) -> None:
        self._print(line)

    def close(self, line: str | None = None) -> None:
        if line:
            self._print(line)

    def _status(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = f", about {(self.total - self.done) / rate:.0f} s left" if rate else ""
        shown = f"{rate:.1f}" if rate >= 1 else f"{rate:.2g}"
        return (
            f"reportparse batch: {self.done}/{self.total} files, {self.failed} errors, "
            f"{shown} files/s{left}"
        )

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)


class _Bar:
    """tqdm's bar: files, files/s and time left, with the error count beside them."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.failed = 0
        self.bar: Any = None

    def start(self, total: int) -> None:
        from tqdm import tqdm  # type: ignore[import-untyped]

        # No monitor thread: the bar is only ever updated from the batch's own loop.
        tqdm.monitor_interval = 0
        self.bar = tqdm(total=total, unit="file", file=self.stream, dynamic_ncols=True, leave=True)
        self.bar.set_postfix(errors=0, refresh=False)

    def advance(self, *, failed: bool = False) -> None:
        if failed:
            self.failed += 1
            self.bar.set_postfix(errors=self.failed, refresh=False)
        self.bar.update(1)

    def message(self, line: str) -> None:
        from tqdm import tqdm

        tqdm.write(line, file=self.stream)

    def close(self, line: str | None = None) -> None:
        if self.bar is not None:
            self.bar.close()
        if line:
            print(line, file=self.stream, flush=True)
