"""PDF reader: ruled tables, headings and paragraphs from a PDF, page by page.

pdfplumber finds tables from ruling lines; everything else (cell text from
glyphs, wrapped words joined back, tables continued over page breaks,
headings by font size) is decided here and in the ``_pdf_*`` helpers. Each
page is reduced to plain data and closed before the next is opened, so memory
stays flat on long reports. A damaged cross-reference table is rebuilt, an
encrypted file opened with the password given, and a file that cannot be read
refused with a short reason.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect, PDFXRefFallback
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException
from pypdfium2 import PdfiumError
from pypdfium2 import raw as pdfium_raw

from reportparse._codes import WarningCode
from reportparse._errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    LimitExceededError,
    ReportParseError,
    UnsupportedFormatError,
)
from reportparse._limits import Limits, TextCounter, check_time
from reportparse._model import Conventions, Document
from reportparse._readers import DEFAULT_PDF_ENGINE, PDF_ENGINES, PdfEngine
from reportparse._readers._pdf._layout import assemble
from reportparse._readers._pdf._page import PageContent, extract_page, page_content
from reportparse._readers._pdf._pdfium import open_document
from reportparse._readers._pdf._pdfium import pages as pdfium_pages
from reportparse._readers._pdf._tables import table_boxes
from reportparse._readers._pdf._unruled import find_unruled_tables

__all__ = ["read"]

# The PDF specification lets a header sit anywhere in the first kilobyte.
_HEADER_WINDOW = 1024
_EOF_WINDOW = 1024
_STARTXREF = re.compile(rb"startxref\s+\d+")
_PASSWORD_NEEDED = "encrypted PDF (a password is needed)"
# Raised by _library_errors; _open says which of the two it was.
_PASSWORD_REFUSED = "encrypted PDF (password refused)"


def read(
    data: bytes,
    *,
    limits: Limits,
    conventions: Conventions,
    password: str | None = None,
    engine: PdfEngine = DEFAULT_PDF_ENGINE,
) -> Document:
    """Read a PDF held in memory; ``password`` opens an encrypted one.

    ``engine`` reads the pages' glyphs and rules: ``pypdfium2`` (PDFium) or
    ``pdfplumber`` (pdfminer). The file's envelope (its cross-reference table,
    encryption, metadata, page count) is read by pdfminer either way, so both
    engines accept, refuse and warn about the same files.
    """
    if engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}: one of {', '.join(PDF_ENGINES)}")
    _check_envelope(data)
    try:
        return _read(data, limits, conventions, password, engine)
    except _NoPagesError:
        pass
    # A file edited without rewriting its cross-reference table can point
    # pdfminer at the wrong bytes, and it then finds no page and says nothing.
    # Sending it to the end of the file makes pdfminer rebuild the table by
    # scanning for "N 0 obj", as it does on its own when the table is unreadable.
    cut = max(0, len(data) - _EOF_WINDOW)
    rebuilt = data[:cut] + _STARTXREF.sub(b"startxref\n0", data[cut:])
    try:
        return _read(rebuilt, limits, conventions, password, engine)
    except _NoPagesError:
        raise CorruptFileError("damaged PDF: no pages found") from None


class _NoPagesError(Exception):
    """The page tree led to no page."""


def _read(
    data: bytes, limits: Limits, conventions: Conventions, password: str | None, engine: PdfEngine
) -> Document:
    pdf = _open(data, password)
    with _library_errors():
        title = _title(pdf.metadata)
        declared = _declared_pages(pdf)
        repaired = any(isinstance(xref, PDFXRefFallback) for xref in pdf.doc.xrefs)
    if declared is not None and declared > limits.max_pages:
        raise LimitExceededError(f"more than {limits.max_pages} pages")
    pages: list[PageContent] = []
    textless: list[int] = []
    n_cells = 0
    text = TextCounter(limits)
    for number, content, has_text in _page_contents(pdf, data, password, engine, limits):
        if not has_text:
            textless.append(number)
        n_cells += sum(len(t.cells) for t in content.tables)
        if n_cells > limits.max_cells:
            raise LimitExceededError(f"more than {limits.max_cells} table cells")
        for line in content.lines:
            text.add(line.text)
        pages.append(content)
    if not pages:
        raise _NoPagesError
    if len(textless) == len(pages):
        raise UnsupportedFormatError("no text layer (scanned?)")
    notes = _notes(pages, textless)
    if repaired:
        notes.insert(
            0, (WarningCode.PDF_REPAIRED, "the PDF's cross-reference table was damaged: rebuilt")
        )
    n_pages = len(pages)
    return Document(
        format="pdf",
        blocks=assemble(pages, conventions),  # empties ``pages``
        pages=n_pages,
        metadata_title=title,
        notes=notes,
    )


def _open(data: bytes, password: str | None) -> Any:
    try:
        with _library_errors():
            return pdfplumber.open(io.BytesIO(data), password=password or "")
    except EncryptedFileError as error:
        if error.reason == _PASSWORD_REFUSED:
            error.reason = "encrypted PDF (wrong password)" if password else _PASSWORD_NEEDED
            error.args = (error.reason,)
        raise


def _page_contents(
    pdf: Any, data: bytes, password: str | None, engine: PdfEngine, limits: Limits
) -> Iterator[tuple[int, PageContent, bool]]:
    """Each page's content and whether it had glyphs, one page at a time."""
    if engine == "pypdfium2":
        with _library_errors():
            if next(PDFPage.create_pages(pdf.doc), None) is None:
                return  # pdfminer finds no page: the caller rebuilds the table, and says so
        with _pdfium_errors(), open_document(data, password) as document:
            yield from _pdfium_contents(document, limits)
        return
    for number, page in _pages(pdf):
        check_time()
        if number > limits.max_pages:
            raise LimitExceededError(f"more than {limits.max_pages} pages")
        yield (number, *_read_page(pdf, page, number))


def _pdfium_contents(document: Any, limits: Limits) -> Iterator[tuple[int, PageContent, bool]]:
    source = pdfium_pages(document)
    number = 0
    while True:
        check_time()
        with _pdfium_errors():
            page = next(source, None)
        if page is None:
            return
        number += 1
        if number > limits.max_pages:
            raise LimitExceededError(f"more than {limits.max_pages} pages")
        with _library_errors():  # the table finder's, as on the pdfplumber engine
            boxes = table_boxes(page.edges, page.width, page.height)
        content = page_content(number, page.width, page.height, page.chars, boxes)
        if not content.tables:
            content.lines, content.tables = find_unruled_tables(content.lines, number)
        yield number, content, bool(page.chars)


def _read_page(pdf: Any, page: Any, number: int) -> tuple[PageContent, bool]:
    """One page's content, and whether it had any glyphs; the page is closed after."""
    try:
        with _library_errors():
            # Glyphs once, edges once: both are reused for everything.
            raw_chars = page.chars
            width, height = float(page.width), float(page.height)
            boxes = table_boxes(page.edges, width, height)
        content = extract_page(number, width, height, raw_chars, boxes)
        if not content.tables:
            content.lines, content.tables = find_unruled_tables(content.lines, number)
        return content, bool(raw_chars)
    finally:
        # Drops the page's glyphs, layout and text map: nothing of it is kept.
        page.close()
        _forget_contents(pdf, page)


def _notes(pages: list[PageContent], textless: list[int]) -> list[tuple[WarningCode, str]]:
    notes: list[tuple[WarningCode, str]] = []
    if textless:
        listed = ", ".join(map(str, textless[:20])) + (" …" if len(textless) > 20 else "")
        notes.append((WarningCode.PAGES_WITHOUT_TEXT, f"pages without text (scanned?): {listed}"))
    unreadable = [p.number for p in pages if p.unreadable_chars]
    if unreadable:
        listed = ", ".join(map(str, unreadable[:20])) + (" …" if len(unreadable) > 20 else "")
        notes.append(
            (
                WarningCode.UNREADABLE_FONT,
                f"characters in a font without a Unicode map could not be read, on pages {listed}",
            )
        )
    return notes


def _check_envelope(data: bytes) -> None:
    if not data.strip():
        raise EmptyFileError("empty file")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise UnsupportedFormatError("not a PDF")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise CorruptFileError("truncated PDF (no end-of-file marker)")


@contextmanager
def _library_errors() -> Iterator[None]:
    """Turn whatever pdfminer/pdfplumber raise on a bad file into a reason."""
    try:
        yield
    except (ReportParseError, MemoryError, RecursionError):
        raise  # the caller reports running out of memory or stack as a limit
    except Exception as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedFileError(_PASSWORD_REFUSED) from exc
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedFileError("encrypted PDF (unsupported encryption)") from exc
        raise CorruptFileError(f"damaged PDF: {_short(cause)}") from exc


@contextmanager
def _pdfium_errors() -> Iterator[None]:
    """Turn what PDFium raises on a file pdfminer could open into a reason."""
    try:
        yield
    except PdfiumError as exc:
        if exc.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(_PASSWORD_REFUSED) from exc
        if exc.err_code == pdfium_raw.FPDF_ERR_SECURITY:
            raise EncryptedFileError("encrypted PDF (unsupported encryption)") from exc
        raise CorruptFileError(f"damaged PDF: {_short(exc)}") from exc


def _short(exc: object) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    if isinstance(exc, str) or not text:
        return (text or name)[:80]
    return f"{name}: {text}"[:80]


def _pages(pdf: Any) -> Iterator[tuple[int, Any]]:
    """Pages one at a time, each created only when needed.

    ``pdf.pages`` would build every page up front and keep them all; this
    walks pdfminer's page tree lazily instead.
    """
    doctop = 0.0
    number = 0
    with _library_errors():
        page_objs = PDFPage.create_pages(pdf.doc)
    while True:
        with _library_errors():
            page_obj = next(page_objs, None)
            if page_obj is None:
                return
            number += 1
            page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
            doctop += float(page.height)
        yield number, page


def _forget_contents(pdf: Any, page: Any) -> None:
    """Evict the page's decoded content streams from pdfminer's object cache.

    pdfminer keeps every object it has parsed, content streams included, for
    the life of the document: some 25 KB a page, which page.close() cannot
    reach. A stream needed again is simply parsed again. ``_cached_objs`` is
    private to pdfminer, so this does nothing if it is not there.
    """
    cache = getattr(pdf.doc, "_cached_objs", None)
    if not isinstance(cache, dict):
        return
    for stream in getattr(page.page_obj, "contents", None) or ():
        cache.pop(getattr(stream, "objid", None), None)


def _declared_pages(pdf: Any) -> int | None:
    """The page count the page tree claims, to refuse a huge file before reading it."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:
        return None  # no usable count: pages are counted while reading
    return count if isinstance(count, int) else None


def _title(metadata: dict[str, Any]) -> str | None:
    title = metadata.get("Title")
    if isinstance(title, bytes):
        title = title.decode("latin-1", errors="replace")
    if not isinstance(title, str):
        return None
    title = " ".join(title.replace("\x00", "").split())
    return title or None
