"""The ``reportparse`` command: a thin layer that turns library results into output and exit codes.

Exit codes: 0 success; 2 the input could not be read (one line on stderr
naming the file and the reason) or the command line is wrong; 1 a bug of
ours (one line on stderr; ``REPORTPARSE_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from reportparse._api import parse
from reportparse._errors import ReportParseError
from reportparse._examples import example_path
from reportparse._limits import Limits
from reportparse._readers import DEFAULT_PDF_ENGINE, FORMATS, PDF_ENGINES, PdfEngine
from reportparse._records._json import dumps
from reportparse._version import __version__

__all__ = ["main"]

EXIT_OK, EXIT_BUG, EXIT_INPUT = 0, 1, 2


@dataclass(frozen=True, slots=True)
class _Command:
    """A subcommand: ``reportparse NAME USAGE`` does ``summary``; ``run(args)`` is its exit code."""

    usage: str
    summary: str
    run: Callable[[list[str]], int]


def _commands_help() -> str:
    """The commands, one a line, for ``reportparse --help`` (from :data:`_COMMANDS`)."""
    usages = {
        name: f"reportparse {name} {command.usage}".rstrip() for name, command in _COMMANDS.items()
    }
    width = max(map(len, usages.values()), default=0) + 2
    lines = [f"  {usages[name]:<{width}}{command.summary}" for name, command in _COMMANDS.items()]
    return "\n".join(["commands:", *lines, "", "'reportparse COMMAND --help' tells more."])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportparse",
        description="Print the JSON of a Latvian social-services report "
        "(PDF, DOCX, HTML, text, XLSX, XLS, ODS, CSV).",
        epilog=_commands_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        help="the report to read; '-' reads standard input (a file named like a command: ./schema)",
    )
    parser.add_argument(
        "--format",
        choices=("auto", *FORMATS),
        default="auto",
        help="read as this format instead of detecting it from the content (default: auto)",
    )
    parser.add_argument("--indent", type=int, default=None, metavar="N", help="indent the JSON")
    parser.add_argument(
        "--password", default=None, metavar="PASSWORD", help="open an encrypted PDF with it"
    )
    _add_pdf_engine_option(parser)
    parser.add_argument(
        "--describe",
        default=None,
        metavar="DESCRIPTION",
        help="a data set's description page: its columns and their units for FILE's numbers",
    )
    _add_limit_options(parser)
    parser.add_argument("--version", action="version", version=f"reportparse {__version__}")
    return parser


def _add_pdf_engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pdf-engine",
        choices=PDF_ENGINES,
        default=None,
        help=f"the library that reads a PDF's pages (default: {DEFAULT_PDF_ENGINE})",
    )


def _add_limit_options(parser: argparse.ArgumentParser, *, timeout: bool = True) -> None:
    """The ``Limits`` as options; docs/robustness.md explains each.

    ``timeout=False`` leaves ``--timeout`` to the caller (a batch's is also
    the hard limit after which a worker is killed).
    """
    d = Limits()
    group = parser.add_argument_group(
        "limits", "what one file may cost; past a limit the file is refused with exit code 2"
    )
    group.add_argument(
        "--max-file-bytes", type=_byte_size, default=d.max_file_bytes, metavar="N",
        help=f"largest file, in bytes; K, M, G suffixes allowed (default: {d.max_file_bytes})",
    )  # fmt: skip
    group.add_argument(
        "--max-pages", type=_positive_int, default=d.max_pages, metavar="N",
        help=f"most pages of a PDF (default: {d.max_pages})",
    )  # fmt: skip
    group.add_argument(
        "--max-cells", type=_positive_int, default=d.max_cells, metavar="N",
        help=f"most table cells (default: {d.max_cells})",
    )  # fmt: skip
    group.add_argument(
        "--max-text-chars", type=_positive_int, default=d.max_text_chars, metavar="N",
        help=f"most characters of running text (default: {d.max_text_chars})",
    )  # fmt: skip
    group.add_argument(
        "--max-unzipped-bytes", type=_byte_size, default=d.max_unzipped_bytes, metavar="N",
        help="largest unzipped size of a DOCX, and in a batch of a .zip or .tar archive "
        f"(default: {d.max_unzipped_bytes})",
    )  # fmt: skip
    group.add_argument(
        "--max-zip-ratio", type=_positive_int, default=d.max_zip_ratio, metavar="N",
        help="refuse a DOCX part, or in a batch an archive, that unzips more than N times "
        f"(default: {d.max_zip_ratio})",
    )  # fmt: skip
    group.add_argument(
        "--max-tags", type=_positive_int, default=d.max_tags, metavar="N",
        help=f"most markup tags in an HTML page or DOCX part (default: {d.max_tags})",
    )  # fmt: skip
    group.add_argument(
        "--max-depth", type=_positive_int, default=d.max_depth, metavar="N",
        help=f"deepest element nesting in HTML or DOCX (default: {d.max_depth})",
    )  # fmt: skip
    if timeout:
        group.add_argument(
            "--timeout", type=_seconds, default=d.max_seconds, metavar="S",
            help="seconds the file may take to read; 0 for no limit "
            f"(default: {d.max_seconds:g})",
        )  # fmt: skip


def _limits(options: argparse.Namespace) -> Limits:
    return Limits(
        max_file_bytes=options.max_file_bytes,
        max_pages=options.max_pages,
        max_cells=options.max_cells,
        max_text_chars=options.max_text_chars,
        max_unzipped_bytes=options.max_unzipped_bytes,
        max_zip_ratio=options.max_zip_ratio,
        max_tags=options.max_tags,
        max_depth=options.max_depth,
        max_seconds=options.timeout,
    )


_SIZE_SUFFIXES = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _byte_size(text: str) -> int:
    """``1048576``, ``512K``, ``50M``, ``2G`` (binary multiples, an optional ``B`` or ``iB``)."""
    spec = text.strip().upper().removesuffix("B").removesuffix("I")
    number, suffix = (spec[:-1], spec[-1]) if spec[-1:] in "KMG" else (spec, "")
    try:
        value = int(float(number) * _SIZE_SUFFIXES[suffix])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 50M)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive size")
    return value


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value < float("inf"):  # also NaN
        raise argparse.ArgumentTypeError(f"{text} is not a number of seconds")
    return value or None


def _command_parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"reportparse {command}")
    parser.add_argument("--indent", type=int, default=None, metavar="N", help="indent the JSON")
    if command == "example":
        parser.add_argument("--path", action="store_true", help="print the example's path only")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in _COMMANDS:
            return _COMMANDS[args[0]].run(args[1:])
        mistyped = _mistyped_command(args)
        if mistyped is not None:
            print(f"reportparse: {mistyped}", file=sys.stderr)
            return EXIT_INPUT
        options = _parser().parse_args(args)
        return _parse_file(
            options.file,
            options.format,
            options.indent,
            limits=_limits(options),
            password=options.password,
            describe=options.describe,
            pdf_engine=options.pdf_engine,
        )
    except SystemExit as exit_:  # argparse: usage errors exit 2, --help/--version exit 0
        return exit_.code if isinstance(exit_.code, int) else EXIT_INPUT
    except KeyboardInterrupt:
        return 130


def _mistyped_command(args: list[str]) -> str | None:
    """``reportparse bach x``: a first word near a command's, naming no file, is a typo.

    >>> _mistyped_command(["bach", "x"])
    "unknown command 'bach', did you mean batch?"
    >>> _mistyped_command(["report.pdf"]) is None
    True
    """
    import difflib

    if not args or args[0].startswith("-") or os.path.exists(args[0]):
        return None
    close = difflib.get_close_matches(args[0], list(_COMMANDS), n=1, cutoff=0.6)
    return f"unknown command {args[0]!r}, did you mean {close[0]}?" if close else None


def _run_schema(rest: list[str]) -> int:
    from reportparse._export._schema import json_schema

    options = _command_parser("schema").parse_args(rest)
    return _write(sys.stdout, dumps(json_schema(), indent=options.indent))


def _run_example(rest: list[str]) -> int:
    options = _command_parser("example").parse_args(rest)
    if options.path:
        return _write(sys.stdout, str(example_path()))
    return _parse_file(str(example_path()), "auto", options.indent)


def _parse_file(
    path: str,
    fmt: str,
    indent: int | None,
    *,
    limits: Limits | None = None,
    password: str | None = None,
    describe: str | None = None,
    pdf_engine: PdfEngine | None = None,
) -> int:
    try:
        # argparse checked the format's choices; "-" is standard input.
        source = sys.stdin.buffer if path == "-" else path
        report = parse(
            source,
            format=fmt,  # type: ignore[arg-type]
            name="<stdin>" if path == "-" else None,
            limits=limits,
            password=password,
            describe=describe,
            pdf_engine=pdf_engine,
        )
        text = report.to_json(indent=indent)
    except ReportParseError as error:
        return _unreadable(error, path)
    except Exception as error:
        return _internal_error(f"reportparse: {path}", error)
    return _write(sys.stdout, text)


def _unreadable(error: ReportParseError, path: str) -> int:
    """The one line of a file that cannot be read, with the format to force where one fits."""
    error.path = error.path or path
    detected = getattr(error, "detected", None)
    hint = f"; use --format {detected} to read it as such" if detected else ""
    print(f"reportparse: {error}{hint}", file=sys.stderr)
    return EXIT_INPUT


def _write(stream: TextIO, text: str) -> int:
    try:
        # Always UTF-8, whatever the terminal's locale says: the output is data.
        stream.buffer.write(text.encode("utf-8") + b"\n")
        stream.flush()
    except BrokenPipeError:  # `reportparse x.pdf | head` is not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except AttributeError:  # a stream without a binary buffer (tests capturing text)
        stream.write(text + "\n")
    return EXIT_OK


def _add_review_options(parser: argparse.ArgumentParser) -> None:
    """How a review page renders a PDF's pages (docs/review.md)."""
    group = parser.add_argument_group("page images", "how a PDF's pages are rendered")
    group.add_argument(
        "--image-format", choices=("jpeg", "webp"), default="jpeg",
        help="format of the page images (default: jpeg)",
    )  # fmt: skip
    group.add_argument(
        "--dpi", type=_positive_int, default=100, metavar="N",
        help="resolution of the page images, in dots per inch (default: 100)",
    )  # fmt: skip
    group.add_argument(
        "--quality", type=_quality, default=60, metavar="Q",
        help="JPEG or WebP quality, 1 to 100 (default: 60)",
    )  # fmt: skip


def _review_options(options: argparse.Namespace) -> Any:
    from reportparse._export._review import ReviewOptions

    return ReviewOptions(options.image_format, options.dpi, options.quality)


def _quality(text: str) -> int:
    value = _positive_int(text)
    if value > 100:
        raise argparse.ArgumentTypeError(f"{text} is not a quality from 1 to 100")
    return value


def _review_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportparse review",
        description="Write one self-contained HTML page showing what was read from FILE: "
        "each PDF page (or each table) with a coloured box over every cell and fact, "
        "the warnings, and what each number came to. Opens from disk; needs no network.",
    )
    parser.add_argument("file", help="the report to read")
    parser.add_argument(
        "-o", "--output", default=None, metavar="PAGE",
        help="the page to write (default: FILE's name + .review.html, in the current folder)",
    )  # fmt: skip
    parser.add_argument("--format", choices=("auto", *FORMATS), default="auto")
    parser.add_argument(
        "--password", default=None, metavar="PASSWORD", help="open an encrypted PDF with it"
    )
    _add_review_options(parser)
    _add_limit_options(parser)
    return parser


def _run_review(rest: list[str]) -> int:
    options = _review_parser().parse_args(rest)
    from pathlib import Path

    from reportparse._export._review import write_review

    output = options.output or f"{Path(options.file).name}.review.html"
    look = _review_options(options)
    try:
        with open(options.file, "rb") as stream:
            data = stream.read(options.max_file_bytes + 1)
        report = parse(
            data,
            format=options.format,
            name=options.file,
            limits=_limits(options),
            password=options.password,
        )
        write_review(report.to_dict(), output, data=data, options=look, password=options.password)
    except ReportParseError as error:
        return _unreadable(error, options.file)
    except OSError as error:
        print(f"reportparse review: {error.filename or options.file}: {error.strerror}",
              file=sys.stderr)  # fmt: skip
        return EXIT_INPUT
    except Exception as error:
        return _internal_error(f"reportparse: {options.file}", error)
    return _write(sys.stdout, output)


def _internal_error(where: str, error: Exception) -> int:
    """A bug of ours as one line after ``where`` (no traceback unless REPORTPARSE_DEBUG)."""
    if os.environ.get("REPORTPARSE_DEBUG"):
        traceback.print_exc()
    summary = f"{type(error).__name__}: {error}".splitlines()[0][:200]
    print(
        f"{where}: internal error ({summary}); please report it "
        "(REPORTPARSE_DEBUG=1 shows the details)",
        file=sys.stderr,
    )
    return EXIT_BUG


def _batch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportparse batch",
        description="Convert many reports (files, folders, .zip and .tar archives) into OUTDIR: "
        "documents/<id>.json per input, errors.jsonl, observations.csv and .parquet, "
        "facts.csv and summary.json. Re-running with the same OUTDIR resumes.",
        epilog="Exit codes: 0 every input converted; 2 some could not be read (see "
        "OUTDIR/errors.jsonl) or the command line is wrong; 1 a bug of ours.",
    )
    from reportparse._batch._engines import DEFAULT_WORKER_MEMORY

    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or archive")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder")
    parser.add_argument(
        "--include", action="append", default=[], metavar="GLOB", type=_glob,
        help="read only the files whose path below INPUT matches GLOB ('**/*.pdf'; a member "
        "of an archive is 'archive.zip!member'); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", type=_glob,
        help="leave out the files, folders and archives whose path below INPUT matches GLOB "
        "('archive/2019/*', 'draft*'); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "-j", "--jobs", type=_positive_int, default=None, metavar="N",
        help="worker processes (default: the machine's CPUs)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=120.0, metavar="S",
        help="seconds one file may take before it is recorded as an error (default: 120)",
    )  # fmt: skip
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="dask.distributed scheduler, with --engine dask"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress and no error lines")
    parser.add_argument(
        "--password", default=None, metavar="PASSWORD", help="open the encrypted PDFs with it"
    )
    _add_pdf_engine_option(parser)
    parser.add_argument(
        "--retry-errors", action="store_true",
        help="read again the inputs that an earlier run recorded in errors.jsonl",
    )  # fmt: skip
    parser.add_argument(
        "--review", action="store_true",
        help="also write a review page per document (OUTDIR/review/) and OUTDIR/index.html",
    )  # fmt: skip
    _add_review_options(parser)
    _add_limit_options(parser, timeout=False)
    parser.add_argument(
        "--max-worker-memory", type=_memory_size, default=DEFAULT_WORKER_MEMORY, metavar="SIZE",
        help="memory a worker may grow to while it reads one file (K, M, G suffixes); past it "
        "the file is recorded as an error (memory_limit) and the worker replaced; 0 for no "
        f"limit (default: {DEFAULT_WORKER_MEMORY // 1024**3}G)",
    )  # fmt: skip
    return parser


_MIN_WORKER_MEMORY = 64 * 1024**2


def _glob(text: str) -> str:
    if not text.strip().strip("/"):
        raise argparse.ArgumentTypeError("an empty pattern matches no file")
    return text


def _memory_size(text: str) -> int | None:
    """A ``--max-worker-memory``: a size of at least 64 MiB, or ``0``/``none`` for no limit."""
    if text.strip().lower() in {"0", "none", "off"}:
        return None
    value = _byte_size(text)
    if value < _MIN_WORKER_MEMORY:
        raise argparse.ArgumentTypeError(
            f"{text} is less than 64M (a worker needs about 50M to start)"
        )
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _run_batch(rest: list[str]) -> int:
    parser = _batch_parser()
    options = parser.parse_args(rest)
    if options.engine == "dask" and not options.scheduler:
        parser.error("--engine dask needs --scheduler ADDRESS")
    if not 0 < options.timeout < float("inf"):  # also NaN
        parser.error("--timeout must be a positive number of seconds")
    from reportparse._batch import convert_batch
    from reportparse._batch._engines import WorkerStartError
    from reportparse._batch._outputs import OutputBusyError

    limits = _limits(options)  # max_seconds becomes the batch's --timeout
    try:
        summary = convert_batch(
            options.inputs,
            options.output,
            workers=options.jobs,
            timeout=options.timeout,
            engine=options.engine,
            scheduler=options.scheduler,
            limits=limits,
            progress="quiet" if options.quiet else "auto",
            retry_errors=options.retry_errors,
            password=options.password,
            review=_review_options(options) if options.review else False,
            include=options.include,
            exclude=options.exclude,
            max_worker_memory=options.max_worker_memory,
            pdf_engine=options.pdf_engine,
        )
    except (OutputBusyError, OSError) as error:
        # The output folder cannot be written or the scheduler cannot be reached.
        print(f"reportparse batch: {error}", file=sys.stderr)
        return EXIT_INPUT
    except WorkerStartError as error:
        print(f"reportparse batch: {error}", file=sys.stderr)
        return EXIT_BUG
    except Exception as error:  # the last line of defence: no traceback for users
        return _internal_error("reportparse batch", error)
    return EXIT_OK if summary.ok else EXIT_INPUT


#: The subcommands, in the order ``reportparse --help`` lists them; a new one
#: added here is dispatched, listed and suggested for a mistyped word.
_COMMANDS: dict[str, _Command] = {
    "batch": _Command(
        "INPUT… -o OUTDIR",
        "convert files, folders and archives into JSON and tables",
        _run_batch,
    ),
    "review": _Command(
        "FILE [-o PAGE]", "write an HTML page showing what was read and what was not", _run_review
    ),
    "schema": _Command("", "print the JSON Schema of the output", _run_schema),
    "example": _Command(
        "[--path]", "parse (or locate) the report bundled with the package", _run_example
    ),
}
