"""Fuzzing: any bytes a reader is given end as a report or a ``ReportParseError``, never a crash.

Each reader gets mutated real documents (bytes flipped, cut, repeated,
spliced, and markup of its own format inserted) and goes through
``parse(data, format=…)``, so that interpretation sees whatever damaged
structure the reader lets through. DOCX is mutated inside the zip (its
``word/document.xml``), else nearly every example would stop at the zip
layer. A ``ReportParseError`` is a correct answer; any other exception, or
an error message that is not one line, fails the test and hypothesis
shrinks the input.

Short by default (a few dozen examples a reader); long on demand
(docs/robustness.md):

    .venv/bin/pytest tests/fuzz --hypothesis-profile=fuzz
    REPORTPARSE_FUZZ_EXAMPLES=200000 .venv/bin/pytest tests/fuzz -x
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz._settings import FUZZ, LONG
from reportparse import Limits, ReportParseError, parse

FIXTURES = Path(__file__).parents[1] / "fixtures"
# Small enough that a mutation that multiplies the work cannot stall the run.
LIMITS = Limits(max_pages=20, max_cells=20_000, max_tags=200_000, max_seconds=20)

# Markup each format's reader reacts to, for insertion at random places.
_TOKENS: dict[str, list[bytes]] = {
    "pdf": [
        b"BT", b"ET", b"Tf", b"Tj", b"TJ", b"re S", b"m", b"l", b"cm", b"q", b"Q", b" 0 ",
        b" -1e9 ", b"<0017>", b"(cid:3)", b"/F 10", b"endstream", b"endobj", b"obj",
        b"<<", b">>", b"[", b"]", b"/Length 999999", b"xref", b"trailer", b"%%EOF",
    ],
    "html": [
        b"<table>", b"</table>", b"<tr>", b"</tr>", b"<td>", b"</td>", b"<th>",
        b'<td colspan="0">', b'<td rowspan="0">', b'<td colspan="99999">',
        b'<td rowspan="65534">', b"<caption>", b"<thead>", b"<tbody>", b"<tfoot>",
        b"<br>", b"<b>", b"</b>", b"<h2>", b"<p>", b"<li>", b"<div hidden>", b"&nbsp;",
        b"&#0;", b"&#x110000;", b"<!--", b"-->", b"<script>", b"\x00", b"\xff\xfe",
        b" 1 279 538 ", b" 49582,43 ", b" 2024. gada ", b" kop\xc4\x81 ",
    ],
    "text": [
        b"\t", b"\n", b"\r\n", b"|", b"| --- |", b"----", b"**", b"<b>", b"</b>",
        b"# ", b"* ", b"1. ", b"\x0c", b"\x00", b"\xef\xbb\xbf", b"\xe2", b"\xfe",
        b" 1 279 538 ", b" 49582,43 ", b"t\xc5\xabkst.", b" 2024. gada ", b"kop\xc4\x81",
        b"121\xc4\xa3im/173pers", b"(t.sk. 5)", b"x", b"-",
    ],
    "docx": [
        b"<w:p>", b"</w:p>", b"<w:r>", b"</w:r>", b"<w:t>", b"</w:t>", b"<w:tbl>",
        b"</w:tbl>", b"<w:tr>", b"</w:tr>", b"<w:tc>", b"</w:tc>", b'<w:gridSpan w:val="0"/>',
        b'<w:gridSpan w:val="99999"/>', b'<w:vMerge w:val="continue"/>', b"<w:vMerge/>",
        b'<w:gridBefore w:val="9"/>', b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>",
        b"<w:ins>", b"</w:ins>", b"<w:del>", b"</w:del>", b"<w:br/>", b"<w:tab/>",
        b'<w:outlineLvl w:val="-1"/>', b"<!DOCTYPE", b"&amp;", b"\x00",
    ],
}  # fmt: skip


@cache
def _seeds(fmt: str) -> tuple[bytes, ...]:
    bad = FIXTURES / "bad"
    paths: list[Path] = {
        "pdf": [bad / "report.pdf", bad / "cid-font.pdf", bad / "broken-xref.pdf"],
        "html": [
            FIXTURES / "html" / "tables.html",
            FIXTURES / "html" / "chrome.html",
            FIXTURES / "layouts" / "socialas-jomas-finansejums-2022.html",
        ],
        "text": [
            bad / "utf8.txt",
            bad / "windows-1257.txt",
            FIXTURES / "layouts" / "ceturksni-2023.txt",
            FIXTURES / "layouts" / "gmi-11-menesi-2022.txt",
        ],
        "docx": [
            bad / "report.docx",
            bad / "tracked-changes.docx",
            FIXTURES / "docx" / "merged.docx",
            FIXTURES / "docx" / "nested.docx",
        ],
    }[fmt]
    if LONG:
        # Long runs also start from the published samples (compressed, larger).
        paths += sorted((FIXTURES / "samples").glob(f"*.{'txt' if fmt == 'text' else fmt}"))
    return tuple(p.read_bytes() for p in paths)


@st.composite
def _mutated(draw: st.DrawFn, seed: bytes, tokens: list[bytes]) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        size = len(data)
        at = draw(st.integers(0, size))
        op = draw(st.sampled_from(("flip", "delete", "insert", "repeat", "truncate", "swap")))
        if op == "flip" and at < size:
            data[at] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(tokens)) * draw(st.integers(1, 50))
        elif op == "repeat":
            chunk = data[at : at + draw(st.integers(1, 200))]
            data[at:at] = chunk * draw(st.integers(1, 20))
        elif op == "truncate":
            del data[at:]
        elif op == "swap" and size > 2:
            other = draw(st.integers(0, size - 1))
            a, b = sorted((at, other))
            length = min(draw(st.integers(1, 100)), b - a)
            data[a : a + length], data[b : b + length] = data[b : b + length], data[a : a + length]
    return bytes(data)


def _documents(fmt: str) -> st.SearchStrategy[bytes]:
    mutated = st.sampled_from(_seeds(fmt)).flatmap(lambda seed: _mutated(seed, _TOKENS[fmt]))
    if fmt == "docx":
        mutated = st.sampled_from(_seeds(fmt)).flatmap(_mutated_docx)
    # Now and then bytes from nowhere: they must be refused, not crash a reader.
    return st.one_of(mutated, mutated, mutated, st.binary(max_size=512))


def _mutated_docx(seed: bytes) -> st.SearchStrategy[bytes]:
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    main = "word/document.xml"
    return _mutated(parts[main], _TOKENS["docx"]).map(lambda xml: _rezip({**parts, main: xml}))


def _rezip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _check(data: bytes, fmt: str) -> None:
    try:
        report = parse(data, format=fmt, name=f"fuzz.{fmt}", limits=LIMITS)  # type: ignore[arg-type]
    except ReportParseError as error:
        message = str(error)
        assert error.reason, repr(error)
        assert "\n" not in message and "Traceback" not in message, message
        return
    report.to_json()
    report.to_dict()


def _fuzz(fmt: str) -> Callable[[], None]:
    @FUZZ
    @given(_documents(fmt))
    def test(data: bytes) -> None:
        _check(data, fmt)

    return test


test_pdf_reader = _fuzz("pdf")
test_docx_reader = _fuzz("docx")
test_html_reader = _fuzz("html")
test_text_reader = _fuzz("text")


@FUZZ
@given(st.binary(max_size=2048) | st.sampled_from(_seeds("text") + _seeds("html")))
def test_detection_and_every_reader(data: bytes) -> None:
    """Whatever the bytes, format detection and then each reader forced onto them."""
    _check(data, "auto")
    for fmt in ("pdf", "docx", "html", "text"):
        _check(data, fmt)
