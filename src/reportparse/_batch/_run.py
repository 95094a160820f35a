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
    DEFAULT_WORKER_MEMORY,
    DaskEngine,
    Engine,
    EngineSettings,
    LocalEngine,
    default_workers,
    run_all,
)
from reportparse._batch._inputs import (
    InputItem,
    PathFilter,
    Plan,
    Problem,
    description_beside,
    mark_output,
    plan_batch,
    plan_inputs,
    read_inputs,
)
from reportparse._batch._outputs import OutputDir, Status
from reportparse._batch._progress import Progress, ProgressMode, make_progress
from reportparse._batch._protocol import Outcome, Task
from reportparse._batch._results import BatchError, BatchResult, BatchSummary
from reportparse._export._review import ReviewOptions
from reportparse._limits import Limits
from reportparse._readers import PdfEngine

__all__ = ["convert_batch", "parse_many"]

PathInput = str | os.PathLike[str]
EngineChoice = Literal["local", "dask"] | Engine
_SLOWEST = 5
_OWN_OUTPUT = "the output folder of this batch"


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
    password: str | None = None,
    review: bool | ReviewOptions = False,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    max_worker_memory: int | None = DEFAULT_WORKER_MEMORY,
    pdf_engine: PdfEngine | None = None,
) -> BatchSummary:
    """Convert every input into ``output``; return what was written.

    ``inputs``: files, folders (recursive) and ``.zip``/``.tar``/``.tar.gz``
    archives (read member by member, never unpacked to disk). ``output``
    receives ``documents/<id>.json``, ``errors.jsonl``, ``summary.json`` and the
    tables ``observations``, ``facts``, ``warnings``, ``documents`` (CSV, Parquet).

    Inputs already converted into ``output`` (same id, same sha256) are
    skipped, and so are inputs whose failure is recorded there unless
    ``retry_errors``; an interrupted batch is finished by running it again.
    ``workers`` defaults to this machine's CPUs; ``engine="dask"`` sends the
    work to the cluster at ``scheduler`` (an address or a ``Client``).
    ``progress``: ``auto``, ``bar``, ``log`` or ``quiet``; ``password``: of encrypted PDFs;
    ``pdf_engine``: the library that reads PDFs' pages.
    ``include``/``exclude``: globs choosing the files (a batch's output is never read);
    ``max_worker_memory``: bytes a worker may grow to on one file (None: no limit);
    ``review``: a review page per document and an index (docs/review.md).
    """
    clock, started = time.monotonic(), datetime.now(UTC).isoformat(timespec="seconds")
    limits = _with_time_limit(limits or Limits(), timeout)
    report = progress if not isinstance(progress, str) else make_progress(progress)
    settings = EngineSettings(timeout=timeout, max_memory=max_worker_memory)
    out = OutputDir(output)
    out.open()
    try:
        plan = _plan(out, inputs, limits, PathFilter(include, exclude), report)
        items = plan.items
        conversion = _Conversion(
            out, report, limits, retry_errors, password, review=review, pdf_engine=pdf_engine
        )
        peak = conversion.run(items, engine, workers, settings, scheduler)
        run = _run_record(conversion, plan=plan, started=started, clock=clock, peak=peak)
        seconds = conversion.stats.seconds
        summary = out.finish(items, conversion.statuses, run, clock=clock, seconds=seconds)
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
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    max_worker_memory: int | None = DEFAULT_WORKER_MEMORY,
) -> Iterator[BatchResult]:
    """One :class:`BatchResult` per input (the report, or the error), in input order.

    Inputs are expanded as by :func:`convert_batch` (folders, archive
    members, ``include`` and ``exclude``). Documents are parsed in worker
    processes with the same timeout, memory limit and crash isolation; at
    most a few results per worker wait for an earlier, slower input, so
    memory stays bounded.
    """
    limits = _with_time_limit(limits or Limits(), timeout)
    items = plan_inputs(_as_list(inputs), limits=limits, patterns=PathFilter(include, exclude))
    settings = EngineSettings(timeout=timeout, max_memory=max_worker_memory)
    runner, owned, size = _engine(engine, workers, settings, scheduler)
    window = 4 * size + 4
    results = _InOrder(items)
    try:
        for item, content in read_inputs(items, limits=limits):
            if isinstance(content, Problem):
                error = _error(item, None, content.error, content.reason, None)
                results.hold(item, _result(item, None, error=error))
            else:
                while not runner.ready() or (
                    runner.pending() and results.held() + runner.pending() >= window
                ):
                    results.take(runner.poll(None))
                    yield from results.ready()
                sha = hashlib.sha256(content).hexdigest()
                results.submitted[item.index] = (item, sha)
                runner.submit(
                    Task(
                        item.index,
                        content,
                        item.name,
                        limits,
                        "report",
                        describe=description_beside(item),
                    )
                )
                results.take(runner.poll(0))
            yield from results.ready()
        while runner.pending():
            results.take(runner.poll(None))
            yield from results.ready()
        yield from results.ready()
    finally:
        if owned:
            runner.close()


# --- helpers ----------------------------------------------------------------


def _review(
    out: OutputDir, items: list[InputItem], conversion: _Conversion, review: bool | ReviewOptions
) -> None:
    """``--review``: the review pages, once everything else is written."""
    from reportparse._batch._review import write_reviews

    options = review if isinstance(review, ReviewOptions) else ReviewOptions()
    write_reviews(
        out.path,
        items,
        conversion.statuses,
        conversion.stats.seconds,
        limits=conversion.limits,
        password=conversion.password,
        options=options,
    )


class _Stats:
    def __init__(self) -> None:
        self.converted = self.failed = self.resumed = 0
        self.parse_seconds = 0.0
        self.slowest: list[tuple[float, str]] = []
        self.seconds: dict[str, float] = {}

    def note(self, item: InputItem, outcome: Outcome) -> None:
        self.parse_seconds += outcome.seconds
        self.seconds[item.id] = round(outcome.seconds, 3)
        entry = (outcome.seconds, item.id)
        if len(self.slowest) < _SLOWEST:
            heapq.heappush(self.slowest, entry)
        else:
            heapq.heappushpop(self.slowest, entry)


class _Conversion:
    """What each input of one ``convert_batch`` came to, and which are still with a worker."""

    def __init__(
        self,
        out: OutputDir,
        report: Progress,
        limits: Limits,
        retry_errors: bool,
        password: str | None = None,
        *,
        review: bool | ReviewOptions = False,
        pdf_engine: PdfEngine | None = None,
    ) -> None:
        self.pdf_engine = pdf_engine
        self.out = out
        self.report = report
        self.limits = limits
        self.retry_errors = retry_errors
        self.password = password
        self.statuses: dict[str, Status] = {}
        self.pending: dict[int, tuple[InputItem, str]] = {}
        self.stats = _Stats()
        self.review = review
        #: The engine's name and its number of workers, once run.
        self.engine = ""
        self.size = 0
        #: time.monotonic() as the conversion began and ended.
        self.began = self.ended = 0.0
        self.settings = EngineSettings()
        self.timeout = self.settings.timeout

    def run(
        self,
        items: list[InputItem],
        engine: EngineChoice,
        workers: int | None,
        settings: EngineSettings,
        scheduler: Any,
    ) -> int | None:
        """Convert ``items`` on ``engine`` and record every outcome; the workers' peak RSS."""
        self.began = time.monotonic()
        self.timeout = settings.timeout
        runner, owned, self.size = _engine(engine, workers, settings, scheduler)
        self.engine = runner.name
        # An engine given ready-made has its own settings (its memory limit).
        self.settings = getattr(runner, "settings", settings)
        try:
            for outcome in run_all(runner, self._tasks(runner, items)):
                self._record(outcome)
            peak = runner.peak_rss
        finally:
            if owned:
                runner.close()
        self.ended = time.monotonic()
        if self.review:  # every document is written and every status known
            _review(self.out, items, self, self.review)
        return peak

    def _tasks(self, runner: Engine, items: list[InputItem]) -> Iterator[Task]:
        """The tasks for the inputs that can be read and are not done already."""
        out = self.out
        for item, content in read_inputs(items, limits=self.limits):
            if isinstance(content, Problem):
                self._fail(_error(item, None, content.error, content.reason, None))
                continue
            sha = hashlib.sha256(content).hexdigest()
            if self._resumed(item, sha):
                continue
            self.pending[item.index] = (item, sha)
            batch = {"id": item.id, "source": item.source, "member": item.member}
            # Local workers write their documents themselves: the
            # parent, alone against all workers, only dispatches.
            target = str(out.document_path(item.id)) if runner.local_files else None
            yield Task(
                item.index,
                content,
                item.name,
                self.limits,
                "json",
                batch,
                target,
                description_beside(item),
                self.password,
                self.pdf_engine,
            )

    def _resumed(self, item: InputItem, sha: str) -> bool:
        """Whether an earlier run into this output already settled ``item`` (then counted here)."""
        out, report = self.out, self.report
        previous = None if self.retry_errors else out.previous_error(item.id, sha)
        if out.has_document(item.id, sha):
            self.statuses[item.id] = None
            self.stats.resumed += 1
            report.advance()
            return True
        if previous is not None:
            self.statuses[item.id] = previous
            self.stats.resumed += 1
            report.message(f"reportparse: {previous}")
            report.advance(failed=True)
            return True
        return False

    def _record(self, outcome: Outcome) -> None:
        item, sha = self.pending.pop(outcome.seq)
        self.stats.note(item, outcome)
        if outcome.ok:
            self.out.write_document(item.id, outcome.payload)
            self.statuses[item.id] = None
            self.stats.converted += 1
            self.report.advance()
        else:
            self._fail(_outcome_error(item, sha, outcome))

    def _fail(self, record: BatchError) -> None:
        self.statuses[record.id] = record
        self.out.record_error(record)
        self.stats.failed += 1
        self.report.message(f"reportparse: {record}")
        self.report.advance(failed=True)


class _InOrder:
    """``parse_many``'s results, held back until every earlier input's result is out."""

    def __init__(self, items: list[InputItem]) -> None:
        self.submitted: dict[int, tuple[InputItem, str]] = {}
        self._waiting: dict[int, BatchResult] = {}
        self._order = [item.index for item in items]
        self._position = 0

    def held(self) -> int:
        return len(self._waiting)

    def hold(self, item: InputItem, result: BatchResult) -> None:
        self._waiting[item.index] = result

    def take(self, outcomes: list[Outcome]) -> None:
        """Hold the results of these outcomes of submitted inputs."""
        for outcome in outcomes:
            item, sha = self.submitted.pop(outcome.seq)
            if outcome.ok:
                self.hold(item, _result(item, sha, report=outcome.payload))
            else:
                self.hold(item, _result(item, sha, error=_outcome_error(item, sha, outcome)))

    def ready(self) -> Iterator[BatchResult]:
        """The held results whose earlier inputs have all been handed out, in input order."""
        while self._position < len(self._order) and self._order[self._position] in self._waiting:
            yield self._waiting.pop(self._order[self._position])
            self._position += 1


def _plan(
    out: OutputDir,
    inputs: PathInput | Iterable[PathInput],
    limits: Limits,
    patterns: PathFilter,
    report: Progress,
) -> Plan:
    """Mark ``out`` as a batch's output, then list the inputs, never reading a batch's output."""
    mark_output(out.path)
    plan = plan_batch(_as_list(inputs), limits=limits, exclude=[out.path], patterns=patterns)
    report.start(len(plan.items))
    for skipped in plan.skipped:
        if skipped.reason != _OWN_OUTPUT:
            report.message(f"reportparse batch: skipped {skipped.folder} ({skipped.reason})")
    return plan


def _run_record(
    conversion: _Conversion,
    *,
    plan: Plan,
    started: str,
    clock: float,
    peak: int | None,
) -> dict[str, Any]:
    """The ``run`` section of ``summary.json``; ``clock``: :func:`time.monotonic` at the start."""
    stats, planned, converted = conversion.stats, conversion.began, conversion.ended
    return {
        "engine": conversion.engine,
        "workers": conversion.size,
        "timeout": conversion.timeout,
        "max_worker_memory": conversion.settings.max_memory,
        "started": started,
        "converted": stats.converted,
        "failed": stats.failed,
        "resumed": stats.resumed,
        "skipped_folders": [skipped.to_dict() for skipped in plan.skipped],
        "filtered_out": plan.filtered,
        "planning_seconds": round(planned - clock, 3),
        "conversion_seconds": round(converted - planned, 3),
        "files_per_second": round(
            (stats.converted + stats.failed) / max(converted - planned, 1e-9), 2
        ),
        "parse_seconds": round(stats.parse_seconds, 3),
        "peak_worker_rss_bytes": peak,
        "slowest": [
            {"id": id_, "seconds": round(s, 3)} for s, id_ in sorted(stats.slowest, reverse=True)
        ],
    }


def _engine(
    engine: EngineChoice, workers: int | None, settings: EngineSettings, scheduler: Any
) -> tuple[Engine, bool, int]:
    """The engine to use, whether this batch owns (and closes) it, and its number of workers."""
    if not isinstance(engine, str):
        return engine, False, engine.size
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


def _outcome_error(item: InputItem, sha: str | None, outcome: Outcome) -> BatchError:
    return _error(item, sha, outcome.error or "InternalError", outcome.reason or "", outcome.detail)


def _result(item: InputItem, sha: str | None, **outcome: Any) -> BatchResult:
    return BatchResult(
        id=item.id, input=item.name, source=item.source, member=item.member, sha256=sha, **outcome
    )


def _final_line(summary: BatchSummary) -> str:
    run = summary.run
    resumed = f" ({run['resumed']} already done)" if run.get("resumed") else ""
    line = f"reportparse batch: {summary.inputs} inputs{resumed}: {summary.documents} converted"
    if summary.not_reports:
        line += f" ({len(summary.not_reports)} not reports: see summary.json)"
    if summary.errors:
        where = os.path.join(summary.output, "errors.jsonl")
        line += f", {summary.errors} could not be read (see {where})"
    if "parquet" in run:
        line += "; CSV tables only (pip install 'reportparse[frames]' for Parquet)"
    return f"{line}; {run.get('seconds', 0):.1f} s"
