"""Shared test helpers: fixture paths, the CLI as a function, and ../shared when it is there."""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from reportparse._cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WELFARE = "welfare-report-2024-q3"
WELFARE_FORMATS = ("txt", "html", "docx", "pdf")

# `pytest tests/fuzz --hypothesis-profile=fuzz` fuzzes the readers for long
# (docs/robustness.md). Registered here because hypothesis loads the profile
# before conftest files below tests/ are imported.
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("REPORTPARSE_FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# A batch's documents table says how long each file took, which no two runs
# agree on; everything else a batch writes must be the same bytes.
_TIMED = {"documents.csv", "documents.parquet"}


def batch_outputs(out: Path) -> dict[str, Any]:
    """Every file a batch wrote, as bytes; the documents table as rows without
    ``seconds``; ``summary.json`` without its per-run part."""
    import pyarrow.parquet as pq

    files: dict[str, Any] = {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in {"summary.json", ".lock", *_TIMED}
    }
    if (out / "documents.parquet").exists():
        table = pq.read_table(out / "documents.parquet")
        files["documents.parquet"] = table.drop_columns(["seconds"]).to_pylist()
    if (out / "documents.csv").exists():
        lines = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
        files["documents.csv"] = [line.rsplit(",", 1)[0] for line in lines]
    summary = json.loads((out / "summary.json").read_text())
    del summary["run"]
    files["summary.json"] = summary
    return files


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``reportparse ARGS…`` in-process and return its exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout; tests that need it skip on a user's fresh clone."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def scorer(shared: Path) -> ModuleType:
    """The project's evaluation script, ../shared/eval/score.py, as a module."""
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
