"""HTML reader: headings, paragraphs and tables of a web page, in reading order.

The page is parsed with lxml's HTML parser (libxml2, the parser BeautifulSoup
itself uses for ``"lxml"``) and walked iteratively. BeautifulSoup adds nothing
the walk needs and building its tree alone takes three to six times as long
as this whole reader on the sample report; the explicit stack keeps a page
nested a hundred thousand levels deep from reaching Python's recursion limit.

What is read: ``h1``–``h6`` as headings; ``p``, ``li`` (list items) and loose
text of ``div``/``section``/… (one paragraph per ``<br>``-separated line) as
paragraphs; a short paragraph that is bold throughout as a level-3 heading,
as the DOCX reader does; ``<table>`` with ``colspan``/``rowspan``, ``<th>``
and ``<thead>`` as headers, bold from ``<b>``/``<strong>``/``<th>``/inline
``font-weight``; ``<caption>`` as a paragraph before its table; nested tables
as blocks of their own after the outer table; the ``<title>``.

What is skipped: script, style, template, navigation, page headers and
footers outside the article, asides, search and login forms, form controls,
embedded media, and elements hidden with ``hidden``, ``display:none`` or a
screen-reader-only class. Styles in ``<style>`` sheets are not applied (a
``class`` that makes text bold is not seen). Tables used for page layout
(``role="presentation"``, a heading in a cell, a single cell around the
page) are read through as running text, not as tables.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal

from lxml import etree

from reportparse._codes import WarningCode
from reportparse._errors import EmptyFileError, LimitExceededError, UnsupportedFormatError
from reportparse._limits import Limits, TextCounter, check_time
from reportparse._model import Block, Cell, Conventions, Document, Heading, Paragraph, Table
from reportparse._readers._encoding import decode_text, is_binary_text
from reportparse._readers._textnorm import SUPERSCRIPT_DIGITS, clean, one_line

__all__ = ["read"]

_Element = Any  # lxml ships no type information

# --- decoding -------------------------------------------------------------------

# Where a page states its encoding: WHATWG looks at the first 1024 bytes; old
# CMS templates put the <meta> after long inline scripts, so look further.
_PRESCAN_BYTES = 8192
_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)")
# WHATWG: these labels mean Windows-1252; a page declaring UTF-16 in ASCII
# bytes cannot be UTF-16.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
_ANY_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|!--|(?:html|head|body|title|meta|link|div|span|p|br|hr|table|tr|td|th"
    r"|thead|tbody|h[1-6]|ul|ol|li|a|b|i|u|em|strong|font|center|section|article|main|header"
    r"|footer|nav|script|style|img|pre|blockquote|form|caption|dl|dt|dd|sup|sub)(?=[\s/>]))",
    re.IGNORECASE,
)

# --- the element model ----------------------------------------------------------

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Never printed as content of the report.
_SKIP = frozenset(
    {
        "head", "title", "script", "style", "noscript", "template", "nav", "aside",
        "button", "select", "option", "optgroup", "textarea", "input", "datalist",
        "iframe", "object", "embed", "svg", "math", "canvas", "video", "audio",
        "map", "picture", "img", "meta", "link", "base",
    }
)  # fmt: skip
_SKIP_ROLES = frozenset({"navigation", "search", "banner", "contentinfo", "complementary"})
# Classes that mean "for screen readers only"; nothing a reader of the page sees.
_SCREEN_READER_ONLY = frozenset(
    {"sr-only", "visually-hidden", "screen-reader-text", "element-invisible", "visuallyhidden"}
)
# Page chrome (<header>, <footer>) is kept inside these: there it is the article's own.
_CONTENT = frozenset({"article", "main", "section"})
# Elements that start and end a block of text.
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Blocks whose text is one paragraph of their own (the rest is "loose" text).
_PARAGRAPHS = frozenset({"p", "dt", "dd", "figcaption", "summary", "legend", "caption", "pre"})
_BOLD_TAGS = frozenset({"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
_FONT_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z0-9]+)", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_DIGITS = re.compile(r"\s*(\d+)")

# HTML caps colspan at 1000 (browsers clamp, so do we); a rowspan is capped by
# its row group, which is always smaller than HTML's 65534.
_MAX_COLSPAN = 1000
# A trailing span that reaches past this and past every other row is "fill the row".
_PLAUSIBLE_WIDTH = 64
_BOLD_HEADING_MAX_CHARS = 200
_BOLD_HEADING_LEVEL = 3
_ANY_LETTER = re.compile(r"[^\W\d_]")
# A note under a table: "* …", "** …", "*) …".
_FOOTNOTE = re.compile(r"\s*\*{1,4}\)?\s*\S")
# libxml2 stops (silently, keeping what it has) at this depth unless told the
# document is "huge", and then at the second.
_LIBXML_DEFAULT_DEPTH = 256
_LIBXML_HUGE_DEPTH = 2048
# Base64 in a data: URI (a saved page's embedded images), from a size that matters.
_INLINE_DATA = re.compile(r"data:[\w.+/-]*;base64,[A-Za-z0-9+/=\s]{1024,}")


def read(
    data: bytes, *, limits: Limits, conventions: Conventions, password: str | None = None
) -> Document:
    """Read an HTML page (``password`` is ignored: HTML has no encryption).

    Raises :class:`UnsupportedFormatError` for bytes that are no HTML and
    :class:`LimitExceededError` when a safety limit would be passed; anything
    else a browser would show, however malformed, is read.
    """
    if not data or data.isspace():
        raise EmptyFileError("empty file")
    text, notes = _decode(data)
    if not _ANY_HTML_TAG.search(text):
        raise UnsupportedFormatError("not HTML")
    # Counted before parsing: libxml2 spends a few hundred bytes on every element.
    if text.count("<") > limits.max_tags:
        raise LimitExceededError(f"more than {limits.max_tags} HTML tags")
    if "data:" in text:
        # Inline images are never read; parsing a 40 MB attribute would cost
        # libxml2 several copies of it.
        text = _INLINE_DATA.sub("data:,", text)
    encoded = text.encode("utf-8", errors="replace")
    # The text (up to 4 bytes a character) is not needed once encoded; a big
    # page would otherwise hold it beside the encoded copy and the tree.
    del text
    root = _parse(encoded, limits)
    del encoded
    if root is None:
        return Document(format="html", notes=notes)
    _mark_superscripts(root)
    walker = _Walker(limits=limits, notes=notes)
    walker.walk(root)
    return Document(
        format="html",
        blocks=_attach_footnotes(walker.blocks),
        metadata_title=_title(root),
        notes=walker.notes,
    )


def _attach_footnotes(blocks: list[Block]) -> list[Block]:
    """Move the ``* …`` paragraphs right under each table into its footnotes."""
    out: list[Block] = []
    table: Table | None = None
    for block in blocks:
        if isinstance(block, Table):
            table = block
        elif (
            table is not None
            and isinstance(block, Paragraph)
            and not block.list_item
            and _FOOTNOTE.match(block.text)
        ):
            table.footnotes.append(block.text)
            continue
        else:
            table = None
        out.append(block)
    return out


def _decode(data: bytes) -> tuple[str, list[tuple[WarningCode, str]]]:
    """The page as text: a BOM, else the declared charset, else UTF-8, else Windows-1257."""
    notes: list[tuple[WarningCode, str]] = []
    if data.startswith(_BINARY_MAGIC):
        raise UnsupportedFormatError("not HTML")
    declared = None if data.startswith(_BOMS) else _declared_encoding(data[:_PRESCAN_BYTES])
    if declared is None or declared == "utf-8":
        try:
            text, used = decode_text(data)
        except UnsupportedFormatError:
            raise UnsupportedFormatError("not HTML") from None
        if declared == "utf-8" and not used.startswith("utf-8"):
            notes.append((WarningCode.CHARSET_MISMATCH, f"declared UTF-8, read as {used}"))
        elif "+" in used:
            notes.append((WarningCode.MIXED_ENCODING, f"read as {used}"))
        return text, notes
    try:
        # A legacy declaration left in a template of a page that is now UTF-8:
        # valid non-ASCII UTF-8 is almost never intended single-byte text.
        text = data.decode("utf-8")
        if not data.isascii():
            notes.append((WarningCode.CHARSET_MISMATCH, f"declared {declared}, read as utf-8"))
    except UnicodeDecodeError:
        text = data.decode(declared, errors="replace")
    if is_binary_text(text):
        raise UnsupportedFormatError("not HTML")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, notes


def _declared_encoding(head: bytes) -> str | None:
    """The Python codec of a ``<meta charset>``/http-equiv or XML declaration, if known."""
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _parse(encoded: bytes, limits: Limits) -> _Element | None:
    huge = limits.max_depth >= _LIBXML_DEFAULT_DEPTH
    too_deep = f"HTML nested deeper than {min(limits.max_depth, _LIBXML_HUGE_DEPTH)} levels"
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=huge
    )
    try:
        root = etree.fromstring(encoded, parser)
    except etree.XMLSyntaxError:
        # libxml2 gives up only on documents with no markup left to recover.
        return None
    except RecursionError:
        raise LimitExceededError(too_deep) from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stopped reading at its depth limit and kept only the start:
        # reading on would silently drop the rest of the page.
        raise LimitExceededError(too_deep)
    return root


def _title(root: _Element) -> str | None:
    for title in root.iter("title"):
        # An <svg> can have its own <title>; the page's is in <head>.
        if title.getparent() is not None and title.getparent().tag == "head":
            return one_line(title.text or "") or None
    first = next(root.iter("title"), None)
    return (one_line(first.text or "") or None) if first is not None else None


# --- element predicates ---------------------------------------------------------


def _hidden(element: _Element) -> bool:
    # Most elements of a report page carry no attributes at all.
    if not element.keys():
        return False
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    classes = element.get("class")
    return bool(classes) and not _SCREEN_READER_ONLY.isdisjoint(str(classes).lower().split())


def _skipped(element: _Element, tag: str, in_content: bool) -> bool:
    """Whether an element and everything in it is left out of the document."""
    if tag in _SKIP:
        return True
    if tag in ("header", "footer") and not in_content:
        return True
    if tag == "form":
        # ASP.NET pages wrap the whole page in one <form>; only a form without
        # text blocks (search, login) is left out.
        return next(element.iter("p", "table", *_HEADINGS), None) is None
    if tag == "dialog" and element.get("open") is None:
        return True
    role = element.get("role")
    if role and str(role).lower() in _SKIP_ROLES:
        return True
    return _hidden(element)


def _bold(element: _Element, tag: str, inherited: bool) -> bool:
    bold = inherited or tag in _BOLD_TAGS
    style = element.get("style")
    if style:
        match = _FONT_WEIGHT.search(style)
        if match:
            weight = match.group(1).lower()
            if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600):
                bold = True
            elif weight in ("normal", "lighter") or weight.isdigit():
                bold = False
    return bold


def _span(value: object, *, zero: int) -> int:
    """A colspan/rowspan as browsers read it: leading digits, at least 1, ``0`` → ``zero``."""
    if value is None:
        return 1
    match = _DIGITS.match(str(value))
    if match is None:
        return 1
    # Nine digits are far past any clamp; more would only cost time.
    number = int(match.group(1)[:9])
    return max(zero, 1) if number == 0 else number


def _is_layout_table(table: _Element) -> bool:
    """Whether a table lays out the page rather than tabulating data."""
    if str(table.get("role", "")).lower() in ("presentation", "none"):
        return True
    # One cell in all: a frame around text, not a table of anything.
    if sum(1 for _ in islice(table.iter("td", "th"), 2)) == 1:
        return True
    for heading in table.iter(*_HEADINGS):
        if _nearest_table(heading) is table:
            return True
    inner = next(islice(table.iter("table"), 1, None), None)
    if inner is None:
        return False
    cells = [cell for row, _, _ in _own_rows(table) for cell in _own_cells(row)]
    return len(cells) == 1


def _nearest_table(element: _Element) -> _Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _own_rows(table: _Element) -> Iterator[tuple[_Element, _Element | None, int]]:
    """The rows of this table (not of nested ones) in display order, with their row group.

    A browser shows ``<thead>`` first and ``<tfoot>`` last wherever they
    stand in the source. The int is the index of the group, for rowspans.
    """
    heads: list[_Element] = []
    bodies: list[_Element | list[_Element]] = []
    feet: list[_Element] = []
    loose: list[_Element] = []
    for child in table:
        tag = child.tag
        if tag == "tr":
            loose.append(child)
            continue
        if loose:
            bodies.append(loose)
            loose = []
        if tag == "thead":
            heads.append(child)
        elif tag == "tbody":
            bodies.append(child)
        elif tag == "tfoot":
            feet.append(child)
    if loose:
        bodies.append(loose)
    for index, group in enumerate([*heads, *bodies, *feet]):
        section = None if isinstance(group, list) else group
        for row in group:
            if row.tag == "tr" and not _hidden(row):
                yield row, section, index


def _own_cells(row: _Element) -> list[_Element]:
    return [cell for cell in row if cell.tag in ("td", "th") and not _hidden(cell)]


# (text, row, col, rowspan, colspan, header, all bold) of a cell laid on the grid.
_CellDraft = tuple[str, int, int, int, int, bool, bool]


def _group_ends(rows: list[tuple[_Element, _Element | None, int]]) -> dict[int, int]:
    """Row group → the index one past its last row."""
    group_end: dict[int, int] = {}
    for index, (_, _, group) in enumerate(rows):
        group_end[group] = index + 1
    return group_end


def _cell_spans(cell: _Element, *, last: bool, remaining: int) -> tuple[int, int, bool]:
    """Colspan, rowspan and whether the colspan had to be clamped.

    ``last``: the cell ends its row; ``remaining``: rows left in its row group.
    """
    clamped = False
    colspan = _span(cell.get("colspan"), zero=1)
    if colspan > _MAX_COLSPAN:
        # Past what HTML allows: the last cell of a row fills
        # the row (clamped to the width below), any other
        # keeps one column rather than push its row sideways.
        clamped = True
        colspan = _MAX_COLSPAN if last else 1
    # rowspan="0" runs to the end of the row group; no span leaves it.
    rowspan = min(_span(cell.get("rowspan"), zero=remaining), remaining)
    return colspan, rowspan, clamped


def _mark_busy(
    busy: list[int], row: int, col: int, rowspan: int, colspan: int, *, last: bool, width: int
) -> None:
    """Mark the columns a cell spanning rows covers, in ``busy``, down to its last row."""
    # The last cell of a row spanning past every other row means
    # "to the edge of the table" (colspan="100"): it fills the
    # table but must not widen it.
    marked = colspan
    if last and col + colspan > max(width, _PLAUSIBLE_WIDTH):
        marked = max(width - col, 1)
    if len(busy) < col + marked:
        busy.extend([-1] * (col + marked - len(busy)))
    for k in range(col, col + marked):
        busy[k] = max(busy[k], row + rowspan - 1)


def _cell_on_grid(draft: _CellDraft, width: int) -> Cell:
    """The cell, its colspan cut at the table's ``width``."""
    text, row, col, rowspan, colspan, header, bold = draft
    return Cell(
        text=text,
        row=row,
        col=col,
        rowspan=rowspan,
        colspan=max(min(colspan, width - col), 1),
        header=header,
        bold=bold,
    )


# --- the walk -------------------------------------------------------------------

_Kind = Literal["loose", "paragraph", "item", "heading"]
_ENTER, _EXIT = 0, 1


@dataclass(slots=True)
class _Sink:
    """Text collected for the block being read."""

    kind: _Kind
    level: int = 0
    pieces: list[str] = field(default_factory=list)
    printed: bool = False
    all_bold: bool = True

    def add(self, text: str, bold: bool) -> None:
        self.pieces.append(_HTML_SPACE.sub(" ", text))
        if not self.printed or self.all_bold:
            visible = not text.isspace()
            self.printed = self.printed or visible
            self.all_bold = self.all_bold and (bold or not visible)

    def take(self) -> tuple[str, bool]:
        text, bold = clean("".join(self.pieces)), self.printed and self.all_bold
        self.pieces.clear()
        self.printed, self.all_bold = False, True
        return text, bold


def _mark_superscripts(root: _Element) -> None:
    """Digits in ``<sup>`` (``348 638<sup>11</sup>``) as superscript characters:
    a footnote mark, which no number reads as its own."""
    for sup in root.iter("sup"):
        for node in sup.iter():
            if node.text:
                node.text = node.text.translate(SUPERSCRIPT_DIGITS)
            if node is not sup and node.tail:
                node.tail = node.tail.translate(SUPERSCRIPT_DIGITS)


@dataclass(slots=True)
class _Walker:
    limits: Limits
    notes: list[tuple[WarningCode, str]]
    blocks: list[Block] = field(default_factory=list)
    cells: int = 0
    text: TextCounter = field(init=False)

    def __post_init__(self) -> None:
        self.text = TextCounter(self.limits)

    def walk(self, root: _Element) -> None:
        """Append the page's blocks in document order."""
        sinks = [_Sink("loose")]
        # (op, element, inherited bold, depth, inside article/main/section)
        stack: list[tuple[int, _Element, bool, int, bool]] = [(_ENTER, root, False, 1, False)]
        while stack:
            op, element, bold, depth, in_content = stack.pop()
            tag = element.tag
            if op == _EXIT:
                if tag in _BLOCK:
                    self._flush(sinks[-1])
                    if tag in _HEADINGS or tag in _PARAGRAPHS or tag == "li":
                        sinks.pop()
                if element.tail:
                    sinks[-1].add(element.tail, bold)
                continue
            if depth > self.limits.max_depth:
                raise LimitExceededError(f"HTML nested deeper than {self.limits.max_depth} levels")
            if not isinstance(tag, str) or _skipped(element, tag, in_content):
                if element.tail:
                    sinks[-1].add(element.tail, bold)
                continue
            if tag == "br":
                sinks[-1].pieces.append("\n")
                if element.tail:
                    sinks[-1].add(element.tail, bold)
                continue
            if tag == "table" and not _is_layout_table(element):
                self._flush(sinks[-1])
                self.blocks.extend(self._tables(element, bold, depth))
                if element.tail:
                    sinks[-1].add(element.tail, bold)
                continue
            if tag in _BLOCK:
                self._flush(sinks[-1])
                if tag in _HEADINGS:
                    sinks.append(_Sink("heading", level=_HEADINGS[tag]))
                elif tag in _PARAGRAPHS:
                    sinks.append(_Sink("paragraph"))
                elif tag == "li":
                    sinks.append(_Sink("item"))
            own_bold = _bold(element, tag, bold)
            if element.text:
                sinks[-1].add(element.text, own_bold)
            stack.append((_EXIT, element, bold, depth, in_content))
            inner = in_content or tag in _CONTENT
            stack.extend((_ENTER, child, own_bold, depth + 1, inner) for child in reversed(element))
        self._flush(sinks[0])

    def _flush(self, sink: _Sink) -> None:
        if not sink.pieces:
            return
        check_time()
        text, bold = sink.take()
        if not text:
            return
        self.text.add(text)
        if sink.kind == "heading":
            self.blocks.append(Heading(one_line(text), level=sink.level))
        elif sink.kind == "item":
            self.blocks.append(Paragraph(text, list_item=True))
        elif _looks_like_bold_heading(text, bold):
            self.blocks.append(Heading(text, level=_BOLD_HEADING_LEVEL))
        elif sink.kind == "paragraph":
            self.blocks.append(Paragraph(text))
        else:
            self.blocks.extend(Paragraph(line) for line in text.split("\n"))

    # --- tables -----------------------------------------------------------------

    def _tables(self, table: _Element, bold: bool, depth: int) -> list[Block]:
        """A caption paragraph and the table, then its nested tables, depth first."""
        blocks: list[Block] = []
        pending = [(table, bold, depth)]
        while pending:
            element, inherited, level = pending.pop()
            caption = next((c for c in element if c.tag == "caption" and not _hidden(c)), None)
            if caption is not None:
                text, _, _ = self._cell_text(caption, inherited, level + 1)
                if text:
                    blocks.append(Paragraph(text))
            built, nested = self._table(element, inherited, level)
            if built is not None:
                blocks.append(built)
            pending.extend(reversed(nested))
        return blocks

    def _table(
        self, table: _Element, inherited: bool, depth: int
    ) -> tuple[Table | None, list[tuple[_Element, bool, int]]]:
        """Lay the cells out on the grid the way the HTML table model does."""
        table_bold = _bold(table, "table", inherited)
        rows = list(_own_rows(table))
        group_end = _group_ends(rows)
        nested: list[tuple[_Element, bool, int]] = []
        drafts: list[_CellDraft] = []
        # Column → last row index a rowspan from above covers it to.
        busy: list[int] = []
        width = 0
        clamped = False
        for r, (row, section, group) in enumerate(rows):
            section_bold = table_bold if section is None else _bold(section, "", table_bold)
            row_bold = _bold(row, "tr", section_bold)
            in_head = section is not None and section.tag == "thead"
            cells = _own_cells(row)
            col = 0
            last_index = len(cells) - 1
            for i, cell in enumerate(cells):
                while col < len(busy) and busy[col] >= r:
                    col += 1
                tag = cell.tag
                last = i == last_index
                remaining = group_end[group] - r
                colspan = rowspan = 1
                cell_bold = row_bold or tag == "th"
                # Most cells carry no attributes; reading none is much cheaper.
                if cell.keys():
                    colspan, rowspan, over = _cell_spans(cell, last=last, remaining=remaining)
                    clamped = clamped or over
                    cell_bold = _bold(cell, tag, row_bold)
                text, all_bold, inner = self._cell_text(cell, cell_bold, depth + 3)
                if inner:
                    nested.extend(inner)
                self._count_cell()
                drafts.append((text, r, col, rowspan, colspan, tag == "th" or in_head, all_bold))
                if rowspan > 1:
                    _mark_busy(busy, r, col, rowspan, colspan, last=last, width=width)
                width = max(width, col + (1 if last else colspan))
                col += colspan
            if len(rows) * width > self.limits.max_cells:
                raise LimitExceededError(f"a table spans more than {self.limits.max_cells} cells")
        if clamped:
            self._note(WarningCode.SPAN_CLAMPED, f"a colspan over {_MAX_COLSPAN} was clamped")
        if not drafts:
            return None, nested
        cells_out = [_cell_on_grid(draft, width) for draft in drafts]
        return Table(cells=cells_out, n_rows=len(rows), n_cols=width), nested

    def _cell_text(
        self, cell: _Element, bold: bool, depth: int
    ) -> tuple[str, bool, list[tuple[_Element, bool, int]]]:
        """A cell's printed text, whether all of it is bold, and the tables nested in it."""
        if not len(cell):
            # The common cell: nothing but text.
            raw = cell.text or ""
            text = clean(_HTML_SPACE.sub(" ", raw))
            return text, bold and bool(text), []
        sink = _Sink("paragraph")
        nested: list[tuple[_Element, bool, int]] = []
        if cell.text:
            sink.add(cell.text, bold)
        stack: list[tuple[int, _Element, bool, int]] = [
            (_ENTER, child, bold, depth + 1) for child in reversed(cell)
        ]
        while stack:
            op, element, inherited, level = stack.pop()
            tag = element.tag
            if op == _EXIT:
                if tag in _BLOCK:
                    sink.pieces.append("\n")
                if element.tail:
                    sink.add(element.tail, inherited)
                continue
            if level > self.limits.max_depth:
                raise LimitExceededError(f"HTML nested deeper than {self.limits.max_depth} levels")
            if not isinstance(tag, str) or _skipped(element, tag, True):
                pass
            elif tag == "br":
                sink.pieces.append("\n")
            elif tag == "table":
                nested.append((element, inherited, level))
                sink.pieces.append("\n")
            else:
                own_bold = _bold(element, tag, inherited)
                if tag in _BLOCK:
                    sink.pieces.append("\n")
                if element.text:
                    sink.add(element.text, own_bold)
                stack.append((_EXIT, element, inherited, level))
                stack.extend((_ENTER, child, own_bold, level + 1) for child in reversed(element))
                continue
            if element.tail:
                sink.add(element.tail, inherited)
        text, all_bold = sink.take()
        return text, all_bold, nested

    def _count_cell(self) -> None:
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise LimitExceededError(f"more than {self.limits.max_cells} table cells")
        check_time()

    def _note(self, code: WarningCode, message: str) -> None:
        if (code, message) not in self.notes:
            self.notes.append((code, message))


def _looks_like_bold_heading(text: str, bold: bool) -> bool:
    return (
        bold
        and "\n" not in text
        and len(text) <= _BOLD_HEADING_MAX_CHARS
        and _ANY_LETTER.search(text) is not None
    )
