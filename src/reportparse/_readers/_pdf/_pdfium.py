"""The PDFium page source: a page's glyphs and ruling paths through pypdfium2's raw API.

It yields the same plain data as the pdfplumber source (``_source``): glyph
dicts with pdfplumber's keys and coordinates (origin top left, the page's
``/Rotate`` applied, boxes from the baseline up by the font size, advance
wide) and pdfplumber's edges of the lines, rectangles and curves that paths
draw, form XObjects included, so that the table finder and everything after
it cannot tell the engines apart. PDFium is not thread-safe: a process reads
one document at a time, from one thread (the batch's workers are processes).
"""

from __future__ import annotations

import ctypes
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

import pypdfium2 as pdfium
from pypdfium2 import raw

from reportparse._readers._pdf._text import Char, is_bold_font, turn_of

__all__ = ["PdfiumPage", "open_document", "pages"]

_Matrix = tuple[float, float, float, float, float, float]
_Point = tuple[float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_UNREADABLE = "\ufffd"
# What PDFium infers between glyphs (and marks as generated).
_INFERRED = frozenset((0x20, 0x0A, 0x0D))
# PDFium reports a soft hyphen that ends a line as U+0002.
_TEXT = {0x02: "\u00ad"}
_ONE_AT_A_TIME = threading.Lock()
# Forms inside forms deeper than this are not followed (a loop, or a bomb).
_MAX_FORM_DEPTH = 12


@dataclass(slots=True)
class PdfiumPage:
    """One page as plain data: nothing of it refers back to PDFium."""

    width: float
    height: float
    rotation: int
    chars: list[Char]
    edges: list[dict[str, Any]]


@contextmanager
def open_document(data: bytes, password: str | None) -> Iterator[Any]:
    """The document, open while the block runs; ``pdfium.PdfiumError`` with PDFium's error code.

    PDFium keeps global state and is not thread-safe: documents are read one
    at a time in a process, the others wait (the batch runs worker processes,
    so none waits there).
    """
    with _ONE_AT_A_TIME:
        document = pdfium.PdfDocument(data, password=password or None)
        try:
            yield document
        finally:
            document.close()


def pages(document: Any) -> Iterator[PdfiumPage]:
    """Each page read, then closed before the next is loaded."""
    for index in range(len(document)):
        page = document[index]
        try:
            yield _read_page(page)
        finally:
            page.close()


def _read_page(page: Any) -> PdfiumPage:
    place = _Placement.of(page.raw)
    textpage = page.get_textpage()
    try:
        chars = _chars(ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0, place)
    finally:
        textpage.close()
    edges: list[dict[str, Any]] = []
    _collect_paths(page.raw, None, _IDENTITY, place, edges=edges)
    return PdfiumPage(place.width, place.height, place.rotation, chars, edges)


@dataclass(slots=True)
class _Placement:
    """PDF user space → pdfplumber's page space (pdfminer's rotation, y down)."""

    ctm: _Matrix
    width: float
    height: float
    rotation: int
    x_shift: float
    top_shift: float

    @classmethod
    def of(cls, page: Any) -> _Placement:
        box = [ctypes.c_float() for _ in range(4)]
        if not raw.FPDFPage_GetMediaBox(page, *box):
            raw.FPDFPage_GetCropBox(page, *box)
        left, bottom, right, top = (_exact(b.value) for b in box)
        if not right - left or not top - bottom:
            left, bottom = 0.0, 0.0
            right, top = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
        x0, x1 = sorted((left, right))
        y0, y1 = sorted((bottom, top))
        rotation = (raw.FPDFPage_GetRotation(page) % 4) * 90
        ctm: _Matrix = {
            90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
        }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        height = ny1 - ny0
        return cls(ctm, nx1 - nx0, height, rotation, nx0, height - ny1)

    def point(self, x: float, y: float) -> _Point:
        """(x, top) of a point of user space."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e + self.x_shift, self.height - (b * x + d * y + f) + self.top_shift


def _exact(value: float) -> float:
    """A single-precision coordinate as the decimal the file most likely wrote."""
    return round(value, 4)


def _mul(m: _Matrix, n: _Matrix) -> _Matrix:
    """``m`` then ``n``."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _fast(name: str, restype: Any, *argtypes: Any) -> Any:
    """PDFium's function ``name`` taking and giving handles as plain addresses.

    pypdfium2's bindings wrap every handle in a typed pointer; for the calls
    made once a glyph, plain addresses (``c_void_p``) are several times faster.
    """
    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_VP, _INT, _DBL = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
_DBL_P = ctypes.POINTER(ctypes.c_double)
_FLT_P = ctypes.POINTER(ctypes.c_float)
_TEXT_OBJECT = _fast("FPDFText_GetTextObject", _VP, _VP, _INT)
_IS_GENERATED = _fast("FPDFText_IsGenerated", _INT, _VP, _INT)
_UNICODE = _fast("FPDFText_GetUnicode", ctypes.c_uint, _VP, _INT)
_ORIGIN = _fast("FPDFText_GetCharOrigin", _INT, _VP, _INT, _DBL_P, _DBL_P)
_MAP_ERROR = _fast("FPDFText_HasUnicodeMapError", _INT, _VP, _INT)
_COUNT = _fast("FPDFText_CountChars", _INT, _VP)
_FONT = _fast("FPDFTextObj_GetFont", _VP, _VP)
_FONT_NAME = _fast(
    "FPDFFont_GetBaseFontName", ctypes.c_size_t, _VP, ctypes.c_char_p, ctypes.c_size_t
)
_FONT_SIZE = _fast("FPDFText_GetFontSize", _DBL, _VP, _INT)
_GLYPH_WIDTH = _fast(
    "FPDFFont_GetGlyphWidth",
    _INT,
    _VP,
    ctypes.c_uint,
    ctypes.c_float,
    ctypes.POINTER(ctypes.c_float),
)
_CHAR_MATRIX = _fast("FPDFText_GetMatrix", _INT, _VP, _INT, ctypes.POINTER(raw.FS_MATRIX))
_COUNT_SEGMENTS = _fast("FPDFPath_CountSegments", _INT, _VP)
_SEGMENT = _fast("FPDFPath_GetPathSegment", _VP, _VP, _INT)
_SEGMENT_TYPE = _fast("FPDFPathSegment_GetType", _INT, _VP)
_SEGMENT_POINT = _fast("FPDFPathSegment_GetPoint", _INT, _VP, _FLT_P, _FLT_P)
_SEGMENT_CLOSES = _fast("FPDFPathSegment_GetClose", _INT, _VP)
_LOOSE_BOX = _fast("FPDFText_GetLooseCharBox", _INT, _VP, _INT, ctypes.POINTER(raw.FS_RECTF))


class _Style(NamedTuple):
    """What the glyphs of one text object share."""

    bold: bool
    size: float
    #: The object's matrix in user space, and in pdfminer's page space.
    matrix: _Matrix
    page_matrix: _Matrix
    #: ``Char.turn``; None: set slanted or upside down, not read.
    turn: int | None
    font: int | None


class _Styles:
    """Per text object: its font's boldness and size and its matrix, read once."""

    def __init__(self, textpage: int, place: _Placement) -> None:
        self.textpage, self.place = textpage, place
        self.objects: dict[int, _Style] = {}
        self.widths: dict[tuple[int, int, float], float] = {}
        self.mapping_errors: dict[tuple[int, int], bool] = {}
        self.bold: dict[str, bool] = {}
        self._name = ctypes.create_string_buffer(256)
        self._width = ctypes.c_float()
        self._matrix = raw.FS_MATRIX()

    def of(self, obj: int, index: int) -> _Style:
        found = self.objects.get(obj)
        if found is None:
            font = _FONT(obj) or None
            name = ""
            if font and _FONT_NAME(font, self._name, 256):
                name = self._name.value.decode("utf-8", "replace")
            bold = self.bold.get(name)
            if bold is None:
                bold = self.bold[name] = is_bold_font(name)
            m = self._matrix
            _CHAR_MATRIX(self.textpage, index, m)
            matrix = (m.a, m.b, m.c, m.d, 0.0, 0.0)
            pa, pb, pc, pd, _, _ = _mul(matrix, self.place.ctm)
            upright = pa * pd > 0 and pb * pc <= 0
            turn = 0 if upright else (turn_of((pa, pb)) or None)
            size = float(_FONT_SIZE(self.textpage, index))
            found = _Style(bold, size, matrix, (pa, pb, pc, pd, 0.0, 0.0), turn, font)
            self.objects[obj] = found
        return found

    def unmapped(self, style: _Style, code: int, index: int) -> bool:
        """Whether the glyph's font has no Unicode for it (PDFium then gives its code).

        Asked once per font and code: PDFium's answer depends on nothing else,
        but for a font mapping some codes and not others, where an unmapped
        code equals a mapped glyph's Unicode.
        """
        if code == 0:
            return True
        key = (style.font or 0, code)
        found = self.mapping_errors.get(key)
        if found is None:
            found = self.mapping_errors[key] = _MAP_ERROR(self.textpage, index) == 1
        return found

    def advance(self, style: _Style, code: int, index: int) -> float:
        """The advance of the glyph of ``code``, in text space: its font's width, else
        its loose box's (a ligature's glyph, which its font has not alone)."""
        if style.font is not None:
            key = (style.font, code, style.size)
            width = self.widths.get(key)
            if width is None:
                ok = _GLYPH_WIDTH(style.font, code, style.size, self._width)
                width = self.widths[key] = self._width.value if ok else 0.0
            if width:
                return width
        return _loose_advance(self.textpage, index, style.matrix)


def _chars(textpage: int, place: _Placement) -> list[Char]:
    """The page's glyphs as the layout reads them (``_page.plumber_chars`` for pdfplumber's)."""
    return _placed(_glyphs(textpage, place), place)


def _glyphs(textpage: int, place: _Placement) -> list[list[Any]]:
    """Each printed glyph as [text, style, advance, x, y], its origin in user space."""
    styles = _Styles(textpage, place)
    known = styles.objects
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    glyphs: list[list[Any]] = []
    previous: tuple[int, float, float] | None = None
    for index in range(_COUNT(textpage)):
        obj = _TEXT_OBJECT(textpage, index)
        if not obj:
            continue
        code = _UNICODE(textpage, index)
        if code in _INFERRED and _IS_GENERATED(textpage, index) == 1:
            continue  # a space or line break PDFium inferred, not a printed glyph
        _ORIGIN(textpage, index, pox, poy)
        origin = (obj, ox.value, oy.value)
        style = known.get(obj) or styles.of(obj, index)
        text = _UNREADABLE if styles.unmapped(style, code, index) else _TEXT.get(code) or chr(code)
        if origin == previous:
            if glyphs and glyphs[-1][1].turn is not None:
                # One glyph mapped to several characters (a ligature): one glyph, as
                # pdfminer has it, as wide as its loose box (its font knows no "fi").
                glyphs[-1][0] += text
                glyphs[-1][2] = _loose_advance(textpage, index, style.matrix)
            continue
        previous = origin
        advance = 0.0 if style.turn is None else styles.advance(style, code, index)
        glyphs.append([text, style, advance, origin[1], origin[2]])
    return glyphs


def _loose_advance(textpage: int, index: int, matrix: _Matrix) -> float:
    """A glyph's advance from its loose box."""
    loose = raw.FS_RECTF()
    _LOOSE_BOX(textpage, index, loose)
    a, b = abs(matrix[0]), abs(matrix[1])
    if a >= b:
        return float(loose.right - loose.left) / max(a, 1e-9)
    return float(loose.top - loose.bottom) / max(b, 1e-9)


def _placed(glyphs: list[list[Any]], place: _Placement) -> list[Char]:
    """The glyphs as pdfplumber would describe them, then as ``plumber_chars`` reduces them.

    A box is the font size high from the baseline and the advance wide. A
    glyph set slanted or upside down, or drawn off the page, is left out.
    """
    ca, cb, cc, cd, ce, cf = place.ctm
    height, shift, x_shift, width = place.height, place.top_shift, place.x_shift, place.width
    chars: list[Char] = []
    for text, style, advance, x, y in glyphs:
        turn = style.turn
        if turn is None:
            continue
        size = style.size
        pa, pb, pc, pd = style.page_matrix[:4]
        # The origin in pdfminer's page space, then corners (0, 0) and (advance, size).
        pe, pf = ca * x + cc * y + ce, cb * x + cd * y + cf
        xa, xb = pe + x_shift, pe + advance * pa + size * pc + x_shift
        ya, yb = pf, pf + advance * pb + size * pd
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
        top, bottom = height - y1 + shift, height - y0 + shift
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue
        glyph_size = y1 - y0 if turn == 0 else x1 - x0
        chars.append(
            Char(text, x0, x1, top, bottom, glyph_size, style.bold, height - pf + shift, turn)
        )
    return chars


def _collect_paths(
    page: Any,
    form: Any,
    outer: _Matrix,
    place: _Placement,
    *,
    edges: list[dict[str, Any]],
    depth: int = 0,
) -> None:
    """The edges of every path of the page, or of a form XObject on it, and of forms within."""
    count = raw.FPDFFormObj_CountObjects(form) if form else raw.FPDFPage_CountObjects(page)
    matrix = raw.FS_MATRIX()
    for index in range(max(count, 0)):
        obj = (
            raw.FPDFFormObj_GetObject(form, index) if form else raw.FPDFPage_GetObject(page, index)
        )
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        own = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth < _MAX_FORM_DEPTH:
                _collect_paths(page, obj, own, place, edges=edges, depth=depth + 1)
            continue
        for shape, points in _subpaths(obj, own):
            edges.extend(_edges(shape, [place.point(*p) for p in points]))


def _subpaths(obj: Any, matrix: _Matrix) -> Iterator[tuple[str, list[_Point]]]:
    """The path's subpaths as pdfminer sees them: operators ``m l c h`` and their end points."""
    path = ctypes.cast(obj, ctypes.c_void_p).value or 0
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    shape: list[str] = []
    points: list[_Point] = []
    curve_points = 0
    a, b, c, d, e, f = matrix
    for index in range(_COUNT_SEGMENTS(path)):
        segment = _SEGMENT(path, index)
        kind = _SEGMENT_TYPE(segment)
        _SEGMENT_POINT(segment, px, py)
        sx, sy = _exact(x.value), _exact(y.value)
        point = (a * sx + c * sy + e, b * sx + d * sy + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                yield "".join(shape), points
            shape, points, curve_points = ["m"], [point], 0
            continue
        if not shape:
            continue
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            curve_points += 1
            if curve_points % 3:
                continue  # a control point: pdfminer keeps the end points only
            shape.append("c")
        else:
            shape.append("l")
        points.append(point)
        if _SEGMENT_CLOSES(segment):
            if point == points[0] and shape[-1] == "l":
                shape[-1] = "h"  # PDFium's closing line back to the start is pdfminer's ``h``
            else:
                shape.append("h")
                points.append(points[0])
    if shape:
        yield "".join(shape), points


def _edges(shape: str, pts: list[_Point]) -> list[dict[str, Any]]:
    """pdfplumber's edges of one subpath (``pts`` in page space): a line, a rectangle or a curve."""
    if shape in ("ml", "mlh"):
        (xa, ta), (xb, tb) = pts[0], pts[1]
        return [_edge("line", xa, xb, ta, tb, orientation="h" if ta == tb else "v")]
    if shape in ("mlllh", "mllll") and _is_rect(pts):
        xs, ts = [p[0] for p in pts], [p[1] for p in pts]
        x0, x1, top, bottom = min(xs), max(xs), min(ts), max(ts)
        return [
            _edge("rect_edge", x0, x1, top, top, orientation="h"),
            _edge("rect_edge", x0, x1, bottom, bottom, orientation="h"),
            _edge("rect_edge", x0, x0, top, bottom, orientation="v"),
            _edge("rect_edge", x1, x1, top, bottom, orientation="v"),
        ]
    if len(pts) < 2:
        return []
    return [
        _edge(
            "curve_edge",
            xa,
            xb,
            ta,
            tb,
            orientation="v" if xa == xb else ("h" if ta == tb else None),
        )
        for (xa, ta), (xb, tb) in itertools.pairwise(pts)
    ]


def _is_rect(pts: list[_Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts[:5]
    closed = pts[0] == last
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )
    return closed and square


def _edge(
    kind: str, xa: float, xb: float, ta: float, tb: float, *, orientation: str | None
) -> dict[str, Any]:
    x0, x1 = sorted((xa, xb))
    top, bottom = sorted((ta, tb))
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }
