"""``convert_batch`` (inputs to an output folder) and ``parse_many`` (inputs to ordered results)."""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import os
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Literal

from reportparse._batch._engines import (
    DaskEngine,
    Engine,
    EngineSettings,
    LocalEngine,
    default_workers,
    run_all,
)
from reportparse._batch._inputs import InputItem, Problem, plan_inputs, read_inputs
from reportparse._batch._outputs import OutputDir, Status
from reportparse._batch._progress import Progress, ProgressMode, make_progress
from reportparse._batch._protocol import Outcome, Task
from reportparse._batch._results import BatchError, BatchResult, BatchSummary
from reportparse._limits import Limits

__all__ = ["convert_batch", "parse_many"]

PathInput = str | os.PathLike[str]
EngineChoice = Literal["local", "dask"] | Engine
_SLOWEST = 5


def convert_batch(
    inputs: PathInput | Iterable[PathInput],
    output: PathInput,
    *,
    workers: int | None = None,
    timeout: float = 120.0,
    engine: EngineChoice = "local",
    scheduler: Any = None,
    limits: Limits | None = None,
    progress: ProgressMode | Progress = "auto",
    retry_errors: bool = False,
) -> BatchSummary:
    """Convert every input into ``output``; return what was written.

    ``inputs``: files, folders (recursive) and ``.zip``/``.tar``/``.tar.gz``
    archives (read member by member, never unpacked to disk). ``output``
    receives ``documents/<id>.json`` per input that could be read,
    ``errors.jsonl`` for the others, ``observations.csv``,
    ``observations.parquet``, ``facts.csv`` and ``summary.json``.

    Inputs already converted into ``output`` (same id, same sha256) are
    skipped, and so are inputs whose failure is recorded there unless
    ``retry_errors``; an interrupted batch is finished by running it again.
    ``workers`` defaults to this machine's CPUs; ``engine="dask"`` sends the
    work to the cluster at ``scheduler`` (an address or a ``Client``).
    ``progress``: ``auto`` (a bar on a terminal, log lines otherwise),
    ``bar``, ``log`` or ``quiet``.
    """
    clock = time.monotonic()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    limits = _with_time_limit(limits or Limits(), timeout)
    report = progress if not isinstance(progress, str) else make_progress(progress)
    out = OutputDir(output)
    out.open()
    try:
        items = plan_inputs(_as_list(inputs), limits=limits, exclude=[output])
        planned = time.monotonic()
        report.start(len(items))
        statuses: dict[str, Status] = {}
        pending: dict[int, tuple[InputItem, str]] = {}
        stats = _Stats()

        def fail(
            item: InputItem, sha: str | None, error: str, reason: str, detail: str | None
        ) -> None:
            record = _error(item, sha, error, reason, detail)
            statuses[item.id] = record
            out.record_error(record)
            stats.failed += 1
            report.message(f"reportparse: {record}")
            report.advance(failed=True)

        runner, owned, workers_used = _engine(engine, workers, timeout, scheduler)

        def tasks() -> Iterator[Task]:
            for item, content in read_inputs(items, limits=limits):
                if isinstance(content, Problem):
                    fail(item, None, content.error, content.reason, None)
                    continue
                sha = hashlib.sha256(content).hexdigest()
                previous = None if retry_errors else out.previous_error(item.id, sha)
                if out.has_document(item.id, sha):
                    statuses[item.id] = None
                    stats.resumed += 1
                    report.advance()
                elif previous is not None:
                    statuses[item.id] = previous
                    stats.resumed += 1
                    report.message(f"reportparse: {previous}")
                    report.advance(failed=True)
                else:
                    pending[item.index] = (item, sha)
                    batch = {"id": item.id, "source": item.source, "member": item.member}
                    # Local workers write their documents themselves: the
                    # parent, alone against all workers, only dispatches.
                    target = str(out.document_path(item.id)) if runner.local_files else None
                    yield Task(item.index, content, item.name, limits, "json", batch, target)

        try:
            for outcome in run_all(runner, tasks()):
                item, sha = pending.pop(outcome.seq)
                stats.note(item, outcome)
                if outcome.ok:
                    out.write_document(item.id, outcome.payload)
                    statuses[item.id] = None
                    stats.converted += 1
                    report.advance()
                else:
                    fail(
                        item,
                        sha,
                        outcome.error or "InternalError",
                        outcome.reason or "",
                        outcome.detail,
                    )
            peak = runner.peak_rss
        finally:
            if owned:
                runner.close()
        converted = time.monotonic()
        run = {
            "engine": runner.name,
            "workers": workers_used,
            "timeout": timeout,
            "started": started,
            "converted": stats.converted,
            "failed": stats.failed,
            "resumed": stats.resumed,
            "planning_seconds": round(planned - clock, 3),
            "conversion_seconds": round(converted - planned, 3),
            "files_per_second": round(
                (stats.converted + stats.failed) / max(converted - planned, 1e-9), 2
            ),
            "parse_seconds": round(stats.parse_seconds, 3),
            "peak_worker_rss_bytes": peak,
            "slowest": [
                {"id": id_, "seconds": round(s, 3)}
                for s, id_ in sorted(stats.slowest, reverse=True)
            ],
        }
        summary = out.finish(items, statuses, run, clock=clock)
    except BaseException:
        report.close()
        raise
    finally:
        out.close()
    report.close(_final_line(summary))
    return summary


def parse_many(
    inputs: PathInput | Iterable[PathInput],
    *,
    workers: int | None = None,
    timeout: float = 120.0,
    engine: EngineChoice = "local",
    scheduler: Any = None,
    limits: Limits | None = None,
) -> Iterator[BatchResult]:
    """One :class:`BatchResult` per input (the report, or the error), in input order.

    Inputs are expanded as by :func:`convert_batch` (folders, archive
    members). Documents are parsed in worker processes with the same timeout
    and crash isolation; at most a few results per worker wait for an earlier,
    slower input, so memory stays bounded.
    """
    limits = _with_time_limit(limits or Limits(), timeout)
    items = plan_inputs(_as_list(inputs), limits=limits)
    runner, owned, size = _engine(engine, workers, timeout, scheduler)
    window = 4 * size + 4
    waiting: dict[int, BatchResult] = {}
    shas: dict[int, tuple[InputItem, str]] = {}
    order = [item.index for item in items]
    position = 0

    def take(outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            item, sha = shas.pop(outcome.seq)
            if outcome.ok:
                waiting[item.index] = _result(item, sha, report=outcome.payload)
            else:
                error = _error(
                    item,
                    sha,
                    outcome.error or "InternalError",
                    outcome.reason or "",
                    outcome.detail,
                )
                waiting[item.index] = _result(item, sha, error=error)

    def ready_results() -> Iterator[BatchResult]:
        nonlocal position
        while position < len(order) and order[position] in waiting:
            yield waiting.pop(order[position])
            position += 1

    try:
        for item, content in read_inputs(items, limits=limits):
            if isinstance(content, Problem):
                error = _error(item, None, content.error, content.reason, None)
                waiting[item.index] = _result(item, None, error=error)
            else:
                while not runner.ready() or (
                    runner.pending() and len(waiting) + runner.pending() >= window
                ):
                    take(runner.poll(None))
                    yield from ready_results()
                sha = hashlib.sha256(content).hexdigest()
                shas[item.index] = (item, sha)
                runner.submit(Task(item.index, content, item.name, limits, "report"))
                take(runner.poll(0))
            yield from ready_results()
        while runner.pending():
            take(runner.poll(None))
            yield from ready_results()
        yield from ready_results()
    finally:
        if owned:
            runner.close()


# --- helpers ----------------------------------------------------------------


class _Stats:
    def __init__(self) -> None:
        self.converted = self.failed = self.resumed = 0
        self.parse_seconds = 0.0
        self.slowest: list[tuple[float, str]] = []

    def note(self, item: InputItem, outcome: Outcome) -> None:
        self.parse_seconds += outcome.seconds
        entry = (outcome.seconds, item.id)
        if len(self.slowest) < _SLOWEST:
            heapq.heappush(self.slowest, entry)
        else:
            heapq.heappushpop(self.slowest, entry)


def _engine(
    engine: EngineChoice, workers: int | None, timeout: float, scheduler: Any
) -> tuple[Engine, bool, int]:
    """The engine to use, whether this batch owns (and closes) it, and its number of workers."""
    if not isinstance(engine, str):
        return engine, False, engine.size
    settings = EngineSettings(timeout=timeout)
    if engine == "local":
        size = workers or default_workers()
        return LocalEngine(size, settings), True, size
    if engine == "dask":
        if scheduler is None:
            raise ValueError("engine='dask' needs a scheduler address or Client")
        dask = DaskEngine(scheduler, settings)
        return dask, True, dask.size
    raise ValueError(f"unknown engine {engine!r}: 'local' or 'dask'")


def _with_time_limit(limits: Limits, timeout: float) -> Limits:
    """``limits`` whose own time limit is the batch's ``timeout``.

    The parser checks its time limit as it goes and gives up cleanly
    (``LimitExceededError``, the worker lives on); the engine kills a worker
    only a little later, for code that hangs where the parser cannot check.
    """
    if "max_seconds" not in {f.name for f in dataclasses.fields(limits)}:
        return limits
    return dataclasses.replace(limits, max_seconds=timeout)


def _as_list(inputs: PathInput | Iterable[PathInput]) -> list[PathInput]:
    if isinstance(inputs, str | os.PathLike):
        return [inputs]
    return list(inputs)


def _error(
    item: InputItem, sha: str | None, error: str, reason: str, detail: str | None
) -> BatchError:
    return BatchError(
        id=item.id,
        input=item.name,
        source=item.source,
        member=item.member,
        sha256=sha,
        error=error,
        reason=reason,
        detail=detail,
    )


def _result(item: InputItem, sha: str | None, **outcome: Any) -> BatchResult:
    return BatchResult(
        id=item.id, input=item.name, source=item.source, member=item.member, sha256=sha, **outcome
    )


def _final_line(summary: BatchSummary) -> str:
    run = summary.run
    resumed = f" ({run['resumed']} already done)" if run.get("resumed") else ""
    line = f"reportparse batch: {summary.inputs} inputs{resumed}: {summary.documents} converted"
    if summary.errors:
        where = os.path.join(summary.output, "errors.jsonl")
        line += f", {summary.errors} could not be read (see {where})"
    return f"{line}; {run.get('seconds', 0):.1f} s"
