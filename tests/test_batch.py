"""`reportparse batch` and the batch API: outputs, errors, exit codes, resuming, parse_many."""

from __future__ import annotations

import csv
import json
import shutil
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import simplejson

import reportparse
from conftest import FIXTURES, SAMPLES, WELFARE, WELFARE_FORMATS, batch_outputs
from reportparse._batch._engines import EngineSettings, LocalEngine
from reportparse._records._columns import TABLES, names

OBSERVATION_COLUMNS = names(TABLES["observations"].all_columns)
FACT_COLUMNS = names(TABLES["facts"].all_columns)

sys.path.insert(0, str(FIXTURES / "batch"))  # the misbehaving parse, for the workers too

CONTRACT_KEYS = {"reportparse", "source", "report", "tables", "observations", "fields", "facts"}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """The welfare report in four formats and the prose samples, one of them in a zip."""
    folder = tmp_path / "in"
    (folder / "q3").mkdir(parents=True)
    for ext in WELFARE_FORMATS:
        shutil.copy(SAMPLES / f"{WELFARE}.{ext}", folder / "q3" / f"{WELFARE}.{ext}")
    prose = sorted(p for p in SAMPLES.glob("*.txt") if not p.name.startswith(WELFARE))
    for path in prose[1:]:
        shutil.copy(path, folder / path.name)
    with zipfile.ZipFile(folder / "more.zip", "w") as archive:
        archive.write(prose[0], f"prose/{prose[0].name}")
        archive.write(SAMPLES / f"{WELFARE}.txt", f"dup/{WELFARE}.txt")
    return folder


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    shutil.copy(SAMPLES / f"{WELFARE}.html", folder / "good.html")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "text.pdf").write_text("Tikai teksts.\n")
    pdf = (SAMPLES / f"{WELFARE}.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.writestr("../escape.txt", "x")
        archive.writestr("ok.txt", (SAMPLES / f"{WELFARE}.txt").read_bytes())
    return folder


def _summary(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "summary.json").read_text())
    return data


def _errors(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]


def test_batch_writes_documents_tables_and_summary(cli: Any, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("batch", str(inputs), "-o", str(out), "-j", "2")
    assert result.code == 0, result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    assert "reportparse batch: 9 inputs: 9 converted" in result.err.splitlines()[-1]

    documents = sorted((out / "documents").glob("*.json"))
    assert len(documents) == 9
    loaded = [simplejson.loads(p.read_text(), use_decimal=True) for p in documents]
    assert all(set(d) >= CONTRACT_KEYS for d in loaded)
    assert {d["batch"]["id"] + ".json" for d in loaded} == {p.name for p in documents}
    members = {d["batch"]["member"] for d in loaded} - {None}
    assert members == {f"dup/{WELFARE}.txt", next(iter(members - {f"dup/{WELFARE}.txt"}))}
    assert (out / "errors.jsonl").read_text() == ""

    summary = _summary(out)
    counts = summary["counts"]
    assert counts["inputs"] == counts["documents"] + counts["errors"] == 9
    assert counts["observations"] == sum(len(d["observations"]) for d in loaded)
    assert counts["facts"] == sum(len(d["facts"]) for d in loaded)
    assert summary["formats"] == {"docx": 1, "html": 1, "pdf": 1, "text": 6}
    assert summary["failures"] == {}
    assert summary["run"]["converted"] == 9
    assert summary["run"]["workers"] == 2

    with (out / "observations.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert tuple(rows[0]) == OBSERVATION_COLUMNS
    assert len(rows) == counts["observations"]
    with (out / "facts.csv").open(encoding="utf-8") as stream:
        assert next(csv.reader(stream)) == list(FACT_COLUMNS)


def test_csv_and_parquet_hold_the_same_exact_values(inputs: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "out"
    reportparse.convert_batch([inputs], out, workers=2, progress="quiet")
    frame = pd.read_parquet(out / "observations.parquet")
    table = pd.read_csv(out / "observations.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(OBSERVATION_COLUMNS) == list(table.columns)
    assert len(frame) == len(table) > 1000
    values = [Decimal(v) if v else None for v in table["value"]]
    assert [None if pd.isna(v) else v for v in frame["value"]] == values
    assert Decimal("49582.43") in values
    assert table["source"].str.endswith(".zip").any()
    # One report in four formats gives the same numbers in the same place.
    welfare = frame[frame["document_id"].str.contains("welfare-report-2024-q3.html")]
    docx = frame[frame["document_id"].str.contains("welfare-report-2024-q3.docx")]
    assert list(welfare["value"]) == list(docx["value"])


def test_bad_inputs_are_recorded_and_the_exit_code_is_2(cli: Any, tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    out = tmp_path / "out"
    result = cli("batch", str(folder), str(tmp_path / "missing.pdf"), "-o", str(out), "-j", "2")
    assert result.code == 2
    assert "Traceback" not in result.err
    errors = _errors(out)
    reasons = {e["input"].removeprefix(f"{tmp_path}/"): (e["error"], e["reason"]) for e in errors}
    assert reasons == {
        "bad/archive.zip!../escape.txt": (
            "UnsafePathError",
            "unsafe member path refused (absolute or with '..')",
        ),
        "bad/empty.txt": ("EmptyFileError", "empty file"),
        "bad/text.pdf": reasons["bad/text.pdf"],
        "bad/truncated.pdf": reasons["bad/truncated.pdf"],
        "missing.pdf": ("ReportParseError", "no such file"),
    }
    assert list(reasons) == sorted(reasons)  # input order: the folder's, then the next input
    assert reasons["bad/text.pdf"][1].startswith("not a PDF")
    assert "truncated" in reasons["bad/truncated.pdf"][1]
    for error in errors:
        assert f"reportparse: {error['input']}: {error['reason']}" in result.err
        assert set(error) == {
            "id", "input", "source", "member", "sha256", "error", "reason", "detail",
        }  # fmt: skip
    # Every input is in exactly one of documents/ and errors.jsonl.
    documents = {p.stem for p in (out / "documents").glob("*.json")}
    assert len(documents) == 2
    assert documents.isdisjoint(e["id"] for e in errors)
    counts = _summary(out)["counts"]
    assert (counts["inputs"], counts["documents"], counts["errors"]) == (7, 2, 5)


def test_quiet_prints_nothing(cli: Any, tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    result = cli("batch", str(folder), "-o", str(tmp_path / "out"), "--quiet")
    assert (result.code, result.out, result.err) == (2, "", "")


def test_a_rerun_skips_what_is_done_and_changes_nothing(
    cli: Any, inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cli("batch", str(inputs), "-o", str(out), "-j", "2").code == 0
    first = batch_outputs(out)
    result = cli("batch", str(inputs), "-o", str(out), "-j", "2")
    assert result.code == 0
    assert "9 inputs (9 already done): 9 converted" in result.err
    assert batch_outputs(out) == first
    run = _summary(out)["run"]
    assert (run["resumed"], run["converted"]) == (9, 0)


def test_a_changed_input_is_converted_again(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    reportparse.convert_batch([inputs], out, workers=1, progress="quiet")
    changed = inputs / "q3" / f"{WELFARE}.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("316", "317"), encoding="utf-8")
    broken = inputs / "q3" / f"{WELFARE}.html"
    broken.write_bytes(b"")
    summary = reportparse.convert_batch([inputs], out, workers=1, progress="quiet")
    assert (summary.run["converted"], summary.run["failed"], summary.run["resumed"]) == (1, 1, 7)
    assert summary.documents == 8
    (error,) = summary.error_records
    assert error.input == str(broken)
    assert not (out / "documents" / f"{error.id}.json").exists()
    assert _errors(out) == [error.to_dict()]


def test_recorded_errors_are_skipped_unless_retried(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    out = tmp_path / "out"
    first = reportparse.convert_batch([folder], out, workers=1, progress="quiet")
    again = reportparse.convert_batch([folder], out, workers=1, progress="quiet")
    # Only the unsafe member is refused anew: it is never read, so it has no sha256.
    assert (again.run["resumed"], again.run["failed"]) == (5, 1)
    retried = reportparse.convert_batch(
        [folder], out, workers=1, progress="quiet", retry_errors=True
    )
    assert (retried.run["resumed"], retried.run["failed"]) == (2, 4)
    assert first.error_records == again.error_records == retried.error_records


def test_timeouts_and_crashes_become_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / f"{WELFARE}.txt").read_bytes()
    for name, data in {
        "a.txt": text, "hang.txt": b"HANG", "exit.txt": b"EXIT", "bug.txt": b"BUG", "z.txt": text,
    }.items():  # fmt: skip
        (folder / name).write_bytes(data)
    settings = EngineSettings(timeout=2.0, parse="batch_misbehave:parse")
    with LocalEngine(2, settings) as engine:
        summary = reportparse.convert_batch(
            folder, tmp_path / "out", engine=engine, progress="quiet"
        )
    reasons = {Path(e.input).name: e.reason for e in summary.error_records}
    assert reasons == {
        "bug.txt": "internal error (RuntimeError: boom)",
        "exit.txt": "worker crashed",
        "hang.txt": "timed out after 2 s",
    }
    assert summary.documents == 2
    assert summary.failures == {"InternalError": 1, "TimeoutError": 1, "WorkerCrashError": 1}


def test_parse_many_yields_one_result_per_input_in_order(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    results = list(reportparse.parse_many([folder, SAMPLES / f"{WELFARE}.docx"], workers=2))
    expected = [item.name for item in reportparse._batch._inputs.plan_inputs([folder])]
    assert [r.input for r in results] == [*expected, str(SAMPLES / f"{WELFARE}.docx")]
    assert [r.ok for r in results] == [False, True, False, True, False, False, True]
    assert results[1].report is not None and results[1].report.observations
    assert results[1].sha256 == results[1].report.source.sha256
    failed = results[0]
    assert failed.report is None and failed.error is not None
    assert failed.error.reason == "unsafe member path refused (absolute or with '..')"


def test_parse_many_stops_its_workers_when_the_caller_stops(tmp_path: Path) -> None:
    results = reportparse.parse_many([SAMPLES], workers=2)
    first = next(results)
    assert first.ok
    results.close()


def test_the_output_folder_inside_an_input_folder_is_not_read(inputs: Path) -> None:
    out = inputs / "out"
    reportparse.convert_batch(inputs, out, workers=2, progress="quiet")
    summary = reportparse.convert_batch(inputs, out, workers=2, progress="quiet")
    assert summary.inputs == 9


def test_a_second_batch_on_the_same_folder_is_refused(cli: Any, tmp_path: Path) -> None:
    from reportparse._batch._outputs import OutputDir

    pytest.importorskip("fcntl")
    out = tmp_path / "out"
    with OutputDir(out):
        result = cli("batch", str(SAMPLES / f"{WELFARE}.txt"), "-o", str(out))
    assert result.code == 2
    assert result.err.strip() == f"reportparse batch: {out}: another batch is writing to it"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x.pdf", "-o", "o", "--engine", "dask"], "--engine dask needs --scheduler"),
        (["x.pdf"], "required: -o/--output"),
        (["x.pdf", "-o", "o", "-j", "0"], "not a positive number"),
        (["x.pdf", "-o", "o", "--timeout", "-1"], "--timeout must be a positive number"),
        (["x.pdf", "-o", "o", "--max-worker-memory", "10M"], "less than 64M"),
        (["x.pdf", "-o", "o", "--max-worker-memory", "lots"], "not a size"),
        (["x.pdf", "-o", "o", "--include"], "expected one argument"),
        (["x.pdf", "-o", "o", "--exclude", ""], "an empty pattern matches no file"),
        (["x.pdf", "-o", "o", "--format", "text"], "unrecognized arguments: --format"),
    ],
)
def test_usage_errors_exit_2(cli: Any, args: list[str], message: str) -> None:
    result = cli("batch", *args)
    assert result.code == 2
    assert message in result.err


def test_archive_limits_are_settable_on_the_command_line(cli: Any, tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("r.txt", (SAMPLES / f"{WELFARE}.txt").read_bytes())
    out = tmp_path / "out"
    result = cli("batch", str(archive), "-o", str(out), "--max-unzipped-bytes", "1000")
    assert result.code == 2
    assert "zip bomb refused" in result.err
    assert _errors(out)[0]["error"] == "LimitExceededError"
    assert cli("batch", str(archive), "-o", str(out)).code == 0
    assert _summary(out)["counts"]["documents"] == 1
    assert (out / "errors.jsonl").read_text() == ""


def test_the_progress_bar_shows_files_rate_and_errors(tmp_path: Path) -> None:
    import io

    from reportparse._batch._progress import make_progress

    stream = io.StringIO()
    folder = _bad_folder(tmp_path)
    reportparse.convert_batch(
        folder, tmp_path / "out", workers=2, progress=make_progress("bar", stream)
    )
    text = stream.getvalue()
    assert "6/6" in text
    assert "file/s" in text
    assert "errors=4" in text
    assert "reportparse: " in text  # the error lines, written above the bar
    assert text.rstrip().splitlines()[-1].startswith("reportparse batch: 6 inputs: 2 converted")


def test_the_timeout_is_also_the_parsers_own_time_limit(tmp_path: Path) -> None:
    from dataclasses import fields

    if "max_seconds" not in {f.name for f in fields(reportparse.Limits)}:
        pytest.skip("Limits has no time limit of its own")
    (tmp_path / "a.txt").write_bytes(b"LIMITS")
    with LocalEngine(1, EngineSettings(timeout=7.0, parse="batch_misbehave:parse")) as engine:
        summary = reportparse.convert_batch(
            tmp_path / "a.txt", tmp_path / "out", engine=engine, timeout=7.0, progress="quiet"
        )
    assert summary.error_records[0].reason == "max_seconds=7.0"


def test_batch_opens_encrypted_pdfs_with_the_password(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "pdf" / "encrypted.pdf", folder / "slepts.pdf")
    without, with_password = tmp_path / "without", tmp_path / "with"
    assert cli("batch", str(folder), "-o", str(without), "--quiet").code == 2
    errors = (without / "errors.jsonl").read_text(encoding="utf-8")
    assert "a password is needed" in errors
    result = cli(
        "batch", str(folder), "-o", str(with_password), "--quiet", "--password", "lietotajs"
    )
    assert result.code == 0, result.err
    assert len(list((with_password / "documents").iterdir())) == 1
