"""The local engine: a hung file times out, a crashed worker is one error, workers are recycled."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

import reportparse
from conftest import FIXTURES, SAMPLES, WELFARE
from reportparse import Limits
from reportparse._batch._engines import EngineSettings, LocalEngine, run_all
from reportparse._batch._protocol import Outcome, Task

# Workers import the misbehaving parse from here: they inherit this sys.path.
sys.path.insert(0, str(FIXTURES / "batch"))

MISBEHAVE = "batch_misbehave:parse"
TXT = (SAMPLES / f"{WELFARE}.txt").read_bytes()


def _task(seq: int, data: bytes, want: str = "report") -> Task:
    return Task(seq, data, f"doc-{seq}.txt", Limits(), want)  # type: ignore[arg-type]


@pytest.fixture
def engine() -> Iterator[LocalEngine]:
    with LocalEngine(2, EngineSettings(timeout=3.0, parse=MISBEHAVE)) as local:
        yield local


def _run(engine: LocalEngine, datas: list[bytes]) -> dict[int, Outcome]:
    outcomes = {o.seq: o for o in run_all(engine, [_task(i, d) for i, d in enumerate(datas)])}
    assert sorted(outcomes) == list(range(len(datas)))
    return outcomes


def test_a_hung_file_times_out_and_the_rest_still_converts(engine: LocalEngine) -> None:
    outcomes = _run(engine, [TXT, b"HANG", TXT, TXT])
    assert (outcomes[1].ok, outcomes[1].error) == (False, "TimeoutError")
    assert outcomes[1].reason == "timed out after 3 s"
    assert all(outcomes[i].ok for i in (0, 2, 3))
    assert isinstance(outcomes[0].payload, reportparse.Report)


@pytest.mark.parametrize("data", [b"EXIT", b"SEGV"])
def test_a_crashed_worker_is_one_error_and_a_new_worker_takes_its_place(
    engine: LocalEngine, data: bytes
) -> None:
    outcomes = _run(engine, [data, TXT, data, TXT, TXT])
    for i in (0, 2):
        assert (outcomes[i].error, outcomes[i].reason) == ("WorkerCrashError", "worker crashed")
    assert outcomes[0].detail in {"exit code 7", "killed by signal 11 (SIGSEGV)"}
    assert all(outcomes[i].ok for i in (1, 3, 4))


def test_an_unexpected_exception_is_an_internal_error_on_one_line(engine: LocalEngine) -> None:
    outcomes = _run(engine, [b"BUG", TXT])
    assert outcomes[0].error == "InternalError"
    assert outcomes[0].reason == "internal error (RuntimeError: boom)"
    assert outcomes[1].ok


def test_memory_error_without_a_memory_limit_counts_as_a_crash_and_replaces_the_worker() -> None:
    with LocalEngine(1, EngineSettings(timeout=3.0, parse=MISBEHAVE, max_memory=None)) as local:
        outcomes = _run(local, [b"NOMEM", b"PID", TXT])
    assert (outcomes[0].error, outcomes[0].detail) == ("WorkerCrashError", "out of memory")
    assert outcomes[1].reason != outcomes[0].reason and outcomes[2].ok


LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc")
SMALL = 256 * 1024 * 1024


def _pids_around(outcomes: dict[int, Outcome], seq: int) -> tuple[str | None, str | None]:
    return outcomes[seq - 1].reason, outcomes[seq + 1].reason


@LINUX
@pytest.mark.parametrize("data", [b"NOMEM", b"GROW"])
def test_a_file_past_the_memory_limit_fails_with_memory_limit_and_its_worker_is_replaced(
    data: bytes,
) -> None:
    import time

    settings = EngineSettings(timeout=30.0, parse=MISBEHAVE, max_memory=SMALL)
    start = time.monotonic()
    with LocalEngine(1, settings) as local:
        outcomes = _run(local, [b"PID", data, b"PID", TXT])
    assert time.monotonic() - start < 20  # the allocation failed: no waiting for the timeout
    failed = outcomes[1]
    assert (failed.ok, failed.error, failed.detail) == (False, "LimitExceededError", "memory_limit")
    assert failed.reason == "needs more than 256 MiB of memory (the worker memory limit)"
    assert failed.seconds > 0  # the worker's own outcome: its allocation failed
    before, after = _pids_around(outcomes, 1)
    assert before != after  # a fresh worker
    assert outcomes[3].ok


@LINUX
def test_the_parent_kills_a_worker_whose_resident_memory_passes_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    # The address space is the worker's before the task: only the parent's watch can see it fill.
    monkeypatch.setenv("BATCH_MISBEHAVE_RESERVE", str(3 * SMALL))
    settings = EngineSettings(timeout=30.0, parse=MISBEHAVE, max_memory=SMALL)
    start = time.monotonic()
    with LocalEngine(1, settings) as local:
        outcomes = _run(local, [b"PID", b"TOUCH", b"PID", TXT])
        assert local.peak_rss is not None and local.peak_rss > SMALL
    assert time.monotonic() - start < 20
    failed = outcomes[1]
    assert (failed.error, failed.detail) == ("LimitExceededError", "memory_limit")
    assert "256 MiB" in (failed.reason or "")
    assert failed.seconds == 0  # the parent's outcome: it killed the worker
    before, after = _pids_around(outcomes, 1)
    assert before != after and outcomes[3].ok


def test_workers_are_recycled_at_half_the_memory_limit_if_that_is_lower() -> None:
    assert EngineSettings(max_memory=None).recycle_at == 512 * 1024 * 1024
    assert EngineSettings(max_memory=SMALL).recycle_at == SMALL // 2
    assert EngineSettings().recycle_at == 512 * 1024 * 1024


def test_a_parse_error_keeps_its_class_and_reason(engine: LocalEngine) -> None:
    outcomes = _run(engine, [b"", b"\x00\x01\x02" * 100])
    assert (outcomes[0].error, outcomes[0].reason) == ("EmptyFileError", "empty file")
    assert outcomes[1].error == "UnsupportedFormatError"


def test_stdout_noise_from_a_library_does_not_break_the_channel(engine: LocalEngine) -> None:
    outcomes = _run(engine, [b"NOISE" + TXT, TXT])
    assert outcomes[0].ok and outcomes[1].ok


def test_json_tasks_return_the_documents_bytes_with_the_batch_key() -> None:
    task = Task(0, TXT, "q3.txt", Limits(), "json", {"id": "q3", "source": "q3.txt"})
    with LocalEngine(1) as local:
        (outcome,) = run_all(local, [task])
    assert outcome.ok
    assert outcome.payload.startswith(b'{"reportparse": ')
    assert outcome.payload.endswith(b'"batch": {"id": "q3", "source": "q3.txt"}}\n')
    assert outcome.peak_rss is None or outcome.peak_rss > 1_000_000


def test_workers_are_recycled_after_their_quota_of_tasks() -> None:
    settings = EngineSettings(parse=MISBEHAVE, max_tasks_per_worker=2)
    with LocalEngine(1, settings) as local:
        outcomes = list(run_all(local, [_task(i, b"PID") for i in range(6)]))
    pids = [o.reason for o in sorted(outcomes, key=lambda o: o.seq)]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4] == pids[5]


def test_workers_are_recycled_when_their_memory_grows() -> None:
    settings = EngineSettings(parse=MISBEHAVE, recycle_rss=1)
    with LocalEngine(1, settings) as local:
        outcomes = list(run_all(local, [_task(i, b"PID") for i in range(3)]))
    assert len({o.reason for o in outcomes}) == 3


def test_a_worker_that_cannot_start_is_reported_not_retried_forever() -> None:
    from reportparse._batch._engines import WorkerStartError

    with (
        LocalEngine(1, EngineSettings(parse="no_such_module_anywhere:parse")) as local,
        pytest.raises(WorkerStartError, match="No module named"),
    ):
        list(run_all(local, [_task(0, TXT)]))
