"""Bytes to text for the text formats, with the encodings Latvian reports come in.

Municipal text files are UTF-8 today, UTF-16 when a Windows tool saved them
as "Unicode", and Windows-1257 when they are old; some were edited in both
eras and carry UTF-8 and Windows-1257 lines side by side. There is no
statistical guessing here: every step below is decided by bytes that cannot
occur in the other encodings.

>>> decode_text("Pārskats\\r\\n".encode("cp1257"))
('Pārskats\\n', 'windows-1257')
>>> decode_text("\\ufeffPārskats".encode("utf-8"))
('Pārskats', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from reportparse._errors import UnsupportedFormatError

__all__ = ["decode_text", "is_binary_text", "sniff_text_prefix"]

# Longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# C0/C1 controls other than the whitespace ones (tab, newline, CR, VT, FF),
# plus the replacement character a lenient decode leaves behind.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# Real reports have no controls at all; random bytes decoded as a single-byte
# code page show about a quarter. A few per cent leaves room for a stray
# DOS end-of-file mark or a page-break character without admitting binaries.
_MAX_CONTROL_SHARE = 0.05
# How much of a file the UTF-16 NUL pattern looks at: enough to be sure, cheap.
_SNIFF_BYTES = 4096
# Line separators other than "\n" that a text file may carry.
_NEWLINES = re.compile("\r\n?|[\x85\u2028\u2029]")

_BINARY_REASON = "binary data, not a text report"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text document; return the text and the name of the encoding used.

    Order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), then UTF-16 without a BOM
    when every other byte is NUL, then strict UTF-8, then Windows-1257, line by
    line when UTF-8 and Windows-1257 lines are mixed (encoding name
    ``utf-8+windows-1257``). The text has ``\\n`` newlines, is in NFC and
    has no BOM. Raises :class:`UnsupportedFormatError` when the decoded text is
    mostly control characters, i.e. the bytes are not text at all.

    >>> decode_text("ā\\n".encode("utf-8") + "ē\\n".encode("cp1257"))
    ('ā\\nē\\n', 'utf-8+windows-1257')
    >>> decode_text("Rīga".encode("utf-16-le"))
    ('Rīga', 'utf-16-le')
    """
    text, encoding = _decode(data)
    # str.replace and `in` are C searches; the regex alone would try every
    # position and take seconds on a 50 MB page.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if is_binary_text(text):
        raise UnsupportedFormatError(_BINARY_REASON)
    return text, encoding


def is_binary_text(text: str) -> bool:
    """True when decoded text is too full of control characters to be a document.

    NUL padding at the end (some exporters fill to a block size) does not count.

    >>> is_binary_text("Pārskats\\t12\\n\\x00\\x00\\x00")
    False
    >>> is_binary_text("\\x00\\x01\\x02abc")
    True
    """
    text = text.rstrip("\x00")
    if not text:
        return False
    # Counted by removal: findall would build a list of millions of matches
    # for a large binary file.
    controls = len(text) - len(_CONTROL.sub("", text))
    # One stray character is tolerated so that a short file cut mid-character
    # is not called binary.
    return controls > _MAX_CONTROL_SHARE * len(text) + 1


def sniff_text_prefix(data: bytes, size: int = _SNIFF_BYTES) -> str:
    """The first ``size`` bytes as text, leniently, for recognising markup.

    Only BOMs and the UTF-16 NUL pattern are honoured; everything else is read
    as Latin-1, which keeps ASCII markup (``<html``) intact whatever the real
    single-byte or UTF-8 encoding is.
    """
    head = data[:size]
    for bom, codec, _ in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    utf16 = _utf16_without_bom(head)
    if utf16:
        return head.decode(utf16, errors="ignore")
    return head.decode("latin-1")


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data[len(bom) :], codec), name

    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_unicode(data, utf16), utf16

    # ASCII and UTF-8 NUL-free text fail none of the checks above, so UTF-8
    # comes after UTF-16: UTF-16 text of Latin letters is valid UTF-8 (NULs and
    # \x01 are legal code points) and would otherwise decode to garbage.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        # A file cut in the middle of its last character is still UTF-8.
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            return data.decode("utf-8", errors="replace"), "utf-8"
    return _decode_legacy(data)


def _decode_unicode(data: bytes, codec: str) -> str:
    unit = 4 if codec.startswith("utf-32") else 2 if codec.startswith("utf-16") else 1
    # A stray trailing byte (a file cut short, a newline appended by a tool
    # that did not know the encoding) must not cost the whole file.
    data = data[: len(data) - len(data) % unit]
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return data.decode(codec, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NULs sit on one parity only, else None.

    Latvian text in UTF-16 has a zero high byte for every ASCII character
    (letters, digits, spaces, tabs, newlines), so a third or more of the
    high bytes are NUL while the low bytes almost never are; UTF-8 and
    Windows-1257 text has no NULs at all.
    """
    head = data[:_SNIFF_BYTES]
    if len(head) < 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd) if odd else 0.0
    if odd_nul >= 0.3 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.3 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Windows-1257, or UTF-8 and Windows-1257 line by line when both occur."""
    lines = data.split(b"\n")
    parts: list[str] = []
    utf8_lines = legacy_lines = 0
    undefined = False
    for line in lines:
        try:
            part = line.decode("utf-8")
        except UnicodeDecodeError:
            legacy_lines += 1
            part, lenient = _decode_cp1257(line)
            undefined = undefined or lenient
        else:
            # ASCII lines read the same in both; only non-ASCII UTF-8 lines
            # show that the file really mixes encodings.
            if not line.isascii():
                utf8_lines += 1
        parts.append(part)
    text = "\n".join(parts)
    legacy = "iso-8859-13" if undefined else "windows-1257"
    if utf8_lines and legacy_lines:
        return text, f"utf-8+{legacy}"
    return text, legacy


def _decode_cp1257(line: bytes) -> tuple[str, bool]:
    """Windows-1257; the bytes it leaves undefined are read as ISO-8859-13.

    ISO-8859-13 agrees with Windows-1257 on every Latvian letter and maps the
    undefined bytes to C1 controls, which the binary check then counts, so a
    file of random bytes is still rejected.
    """
    try:
        return line.decode("cp1257"), False
    except UnicodeDecodeError:
        return line.decode("iso-8859-13"), True
