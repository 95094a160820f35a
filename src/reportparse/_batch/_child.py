"""A worker process: ``python -m reportparse._batch._child [MODULE:FUNCTION] [--max-memory N]``.

Tasks arrive on stdin and outcomes leave on the original stdout, framed by
:mod:`._protocol`. Whatever a library prints goes to stderr instead, so it
cannot corrupt the channel. The parent owns timeouts: it kills a worker
that overruns. A worker whose parent has gone (``kill -9`` of the batch)
exits by itself.

With ``--max-memory N`` (bytes) each task runs under an address-space limit
(``RLIMIT_AS``, on Linux) that lets the worker's memory grow to about N: an
allocation past it fails, the task comes back as ``LimitExceededError``
with ``detail`` ``memory_limit``, and the worker exits so that a fresh one
takes its place. The parent also watches the worker's resident memory
(:mod:`._engines`), for memory the limit cannot see.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from reportparse._batch._protocol import Outcome, Ready, Task, read_message, write_message

__all__ = [
    "DEFAULT_PARSE",
    "MEMORY_LIMIT",
    "OUT_OF_MEMORY",
    "main",
    "memory_reason",
    "run_task",
]

DEFAULT_PARSE = "reportparse:parse"
#: ``Outcome.detail`` of a task that passed the worker memory limit.
MEMORY_LIMIT = "memory_limit"
#: ``Outcome.detail`` of a worker that ran out of memory with no limit set.
OUT_OF_MEMORY = "out of memory"
_ORPHAN_CHECK_SECONDS = 1.0
_OUT_OF_MEMORY_EXIT = 3


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    max_memory = None
    if "--max-memory" in args:
        at = args.index("--max-memory")
        max_memory = int(args[at + 1])
        del args[at : at + 2]
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
        outcome = run_task(task, parse, max_memory=max_memory)
        write_message(channel, outcome)
        if outcome.detail in (OUT_OF_MEMORY, MEMORY_LIMIT):
            # The heap may be in pieces; a fresh worker is cheaper than doubt.
            return _OUT_OF_MEMORY_EXIT


def resolve(spec: str) -> Callable[..., Any]:
    """The function named ``module:function``."""
    module, _, name = spec.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def run_task(task: Task, parse: Callable[..., Any], *, max_memory: int | None = None) -> Outcome:
    """Parse one task; every exception becomes an error outcome, never a traceback.

    ``max_memory``: bytes the worker may grow to while parsing (see the module).
    """
    from reportparse._errors import ReportParseError

    start = time.perf_counter()
    armed = False
    try:
        with _memory_limit(max_memory) as armed:
            payload = _payload(task, parse)
    except MemoryError:
        if armed and max_memory is not None:
            return _over_memory(task, start, max_memory)
        return _failed(task, start, "WorkerCrashError", "worker crashed", OUT_OF_MEMORY)
    except ReportParseError as error:
        # parse() turns a MemoryError into "out of memory while reading".
        if armed and max_memory is not None and isinstance(error.__context__, MemoryError):
            return _over_memory(task, start, max_memory)
        return _failed(task, start, type(error).__name__, error.reason)
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


def _payload(task: Task, parse: Callable[..., Any]) -> Any:
    """What the task asks for: the report, or its JSON (written to ``write_to``: then None)."""
    from reportparse._records._json import dumps

    # Only the options a task has: a custom parse function need not take them.
    options: dict[str, Any] = {}
    if task.describe is not None:
        options["describe"] = task.describe
    if task.password is not None:
        options["password"] = task.password
    if task.pdf_engine is not None:
        options["pdf_engine"] = task.pdf_engine
    report = parse(task.data, name=task.name, limits=task.limits, **options)
    if task.want != "json":
        return report
    document = report.to_dict()
    if task.batch is not None:
        document["batch"] = task.batch
    payload = (dumps(document) + "\n").encode("utf-8")
    if task.write_to is None:
        return payload
    from reportparse._batch._outputs import atomic_write

    atomic_write(Path(task.write_to), payload)
    return None


def memory_reason(limit: int) -> str:
    """The reason of a file that passed the worker memory limit.

    >>> memory_reason(1024**3)
    'needs more than 1 GiB of memory (the worker memory limit)'
    >>> memory_reason(1536 * 1024**2)
    'needs more than 1536 MiB of memory (the worker memory limit)'
    """
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if limit % size == 0:
            return f"needs more than {limit // size} {unit} of memory (the worker memory limit)"
    return f"needs more than {limit} bytes of memory (the worker memory limit)"


def _over_memory(task: Task, start: float, limit: int) -> Outcome:
    return _failed(task, start, "LimitExceededError", memory_reason(limit), MEMORY_LIMIT)


@contextlib.contextmanager
def _memory_limit(limit: int | None) -> Iterator[bool]:
    """Within the block, allocations that would take this process past ``limit`` bytes fail.

    The address-space limit is set to the current address space plus what
    the resident memory may still grow by; it is lifted again on leaving, so
    that the outcome can be sent. Yields whether a limit is in force (Linux).
    """
    armed = _address_limit(limit)
    try:
        yield armed is not None
    finally:
        if armed is not None:
            import resource

            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, armed)


def _address_limit(limit: int | None) -> tuple[int, int] | None:
    """Set the address-space limit for ``limit``; return the limits to restore, or None."""
    if limit is None or not sys.platform.startswith("linux"):
        return None
    try:
        import resource

        with open("/proc/self/statm", "rb") as statm:
            size, resident = (int(n) for n in statm.read().split()[:2])
        page = os.sysconf("SC_PAGE_SIZE")
        before = resource.getrlimit(resource.RLIMIT_AS)
        soft = size * page + max(limit - resident * page, 0)
        hard = before[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        if before[0] != resource.RLIM_INFINITY:
            soft = min(soft, before[0])
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError, ImportError):
        return None
    return before


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
