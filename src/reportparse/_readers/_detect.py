"""Which format a file is, from its bytes: the extension is only a claim.

Reports are mailed, renamed and re-saved, so ``report.pdf`` may be a DOCX or
an HTML page saved under the old name. :func:`detect_format` says which reader
can read the bytes; :func:`describe_content` names what they are for an error
message (``x.pdf: not a PDF (the content is an old Word .doc file)``).

>>> detect_format(b"%PDF-1.7\\n...")
'pdf'
>>> detect_format("Pārskats\\tjūlijs\\n".encode("cp1257"))
'text'
>>> describe_content(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(504))
'an old Office file'
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from reportparse._errors import UnsupportedFormatError
from reportparse._model import Format
from reportparse._readers._csv import looks_like_csv
from reportparse._readers._encoding import decode_text, sniff_text_prefix

__all__ = ["describe_content", "detect_format"]

# What the bytes are: a readable format, or a kind we can name but not read.
_Kind = Literal[
    "pdf",
    "docx",
    "html",
    "text",
    "csv",
    "empty",
    "zip",
    "xlsx",
    "pptx",
    "odf",
    "ods",
    "doc",
    "xls",
    "ole",
    "rtf",
    "xml",
    "image",
    "binary",
]

_DESCRIPTIONS: dict[_Kind, str] = {
    "pdf": "PDF",
    "docx": "DOCX",
    "html": "HTML",
    "text": "text",
    "csv": "CSV",
    "empty": "empty",
    "zip": "a ZIP archive",
    "xlsx": "an Excel .xlsx file",
    "pptx": "a PowerPoint .pptx file",
    "odf": "an OpenDocument file",
    "ods": "an OpenDocument spreadsheet",
    "doc": "an old Word .doc file",
    "xls": "an old Excel .xls file",
    "ole": "an old Office file",
    "rtf": "an RTF document",
    "xml": "an XML file",
    "image": "an image",
    "binary": "binary data",
}

_READABLE: dict[_Kind, Format] = {
    "pdf": "pdf",
    "docx": "docx",
    "html": "html",
    "text": "text",
    "xlsx": "xlsx",
    "xls": "xls",
    "ods": "ods",
    "csv": "csv",
}

# Acrobat accepts the header anywhere in the first 1024 bytes (mail gateways
# and web servers sometimes prepend junk); the version digit keeps a text file
# that merely mentions "%PDF-" in passing from counting as a PDF.
_PDF_HEADER = re.compile(rb"%PDF-\d")
_PDF_WINDOW = 1024
# Whitespace and NUL padding only (a preallocated file never written to).
_BLANK = re.compile(rb"[\s\x00]*")

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; an empty archive
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE2 directory are UTF-16-LE; the main stream tells Word from Excel.
_OLE_WORD = "WordDocument".encode("utf-16-le")
_OLE_EXCEL = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"\x00\x00\x01\x00",  # Windows icon
)

# Markup an HTML document (or fragment saved as a page) starts with; the tag
# name must end there so that "<header" or "<tablet" is not taken for one.
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|table|meta|title)(?=[\s>/]|$)", re.IGNORECASE
)
# Skipped before the first tag: an XML declaration and comments (a saved
# page often opens with "<!-- saved from url=… -->").
_PROLOG = re.compile(r"\s*(?:<\?xml[^>]*\?>|<!--.*?-->)", re.DOTALL)

# Enough of a text file to tell text from binary without decoding 200 MB.
_TEXT_SNIFF_BYTES = 64 * 1024


def detect_format(data: bytes) -> Format | None:
    """The format whose reader can read ``data``, or None when no reader can.

    >>> detect_format(b"<!DOCTYPE html><html><body></body></html>")
    'html'
    >>> detect_format(b"PK\\x05\\x06" + bytes(18)) is None
    True
    """
    kind = _sniff(data)
    # Whitespace is a text file with nothing in it; the text reader says "empty file".
    if kind == "empty" and data:
        return "text"
    return _READABLE.get(kind)


def describe_content(data: bytes) -> str:
    """A few words naming what ``data`` is, for "not a PDF (the content is …)".

    >>> describe_content(b"")
    'empty'
    >>> describe_content(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(20))
    'an image'
    """
    return _DESCRIPTIONS[_sniff(data)]


def _sniff(data: bytes) -> _Kind:
    if _BLANK.fullmatch(data):
        return "empty"
    # Magic at offset 0 first: a zip whose first member is a stored PDF has
    # "%PDF-" in its first kilobyte too.
    if data.startswith(_ZIP_MAGIC):
        return _sniff_zip(data)
    if data.startswith(_OLE_MAGIC):
        return _sniff_ole(data)
    if _is_image(data):
        return "image"
    # endpos lets a header start at byte 1023 at the latest.
    if _PDF_HEADER.search(data, 0, _PDF_WINDOW - 1 + len(b"%PDF-0")):
        return "pdf"
    return _sniff_text(data)


def _sniff_zip(data: bytes) -> _Kind:
    try:
        # Reads the central directory only; nothing is decompressed.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # A DOCX cut short has no central directory but still has its local
        # headers; calling it a DOCX lets the DOCX reader say it is damaged.
        return "docx" if b"word/document.xml" in data else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names and b"application/vnd.oasis.opendocument" in data[:256]:
        return "ods" if b"opendocument.spreadsheet" in data[:256] else "odf"
    return "zip"


def _sniff_ole(data: bytes) -> _Kind:
    # The directory can lie anywhere in the file; a byte search for the stream
    # name is enough to word an error message and needs no OLE parser.
    if _OLE_WORD in data:
        return "doc"
    if any(name in data for name in _OLE_EXCEL):
        return "xls"
    return "ole"


def _is_image(data: bytes) -> bool:
    if data.startswith(_IMAGE_MAGIC):
        return True
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    # "BM" also starts ordinary words; a BMP stores its own file size next.
    return (
        data[:2] == b"BM" and len(data) >= 14 and int.from_bytes(data[2:6], "little") == len(data)
    )


def _sniff_text(data: bytes) -> _Kind:
    head = sniff_text_prefix(data)
    start = head.lstrip("\ufeff \t\r\n\x0c")
    if start.startswith("{\\rtf"):
        return "rtf"
    position = 0
    while match := _PROLOG.match(start, position):
        if match.end() == position:
            break
        position = match.end()
    body = start[position:].lstrip()
    if _HTML_START.match(body):
        return "html"
    if start.startswith("<?xml") and body.startswith("<") and not body.startswith("<html"):
        return "xml"
    try:
        text, _ = decode_text(data[:_TEXT_SNIFF_BYTES])
    except UnsupportedFormatError:
        return "binary"
    if not text.strip():
        return "empty"
    return "csv" if looks_like_csv(text) else "text"
