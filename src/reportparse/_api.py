"""``parse()``: a file or bytes in, a :class:`Report` out."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Literal

from reportparse._errors import (
    EmptyFileError,
    LimitExceededError,
    ReportParseError,
    UnsupportedFormatError,
)
from reportparse._interpret._pipeline import interpret
from reportparse._lang._reading import reading_conventions
from reportparse._limits import Limits, time_limit
from reportparse._model import Format
from reportparse._readers import FORMATS, PdfEngine, get_reader
from reportparse._readers._detect import describe_content, detect_format
from reportparse._records._report import Report, Source

__all__ = ["FormatChoice", "PdfEngine", "parse"]

FormatChoice = Literal["auto", "pdf", "docx", "html", "text"]

_EXTENSIONS: dict[str, Format] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".csv": "csv",
    ".tsv": "text",
}
_NAMES: dict[Format, str] = {
    "pdf": "a PDF",
    "docx": "a DOCX",
    "html": "HTML",
    "text": "text",
    "xlsx": "an Excel workbook",
    "xls": "an old Excel workbook",
    "ods": "an OpenDocument spreadsheet",
    "csv": "CSV",
}
# HTML is text and a text export can hold markup: a .txt with tags or an .html
# without any is mislabelled in a harmless way, and read by its content.
_TEXT_FAMILY = {"html", "text"}
# Separated values are text: a .csv is read as CSV whatever the sniffing says.
_CSV_FAMILY = {"csv", "text"}


def parse(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    format: FormatChoice = "auto",
    name: str | None = None,
    limits: Limits | None = None,
    password: str | None = None,
    describe: str | os.PathLike[str] | bytes | BinaryIO | None = None,
    pdf_engine: PdfEngine | None = None,
) -> Report:
    """Read one report: a path, the file's bytes, or a binary file object.

    ``describe`` is a data set's description page (the open-data portal's page
    as text or HTML): its column dictionary becomes the report's ``columns``,
    and an observation whose indicator is a described column, and which
    states no unit, takes the unit the description gives.

    ``format="auto"`` reads the format from the content (magic bytes); a path
    whose extension names another format is refused rather than guessed at
    (``x.pdf: not a PDF (the content is text)``) unless ``format`` is given.
    ``name`` is the path reported for bytes and streams. ``password`` opens
    an encrypted PDF; ``pdf_engine`` reads a PDF's pages with ``"pypdfium2"``
    or ``"pdfplumber"`` (docs/engines.md; ``None``: the default). ``limits``
    bounds what the document may cost (size, pages, cells, tags, nesting,
    seconds: :class:`Limits`).

    Raises ``ReportParseError`` (with ``.path`` and ``.reason``) when the
    document cannot be read.
    """
    limits = limits or Limits()
    if describe is not None:
        described = parse(describe, limits=limits)
        options = {"password": password, "pdf_engine": pdf_engine}
        report = parse(source, format=format, name=name, limits=limits, **options)  # type: ignore[arg-type]
        return _described(report, described)
    data, path = _load(source, name, limits)
    try:
        with time_limit(limits.max_seconds):
            if not data.strip():
                raise EmptyFileError("empty file")
            fmt = _choose_format(data, path, format)
            document = get_reader(fmt, pdf_engine=pdf_engine)(
                data, limits=limits, conventions=reading_conventions(), password=password
            )
            src = Source(
                path=path,
                format=fmt,
                sha256=hashlib.sha256(data).hexdigest(),
                pages=document.pages,
            )
            return interpret(document, src)
    except ReportParseError as error:
        error.path = error.path or path
        raise
    except RecursionError:
        raise LimitExceededError("nested too deeply to read", path=path) from None
    except MemoryError:
        # Not a bug of ours but a file too big for this machine at these limits.
        raise LimitExceededError("out of memory while reading", path=path) from None


def _load(
    source: str | os.PathLike[str] | bytes | BinaryIO, name: str | None, limits: Limits
) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), name
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        shown = name or os.fspath(source)
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                raise LimitExceededError(
                    f"file of {size} bytes is over the limit of {limits.max_file_bytes}",
                    path=shown,
                )
            return path.read_bytes(), shown
        except IsADirectoryError:
            raise ReportParseError("is a directory", path=shown) from None
        except FileNotFoundError:
            raise ReportParseError("no such file", path=shown) from None
        except PermissionError:
            raise ReportParseError("permission denied", path=shown) from None
        except OSError as error:
            raise ReportParseError(f"cannot read: {error.strerror}", path=shown) from None
    data = source.read(limits.max_file_bytes + 1)
    stream_name = getattr(source, "name", None)
    shown_name = name or (stream_name if isinstance(stream_name, str) else None)
    if len(data) > limits.max_file_bytes:
        raise LimitExceededError(
            f"stream is over the limit of {limits.max_file_bytes} bytes", path=shown_name
        )
    return data, shown_name


def _described(report: Report, description: Report) -> Report:
    """``report`` with the columns of its data set's ``description`` and their units."""
    units = {c.name.casefold(): c.unit for c in description.columns if c.unit is not None}
    observations = [
        replace(o, unit=units[o.indicator.casefold()])
        if o.unit is None and o.indicator and o.indicator.casefold() in units
        else o
        for o in report.observations
    ]
    return replace(report, observations=observations, columns=list(description.columns))


def _choose_format(data: bytes, path: str | None, requested: FormatChoice) -> Format:
    if requested != "auto":
        if requested not in FORMATS:
            raise UnsupportedFormatError(f"unknown format {requested!r}")
        return requested
    detected = detect_format(data)
    claimed = _EXTENSIONS.get(Path(path).suffix.lower()) if path else None
    if detected is None:
        what = describe_content(data)
        expected = f"not {_NAMES[claimed]}" if claimed else "not a supported format"
        raise UnsupportedFormatError(f"{expected} (the content is {what})")
    if claimed == "csv" and detected in _CSV_FAMILY:
        return "csv"
    if claimed is not None and claimed != detected and not {claimed, detected} <= _TEXT_FAMILY:
        raise UnsupportedFormatError(
            f"not {_NAMES[claimed]} (the content is {_NAMES[detected]})", detected=detected
        )
    return detected
