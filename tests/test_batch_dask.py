"""Acceptance: the Dask engine writes the same outputs as the local one, byte for byte."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import reportparse
from conftest import FIXTURES, SAMPLES, WELFARE, batch_outputs
from reportparse._batch._engines import DaskEngine, EngineSettings

sys.path.insert(0, str(FIXTURES / "batch"))
from batch_corpus import make_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_dask_and_local_engines_write_identical_outputs(
    cli: Any, scheduler: str, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path, 120, seed=3, pdfs=2, corrupt=0.05)
    inputs = [str(p) for p in corpus.inputs]
    local, dask = tmp_path / "local", tmp_path / "dask"

    assert cli("batch", *inputs, "-o", str(local), "-j", "2", "--quiet").code == 2
    result = cli(
        "batch", *inputs, "-o", str(dask), "--engine", "dask", "--scheduler", scheduler, "--quiet"
    )
    assert result.code == 2, result.err

    assert (dask / "observations.csv").read_bytes() == (local / "observations.csv").read_bytes()
    assert batch_outputs(dask) == batch_outputs(local)
    run = json.loads((dask / "summary.json").read_text())["run"]
    assert (run["engine"], run["workers"]) == ("dask", 2)


def test_timeouts_and_crashes_behave_the_same_on_dask(scheduler: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / f"{WELFARE}.txt").read_bytes()
    for name, data in {"a.txt": text, "hang.txt": b"HANG", "exit.txt": b"EXIT"}.items():
        (folder / name).write_bytes(data)
    engine = DaskEngine(scheduler, EngineSettings(timeout=2.0, parse="batch_misbehave:parse"))
    try:
        summary = reportparse.convert_batch(
            folder, tmp_path / "out", engine=engine, progress="quiet"
        )
    finally:
        engine.close()
    reasons = {Path(e.input).name: e.reason for e in summary.error_records}
    assert reasons == {"exit.txt": "worker crashed", "hang.txt": "timed out after 2 s"}
    assert summary.documents == 1


def test_parse_many_on_dask_keeps_the_input_order(scheduler: str) -> None:
    local = list(reportparse.parse_many([SAMPLES], workers=2))
    dask = list(reportparse.parse_many([SAMPLES], engine="dask", scheduler=scheduler))
    assert [r.input for r in dask] == [r.input for r in local]
    assert [r.report for r in dask] == [r.report for r in local]
