"""A worker process: ``python -m reportparse._batch._child [MODULE:FUNCTION]``.

Tasks arrive on stdin and outcomes leave on the original stdout, framed by
:mod:`._protocol`. Whatever a library prints goes to stderr instead, so it
cannot corrupt the channel. The parent owns timeouts: it kills a worker
that overruns. A worker whose parent has gone (``kill -9`` of the batch)
exits by itself.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from reportparse._batch._protocol import Outcome, Ready, Task, read_message, write_message

__all__ = ["DEFAULT_PARSE", "main", "run_task"]

DEFAULT_PARSE = "reportparse:parse"
_ORPHAN_CHECK_SECONDS = 1.0
_OUT_OF_MEMORY_EXIT = 3


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # Ctrl-C reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    channel: IO[bytes] = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    parse = resolve(args[0] if args else DEFAULT_PARSE)
    _preload()
    _watch_parent()
    write_message(channel, Ready(pid=os.getpid()))
    while True:
        task = read_message(sys.stdin.buffer)
        if task is None:
            return 0
        outcome = run_task(task, parse)
        write_message(channel, outcome)
        if outcome.detail == "out of memory":
            # The heap may be in pieces; a fresh worker is cheaper than doubt.
            return _OUT_OF_MEMORY_EXIT


def resolve(spec: str) -> Callable[..., Any]:
    """The function named ``module:function``."""
    module, _, name = spec.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def run_task(task: Task, parse: Callable[..., Any]) -> Outcome:
    """Parse one task; every exception becomes an error outcome, never a traceback."""
    from reportparse._errors import ReportParseError
    from reportparse._records._json import dumps

    start = time.perf_counter()
    try:
        # Only the options a task has: a custom parse function need not take them.
        options: dict[str, Any] = {}
        if task.describe is not None:
            options["describe"] = task.describe
        if task.password is not None:
            options["password"] = task.password
        if task.pdf_engine is not None:
            options["pdf_engine"] = task.pdf_engine
        report = parse(task.data, name=task.name, limits=task.limits, **options)
        payload: Any = report
        if task.want == "json":
            document = report.to_dict()
            if task.batch is not None:
                document["batch"] = task.batch
            payload = (dumps(document) + "\n").encode("utf-8")
            if task.write_to is not None:
                from reportparse._batch._outputs import atomic_write

                atomic_write(Path(task.write_to), payload)
                payload = None
    except ReportParseError as error:
        return _failed(task, start, type(error).__name__, error.reason)
    except MemoryError:
        return _failed(task, start, "WorkerCrashError", "worker crashed", "out of memory")
    except Exception as error:
        summary = f"{type(error).__name__}: {error}".splitlines()[0][:200]
        return _failed(task, start, "InternalError", f"internal error ({summary})")
    return Outcome(
        seq=task.seq,
        ok=True,
        payload=payload,
        seconds=time.perf_counter() - start,
        peak_rss=peak_rss(),
        rss=current_rss(),
    )


def _failed(
    task: Task, start: float, error: str, reason: str, detail: str | None = None
) -> Outcome:
    return Outcome(
        seq=task.seq,
        ok=False,
        error=error,
        reason=reason,
        detail=detail,
        seconds=time.perf_counter() - start,
        peak_rss=peak_rss(),
        rss=current_rss(),
    )


def peak_rss() -> int | None:
    """This process's peak resident memory in bytes, where the platform tells it."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts kibibytes, macOS bytes.
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss() -> int | None:
    """This process's resident memory now, in bytes (Linux; else the peak)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return peak_rss()


def _preload() -> None:
    # Imports before Ready, so that a task's time (and timeout) is parsing only.
    from reportparse._readers import FORMATS, get_reader

    for fmt in FORMATS:
        get_reader(fmt)


def _watch_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(_ORPHAN_CHECK_SECONDS)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="reportparse-orphan-watch", daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
