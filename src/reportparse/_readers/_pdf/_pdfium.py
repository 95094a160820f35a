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
from typing import Any

import pypdfium2 as pdfium
from pypdfium2 import raw

__all__ = ["PdfiumPage", "open_document", "pages"]

_Matrix = tuple[float, float, float, float, float, float]
_Point = tuple[float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_UNREADABLE = "\ufffd"
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
    chars: list[dict[str, Any]]
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
        chars = _chars(textpage.raw, place)
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


class _Fonts:
    """Per text object: its font's name and size and its matrix, read once."""

    def __init__(self, textpage: Any) -> None:
        self.textpage = textpage
        self.objects: dict[int, tuple[str, float, _Matrix, Any]] = {}
        self.widths: dict[tuple[int, int, float], float] = {}
        self._name = ctypes.create_string_buffer(256)
        self._size = ctypes.c_float()
        self._width = ctypes.c_float()
        self._matrix = raw.FS_MATRIX()

    def of(self, obj: Any, index: int) -> tuple[str, float, _Matrix, Any]:
        key = ctypes.addressof(obj.contents)
        found = self.objects.get(key)
        if found is None:
            font = raw.FPDFTextObj_GetFont(obj)
            name = ""
            if font and raw.FPDFFont_GetBaseFontName(font, self._name, 256):
                name = self._name.value.decode("utf-8", "replace")
            size = float(raw.FPDFText_GetFontSize(self.textpage, index))
            m = self._matrix
            raw.FPDFText_GetMatrix(self.textpage, index, m)
            found = self.objects[key] = (name, size, (m.a, m.b, m.c, m.d, 0.0, 0.0), font)
        return found

    def width(self, font: Any, code: int, size: float) -> float | None:
        """The advance of the glyph of ``code`` at ``size``, in text space."""
        key = (ctypes.addressof(font.contents), code, size)
        width = self.widths.get(key)
        if width is None:
            ok = raw.FPDFFont_GetGlyphWidth(font, code, size, self._width)
            width = self.widths[key] = self._width.value if ok else 0.0
        return width or None  # none: the font has no glyph for the character alone


def _chars(textpage: Any, place: _Placement) -> list[dict[str, Any]]:
    fonts = _Fonts(textpage)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = raw.FS_RECTF()
    chars: list[dict[str, Any]] = []
    previous: tuple[int, float, float] | None = None
    for index in range(raw.FPDFText_CountChars(textpage)):
        obj = raw.FPDFText_GetTextObject(textpage, index)
        if not obj or raw.FPDFText_IsGenerated(textpage, index) == 1:
            continue  # a space or line break PDFium inferred, not a printed glyph
        code = raw.FPDFText_GetUnicode(textpage, index)
        raw.FPDFText_GetCharOrigin(textpage, index, ox, oy)
        origin = (ctypes.addressof(obj.contents), ox.value, oy.value)
        name, size, matrix, font = fonts.of(obj, index)
        unmapped = code == 0 or raw.FPDFText_HasUnicodeMapError(textpage, index) == 1
        text = _UNREADABLE if unmapped else _TEXT.get(code) or chr(code)
        if origin == previous and chars:
            # One glyph mapped to several characters (a ligature): one glyph, as
            # pdfminer has it, as wide as its loose box (its font knows no "fi").
            text = chars[-1]["text"] + text
            advance = _loose_advance(textpage, index, matrix, loose)
            chars[-1] = _char(text, name, (size, advance), matrix, origin[1:], place=place)
            continue
        previous = origin
        width = fonts.width(font, code, size) if font else None
        advance = _loose_advance(textpage, index, matrix, loose) if width is None else width
        chars.append(_char(text, name, (size, advance), matrix, origin[1:], place=place))
    return chars


def _loose_advance(textpage: Any, index: int, matrix: _Matrix, loose: Any) -> float:
    """A glyph's advance from its loose box, when its font cannot say (a ligature's glyph)."""
    raw.FPDFText_GetLooseCharBox(textpage, index, loose)
    a, b = abs(matrix[0]), abs(matrix[1])
    if a >= b:
        return float(loose.right - loose.left) / max(a, 1e-9)
    return float(loose.top - loose.bottom) / max(b, 1e-9)


def _char(
    text: str,
    fontname: str,
    extent: tuple[float, float],
    matrix: _Matrix,
    origin: tuple[float, float],
    *,
    place: _Placement,
) -> dict[str, Any]:
    """A glyph as pdfplumber describes it: its box from the baseline up by the font size.

    ``extent`` is the font size and the glyph's advance, in text space;
    ``origin`` the glyph's origin in user space.
    """
    size, advance = extent
    a, b, c, d = matrix[:4]
    # The glyph's matrix in pdfminer's page space (the page's rotation applied).
    pa, pb, pc, pd, pe, pf = _mul((a, b, c, d, origin[0], origin[1]), place.ctm)
    # Corners (0, 0) and (advance, size) of the glyph, then pdfplumber's y down.
    xa, xb = pe, pe + advance * pa + size * pc
    ya, yb = pf, pf + advance * pb + size * pd
    x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
    y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
    height, shift = place.height, place.top_shift
    return {
        "text": text,
        "fontname": fontname,
        "size": y1 - y0,
        "x0": x0 + place.x_shift,
        "x1": x1 + place.x_shift,
        "top": height - y1 + shift,
        "bottom": height - y0 + shift,
        "upright": pa * pd > 0 and pb * pc <= 0,
        "matrix": (pa, pb, pc, pd, pe, pf - shift),
    }


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
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    points: list[_Point] = []
    curve_points = 0
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        a, b, c, d, e, f = matrix
        px, py = _exact(x.value), _exact(y.value)
        point = (a * px + c * py + e, b * px + d * py + f)
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
        if raw.FPDFPathSegment_GetClose(segment):
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
