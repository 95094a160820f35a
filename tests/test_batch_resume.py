"""Acceptance: a batch killed part-way (SIGKILL) and run again ends with the outputs of one run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reportparse
from conftest import FIXTURES, batch_outputs

sys.path.insert(0, str(FIXTURES / "batch"))
from batch_corpus import make_corpus

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env


def test_a_batch_killed_part_way_resumes_to_the_same_outputs(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 400, seed=2, pdfs=1, corrupt=0.02)
    killed = tmp_path / "killed"
    command = [sys.executable, "-m", "reportparse", "batch", *map(str, corpus.inputs)]
    process = subprocess.Popen(
        [*command, "-o", str(killed), "-j", "2", "--quiet"],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    documents = killed / "documents"
    while time.monotonic() < deadline and process.poll() is None:
        workers.update(_children(process.pid))
        if documents.is_dir() and sum(1 for _ in documents.iterdir()) >= 40:
            break
        time.sleep(0.02)
    assert process.poll() is None, process.stderr.read() if process.stderr else ""
    # Without workers seen, the orphan check below would hold of nothing.
    assert workers, "no worker process of the batch was seen"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (killed / "summary.json").exists()
    done_before = sum(1 for p in documents.iterdir() if p.suffix == ".json")
    assert 40 <= done_before < len(corpus.good)

    # The orphaned workers notice and leave instead of running on.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)

    rerun = subprocess.run(
        [*command, "-o", str(killed), "-j", "2", "--quiet"], env=_env(), check=False
    )
    assert rerun.returncode == 2  # the corrupt 2%
    summary = json.loads((killed / "summary.json").read_text())
    assert summary["run"]["resumed"] >= done_before

    whole = tmp_path / "whole"
    reportparse.convert_batch(corpus.inputs, whole, workers=2, progress="quiet")
    assert batch_outputs(killed) == batch_outputs(whole)
    # No temporary files left: only the lock and the marker of a batch output.
    assert not [p for p in killed.rglob(".*") if p.name not in {".lock", ".reportparse-batch"}]
