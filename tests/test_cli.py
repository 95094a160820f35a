"""The command line: JSON on stdout, one-line errors with exit code 2, never a traceback."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import reportparse
from conftest import SAMPLES, WELFARE

PDF = SAMPLES / f"{WELFARE}.pdf"
TXT = SAMPLES / f"{WELFARE}.txt"


def _bad_bytes(name: str) -> bytes:
    pdf = PDF.read_bytes()
    return {
        "empty.pdf": b"",
        "blank.txt": b"  \n\t\n",
        "truncated.pdf": pdf[: len(pdf) // 2],
        "text-named.pdf": TXT.read_bytes(),
        "pdf-named.docx": pdf,
        "garbage.bin": bytes(range(256)) * 40,
        "garbage.txt": bytes(range(256)) * 40,
        "zip-named.docx": b"PK\x03\x04" + b"\0" * 100,
    }[name]


CASES_BAD_INPUT = [
    ("empty.pdf", "empty file"),
    ("blank.txt", "empty file"),
    ("truncated.pdf", "truncated"),
    ("text-named.pdf", "not a PDF"),
    ("pdf-named.docx", "not a DOCX"),
    ("garbage.bin", "not a supported format"),
    ("garbage.txt", "binary"),
    ("zip-named.docx", "DOCX"),
]


@pytest.mark.parametrize(("name", "reason"), CASES_BAD_INPUT)
def test_bad_input_gives_one_line_error_and_exit_2(
    cli: Any, tmp_path: Path, name: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(_bad_bytes(name))
    result = cli(str(path))
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(path) in lines[0]
    assert reason.lower() in lines[0].lower()
    assert "Traceback" not in result.err


def test_missing_file_is_an_input_error(cli: Any, tmp_path: Path) -> None:
    result = cli(str(tmp_path / "nope.pdf"))
    assert (result.code, result.out) == (2, "")
    assert "nope.pdf: no such file" in result.err


def test_directory_is_an_input_error(cli: Any, tmp_path: Path) -> None:
    result = cli(str(tmp_path))
    assert result.code == 2
    assert "is a directory" in result.err


def test_prints_the_contract_json(cli: Any) -> None:
    result = cli(str(TXT))
    assert result.code == 0, result.err
    data = result.json()
    assert set(data) >= {
        "reportparse",
        "source",
        "report",
        "tables",
        "observations",
        "fields",
        "facts",
        "warnings",
    }
    assert data["source"]["format"] == "text"
    assert data["source"]["path"] == str(TXT)
    assert len(data["source"]["sha256"]) == 64


def test_decimals_are_printed_exactly(cli: Any) -> None:
    out = cli(str(TXT)).out
    assert '"value": 49582.43' in out
    assert '"value": 4256.00' in out


def test_indent(cli: Any) -> None:
    assert cli(str(TXT), "--indent", "2").out.startswith('{\n  "reportparse"')


def test_forced_format_reads_a_mislabelled_file(cli: Any, tmp_path: Path) -> None:
    mislabelled = tmp_path / "report.pdf"
    shutil.copy(TXT, mislabelled)
    assert cli(str(mislabelled)).code == 2
    result = cli(str(mislabelled), "--format", "text")
    assert result.code == 0
    assert result.json()["source"]["format"] == "text"


def test_version(cli: Any) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"reportparse {reportparse.__version__}"


def test_usage_error_exits_2(cli: Any) -> None:
    result = cli("--format", "rtf", str(TXT))
    assert result.code == 2
    assert "invalid choice" in result.err


def test_example_command_parses_the_bundled_report(cli: Any) -> None:
    result = cli("example")
    assert result.code == 0
    data = result.json()
    assert data["report"]["period"] == {"start": "2024-07-01", "end": "2024-09-30"}
    assert len(data["observations"]) > 400
    assert Path(cli("example", "--path").out.strip()).is_file()


def test_schema_command_prints_a_json_schema(cli: Any) -> None:
    result = cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "observations" in schema["properties"]


def test_a_bug_gives_exit_1_and_no_traceback(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("reportparse._cli.parse", broken)
    monkeypatch.delenv("REPORTPARSE_DEBUG", raising=False)
    result = cli(str(TXT))
    assert result.code == 1
    assert "internal error" in result.err and "ZeroDivisionError" in result.err
    assert "Traceback" not in result.err


CASES_MISTYPED = [
    ("bach", "batch"),
    ("batc", "batch"),
    ("bacth", "batch"),
    ("shema", "schema"),
    ("schem", "schema"),
    ("exampel", "example"),
    ("exmaple", "example"),
]


@pytest.mark.parametrize(("typed", "meant"), CASES_MISTYPED)
def test_a_mistyped_command_says_which_was_meant(cli: Any, typed: str, meant: str) -> None:
    result = cli(typed, "x")
    assert result.code == 2
    assert result.err.strip() == f"reportparse: unknown command {typed!r}, did you mean {meant}?"


def test_a_mistyped_command_that_names_a_file_reads_the_file(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copy(TXT, tmp_path / "bach")
    monkeypatch.chdir(tmp_path)
    result = cli("bach")
    assert result.code == 0, result.err
    assert result.json()["source"]["path"] == "bach"


def test_a_word_like_no_command_is_a_missing_file(cli: Any, tmp_path: Path) -> None:
    result = cli(str(tmp_path / "zzzz"))
    assert result.code == 2
    assert result.err.strip() == f"reportparse: {tmp_path / 'zzzz'}: no such file"


def test_help_lists_the_commands(cli: Any) -> None:
    result = cli("--help")
    assert result.code == 0
    assert all(
        f"reportparse {name}" in " ".join(result.out.split())
        for name in ("batch", "schema", "example")
    )


def test_a_command_added_to_the_table_is_listed_suggested_and_run(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportparse import _cli

    ran: list[list[str]] = []
    review = _cli._Command(
        "OUTDIR", "look at what a batch could not read", lambda a: ran.append(a) or 0
    )
    monkeypatch.setitem(_cli._COMMANDS, "review", review)
    helped = " ".join(cli("--help").out.split())
    assert "reportparse review OUTDIR look at what a batch could not read" in helped
    assert cli("reviw", "out").err.strip() == (
        "reportparse: unknown command 'reviw', did you mean review?"
    )
    assert cli("review", "out").code == 0
    assert ran == [["out"]]


def test_a_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    import io

    data = (SAMPLES / "di-project-latgale.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = cli("-")
    assert result.code == 0
    assert result.json()["source"]["path"] == "<stdin>"
    assert result.json()["facts"]


CASES_STDIN = [(ext, {"txt": "text"}.get(ext, ext)) for ext in ("pdf", "docx", "html", "txt")]


@pytest.mark.parametrize(("ext", "fmt"), CASES_STDIN)
def test_standard_input_is_read_as_the_format_its_content_is(
    monkeypatch: pytest.MonkeyPatch, cli: Any, ext: str, fmt: str
) -> None:
    import io

    data = (SAMPLES / f"{WELFARE}.{ext}").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = cli("-")
    assert result.code == 0, result.err
    assert result.json()["source"] | {"sha256": None, "pages": None} == {
        "path": "<stdin>",
        "format": fmt,
        "sha256": None,
        "pages": None,
    }


def test_an_unreadable_standard_input_is_named_stdin(
    monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    result = cli("-")
    assert (result.code, result.err.strip()) == (2, "reportparse: <stdin>: empty file")


def test_a_file_named_as_another_format_gets_the_format_option_named(
    cli: Any, tmp_path: Path
) -> None:
    renamed = tmp_path / "report.pdf"
    renamed.write_bytes(TXT.read_bytes())
    result = cli(str(renamed))
    assert result.code == 2
    assert result.err.strip() == (
        f"reportparse: {renamed}: not a PDF (the content is text); "
        "use --format text to read it as such"
    )
    assert cli("--format", "text", str(renamed)).code == 0
