"""Broken and hostile input: a clear error or a warning, in bounded time and memory.

Every file of tests/fixtures/bad/ (and the big ones its script makes into a
temporary folder) goes through the command line in a subprocess whose wall
time and peak memory are measured, through ``reportparse.parse``, and all of
them together with the samples through ``reportparse batch``. Each must
either fail with the contract's one line (exit 2, the file's name, the
reason) or parse into the report the fixture holds, with the warning due.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import reportparse
from conftest import FIXTURES
from reportparse import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    LimitExceededError,
    Limits,
    ReportParseError,
    UnsupportedFormatError,
)

BAD = FIXTURES / "bad"
# What the issue promises for every file, with the default limits.
MAX_SECONDS = 10.0
MAX_RSS_BYTES = 500 * 1024 * 1024


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad_fixtures", BAD / "make_bad_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make = _load_script()


# --- the outcomes -----------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """Exit 2 and one line ``reportparse: PATH: …reason…``; the API raises ``error``."""

    reason: str
    error: type[ReportParseError]


@dataclass(frozen=True)
class Parsed:
    """Exit 0 and the fixture's report, with exactly these warning codes (in any order)."""

    warnings: frozenset[str] = frozenset()
    #: The table's numbers could not be read: every value is null, none is wrong.
    unreadable: bool = False


REFUSED: dict[str, Refused] = {
    "empty.txt": Refused("empty file", EmptyFileError),
    "blank.txt": Refused("empty file", EmptyFileError),
    "binary.txt": Refused("binary data", UnsupportedFormatError),
    "empty.pdf": Refused("empty file", EmptyFileError),
    "truncated.pdf": Refused("truncated PDF", CorruptFileError),
    "encrypted.pdf": Refused("encrypted PDF (a password is needed)", EncryptedFileError),
    "scanned.pdf": Refused("no text layer (scanned?)", UnsupportedFormatError),
    "empty.docx": Refused("empty file", EmptyFileError),
    "not-a-zip.docx": Refused("not a DOCX (the content is text)", UnsupportedFormatError),
    "no-document-xml.docx": Refused("not a DOCX (the content is a ZIP", UnsupportedFormatError),
    "doctype-entities.docx": Refused("declares a DOCTYPE or entity (refused)", CorruptFileError),
    "external-entity.docx": Refused("declares a DOCTYPE or entity (refused)", CorruptFileError),
}

PARSED: dict[str, Parsed] = {
    "utf8.txt": Parsed(),
    "utf8-bom.txt": Parsed(),
    "utf16.txt": Parsed(),
    "utf16be-no-bom.txt": Parsed(),
    "windows-1257.txt": Parsed(),
    "mixed-encodings.txt": Parsed(frozenset({"mixed_encoding"})),
    "bom-in-the-middle.txt": Parsed(),
    "report.pdf": Parsed(),
    "broken-xref.pdf": Parsed(frozenset({"pdf_repaired"})),
    "startxref-past-end.pdf": Parsed(frozenset({"pdf_repaired"})),
    "crlf-converted.pdf": Parsed(frozenset({"pdf_repaired"})),
    "cid-font.pdf": Parsed(frozenset({"unreadable_font"}), unreadable=True),
    "partly-scanned.pdf": Parsed(frozenset({"pages_without_text"})),
    "report.docx": Parsed(),
    "tracked-changes.docx": Parsed(),
}

# The archives are batch inputs: see test_unsafe_archive_members_are_refused… below.
ARCHIVES = {"unsafe-members.zip", "unsafe-members.tar"}


def test_every_fixture_has_an_expected_outcome() -> None:
    on_disk = {p.name for p in BAD.iterdir() if p.suffix != ".py" and p.is_file()}
    assert on_disk == set(REFUSED) | set(PARSED) | ARCHIVES


def test_the_committed_fixtures_are_what_the_script_makes() -> None:
    for name, data in make.small_fixtures().items():
        committed = (BAD / name).read_bytes()
        # Compressed bytes depend on the zlib build; the members must not.
        if name.endswith((".docx", ".zip")) and data.startswith(b"PK"):
            assert _zip_members(committed) == _zip_members(data), name
        elif name.endswith(".tar"):
            assert _tar_members(committed) == _tar_members(data), name
        else:
            assert committed == data, f"{name}: run tests/fixtures/bad/make_bad_fixtures.py"


def _zip_members(data: bytes) -> list[tuple[str, int, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, i.external_attr, archive.read(i)) for i in archive.infolist()]


def _tar_members(data: bytes) -> list[tuple[str, bytes, str, bytes]]:
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        out = []
        for info in archive.getmembers():
            f = archive.extractfile(info) if info.isreg() else None
            out.append((info.name, info.type, info.linkname, f.read() if f else b""))
        return out


# --- running the command line in a measured subprocess ----------------------------


@dataclass
class Run:
    code: int
    out: bytes
    err: str
    seconds: float
    #: Peak resident memory of the process, or None where the OS does not say.
    peak_bytes: int | None

    def error_line(self, path: Path | str) -> str:
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith(f"reportparse: {path}: "), lines[0]
        assert "Traceback" not in self.err
        return lines[0]


# Run in the child: ``python -m reportparse``, and on exit its own peak RSS
# (VmHWM) written where the test reads it. On Linux the rusage of a child
# (wait4, getrusage(RUSAGE_CHILDREN)) starts from the memory its parent had
# when it forked, so it would charge this test session's size to the child;
# VmHWM counts the child's own memory since exec.
_MEASURED_CLI = """
import atexit, os, runpy

def report_peak():
    try:
        with open("/proc/self/status") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(os.environ["REPORTPARSE_TEST_PEAK_FILE"], "w") as out:
            out.write(peak)
    except (OSError, StopIteration):
        pass

atexit.register(report_peak)
runpy.run_module("reportparse", run_name="__main__", alter_sys=True)
"""


def run_cli(*args: str | Path) -> Run:
    """``python -m reportparse ARGS…`` in a fresh process, timed, its own peak RSS measured."""
    command = [sys.executable, "-c", _MEASURED_CLI, *map(str, args)]
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak_file = Path(scratch) / "peak"
        env = {**os.environ, "REPORTPARSE_TEST_PEAK_FILE": str(peak_file)}
        start = time.monotonic()
        proc = subprocess.run(command, stdout=out, stderr=err, env=env, check=False)
        seconds = time.monotonic() - start
        peak: int | None = None
        if peak_file.is_file():
            peak = int(peak_file.read_text()) * 1024  # kB
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read(), err.read().decode(), seconds, peak)


def assert_bounded(run: Run) -> None:
    assert run.seconds < MAX_SECONDS, f"took {run.seconds:.1f} s"
    if run.peak_bytes is not None:
        assert run.peak_bytes < MAX_RSS_BYTES, f"peak RSS {run.peak_bytes / 2**20:.0f} MiB"


def assert_refused(run: Run, path: Path | str, reason: str) -> None:
    assert run.code == 2, run.err
    assert run.out == b""
    assert reason.lower() in run.error_line(path).lower()
    assert_bounded(run)


# --- the report the readable fixtures hold ----------------------------------------


def assert_report(report: reportparse.Report, expected: Parsed) -> None:
    codes = {w.code for w in report.warnings}
    assert codes == expected.warnings, report.warnings
    assert report.title == make.TITLE
    assert report.period is not None and report.period.interval == "2024-07-01/2024-09-30"
    got = [(o.indicator, o.period, o.value) for o in report.observations]
    if expected.unreadable:
        # Unreadable glyphs must not turn into numbers: every cell null, none guessed.
        assert [(i, p) for i, p, _ in got] == [(i, p) for i, p, _ in make.EXPECTED]
        assert all(value is None for _, _, value in got), got
    else:
        assert got == make.EXPECTED
    assert [(f.value, f.unit) for f in report.facts] == [(2141, "family")]


def assert_report_json(text: bytes, expected: Parsed) -> None:
    out = json.loads(text)
    assert {w["code"] for w in out["warnings"]} == expected.warnings
    values = [(o["indicator"], o["period"], o["value"]) for o in out["observations"]]
    if expected.unreadable:
        assert all(v is None for _, _, v in values)
    else:
        assert values == make.EXPECTED


# --- the committed fixtures -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_through_the_cli(name: str) -> None:
    path = BAD / name
    assert_refused(run_cli(path), path, REFUSED[name].reason)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_through_the_api(name: str) -> None:
    path = BAD / name
    expected = REFUSED[name]
    with pytest.raises(expected.error) as caught:
        reportparse.parse(path)
    assert caught.value.path == str(path)
    assert expected.reason.lower() in caught.value.reason.lower()
    assert "\n" not in str(caught.value)
    # Bytes and streams: the same reason, under the name given.
    with pytest.raises(expected.error, match="^x/" + name.replace(".", r"\.")):
        reportparse.parse(io.BytesIO(path.read_bytes()), name=f"x/{name}")


@pytest.mark.parametrize("name", sorted(PARSED))
def test_parsed_through_the_cli(name: str) -> None:
    run = run_cli(BAD / name)
    assert run.code == 0, run.err
    assert run.err == ""
    assert_report_json(run.out, PARSED[name])
    assert_bounded(run)


@pytest.mark.parametrize("name", sorted(PARSED))
def test_parsed_through_the_api(name: str) -> None:
    path = BAD / name
    assert_report(reportparse.parse(path), PARSED[name])
    assert_report(reportparse.parse(path.read_bytes(), name=name), PARSED[name])


def test_an_encrypted_pdf_opens_with_its_password() -> None:
    path = BAD / "encrypted.pdf"
    run = run_cli(path, "--password", make.PASSWORD)
    assert run.code == 0, run.err
    assert_report_json(run.out, Parsed())
    assert_bounded(run)
    assert_report(reportparse.parse(path, password=make.PASSWORD), Parsed())


def test_an_encrypted_pdf_with_a_wrong_password_is_refused() -> None:
    path = BAD / "encrypted.pdf"
    assert_refused(run_cli(path, "--password", "nepareizi"), path, "encrypted PDF (wrong password)")
    with pytest.raises(EncryptedFileError, match="wrong password"):
        reportparse.parse(path, password="nepareizi")


def test_a_password_for_a_file_without_encryption_is_ignored() -> None:
    for name in ("report.pdf", "report.docx", "utf8.txt"):
        assert_report(reportparse.parse(BAD / name, password="x"), Parsed())


def test_tracked_changes_read_as_accepted() -> None:
    report = reportparse.parse(BAD / "tracked-changes.docx")
    text = report.to_json()
    # Deleted text and a deleted row are gone; inserted and moved text is there.
    for gone in ("2. ceturksni", "Izņemts pabalsts", "2000", "39"):
        assert gone not in text
    assert report.title == make.TITLE
    assert [row[0] for row in report.tables[0].rows] == [row[0] for row in make.ROWS]


# --- the big ones, made into a temporary folder -----------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad-big")
    made = {
        "page-50mb.html": make.html_50mb(),
        "nested-100000.html": make.html_deep(),
        "cells-200000.html": make.html_many_cells(),
        "tag-flood-50mb.html": make.html_tag_flood(),
        "prose-50mb.html": make.html_prose(50_000_000),
        "bomb.docx": make.docx_bomb(),
        "ratio-bomb.docx": make.docx_ratio_bomb(),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


BIG_REFUSED = {
    "nested-100000.html": Refused("HTML nested deeper than 1000 levels", LimitExceededError),
    "cells-200000.html": Refused("more than 100000 cells", LimitExceededError),
    "tag-flood-50mb.html": Refused("more than 1000000 HTML tags", LimitExceededError),
    "bomb.docx": Refused("DOCX unzips to more than 524288000 bytes", LimitExceededError),
    "ratio-bomb.docx": Refused("inflates more than 200 times", LimitExceededError),
    "prose-50mb.html": Refused("more than 5000000 characters of running text", LimitExceededError),
}


def test_a_50mb_page_is_read_quickly(big: dict[str, Path]) -> None:
    path = big["page-50mb.html"]
    assert path.stat().st_size >= 50_000_000
    run = run_cli(path)
    assert run.code == 0, run.err
    assert_report_json(run.out, Parsed())
    assert_bounded(run)


@pytest.mark.parametrize("name", sorted(BIG_REFUSED))
def test_big_hostile_files_are_refused_within_the_limits(big: dict[str, Path], name: str) -> None:
    path = big[name]
    expected = BIG_REFUSED[name]
    assert_refused(run_cli(path), path, expected.reason)
    with pytest.raises(expected.error, match=expected.reason.replace("(", r"\(")):
        reportparse.parse(path)


def test_prose_without_end_stops_at_the_time_limit(tmp_path: Path) -> None:
    # 20 MB: at 50 MB the parse before the first check of the clock takes
    # a few seconds itself, too close to 10 s on a loaded machine.
    path = tmp_path / "prose-20mb.html"
    path.write_bytes(make.html_prose(20_000_000))
    unlimited = "100000000"
    run = run_cli(path, "--timeout", "2", "--max-text-chars", unlimited)
    assert_refused(run, path, "took longer than 2 s to read (the time limit)")
    start = time.monotonic()
    with pytest.raises(LimitExceededError, match="time limit"):
        reportparse.parse(path, limits=Limits(max_seconds=1, max_text_chars=int(unlimited)))
    assert time.monotonic() - start < MAX_SECONDS


# --- the limits, from the command line and the API --------------------------------


LIMIT_CASES = [
    # (fixture, CLI options, Limits fields, reason)
    ("utf8.txt", ["--max-file-bytes", "100"], {"max_file_bytes": 100}, "over the limit of 100"),
    ("report.pdf", ["--max-file-bytes", "1K"], {"max_file_bytes": 1024}, "over the limit of 1024"),
    ("scanned.pdf", ["--max-pages", "1"], {"max_pages": 1}, "more than 1 pages"),
    ("report.docx", ["--max-cells", "5"], {"max_cells": 5}, "more than 5"),
    ("utf8.txt", ["--max-cells", "5"], {"max_cells": 5}, "more than 5"),
    ("report.pdf", ["--max-cells", "5"], {"max_cells": 5}, "more than 5"),
    ("report.docx", ["--max-unzipped-bytes", "1000"], {"max_unzipped_bytes": 1000}, "unzips"),
    ("report.docx", ["--max-tags", "20"], {"max_tags": 20}, "more than 20 tags"),
    ("report.docx", ["--max-depth", "3"], {"max_depth": 3}, "nested deeper than 3"),
    ("utf8.txt", ["--max-text-chars", "50"], {"max_text_chars": 50}, "more than 50 characters"),
    ("report.docx", ["--max-text-chars", "50"], {"max_text_chars": 50}, "more than 50 characters"),
    ("report.pdf", ["--max-text-chars", "50"], {"max_text_chars": 50}, "more than 50 characters"),
]


@pytest.mark.parametrize(("name", "options", "fields", "reason"), LIMIT_CASES)
def test_limits_are_settable_from_the_cli_and_the_api(
    cli: Any, name: str, options: list[str], fields: dict[str, int], reason: str
) -> None:
    path = BAD / name
    result = cli(str(path), *options)
    assert result.code == 2, result.out[:200]
    assert reason in result.err, result.err
    assert result.err.startswith(f"reportparse: {path}: ")
    with pytest.raises(LimitExceededError, match=reason):
        reportparse.parse(path, limits=Limits(**fields))


@pytest.mark.parametrize(("name", "options", "reason"), [(n, o, r) for n, o, _, r in LIMIT_CASES])
def test_limits_are_settable_for_a_batch(
    cli: Any, tmp_path: Path, name: str, options: list[str], reason: str
) -> None:
    path = BAD / name
    out = tmp_path / "out"
    result = cli("batch", str(path), "-o", str(out), "-j", "1", "--quiet", *options)
    assert result.code == 2, result.err
    documents, errors = _batch_outcome(out)
    assert documents == []
    assert [(e["input"], e["error"]) for e in errors] == [(str(path), "LimitExceededError")]
    assert reason in errors[0]["reason"]


def test_the_html_limits_from_the_cli(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(make.report_html(extra_body="<div>" * 20 + "</div>" * 20).encode())
    assert "more than 10 HTML tags" in cli(str(page), "--max-tags", "10").err
    assert "nested deeper than 15 levels" in cli(str(page), "--max-depth", "15").err
    assert cli(str(page), "--max-depth", "40").code == 0


def test_a_zip_ratio_limit_from_the_cli(cli: Any, tmp_path: Path) -> None:
    bomb = tmp_path / "ratio.docx"
    bomb.write_bytes(make.docx_ratio_bomb())
    assert "inflates more than 200 times" in cli(str(bomb)).err
    # Allowed by ratio, it still has millions of empty paragraphs: refused by tags.
    assert "more than 1000000 tags" in cli(str(bomb), "--max-zip-ratio", "100000").err


def test_bad_limit_values_are_usage_errors(cli: Any, tmp_path: Path) -> None:
    path = str(BAD / "utf8.txt")
    for option, value in (
        ("--max-tags", "0"),
        ("--max-depth", "x"),
        ("--timeout", "inf"),
        ("--timeout", "0"),
    ):
        result = cli("batch", path, "-o", str(tmp_path / "out"), option, value)
        assert result.code == 2
        assert option in result.err
        assert not (tmp_path / "out").exists()
    for option, value in (
        ("--max-pages", "0"),
        ("--max-cells", "-1"),
        ("--max-file-bytes", "lots"),
        ("--timeout", "-1"),
        ("--timeout", "nan"),
    ):
        result = cli(path, option, value)
        assert result.code == 2
        assert option in result.err
    with pytest.raises(ValueError, match="max_cells"):
        Limits(max_cells=0)
    with pytest.raises(ValueError, match="max_seconds"):
        Limits(max_seconds=-1)


def test_no_time_limit(cli: Any) -> None:
    assert cli(str(BAD / "utf8.txt"), "--timeout", "0").code == 0
    assert reportparse.parse(BAD / "utf8.txt", limits=Limits(max_seconds=None)).observations


def test_limit_defaults_are_the_documented_ones() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "robustness.md").read_text(encoding="utf-8")
    for spec in dataclasses.fields(Limits):
        default = spec.default
        assert f"`{spec.name}`" in docs, spec.name
        shown = f"{default:_}".replace("_", " ") if isinstance(default, int) else f"{default:g}"
        assert shown in docs, (spec.name, shown)


# --- batch: bad files never take the good ones down -------------------------------

SAMPLES = sorted(p for p in (FIXTURES / "samples").iterdir() if p.suffix != ".csv")


def _batch_outcome(out: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The documents and the errors of a batch."""
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    documents = [
        json.loads(p.read_text("utf-8")) for p in sorted((out / "documents").glob("*.json"))
    ]
    return documents, errors


def test_a_batch_over_every_bad_file_and_the_samples(
    cli: Any, tmp_path: Path, big: dict[str, Path]
) -> None:
    small = [BAD / name for name in sorted(REFUSED) + sorted(PARSED)]
    large = [big[name] for name in sorted(big)]
    out = tmp_path / "out"
    # --timeout: a reader that stops checking its limits fails the test, not hangs it.
    result = cli("batch", *map(str, small + large + SAMPLES), "-o", str(out), "--timeout", "10",
                 "--quiet")  # fmt: skip
    assert result.code == 2, result.err
    document_list, error_list = _batch_outcome(out)
    documents = {d["source"]["path"]: d for d in document_list}
    errors = {e["input"]: e for e in error_list}
    expected_errors = {str(BAD / n): r.reason for n, r in REFUSED.items()} | {
        str(big[n]): r.reason for n, r in BIG_REFUSED.items()
    }
    assert set(errors) == set(expected_errors)
    for name, reason in expected_errors.items():
        assert reason.lower() in errors[name]["reason"].lower(), errors[name]
    converted = {str(BAD / n) for n in PARSED} | {str(big["page-50mb.html"])}
    assert set(documents) == converted | {str(p) for p in SAMPLES}
    for name, expected in PARSED.items():
        document = documents[str(BAD / name)]
        assert {w["code"] for w in document["warnings"]} == expected.warnings, name
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["counts"]["inputs"] == len(small) + len(large) + len(SAMPLES)


ARCHIVE_PATHS = [BAD / "unsafe-members.zip", BAD / "unsafe-members.tar"]


@pytest.fixture(scope="module")
def archive_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of one batch over both hazardous archives."""
    out = tmp_path_factory.mktemp("archives") / "out"
    run = run_cli("batch", *ARCHIVE_PATHS, "-o", out, "--quiet")
    assert run.code == 2, run.err
    return out


def test_unsafe_archive_members_are_refused_and_the_rest_converted(archive_batch: Path) -> None:
    archives = ARCHIVE_PATHS
    documents, errors = _batch_outcome(archive_batch)
    members = {e["member"]: e for e in errors}
    for member in ("../../escaped.txt", "/etc/absolute.txt", "C:/Windows/drive.txt",
                   "../escaped.txt", "/tmp/absolute.txt"):  # fmt: skip
        assert members[member]["error"] == "UnsafePathError", members[member]
        assert "unsafe member path" in members[member]["reason"]
    # Links and devices are refused, never followed.
    for member in ("parskati/saite.txt", "parskati/cieta.txt", "parskati/ierice"):
        assert members[member]["error"] == "UnsafePathError", member
    # Two members of one name are two documents, neither overwriting the other.
    for archive in archives:
        # (the zip's symlink member: test_a_symlink_member_of_a_zip_is_refused)
        mine = [
            d
            for d in documents
            if d["batch"]["source"] == str(archive) and d["batch"]["member"] != "parskati/saite.txt"
        ]
        names = sorted(d["batch"]["member"] for d in mine)
        assert names == ["parskati/dup.txt", "parskati/dup.txt", "parskati/q3.txt"]
        facts = [d["facts"][0]["value"] for d in mine if d["batch"]["member"] == "parskati/dup.txt"]
        assert sorted(facts) == [2141, 2142]


def test_a_symlink_member_of_a_zip_is_refused(archive_batch: Path) -> None:
    documents, errors = _batch_outcome(archive_batch)
    assert "parskati/saite.txt" not in {d["batch"]["member"] for d in documents}
    refused = [e for e in errors if e["member"] == "parskati/saite.txt"]
    assert [e["source"] for e in refused] == [str(ARCHIVE_PATHS[0]), str(ARCHIVE_PATHS[1])]
    assert {e["error"] for e in refused} == {"UnsafePathError"}


# --- the clock --------------------------------------------------------------------


def test_the_time_limit_is_per_call_and_nests() -> None:
    from reportparse._limits import check_time, time_limit

    check_time()  # no limit outside parse()
    with time_limit(0.0):
        time.sleep(0.001)
        with pytest.raises(LimitExceededError, match="longer than 0 s"):
            check_time()
        with time_limit(None):
            check_time()  # an inner call without a limit is not cut short
        with pytest.raises(LimitExceededError):
            check_time()
    check_time()


def test_running_out_of_memory_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportparse._readers import _text

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(_text, "read", exhausted)
    with pytest.raises(LimitExceededError, match="out of memory") as caught:
        reportparse.parse(BAD / "utf8.txt")
    assert caught.value.path == str(BAD / "utf8.txt")
