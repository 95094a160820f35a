"""DOCX reader: the body's paragraphs and tables in order, merged cells once.

The package is read with :mod:`zipfile` and a hardened lxml parser rather than
through python-docx: the raw parts have to be inspected before any parsing
anyway (declared sizes, DOCTYPE), python-docx refuses macro-enabled and
template main parts that read perfectly well, and its ``table.cell(r, c)``
repeats merged cells, which is exactly what the document model must not do.

What is read: body paragraphs (also inside content controls, custom XML and
tracked insertions; tracked deletions are skipped), tables with ``gridSpan``,
``vMerge``, ``gridBefore``/``gridAfter`` and header rows, nested tables (each
as its own block after its outer table), and the title in the core properties.
What is not: headers, footers, footnotes, comments, text boxes and drawings,
``altChunk`` imports. A DOCX has no pages: ``page`` is always None.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from lxml import etree

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
from reportparse._model import Block, Cell, Conventions, Document, Heading, Paragraph, Table
from reportparse._readers._textnorm import SUPERSCRIPT_DIGITS, clean, one_line

__all__ = ["read"]

_Element = Any  # lxml ships no type information

_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_MAIN_PART = "word/document.xml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# A part that inflates to less than this cannot hurt, whatever its ratio;
# tiny, repetitive XML parts legitimately compress very well.
_RATIO_FLOOR = 1024 * 1024
# libxml2 refuses deeper XML unless told the document is "huge".
_LIBXML_DEFAULT_DEPTH = 256
# Word allows 63 columns; a span far beyond, in a table without a grid to
# clamp it to, is damage or a crafted file.
_MAX_SPAN = 1000
# A bold-only paragraph longer than this is emphasis, not a heading.
_BOLD_HEADING_MAX_CHARS = 200
_BOLD_HEADING_LEVEL = 3
_STYLE_CHAIN_MAX = 32

_DECLARATIONS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_FALSE_VALUES = frozenset({"0", "false", "off", "none"})

# A table of contents repeats the headings with page numbers; reading it would
# put every section title in the document twice.
_TOC_NAME = re.compile(r"(?:toc|contents)\s*\d|table of contents", re.IGNORECASE)
_ANY_LETTER = re.compile(r"[^\W\d_]")
# A note under a table: "* …", "** …", "*) …".
_FOOTNOTE = re.compile(r"\s*\*{1,4}\)?\s*\S")


def read(
    data: bytes, *, limits: Limits, conventions: Conventions, password: str | None = None
) -> Document:
    """Read a DOCX document (``password`` is not used: encrypted DOCX files are refused).

    Raises :class:`UnsupportedFormatError` for bytes that are no DOCX,
    :class:`CorruptFileError` for a damaged or DOCTYPE-bearing one,
    :class:`EncryptedFileError` for a password-protected one and
    :class:`LimitExceededError` when a safety limit would be passed.
    """
    if not data:
        raise EmptyFileError("empty file")
    archive = _open_zip(data)
    try:
        parts = _read_xml_parts(archive, limits)
        return _read_package(parts, limits, conventions)
    except ReportParseError:
        raise
    except RecursionError:
        raise LimitExceededError("DOCX tables nested too deeply") from None
    except Exception as exc:
        raise CorruptFileError(f"damaged DOCX: {_short(exc)}") from exc


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


# --- the package ------------------------------------------------------------------


def _open_zip(data: bytes) -> zipfile.ZipFile:
    if data.startswith(_OLE_MAGIC):
        # Office wraps an encrypted DOCX in an OLE container around this stream.
        if _ENCRYPTED_STREAM in data:
            raise EncryptedFileError("encrypted")
        raise UnsupportedFormatError("not a DOCX (not a zip archive)")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        if data.startswith(b"PK\x03\x04"):
            raise CorruptFileError("damaged DOCX: truncated zip archive") from None
        raise UnsupportedFormatError("not a DOCX (not a zip archive)") from None


def _read_xml_parts(archive: zipfile.ZipFile, limits: Limits) -> dict[str, bytes]:
    """The XML parts by lower-cased name, once sizes and declarations are checked.

    Sizes are the ones the zip declares; :mod:`zipfile` stops at the declared
    size and fails the CRC when a member inflates beyond it, so checking them
    before decompressing is enough.
    """
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        raise LimitExceededError(f"DOCX unzips to more than {limits.max_unzipped_bytes} bytes")
    for info in infos:
        if info.file_size > _RATIO_FLOOR and (
            info.file_size > limits.max_zip_ratio * max(info.compress_size, 1)
        ):
            raise LimitExceededError(
                f"DOCX part {info.filename} inflates more than {limits.max_zip_ratio} times"
            )
    names = {info.filename.lower(): info for info in infos}
    if _MAIN_PART not in names and not _declared_main_part(archive, names):
        raise UnsupportedFormatError("not a DOCX (no word/document.xml)")
    parts: dict[str, bytes] = {}
    for key, info in names.items():
        if not key.endswith((".xml", ".rels")):
            continue
        if info.flag_bits & 0x1:
            raise EncryptedFileError("encrypted")
        blob = archive.read(info)
        if any(marker in blob for marker in _DECLARATIONS):
            raise CorruptFileError("DOCX part declares a DOCTYPE or entity (refused)")
        # Counted before parsing: lxml spends a few hundred bytes on every element.
        if blob.count(b"<") > limits.max_tags:
            raise LimitExceededError(
                f"DOCX part {info.filename} has more than {limits.max_tags} tags"
            )
        parts[key] = blob
    return parts


def _declared_main_part(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> bool:
    """Whether the package relationships name a main part other than the usual one."""
    info = names.get("_rels/.rels")
    if info is None or info.file_size > _RATIO_FLOOR:
        return False
    blob = archive.read(info)
    if any(marker in blob for marker in _DECLARATIONS):
        raise CorruptFileError("DOCX part declares a DOCTYPE or entity (refused)")
    target = _relationship_target(blob, "", "/officeDocument")
    return target is not None and target in names


def _read_package(parts: dict[str, bytes], limits: Limits, conventions: Conventions) -> Document:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=limits.max_depth >= _LIBXML_DEFAULT_DEPTH,
    )
    package_rels = parts.get("_rels/.rels", b"")
    main = _relationship_target(package_rels, "", "/officeDocument") or _MAIN_PART
    if main not in parts:
        main = _MAIN_PART
    main_dir = posixpath.dirname(main)
    main_rels = parts.get(
        posixpath.join(main_dir, "_rels", posixpath.basename(main) + ".rels"), b""
    )
    styles_name = _relationship_target(main_rels, main_dir, "/styles") or "word/styles.xml"
    core_name = (
        _relationship_target(package_rels, "", "/metadata/core-properties") or "docprops/core.xml"
    )

    root = _parse(parts[main], parser)
    ns = etree.QName(root).namespace
    if ns not in (_W_TRANSITIONAL, _W_STRICT) or etree.QName(root).localname != "document":
        raise CorruptFileError("damaged DOCX: the main part is not a Word document")
    w = _Tags(ns)
    styles = _Styles(
        _parse(parts[styles_name], parser) if styles_name in parts else None, w, conventions
    )
    reader = _BodyReader(w, styles, limits)
    body = root.find(w.body)
    if body is not None:
        reader.read_blocks(body, depth=2)
    title = _core_title(parts.get(core_name), parser)
    return Document(
        format="docx",
        blocks=_attach_footnotes(reader.blocks),
        metadata_title=title,
        notes=reader.notes,
    )


def _parse(blob: bytes, parser: Any) -> _Element:
    try:
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise LimitExceededError("DOCX XML nested too deeply") from None
        raise


def _relationship_target(rels: bytes, base_dir: str, type_suffix: str) -> str | None:
    """The lower-cased part name a relationship of the given type points to."""
    if not rels:
        return None
    try:
        root = etree.fromstring(rels, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        # Broken relationships still leave the conventional part names to try.
        return None
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if not str(rel.get("Type", "")).endswith(type_suffix):
            continue
        if rel.get("TargetMode") == "External":
            continue
        target = str(rel.get("Target", ""))
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
        return posixpath.normpath(path).lower()
    return None


def _core_title(blob: bytes | None, parser: Any) -> str | None:
    if not blob:
        return None
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError:
        # The title is a nicety; a broken core.xml must not cost the document.
        return None
    node = root.find(_DC_TITLE)
    title = one_line(node.text or "") if node is not None else ""
    return title or None


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:100]


# --- names and styles -------------------------------------------------------------


class _Tags:
    """Qualified WordprocessingML names for one namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        q = f"{{{ns}}}"
        self.body = q + "body"
        self.p = q + "p"
        self.r = q + "r"
        self.t = q + "t"
        self.tbl = q + "tbl"
        self.tr = q + "tr"
        self.tc = q + "tc"
        self.tr_pr = q + "trPr"
        self.tc_pr = q + "tcPr"
        self.sdt = q + "sdt"
        self.sdt_content = q + "sdtContent"
        self.sdt_pr = q + "sdtPr"
        self.showing_placeholder = q + "showingPlcHdr"
        self.grid_span = q + "gridSpan"
        self.v_merge = q + "vMerge"
        self.grid_before = q + "gridBefore"
        self.grid_after = q + "gridAfter"
        self.tbl_header = q + "tblHeader"
        self.tbl_grid = q + "tblGrid"
        self.p_pr = q + "pPr"
        self.r_pr = q + "rPr"
        self.p_style = q + "pStyle"
        self.r_style = q + "rStyle"
        self.num_pr = q + "numPr"
        self.num_id = q + "numId"
        self.outline = q + "outlineLvl"
        self.b = q + "b"
        self.vert_align = q + "vertAlign"
        self.position = q + "position"
        self.tabs = frozenset({q + "tab", q + "ptab"})
        self.breaks = frozenset({q + "br", q + "cr"})
        self.no_break_hyphen = q + "noBreakHyphen"
        self.deleted = q + "del"
        self.alt_chunk = q + "altChunk"
        self.val = q + "val"
        self.name = q + "name"
        self.based_on = q + "basedOn"
        self.style_id = q + "styleId"
        self.style = q + "style"
        self.type = q + "type"
        self.default = q + "default"
        self.doc_defaults = q + "docDefaults"
        self.r_pr_default = q + "rPrDefault"
        self.skip_inline = self._not_printed_inline(q)
        # Containers whose children are read as if they stood in the parent:
        # custom XML, and tracked insertions and moves (their text is current).
        self.transparent = frozenset({q + "customXml", q + "ins", q + "moveTo"})

    def _not_printed_inline(self, q: str) -> frozenset[str]:
        """Inline content whose text is not the paragraph's printed text."""
        return frozenset(
            {
                self.p_pr,
                self.r_pr,
                self.deleted,
                q + "moveFrom",
                self.sdt_pr,
                q + "sdtEndPr",
                q + "instrText",
                q + "delText",
                q + "drawing",
                q + "pict",
                q + "object",
                q + "fldData",
                "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
            }
        )


def _on(element: _Element | None, w: _Tags) -> bool | None:
    """The value of an on/off property element (``<w:b/>``, ``<w:b w:val="0"/>``)."""
    if element is None:
        return None
    return str(element.get(w.val, "true")).lower() not in _FALSE_VALUES


@dataclass(slots=True)
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    outline: int | None
    numbered: bool


@dataclass(slots=True)
class _ParagraphStyle:
    """What a paragraph style means to this reader, resolved through ``basedOn``."""

    heading: int | None = None
    list_item: bool = False
    bold: bool = False
    table_heading: bool = False
    toc: bool = False


@dataclass(frozen=True, slots=True)
class _StyleNames:
    """Paragraph style names that mean a heading, the title, a list item, a table heading."""

    heading: re.Pattern[str]
    title: re.Pattern[str]
    list_item: re.Pattern[str]
    table_heading: re.Pattern[str]

    @staticmethod
    @cache
    def of(conventions: Conventions) -> _StyleNames:
        def either(names: tuple[str, ...]) -> str:
            return "|".join(names)

        return _StyleNames(
            heading=re.compile(rf"(?:{either(conventions.heading_styles)})\s*(\d)", re.I),
            title=re.compile(either(conventions.title_styles), re.I),
            list_item=re.compile(either(conventions.list_styles), re.I),
            # LibreOffice marks header cells (from <th> or its own table wizard) this way.
            table_heading=re.compile(either(conventions.table_heading_styles), re.I),
        )


class _Styles:
    def __init__(self, root: _Element | None, w: _Tags, conventions: Conventions) -> None:
        self._w = w
        names = _StyleNames.of(conventions)
        self._heading_name = names.heading
        self._title_name = names.title
        self._list_name = names.list_item
        self._table_heading_name = names.table_heading
        self._styles: dict[str, _Style] = {}
        self._default_paragraph: str | None = None
        self._default_bold = False
        self._paragraph_cache: dict[str | None, _ParagraphStyle] = {}
        self._character_cache: dict[str, bool | None] = {}
        if root is None:
            return
        defaults = root.find(f"{w.doc_defaults}/{w.r_pr_default}/{w.r_pr}")
        if defaults is not None:
            self._default_bold = bool(_on(defaults.find(w.b), w))
        for style in root.iter(w.style):
            style_id = style.get(w.style_id)
            if style_id is None:
                continue
            name_el, based_el = style.find(w.name), style.find(w.based_on)
            p_pr, r_pr = style.find(w.p_pr), style.find(w.r_pr)
            outline = p_pr.find(w.outline) if p_pr is not None else None
            self._styles[str(style_id)] = _Style(
                name=str(name_el.get(w.val, "")) if name_el is not None else str(style_id),
                based_on=str(based_el.get(w.val)) if based_el is not None else None,
                bold=_on(r_pr.find(w.b), w) if r_pr is not None else None,
                outline=_int(outline.get(w.val)) if outline is not None else None,
                numbered=p_pr is not None and _numbered(p_pr.find(w.num_pr), w),
            )
            is_default = str(style.get(w.default, "")).lower() in ("1", "true", "on")
            if is_default and style.get(w.type) == "paragraph":
                self._default_paragraph = str(style_id)

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(seen) < _STYLE_CHAIN_MAX:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on

    def paragraph(self, style_id: str | None) -> _ParagraphStyle:
        style_id = style_id or self._default_paragraph
        cached = self._paragraph_cache.get(style_id)
        if cached is not None:
            return cached
        info = _ParagraphStyle()
        bold: bool | None = None
        for style in self._chain(style_id):
            if info.heading is None:
                match = self._heading_name.fullmatch(style.name.strip())
                if match and int(match.group(1)) > 0:
                    info.heading = int(match.group(1))
                elif self._title_name.fullmatch(style.name.strip()):
                    info.heading = 1
                elif style.outline is not None and 0 <= style.outline < 9:
                    info.heading = style.outline + 1
            info.list_item = (
                info.list_item or style.numbered or bool(self._list_name.match(style.name))
            )
            info.table_heading = info.table_heading or bool(
                self._table_heading_name.match(style.name)
            )
            info.toc = info.toc or bool(_TOC_NAME.match(style.name))
            if bold is None:
                bold = style.bold
        info.bold = self._default_bold if bold is None else bold
        self._paragraph_cache[style_id] = info
        return info

    def character_bold(self, style_id: str) -> bool | None:
        if style_id not in self._character_cache:
            self._character_cache[style_id] = next(
                (s.bold for s in self._chain(style_id) if s.bold is not None), None
            )
        return self._character_cache[style_id]


def _numbered(num_pr: _Element | None, w: _Tags) -> bool:
    if num_pr is None:
        return False
    num_id = _first_child(num_pr, w.num_id)
    # numId 0 is how Word switches numbering off for one paragraph.
    return num_id is None or str(num_id.get(w.val, "")) != "0"


def _int(value: object, default: int | None = None) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return default


# --- the body ---------------------------------------------------------------------
#
# Element access below loops over children and compares tags instead of calling
# ``find``: lxml's ``find`` compiles a path each time, and a report has
# thousands of cells, each with a handful of property lookups.


def _first_child(element: _Element, tag: str) -> _Element | None:
    for child in element:
        if child.tag == tag:
            return child
    return None


@dataclass(slots=True)
class _CellDraft:
    lines: list[str]
    row: int
    col: int
    colspan: int
    header: bool
    bold: bool
    printed: bool
    rowspan: int = 1


@dataclass(slots=True)
class _BodyReader:
    w: _Tags
    styles: _Styles
    limits: Limits
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[WarningCode, str]] = field(default_factory=list)
    cells: int = 0
    text: TextCounter = field(init=False)

    def __post_init__(self) -> None:
        self.text = TextCounter(self.limits)

    def read_blocks(self, container: _Element, depth: int) -> None:
        """Append the blocks of the body (or of a content control in it), in order."""
        self._check_depth(depth)
        w = self.w
        for child in container:
            tag = child.tag
            if tag == w.p:
                self._paragraph(child)
            elif tag == w.tbl:
                self.blocks.extend(self._tables(child, depth + 1))
            elif tag == w.sdt:
                content = self._sdt_content(child)
                if content is not None:
                    self.read_blocks(content, depth + 2)
            elif tag in w.transparent:
                self.read_blocks(child, depth + 1)
            elif tag == w.alt_chunk:
                self._note(
                    WarningCode.ALTCHUNK_NOT_READ, "an imported (altChunk) part was not read"
                )

    def _paragraph(self, p: _Element) -> None:
        check_time()
        style_id, numbered, outline = self._paragraph_properties(p)
        style = self.styles.paragraph(style_id)
        if style.toc:
            return
        text, bold = self._text(p, style)
        if not text:
            return
        self.text.add(text)
        list_item = style.list_item or numbered
        level = style.heading
        if level is None and outline is not None and 0 <= outline < 9:
            level = outline + 1
        if level is None and not list_item and _looks_like_bold_heading(text, bold):
            level = _BOLD_HEADING_LEVEL
        if level is not None:
            self.blocks.append(Heading(one_line(text), level=level))
        else:
            self.blocks.append(Paragraph(text, list_item=list_item))

    def _paragraph_properties(self, p: _Element) -> tuple[str | None, bool, int | None]:
        """Style id, whether numbering is on, and a direct outline level."""
        w = self.w
        style_id: str | None = None
        numbered = False
        outline: int | None = None
        # The schema puts pPr first; a paragraph without it has no properties.
        p_pr = p[0] if len(p) else None
        if p_pr is None or p_pr.tag != w.p_pr:
            return style_id, numbered, outline
        for child in p_pr:
            tag = child.tag
            if tag == w.p_style:
                style_id = str(child.get(w.val))
            elif tag == w.num_pr:
                numbered = _numbered(child, w)
            elif tag == w.outline:
                outline = _int(child.get(w.val))
        return style_id, numbered, outline

    def _text(self, p: _Element, style: _ParagraphStyle) -> tuple[str, bool]:
        """The printed text of one paragraph (breaks as ``\\n``) and whether all of it is bold."""
        w = self.w
        r_tag, p_pr_tag = w.r, w.p_pr
        pieces: list[str] = []
        all_bold = True
        printed = False
        # Most paragraphs are pPr and plain runs; containers (hyperlinks,
        # insertions, content controls) are rare and go through the stack.
        stack: list[_Element] = []
        children = iter(p)
        while True:
            if stack:
                node = stack.pop()
            else:
                node = next(children, None)
                if node is None:
                    break
            tag = node.tag
            if tag == r_tag:
                visible, bold = self._run(node, style.bold, pieces)
                if visible and (not printed or all_bold):
                    printed = True
                    all_bold = all_bold and bold
            elif tag == p_pr_tag:
                continue
            elif tag == w.sdt:
                content = self._sdt_content(node)
                if content is not None:
                    stack.extend(reversed(content))
            elif tag not in w.skip_inline and isinstance(tag, str):
                # Hyperlinks, insertions, smart tags, simple fields: their runs count.
                stack.extend(reversed(node))
        return clean("".join(pieces)), printed and all_bold

    def _run(self, run: _Element, bold: bool, pieces: list[str]) -> tuple[bool, bool]:
        """Add one run's text to ``pieces``; whether it printed anything, and in bold.

        Digits raised above the line (``348 638`` then a superscript ``11``)
        are a footnote mark: they are kept as superscript digits, which no
        number reads as its own.
        """
        w = self.w
        visible = False
        raised = False
        for child in run:
            child_tag = child.tag
            if child_tag == w.t:
                text = child.text
                if text:
                    # A newline inside w:t is not a line break when Word prints it.
                    text = text.replace("\n", " ")
                    pieces.append(text.translate(SUPERSCRIPT_DIGITS) if raised else text)
                    visible = visible or not text.isspace()
            elif child_tag == w.r_pr:
                bold = self._run_bold(child, bold)
                raised = self._run_raised(child)
            elif child_tag in w.breaks:
                pieces.append("\n")
            elif child_tag in w.tabs:
                pieces.append("\t")
            elif child_tag == w.no_break_hyphen:
                pieces.append("-")
        return visible, bold

    def _run_raised(self, r_pr: _Element) -> bool:
        """Whether a run is set as a superscript, or raised above the line."""
        w = self.w
        for child in r_pr:
            if child.tag == w.vert_align:
                return bool(child.get(w.val) == "superscript")
            if child.tag == w.position and (_int(child.get(w.val)) or 0) > 0:
                return True
        return False

    def _run_bold(self, r_pr: _Element, inherited: bool) -> bool:
        """Direct formatting wins over the character style, which wins over the paragraph's."""
        w = self.w
        character: bool | None = None
        for child in r_pr:
            tag = child.tag
            if tag == w.b:
                return bool(_on(child, w))
            if tag == w.r_style:
                character = self.styles.character_bold(str(child.get(w.val)))
        return inherited if character is None else character

    def _sdt_content(self, sdt: _Element) -> _Element | None:
        w = self.w
        content = None
        for child in sdt:
            tag = child.tag
            if tag == w.sdt_content:
                content = child
            elif tag == w.sdt_pr and _on(_first_child(child, w.showing_placeholder), w):
                # An unfilled content control shows its prompt ("Click here to
                # enter text"), which is no content of the report.
                return None
        return content

    # --- tables -------------------------------------------------------------------

    def _tables(self, tbl: _Element, depth: int) -> list[Table]:
        """This table, then the tables nested in its cells, depth first."""
        self._check_depth(depth)
        drafts: list[_CellDraft] = []
        nested: list[Table] = []
        grid = _first_child(tbl, self.w.tbl_grid)
        grid_cols = 0 if grid is None else len(grid)
        # Column → the cell covering it in the previous row, for vMerge continuations.
        above: dict[int, _CellDraft] = {}
        n_cols = 0
        n_rows = 0
        for tr in self._rows(tbl):
            row = n_rows
            n_rows += 1
            header_row, col, after = self._row_properties(tr)
            current: dict[int, _CellDraft] = {}
            for tc in self._row_cells(tr):
                span, merge, lines, bold, styled_header = self._cell(tc, depth + 2, nested)
                if span > 1 and col < grid_cols < col + span:
                    # The grid is what Word lays out; a span past it is damage.
                    self._note(WarningCode.SPAN_CLAMPED, "a cell spanning past the table grid")
                    span = grid_cols - col
                top = above.get(col) if merge == "continue" else None
                if top is not None and top.col == col:
                    _extend_down(top, row, lines, bold)
                    current[col] = top
                    col += span
                    continue
                if merge == "continue":
                    self._note(
                        WarningCode.MERGE_WITHOUT_START, "a vertically merged cell has no top cell"
                    )
                draft = _CellDraft(
                    lines=lines,
                    row=row,
                    col=col,
                    colspan=span,
                    header=header_row or styled_header,
                    bold=bold,
                    printed=bool(lines),
                )
                self._count_cell()
                drafts.append(draft)
                current[col] = draft
                col += span
            n_cols = max(n_cols, col + after)
            above = current
        if n_rows * n_cols > self.limits.max_cells:
            raise LimitExceededError(f"a table spans more than {self.limits.max_cells} cells")
        cells = [_finished_cell(d) for d in drafts]
        return [Table(cells=cells, n_rows=n_rows, n_cols=n_cols), *nested]

    def _rows(self, tbl: _Element) -> Iterator[_Element]:
        w = self.w
        stack = list(reversed(tbl))
        while stack:
            node = stack.pop()
            tag = node.tag
            if tag == w.tr:
                tr_pr = node[0] if len(node) and node[0].tag == w.tr_pr else None
                # A row deleted with tracked changes on is no longer printed.
                if tr_pr is None or _first_child(tr_pr, w.deleted) is None:
                    yield node
            elif tag == w.sdt:
                content = self._sdt_content(node)
                if content is not None:
                    stack.extend(reversed(content))
            elif tag in w.transparent:
                stack.extend(reversed(node))

    def _row_properties(self, tr: _Element) -> tuple[bool, int, int]:
        """Whether the row repeats as a header, and the grid columns skipped before and after it."""
        w = self.w
        header, before, after = False, 0, 0
        for node in tr:
            if node.tag == w.tr_pr:
                for child in node:
                    tag = child.tag
                    if tag == w.tbl_header:
                        header = bool(_on(child, w))
                    elif tag == w.grid_before:
                        before = self._grid_count(child)
                    elif tag == w.grid_after:
                        after = self._grid_count(child)
                break
        return header, before, after

    def _row_cells(self, tr: _Element) -> Iterator[_Element]:
        w = self.w
        stack = list(reversed(tr))
        while stack:
            node = stack.pop()
            tag = node.tag
            if tag == w.tc:
                yield node
            elif tag == w.sdt:
                content = self._sdt_content(node)
                if content is not None:
                    stack.extend(reversed(content))
            elif tag in w.transparent:
                stack.extend(reversed(node))

    def _cell(
        self, tc: _Element, depth: int, nested: list[Table]
    ) -> tuple[int, str | None, list[str], bool, bool]:
        """Span, vMerge state, text lines, all-bold and header style of one cell.

        Tables nested in the cell are read into ``nested``.
        """
        self._check_depth(depth)
        w = self.w
        p_tag, tc_pr_tag, p_pr_tag, p_style_tag = w.p, w.tc_pr, w.p_pr, w.p_style
        paragraph_style = self.styles.paragraph
        span, merge = 1, None
        lines: list[str] = []
        all_bold = True
        heading_styles = True
        stack: list[_Element] = []
        children = iter(tc)
        while True:
            if stack:
                node = stack.pop()
            else:
                node = next(children, None)
                if node is None:
                    break
            tag = node.tag
            if tag == p_tag:
                style_id = None
                first = node[0] if len(node) else None
                if first is not None and first.tag == p_pr_tag:
                    for child in first:
                        if child.tag == p_style_tag:
                            style_id = child.get(w.val)
                            break
                style = paragraph_style(style_id)
                heading_styles = heading_styles and style.table_heading
                text, bold = self._text(node, style)
                if text:
                    lines.append(text)
                    all_bold = all_bold and bold
            elif tag == tc_pr_tag:
                for child in node:
                    if child.tag == w.grid_span:
                        span = min(max(self._grid_count(child), 1), _MAX_SPAN)
                    elif child.tag == w.v_merge:
                        merge = str(child.get(w.val, "continue"))
            elif tag == w.tbl:
                nested.extend(self._tables(node, depth + 1))
            elif tag == w.sdt:
                content = self._sdt_content(node)
                if content is not None:
                    stack.extend(reversed(content))
            elif tag in w.transparent:
                stack.extend(reversed(node))
        return span, merge, lines, bool(lines) and all_bold, heading_styles

    def _grid_count(self, element: _Element) -> int:
        return max(_int(element.get(self.w.val), 0) or 0, 0)

    def _count_cell(self) -> None:
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise LimitExceededError(f"more than {self.limits.max_cells} table cells")
        check_time()

    def _check_depth(self, depth: int) -> None:
        if depth > self.limits.max_depth:
            raise LimitExceededError(f"DOCX nested deeper than {self.limits.max_depth} levels")

    def _note(self, code: WarningCode, message: str) -> None:
        if (code, message) not in self.notes:
            self.notes.append((code, message))


def _extend_down(top: _CellDraft, row: int, lines: list[str], bold: bool) -> None:
    """Grow the vertically merged cell ``top`` down to ``row``, over a continuation cell.

    Word moves the text into the top cell when merging; text left in the
    continuation (``lines``; ``bold`` if all of it is) is still printed, so
    it joins the top cell's.
    """
    top.rowspan = row - top.row + 1
    if lines:
        top.bold = bold and (top.bold or not top.printed)
        top.lines.extend(lines)
        top.printed = True


def _finished_cell(draft: _CellDraft) -> Cell:
    return Cell(
        text="\n".join(draft.lines),
        row=draft.row,
        col=draft.col,
        rowspan=draft.rowspan,
        colspan=draft.colspan,
        header=draft.header,
        bold=draft.bold,
    )


def _looks_like_bold_heading(text: str, bold: bool) -> bool:
    return (
        bold
        and "\n" not in text
        and len(text) <= _BOLD_HEADING_MAX_CHARS
        and _ANY_LETTER.search(text) is not None
    )
