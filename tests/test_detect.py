"""Format detection from content: every format's magic, and what merely looks like one."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, WELFARE
from reportparse._readers._detect import describe_content, detect_format

SAMPLE = SAMPLES / f"{WELFARE}.txt"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def make_zip(names: dict[str, bytes], *, compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = make_zip(
    {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document>" + b"<w:p/>" * 2000 + b"</w:document>",
    }
)
XLSX = make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = make_zip(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
    compress=False,
)
ODS = make_zip(
    {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
    compress=False,
)
OLE_DOC = OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000)
OLE_XLS = OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1000)
TEXT = SAMPLE.read_bytes()

# (name, bytes, format or None, description)
CASES_DETECT: list[tuple[str, bytes, str | None, str]] = [
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "pdf", "PDF"),
    ("pdf 2.0", b"%PDF-2.0\n", "pdf", "PDF"),
    ("pdf after junk", b"HTTP/1.1 200 OK\r\n\r\n" + b"\x00" * 900 + b"%PDF-1.4\n", "pdf", "PDF"),
    ("pdf header at byte 1023", b" " * 1023 + b"%PDF-1.4\n", "pdf", "PDF"),
    ("pdf header past the first 1024 bytes", b"x" * 1024 + b"%PDF-1.4\n", "text", "text"),
    ("docx", DOCX, "docx", "DOCX"),
    ("docx cut short", DOCX[: len(DOCX) // 2], "docx", "DOCX"),
    ("zip that is not docx", make_zip({"report.txt": TEXT}), None, "a ZIP archive"),
    ("empty zip", b"PK\x05\x06" + bytes(18), None, "a ZIP archive"),
    (
        "zip of a stored pdf",
        make_zip({"a.pdf": b"%PDF-1.4\n"}, compress=False),
        None,
        "a ZIP archive",
    ),
    ("xlsx", XLSX, "xlsx", "an Excel .xlsx file"),
    ("odt", ODT, None, "an OpenDocument file"),
    ("ods", ODS, "ods", "an OpenDocument spreadsheet"),
    ("ole .doc", OLE_DOC, None, "an old Word .doc file"),
    ("ole .xls", OLE_XLS, "xls", "an old Excel .xls file"),
    ("ole, unknown stream", OLE_MAGIC + bytes(1000), None, "an old Office file"),
    ("html doctype", b"<!DOCTYPE html>\n<html><body></body></html>", "html", "HTML"),
    ("html lowercase doctype", b"<!doctype html><title>x</title>", "html", "HTML"),
    ("html after bom and whitespace", b"\xef\xbb\xbf \r\n\t<HTML lang=lv>", "html", "HTML"),
    ("html in utf-16", "\n<html><body>Rīga</body></html>".encode("utf-16"), "html", "HTML"),
    ("html head", b"<head><meta charset=utf-8></head>", "html", "HTML"),
    ("html body", b"<body>\n<p>x</p>", "html", "HTML"),
    ("html table fragment", b"<table><tr><td>40</td></tr></table>", "html", "HTML"),
    ("html meta", b"<meta http-equiv=Content-Type content='text/html'>", "html", "HTML"),
    (
        "html after a comment",
        b"<!-- saved from url=(0014)about:internet -->\n<html>",
        "html",
        "HTML",
    ),
    (
        "xhtml",
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml">',
        "html",
        "HTML",
    ),
    ("xhtml root without doctype", b'<?xml version="1.0"?><html xmlns="x">', "html", "HTML"),
    ("other xml", b'<?xml version="1.0"?>\n<dataset><row/></dataset>', None, "an XML file"),
    ("rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}Teksts}", None, "an RTF document"),
    ("text", TEXT, "text", "text"),
    ("text in windows-1257", TEXT.decode().encode("cp1257"), "text", "text"),
    ("text in utf-16 without bom", TEXT.decode().encode("utf-16-le"), "text", "text"),
    ("text starting with <b>", "<b>kopā</b>\t<b>316</b>\n".encode(), "text", "text"),
    ("text starting with <header>", b"<header> is not an HTML start\n", "text", "text"),
    ("text with a pdf-like start", b"%PDF izdruka: skat. pielikumu\n", "text", "text"),
    ("text naming a pdf version", b"PDF-1.7 dokuments\n", "text", "text"),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(100), None, "an image"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), None, "an image"),
    ("gif", b"GIF89a" + bytes(100), None, "an image"),
    ("tiff", b"II*\x00" + bytes(100), None, "an image"),
    ("webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(100), None, "an image"),
    ("bmp", b"BM" + (114).to_bytes(4, "little") + bytes(108), None, "an image"),
    ("text starting with BM", b"BM pabalsti\n", "text", "text"),
    ("empty", b"", None, "empty"),
    ("whitespace", b" \r\n\t\n", "text", "empty"),
    ("nul padding", bytes(4096), "text", "empty"),
    ("random bytes", random.Random(1).randbytes(4096), None, "binary data"),
    ("gzip", b"\x1f\x8b\x08\x00" + random.Random(2).randbytes(500), None, "binary data"),
]


@pytest.mark.parametrize(
    ("data", "fmt"),
    [(case[1], case[2]) for case in CASES_DETECT],
    ids=[case[0] for case in CASES_DETECT],
)
def test_detect_format(data: bytes, fmt: str | None) -> None:
    assert detect_format(data) == fmt


@pytest.mark.parametrize(
    ("data", "description"),
    [(case[1], case[3]) for case in CASES_DETECT],
    ids=[case[0] for case in CASES_DETECT],
)
def test_describe_content(data: bytes, description: str) -> None:
    assert describe_content(data) == description


def test_zip_members_are_never_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    # Detection reads the central directory only, so a zip bomb costs nothing.
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a zip member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    assert detect_format(DOCX) == "docx"
    assert describe_content(XLSX) == "an Excel .xlsx file"


def test_large_text_is_detected_from_its_start() -> None:
    data = TEXT * 2000  # about 20 MB
    assert detect_format(data) == "text"


READABLE_DESCRIPTIONS = {"pdf": "PDF", "docx": "DOCX", "html": "HTML", "text": "text"}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.integers(0, 50), st.randoms(use_true_random=False))
def test_damaged_docx_never_raises(tail: bytes, flips: int, rng: random.Random) -> None:
    data = bytearray(DOCX[: rng.randrange(len(DOCX) + 1)] + tail)
    for _ in range(flips):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    fmt = detect_format(bytes(data))
    description = describe_content(bytes(data))
    if fmt is not None and description != "empty":
        assert READABLE_DESCRIPTIONS[fmt] == description


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_format_and_description_agree(data: bytes) -> None:
    fmt = detect_format(data)
    description = describe_content(data)
    if fmt is None:
        assert description not in READABLE_DESCRIPTIONS.values()
    elif description != "empty":
        assert READABLE_DESCRIPTIONS[fmt] == description
