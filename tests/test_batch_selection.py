"""What a batch reads: never a batch's output, only what --include/--exclude choose; memory."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

import reportparse
from conftest import FIXTURES, SAMPLES, WELFARE
from reportparse._batch._engines import EngineSettings, LocalEngine
from reportparse._batch._inputs import BATCH_MARKER, PathFilter, plan_batch, plan_inputs
from reportparse._batch._progress import make_progress

sys.path.insert(0, str(FIXTURES / "batch"))  # the misbehaving parse, for the workers too

TXT = (SAMPLES / f"{WELFARE}.txt").read_bytes()


def _names(folder: Path, **options: Any) -> list[str]:
    root = str(folder)
    return [
        item.name.removeprefix(root).lstrip("/")
        for item in plan_inputs([folder], **options)
        if item.problem is None
    ]


def _reports(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "riga").mkdir(parents=True)
    (folder / "riga" / "q3.txt").write_bytes(TXT)
    (folder / "q4.txt").write_bytes(TXT)
    return folder


# --- a batch's own outputs ----------------------------------------------------


def test_an_earlier_batchs_output_inside_the_input_is_not_read_again(tmp_path: Path) -> None:
    folder = _reports(tmp_path)
    reportparse.convert_batch(folder / "riga", folder / "converted", workers=1, progress="quiet")
    assert (folder / "converted" / "observations.csv").is_file()
    summary = reportparse.convert_batch(folder, tmp_path / "out", workers=1, progress="quiet")
    assert summary.inputs == 2, [e.input for e in summary.error_records]
    assert summary.errors == 0
    assert summary.run["skipped_folders"] == [
        {"folder": str(folder / "converted"), "reason": "the output of a batch"}
    ]


def test_a_batch_marks_its_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    reportparse.convert_batch(_reports(tmp_path), out, workers=1, progress="quiet")
    marker = json.loads((out / BATCH_MARKER).read_text(encoding="utf-8"))
    assert marker == {"tool": "reportparse", "version": reportparse.__version__}


CASES_SKIPPED_FOLDERS = [
    # (files in the folder, whether it is skipped as a batch's output)
    ({BATCH_MARKER: "{}"}, True),  # the marker, whatever it holds
    ({BATCH_MARKER: ""}, True),
    ({".lock": "", "errors.jsonl": "", "documents/a.json": "{}"}, True),  # from before the marker
    ({"errors.jsonl": "", "documents/a.json": "{}"}, False),  # no lock: not a batch's
    ({".lock": "", "documents/a.json": "{}"}, False),
    ({"summary.json": "{}", "observations.csv": ""}, False),
]


@pytest.mark.parametrize(("files", "skipped"), CASES_SKIPPED_FOLDERS)
def test_folders_holding_a_batchs_output_are_skipped(
    tmp_path: Path, files: dict[str, str], skipped: bool
) -> None:
    folder = _reports(tmp_path)
    for name, text in files.items():
        (folder / "old" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "old" / name).write_text(text)
    (folder / "old" / "report.txt").write_bytes(TXT)
    plan = plan_batch([folder])
    names = [item.name for item in plan.items]
    assert (str(folder / "old" / "report.txt") not in names) is skipped
    assert [s.folder for s in plan.skipped] == ([str(folder / "old")] if skipped else [])


def test_the_output_folder_inside_the_input_is_skipped_and_noted(tmp_path: Path) -> None:
    folder = _reports(tmp_path)
    out = folder / "out"
    stream = io.StringIO()
    for _ in range(2):
        summary = reportparse.convert_batch(
            folder, out, workers=1, progress=make_progress("log", stream)
        )
        assert summary.inputs == 2
    assert summary.run["skipped_folders"] == [
        {"folder": str(out), "reason": "the output folder of this batch"}
    ]
    assert "batch: skipped" not in stream.getvalue()  # the folder the user chose: no news


def test_an_input_that_is_a_batchs_output_is_not_read(cli: Any, tmp_path: Path) -> None:
    folder = _reports(tmp_path)
    first = tmp_path / "first"
    assert cli("batch", str(folder), "-o", str(first), "--quiet").code == 0
    result = cli("batch", str(first), str(folder), "-o", str(tmp_path / "second"))
    assert result.code == 0, result.err
    assert f"reportparse batch: skipped {first} (the output of a batch)" in result.err
    summary = json.loads((tmp_path / "second" / "summary.json").read_text())
    assert summary["counts"]["inputs"] == 2


# --- --include and --exclude ----------------------------------------------------

CASES_PATTERNS = [
    # (include, exclude, path, kept)
    ((), (), "a/b/q3.pdf", True),
    (("**/*.pdf",), (), "q3.pdf", True),
    (("**/*.pdf",), (), "2019/riga/q3.pdf", True),
    (("**/*.pdf",), (), "2019/riga/q3.docx", False),
    (("**/*.pdf",), (), "all.zip!riga/q3.pdf", True),
    (("*.pdf",), (), "2019/riga/q3.pdf", True),  # no '/': at any depth
    (("*.PDF",), (), "q3.pdf", False),  # case counts
    (("2019/*.pdf",), (), "2019/q3.pdf", True),
    (("2019/*.pdf",), (), "2019/riga/q3.pdf", False),  # '*' stays within a name
    (("2019/*.pdf",), (), "2019/all.zip!q3.pdf", False),  # … and outside an archive
    (("2019/**/*.pdf",), (), "2019/riga/x/q3.pdf", True),
    (("2019",), (), "2019/riga/q3.pdf", True),  # a folder: everything in it
    (("riga/*",), (), "riga/2019/q3.pdf", True),
    (("**/all.zip",), (), "2019/all.zip!riga/q3.pdf", True),  # an archive: all of it
    (("q?.txt",), (), "q3.txt", True),
    (("q[34].txt",), (), "q5.txt", False),
    (("q[!34].txt",), (), "q5.txt", True),
    (("a[!x]b",), (), "a/b", False),
    ((), ("archive/2019/*",), "archive/2019/q3.pdf", False),
    ((), ("archive/2019/*",), "archive/2019/riga/q3.pdf", False),
    ((), ("archive/2019/*",), "archive/2020/q3.pdf", True),
    ((), ("draft*",), "2019/draft-q3.pdf", False),
    ((), ("*.zip",), "2019/all.zip!q3.pdf", False),
    (("**/*.pdf",), ("archive/2019/*",), "archive/2019/q3.pdf", False),  # exclude wins
    (("**/*.pdf", "**/*.docx"), (), "q3.docx", True),  # repeatable
    (("./riga/",), (), "riga/q3.pdf", True),
]


@pytest.mark.parametrize(("include", "exclude", "path", "kept"), CASES_PATTERNS)
def test_include_and_exclude_patterns(
    include: tuple[str, ...], exclude: tuple[str, ...], path: str, kept: bool
) -> None:
    assert PathFilter(include, exclude).keeps(path) is kept


def _tree(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for name in ("archive/2019/q1.txt", "archive/2019/riga/q2.txt", "archive/2020/q3.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(TXT)
    (folder / "notes.md").write_text("# Piezīmes\n")
    with zipfile.ZipFile(folder / "archive" / "2020" / "more.zip", "w") as archive:
        archive.writestr("riga/q4.txt", TXT)
        archive.writestr("riga/q4.md", "# x\n")
    with tarfile.open(folder / "old.tar", "w") as tar:
        info = tarfile.TarInfo("q0.txt")
        info.size = len(TXT)
        tar.addfile(info, io.BytesIO(TXT))
    return folder


CASES_TREE = [
    # (include, exclude, inputs found, paths left out)
    ((), (), 7, 0),
    (("**/*.txt",), (), 5, 2),
    ((), ("archive/2019/*",), 5, 2),  # q1.txt and the folder riga
    ((), ("archive/2019",), 5, 1),  # the folder, not opened
    (("**/*.txt",), ("*.tar", "**/riga/*"), 2, 5),  # riga/q4.md counted once
    ((), ("**/more.zip",), 5, 1),  # the archive, not opened
]


@pytest.mark.parametrize(("include", "exclude", "found", "left_out"), CASES_TREE)
def test_patterns_choose_among_files_folders_and_archive_members(
    tmp_path: Path, include: tuple[str, ...], exclude: tuple[str, ...], found: int, left_out: int
) -> None:
    folder = _tree(tmp_path)
    plan = plan_batch([folder], patterns=PathFilter(include, exclude))
    assert len(plan.items) == found, [i.name for i in plan.items]
    assert plan.filtered == left_out


def test_the_paths_of_an_archive_given_itself_start_inside_it(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    archive = folder / "archive" / "2020" / "more.zip"
    (item,) = plan_inputs([archive], patterns=PathFilter(include=["riga/*.txt"]))
    assert item.member == "riga/q4.txt"
    # A file given itself is matched by its name.
    assert plan_inputs([folder / "notes.md"], patterns=PathFilter(exclude=["*.md"])) == []


def test_patterns_do_not_change_the_ids(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    every = {item.name: item.id for item in plan_inputs([folder])}
    chosen = plan_inputs([folder], patterns=PathFilter(include=["**/q4.txt"]))
    assert [(i.name, i.id) for i in chosen] == [(i.name, every[i.name]) for i in chosen]


def test_a_damaged_archive_is_reported_whatever_the_patterns(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    (item,) = plan_inputs([folder], patterns=PathFilter(include=["**/*.pdf"]))
    assert item.problem is not None and item.problem.error == "CorruptFileError"


def test_batch_include_and_exclude_on_the_command_line(cli: Any, tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    out = tmp_path / "out"
    result = cli(
        "batch", str(folder), "-o", str(out), "--quiet",
        "--include", "**/*.txt", "--exclude", "archive/2019/*", "--exclude", "*.tar",
    )  # fmt: skip
    assert result.code == 0, result.err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["inputs"] == 2  # archive/2020/q3.txt and more.zip!riga/q4.txt
    assert summary["run"]["filtered_out"] == 5  # 2019/riga, q1.txt, q4.md, notes.md, old.tar
    documents = [json.loads(p.read_bytes()) for p in (out / "documents").iterdir()]
    assert sorted((d["batch"]["source"], d["batch"]["member"]) for d in documents) == [
        (str(folder / "archive" / "2020" / "more.zip"), "riga/q4.txt"),
        (str(folder / "archive" / "2020" / "q3.txt"), None),
    ]


def test_the_include_example_of_the_docs_runs(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shlex

    page = (Path(__file__).resolve().parents[1] / "docs" / "batch.md").read_text()
    section = page.split("### Choosing files")[1].split("\n#")[0]
    (command,) = [line[2:] for line in section.splitlines() if line.startswith("$ reportparse")]
    for name in ("2019/q3.pdf", "2019/q3.docx", "2019/notes.txt", "archive/2019/q1.pdf"):
        (tmp_path / "reports" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / f"{WELFARE}{Path(name).suffix}", tmp_path / "reports" / name)
    monkeypatch.chdir(tmp_path)
    result = cli(*shlex.split(command)[1:], "--quiet")
    assert result.code == 0, result.err
    documents = [json.loads(p.read_bytes()) for p in (tmp_path / "out" / "documents").iterdir()]
    assert sorted(d["batch"]["source"] for d in documents) == [
        "reports/2019/q3.docx",
        "reports/2019/q3.pdf",
    ]


def test_parse_many_takes_the_patterns_too(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    results = list(reportparse.parse_many([folder], workers=1, include=["**/riga/*.txt"]))
    assert [r.member or Path(r.source).name for r in results] == ["q2.txt", "riga/q4.txt"]
    assert all(r.ok for r in results)


# --- the worker memory limit ------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc")
def test_a_file_past_the_memory_limit_is_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TXT)
    (folder / "b-huge.txt").write_bytes(b"GROW")
    (folder / "c.txt").write_bytes(TXT)
    stream = io.StringIO()
    settings = EngineSettings(timeout=60.0, parse="batch_misbehave:parse", max_memory=256 << 20)
    with LocalEngine(1, settings) as engine:
        summary = reportparse.convert_batch(
            folder, tmp_path / "out", engine=engine, progress=make_progress("log", stream)
        )
    (error,) = summary.error_records
    assert error.input == str(folder / "b-huge.txt")
    assert (error.error, error.detail) == ("LimitExceededError", "memory_limit")
    assert summary.documents == 2
    lines = [line for line in stream.getvalue().splitlines() if "b-huge" in line]
    assert lines == [
        f"reportparse: {folder / 'b-huge.txt'}: needs more than 256 MiB of memory "
        "(the worker memory limit)"
    ]
    recorded = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert recorded["detail"] == "memory_limit"
    with open(tmp_path / "out" / "documents.csv", encoding="utf-8", newline="") as table:
        statuses = [(r["status"], r["detail"]) for r in csv.DictReader(table)]
    assert statuses == [("ok", ""), ("error", "memory_limit"), ("ok", "")]
    assert summary.run["max_worker_memory"] == 256 << 20  # the engine's own


CASES_WORKER_MEMORY = [
    ([], 1024**3),
    (["--max-worker-memory", "1GiB"], 1024**3),
    (["--max-worker-memory", "1.5G"], 1536 * 1024**2),
    (["--max-worker-memory", "512M"], 512 * 1024**2),
    (["--max-worker-memory", "0"], None),
    (["--max-worker-memory", "none"], None),
]


@pytest.mark.parametrize(("args", "limit"), CASES_WORKER_MEMORY)
def test_max_worker_memory_reaches_the_batch(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], limit: int | None
) -> None:
    seen: dict[str, Any] = {}

    def convert_batch(*args: Any, **options: Any) -> Any:
        seen.update(options)
        raise KeyboardInterrupt  # nothing to convert here

    monkeypatch.setattr("reportparse._batch.convert_batch", convert_batch)
    assert cli("batch", "x.txt", "-o", str(tmp_path / "o"), *args).code == 130
    assert seen["max_worker_memory"] == limit


def test_a_run_records_the_memory_limit(tmp_path: Path) -> None:
    summary = reportparse.convert_batch(
        _reports(tmp_path), tmp_path / "out", workers=1, progress="quiet", max_worker_memory=None
    )
    assert summary.run["max_worker_memory"] is None
    assert summary.run["filtered_out"] == 0


# --- messages --------------------------------------------------------------------


def test_a_batch_names_no_format_option_it_does_not_have(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / f"{WELFARE}.txt", folder / "report.pdf")
    result = cli("batch", str(folder), "-o", str(tmp_path / "out"))
    assert result.code == 2
    (line,) = [line for line in result.err.splitlines() if "report.pdf" in line]
    assert line == f"reportparse: {folder / 'report.pdf'}: not a PDF (the content is text)"
    assert "--format" not in result.err
    assert cli("batch", str(folder), "-o", str(tmp_path / "o2"), "--format", "text").code == 2
