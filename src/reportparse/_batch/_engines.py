"""Where tasks run: local worker processes (timeouts, crashes, recycling) or a Dask cluster.

Both engines have the same small interface: ``ready()`` says whether a task
may be submitted now, ``submit(task)`` hands one over, ``poll(timeout)``
returns the outcomes finished so far (waiting up to ``timeout`` seconds for
at least one), ``pending()`` counts tasks not yet returned, ``close()`` ends
the workers. :func:`run_all` drives an engine over an iterable of tasks.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol

from reportparse._batch._child import DEFAULT_PARSE, MEMORY_LIMIT, OUT_OF_MEMORY, memory_reason
from reportparse._batch._protocol import Outcome, Ready, Task, read_message, write_message

__all__ = [
    "DEFAULT_WORKER_MEMORY",
    "DaskEngine",
    "Engine",
    "EngineSettings",
    "LocalEngine",
    "WorkerStartError",
    "default_workers",
    "run_all",
]

_START_ATTEMPTS = 3
# A worker is killed this long after its task's timeout (at least _KILL_GRACE
# seconds more): the parser's own time limit, set to the same timeout, ends a
# slow parse cleanly first; the kill is for code that hangs where it cannot.
_KILL_GRACE = 2.0
_KILL_GRACE_SHARE = 0.1
_STOP_GRACE_SECONDS = 5.0
_STDERR_LINES = 20
#: The memory one worker may grow to while it parses a file (``--max-worker-memory``).
DEFAULT_WORKER_MEMORY = 1024**3
# How often the resident memory of a busy worker is looked at, in seconds.
_MEMORY_SAMPLE_SECONDS = 0.2


class WorkerStartError(RuntimeError):
    """Worker processes die before they are ready: the installation is broken."""


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """How workers run tasks, the same for every engine.

    ``timeout``: seconds one task may take; its worker is killed a little
    later (10%, at least 2 s), when the parser's own time limit has not ended it.
    ``max_tasks_per_worker`` and ``recycle_rss``: a worker is replaced after
    so many tasks, or once its resident memory passes so many bytes (or half
    of ``max_memory``) after a task, so that memory stays flat over thousands
    of files. ``max_memory``: the bytes a worker may grow to while it parses
    one file; past them the file fails (``LimitExceededError``, detail
    ``memory_limit``) and the worker is replaced; None for no limit.
    ``parse`` names the function workers call (``module:function``),
    ``reportparse.parse`` unless a test needs a misbehaving one.
    """

    timeout: float = 120.0
    max_tasks_per_worker: int = 1000
    recycle_rss: int = 512 * 1024 * 1024
    parse: str = DEFAULT_PARSE
    max_memory: int | None = DEFAULT_WORKER_MEMORY

    @property
    def recycle_at(self) -> int:
        """The resident memory after a task past which a worker is replaced."""
        if self.max_memory is None:
            return self.recycle_rss
        return min(self.recycle_rss, self.max_memory // 2)


class Engine(Protocol):
    name: str
    size: int
    #: Whether workers see this machine's files, so can write documents themselves.
    local_files: bool

    def ready(self) -> bool: ...
    def submit(self, task: Task) -> None: ...
    def poll(self, timeout: float | None) -> list[Outcome]: ...
    def pending(self) -> int: ...
    def close(self) -> None: ...
    @property
    def peak_rss(self) -> int | None: ...


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def run_all(engine: Engine, tasks: Iterable[Task]) -> Iterator[Outcome]:
    """Every task's outcome, in the order they finish."""
    for task in tasks:
        while not engine.ready():
            yield from engine.poll(None)
        engine.submit(task)
        yield from engine.poll(0)
    while engine.pending():
        yield from engine.poll(None)


# --- local ------------------------------------------------------------------


class _Worker:
    """One child process and the threads that read its stdout and stderr."""

    def __init__(self, settings: EngineSettings, events: queue.Queue[tuple[_Worker, Any]]) -> None:
        self.ready = False
        self.started = False
        self.tasks = 0
        self.task: Task | None = None
        self.deadline = 0.0
        self.peak_rss: int | None = None
        self.stderr_tail: collections.deque[str] = collections.deque(maxlen=_STDERR_LINES)
        debug = bool(os.environ.get("REPORTPARSE_DEBUG"))
        # -P: the current folder must not shadow the packages a worker imports.
        command = [sys.executable, "-P", "-m", "reportparse._batch._child", settings.parse]
        if settings.max_memory is not None:
            command += ["--max-memory", str(settings.max_memory)]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None if debug else subprocess.PIPE,
            env=_child_environment(),
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin: IO[bytes] = self.process.stdin
        stdout = self.process.stdout
        threading.Thread(
            target=self._read, args=(stdout, events), name="reportparse-worker-out", daemon=True
        ).start()
        if self.process.stderr is not None:
            stderr = self.process.stderr
            threading.Thread(
                target=self._keep_stderr, args=(stderr,), name="reportparse-worker-err", daemon=True
            ).start()

    def _read(self, stdout: IO[bytes], events: queue.Queue[tuple[_Worker, Any]]) -> None:
        try:
            while (message := read_message(stdout)) is not None:
                events.put((self, message))
        except (OSError, EOFError, ValueError):
            pass
        except Exception as error:
            self.stderr_tail.append(f"unreadable message: {error!r}")
        events.put((self, None))

    def _keep_stderr(self, stderr: IO[bytes]) -> None:
        # Drained so the child never blocks on a full pipe; kept only to explain
        # a worker that cannot start.
        for line in stderr:
            self.stderr_tail.append(line.decode("utf-8", "replace").rstrip())

    def send(self, task: Task, timeout: float) -> bool:
        try:
            write_message(self.stdin, task)
        except (BrokenPipeError, OSError, ValueError):
            return False
        self.task = task
        self.tasks += 1
        self.deadline = time.monotonic() + timeout + max(_KILL_GRACE, _KILL_GRACE_SHARE * timeout)
        return True

    def stop(self) -> None:
        """Let the worker finish: it exits when its stdin closes."""
        with contextlib.suppress(OSError):
            self.stdin.close()

    def kill(self) -> None:
        self.stop()
        with contextlib.suppress(OSError):
            self.process.kill()

    def exit_description(self) -> str | None:
        try:
            code = self.process.wait(timeout=_STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
        if code < 0:
            try:
                return f"killed by signal {-code} ({signal.Signals(-code).name})"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"


class LocalEngine:
    """Worker processes on this machine, one task at a time each.

    A task that overruns ``settings.timeout`` (and a short grace) has its
    worker killed and comes back as ``TimeoutError``; a worker that dies mid-task (segfault,
    ``os._exit``, out of memory) gives ``WorkerCrashError``; a worker whose
    resident memory passes ``settings.max_memory`` mid-task is killed and
    its task comes back as ``LimitExceededError`` (detail ``memory_limit``);
    either way a new worker takes the place. Workers are fresh interpreters (not forks), so the
    engine also runs inside processes that may not fork children of their own,
    such as Dask's workers.
    """

    name = "local"
    local_files = True

    def __init__(self, workers: int | None = None, settings: EngineSettings | None = None) -> None:
        self.settings = settings or EngineSettings()
        self.size = max(1, workers or default_workers())
        self._events: queue.Queue[tuple[_Worker, Any]] = queue.Queue()
        self._workers: list[_Worker] = []
        self._retired: list[_Worker] = []
        self._queued: collections.deque[Task] = collections.deque()
        self._done: list[Outcome] = []
        self._failed_starts = 0
        self._peak_rss: int | None = None
        self._closed = False

    @property
    def peak_rss(self) -> int | None:
        """The largest peak resident memory any worker reported, in bytes."""
        return self._peak_rss

    def ready(self) -> bool:
        self._start_missing()
        return not self._queued and any(w.ready and w.task is None for w in self._workers)

    def submit(self, task: Task) -> None:
        self._queued.append(task)
        self._dispatch()

    def pending(self) -> int:
        return len(self._queued) + sum(w.task is not None for w in self._workers)

    def poll(self, timeout: float | None) -> list[Outcome]:
        self._start_missing()
        self._dispatch()
        wait = self._wait_time(timeout)
        try:
            worker, message = (
                self._events.get(timeout=wait) if wait != 0 else self._events.get_nowait()
            )
        except queue.Empty:
            pass
        else:
            self._handle(worker, message)
            while True:
                try:
                    worker, message = self._events.get_nowait()
                except queue.Empty:
                    break
                self._handle(worker, message)
        self._expire()
        self._watch_memory()
        self._dispatch()
        self._reap()
        done, self._done = self._done, []
        return done

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for worker in self._workers:
            if worker.task is not None:
                worker.kill()
            else:
                worker.stop()
        self._retired.extend(self._workers)
        self._workers = []
        deadline = time.monotonic() + _STOP_GRACE_SECONDS
        for worker in self._retired:
            try:
                worker.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.process.wait()
        self._retired = []

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals ---

    def _start_missing(self) -> None:
        if self._closed:
            raise RuntimeError("engine is closed")
        while len(self._workers) < self.size:
            self._workers.append(_Worker(self.settings, self._events))

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queued:
                return
            if worker.ready and worker.task is None:
                task = self._queued.popleft()
                if not worker.send(task, self.settings.timeout):
                    # The worker died idle: not the task's fault, so it waits for another.
                    self._queued.appendleft(task)
                    worker.ready = False

    def _wait_time(self, timeout: float | None) -> float | None:
        if timeout == 0:
            return 0
        busy = [w.deadline for w in self._workers if w.task is not None]
        starting = any(not w.ready for w in self._workers)
        if not busy and not starting:
            return 0
        wait = timeout
        if busy:
            until = max(0.0, min(busy) - time.monotonic())
            if self.settings.max_memory is not None:
                until = min(until, _MEMORY_SAMPLE_SECONDS)
            wait = until if wait is None else min(wait, until)
        return wait

    def _handle(self, worker: _Worker, message: Any) -> None:
        if worker not in self._workers:
            return  # a worker already killed or retired
        if isinstance(message, Ready):
            worker.ready = worker.started = True
            self._failed_starts = 0
        elif isinstance(message, Outcome):
            task, worker.task = worker.task, None
            if task is None or message.seq != task.seq:
                return
            self._note_rss(worker, message.peak_rss)
            self._done.append(message)
            if (
                worker.tasks >= self.settings.max_tasks_per_worker
                or (message.rss or 0) > self.settings.recycle_at
                # The worker exits after reporting these; it must get no other task.
                or message.error == "WorkerCrashError"
                or message.detail in (MEMORY_LIMIT, OUT_OF_MEMORY)
            ):
                self._retire(worker)
        elif message is None:
            self._died(worker)

    def _died(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        detail = worker.exit_description()
        if worker.task is not None:
            self._done.append(
                Outcome(
                    seq=worker.task.seq,
                    ok=False,
                    error="WorkerCrashError",
                    reason="worker crashed",
                    detail=detail,
                )
            )
        elif not worker.started:
            self._failed_starts += 1
            if self._failed_starts >= _START_ATTEMPTS:
                tail = "; ".join(list(worker.stderr_tail)[-3:]) or detail or "no output"
                self.close()
                raise WorkerStartError(f"worker processes exit before they start ({tail})")

    def _expire(self) -> None:
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.task is not None and now >= worker.deadline:
                reason = f"timed out after {self.settings.timeout:g} s"
                self._kill_busy(worker, "TimeoutError", reason)

    def _watch_memory(self) -> None:
        """Kill a busy worker whose resident memory has passed the limit; its task fails."""
        limit = self.settings.max_memory
        if limit is None:
            return
        for worker in list(self._workers):
            if worker.task is None:
                continue
            rss = resident_memory(worker.process.pid)
            if rss is not None and rss > limit:
                self._note_rss(worker, rss)
                self._kill_busy(worker, "LimitExceededError", memory_reason(limit), MEMORY_LIMIT)

    def _kill_busy(
        self, worker: _Worker, error: str, reason: str, detail: str | None = None
    ) -> None:
        assert worker.task is not None
        task = worker.task
        worker.kill()
        self._workers.remove(worker)
        self._retired.append(worker)
        self._done.append(
            Outcome(seq=task.seq, ok=False, error=error, reason=reason, detail=detail)
        )

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        self._workers.remove(worker)
        self._retired.append(worker)

    def _reap(self) -> None:
        self._retired = [w for w in self._retired if w.process.poll() is None]

    def _note_rss(self, worker: _Worker, peak: int | None) -> None:
        if peak is not None:
            worker.peak_rss = peak
            self._peak_rss = max(self._peak_rss or 0, peak)


def resident_memory(pid: int) -> int | None:
    """The resident memory of process ``pid`` in bytes, where ``/proc`` tells it (Linux)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _child_environment() -> dict[str, str]:
    # The child imports what this process imports: the same reportparse (a
    # source checkout, a test's helper module), whatever set up sys.path here.
    env = dict(os.environ)
    paths = [p for p in sys.path if p and os.path.isdir(p)]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


# --- dask -------------------------------------------------------------------


class DaskEngine:
    """Tasks sent in chunks to a running ``dask.distributed`` cluster.

    Each Dask worker thread keeps one :class:`LocalEngine` of one worker
    process, so timeouts, crashes and recycling behave as they do locally and
    a misbehaving file cannot take a Dask worker down. The cluster needs
    reportparse installed, the same version as here.
    """

    name = "dask"
    local_files = False

    def __init__(
        self,
        scheduler: Any,
        settings: EngineSettings | None = None,
        *,
        chunk_size: int = 8,
        chunk_bytes: int = 4 * 1024 * 1024,
    ) -> None:
        import distributed

        client_type: Any = distributed.Client
        self.settings = settings or EngineSettings()
        self.chunk_size = chunk_size
        self.chunk_bytes = chunk_bytes
        self._client: Any
        if isinstance(scheduler, client_type):
            self._client, self._owned = scheduler, False
        else:
            self._client, self._owned = client_type(scheduler, set_as_default=False), True
        self.size = sum(self._client.nthreads().values()) or 1
        self._window = 2 * self.size
        self._chunk: list[Task] = []
        self._chunk_data = 0
        self._futures: dict[Any, list[Task]] = {}
        self._peak_rss: int | None = None

    @property
    def peak_rss(self) -> int | None:
        return self._peak_rss

    def ready(self) -> bool:
        return len(self._futures) < self._window

    def submit(self, task: Task) -> None:
        self._chunk.append(task)
        self._chunk_data += len(task.data)
        if len(self._chunk) >= self.chunk_size or self._chunk_data >= self.chunk_bytes:
            self._flush()

    def pending(self) -> int:
        return len(self._chunk) + sum(len(tasks) for tasks in self._futures.values())

    def poll(self, timeout: float | None) -> list[Outcome]:
        import distributed

        wait: Any = distributed.wait
        if timeout != 0:
            # About to wait: a part-filled chunk would otherwise wait with us.
            self._flush()
        done = [future for future in self._futures if future.done()]
        if not done and timeout != 0 and self._futures:
            try:
                # wait() looks for a default client; this batch does not set one.
                with self._client.as_current():
                    wait(list(self._futures), timeout=timeout, return_when="FIRST_COMPLETED")
            except TimeoutError:
                return []
            done = [future for future in self._futures if future.done()]
        outcomes: list[Outcome] = []
        for future in done:
            outcomes.extend(self._collect(future, self._futures.pop(future)))
        return outcomes

    def close(self) -> None:
        for future in self._futures:
            future.cancel()
        self._futures = {}
        if self._owned:
            self._client.close()

    def _flush(self) -> None:
        if not self._chunk:
            return
        chunk, self._chunk, self._chunk_data = self._chunk, [], 0
        argument: Any = chunk
        if sum(len(task.data) for task in chunk) > self.chunk_bytes:
            # A big file goes to a worker directly rather than through the
            # scheduler inside the task (Dask warns about large graphs).
            argument = self._client.scatter(chunk, hash=False)
        future = self._client.submit(run_chunk, argument, self.settings, pure=False)
        self._futures[future] = chunk

    def _collect(self, future: Any, chunk: list[Task]) -> list[Outcome]:
        from distributed import KilledWorker

        try:
            outcomes: list[Outcome] = future.result()
        except KilledWorker:
            return [
                _lost(task, "WorkerCrashError", "worker crashed", "Dask worker died")
                for task in chunk
            ]
        except Exception as error:
            summary = f"{type(error).__name__}: {error}".splitlines()[0][:200]
            return [_lost(task, "InternalError", f"internal error ({summary})") for task in chunk]
        for outcome in outcomes:
            if outcome.peak_rss is not None:
                self._peak_rss = max(self._peak_rss or 0, outcome.peak_rss)
        return outcomes


def _lost(task: Task, error: str, reason: str, detail: str | None = None) -> Outcome:
    return Outcome(seq=task.seq, ok=False, error=error, reason=reason, detail=detail)


_ENGINES: dict[tuple[int, EngineSettings], LocalEngine] = {}
_ENGINES_LOCK = threading.Lock()


def run_chunk(chunk: list[Task], settings: EngineSettings) -> list[Outcome]:
    """Run on a Dask worker: the chunk's outcomes, each task isolated in a worker process."""
    key = (threading.get_ident(), settings)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = LocalEngine(1, settings)
    return list(run_all(engine, chunk))


@atexit.register
def _close_engines() -> None:
    with _ENGINES_LOCK:
        for engine in _ENGINES.values():
            engine.close()
        _ENGINES.clear()
