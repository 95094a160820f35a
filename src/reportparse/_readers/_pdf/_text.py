"""Printed lines from PDF glyphs, and wrapped lines joined back into text.

A PDF has no words or lines, only glyphs at positions. This module groups
glyphs into lines and decides, for each line break, what the author typed
there: a space (the layout wrapped at a space), nothing (a word too wide for
its cell was cut where the cell ended), a hyphen to undo, or a real line break.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple, Protocol

from reportparse._readers._textnorm import SUPERSCRIPT_DIGITS

__all__ = [
    "Char",
    "TextLine",
    "build_lines",
    "is_bold_font",
    "join_cell_lines",
    "join_cell_parts",
    "join_text_lines",
    "turn_of",
]

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|[-,]bd\b", re.IGNORECASE)
_SOFT_HYPHEN = "\u00ad"
_HYPHENS = ("-", "\u2010", _SOFT_HYPHEN)
_SPACE_RUN = re.compile(r"\s+")
# A gap between words wider than this many ems separates columns, not words.
_COLUMN_GAP = 1.0
_BASELINE = attrgetter("baseline")
_LEFT = attrgetter("x0")


def turn_of(matrix: Sequence[float] | None) -> int:
    """1 for a glyph turned to read bottom to top, -1 for top to bottom, else 0."""
    if not matrix:
        return 0
    a, b = matrix[0], matrix[1]
    if abs(a) > 0.01 * abs(b):
        return 0
    return 1 if b > 0 else -1


class Char(NamedTuple):
    """One glyph, reduced to what layout analysis needs."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    #: Distance of the baseline from the page top: glyphs of one line share it,
    #: whatever their fonts' ascent and descent.
    baseline: float
    #: Text set upright (0), or turned a quarter to read bottom to top (1) or
    #: top to bottom (-1), as narrow column heads are.
    turn: int = 0


@dataclass(slots=True)
class TextLine:
    """One printed line: its text and the geometry the joining rules need."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    #: Font size most of the line's glyphs have.
    size: float
    bold: bool
    #: Width of the first glyph: would it have fitted at the end of the line above?
    first_char_width: float
    #: Width of the first word: would it have fitted on the line above?
    first_word_width: float
    space_width: float
    #: (x0, x1, text) of runs of words set apart by wide gaps, as in columns
    #: aligned with tabs or spaces; empty when the line is one run.
    segments: tuple[tuple[float, float, str], ...] = ()

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def is_bold_font(fontname: str) -> bool:
    """``BAAAAA+DejaVuSans-Bold`` → True: the subset prefix does not matter."""
    return bool(_BOLD_FONT.search(fontname.partition("+")[2] or fontname))


def upright(char: Char) -> Char:
    """A turned glyph as it reads: its line runs left to right, its lines top to bottom.

    Set bottom to top, a line's glyphs run up the page and the next line is to
    the right of it; top to bottom, they run down and the next line is to the left.
    """
    if char.turn == 0:
        return char
    if char.turn > 0:
        x0, x1, top, bottom = -char.bottom, -char.top, char.x0, char.x1
    else:
        x0, x1, top, bottom = char.top, char.bottom, -char.x1, -char.x0
    return char._replace(x0=x0, x1=x1, top=top, bottom=bottom, baseline=bottom, turn=0)


def build_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Group glyphs into lines, top to bottom, each read left to right.

    A line is the glyphs on one baseline, plus smaller glyphs raised or
    lowered within it (footnote marks, indices). Glyphs of the same size on
    another baseline are another line even where they overlap it, such as a
    value centred beside a two-line label.
    """
    groups: list[list[Char]] = []
    # Baseline, size, top and bottom of each group's main glyphs.
    main: list[tuple[float, float, float, float]] = []
    for char in sorted(chars, key=_BASELINE):
        if groups:
            baseline, size, top, bottom = main[-1]
            inside = char.bottom > top and char.top < bottom
            if abs(char.baseline - baseline) <= 0.15 * max(size, char.size) or (
                inside and char.size < 0.85 * size
            ):
                groups[-1].append(char)
                continue
            if inside and char.size > size / 0.85:
                # The group so far was a raised mark before its line's text.
                groups[-1].append(char)
                main[-1] = (char.baseline, char.size, char.top, char.bottom)
                continue
        groups.append([char])
        main.append((char.baseline, char.size, char.top, char.bottom))
    lines = [_make_line(group) for group in groups]
    return [line for line in lines if line is not None]


def _raised_mark(group: list[Char]) -> Callable[[Char], bool]:
    """Which glyphs of a line are digits set small above it: a footnote mark."""
    sizes = [c.size for c in group]
    if min(sizes) >= 0.85 * max(sizes):
        return _never  # one size throughout, as most lines are: nothing is raised
    counts: dict[float, int] = {}
    for char in group:
        counts[round(char.size, 1)] = counts.get(round(char.size, 1), 0) + 1
    main = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    baselines = sorted(c.baseline for c in group if round(c.size, 1) == main)
    baseline = baselines[len(baselines) // 2]

    def raised(char: Char) -> bool:
        return (
            char.text.isdigit()
            and char.size < 0.85 * main
            and char.baseline < baseline - 0.15 * main
        )

    return raised


def _never(char: Char) -> bool:
    return False


def _make_line(group: list[Char]) -> TextLine | None:
    group.sort(key=_LEFT)
    raised = _raised_mark(group)
    parts: list[str] = []
    glyphs: list[Char] = []
    pending_space = False
    prev: Char | None = None
    sizes: dict[float, int] = {}
    n_bold = 0
    space_width = 0.0
    # Start of each run of words, as (index in parts, index in glyphs).
    runs: list[tuple[int, int]] = [(0, 0)]
    marks = raised is not _never
    for char in group:
        text = char.text
        if not text.strip():
            pending_space = bool(parts)
            space_width = max(space_width, char.x1 - char.x0)
            continue
        if prev is not None:
            if text == prev.text and abs(char.x0 - prev.x0) < 0.5 * (prev.x1 - prev.x0):
                # The same glyph drawn twice (fake bold, shadow): keep one.
                continue
            gap = char.x0 - prev.x1
            size = char.size if char.size > prev.size else prev.size
            if pending_space or gap > 0.15 * size:
                parts.append(" ")
            if gap > _COLUMN_GAP * size:
                runs.append((len(parts), len(glyphs)))
        parts.append(text.translate(SUPERSCRIPT_DIGITS) if marks and raised(char) else text)
        glyphs.append(char)
        rounded = round(char.size, 1)
        sizes[rounded] = sizes.get(rounded, 0) + len(text)
        n_bold += char.bold
        pending_space = False
        prev = char
    if not glyphs:
        return None
    text = "".join(parts)
    size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    # Up to the first space only: a breaker may also break after "/" or "-",
    # but counting that would call too many wraps explicit line breaks.
    n_first = len(text.split(" ", 1)[0])
    first = glyphs[0]
    word_end = glyphs[min(n_first, len(glyphs)) - 1]
    return TextLine(
        text=text,
        x0=first.x0,
        x1=max(c.x1 for c in glyphs),
        top=min(c.top for c in glyphs),
        bottom=max(c.bottom for c in glyphs),
        size=size,
        bold=n_bold * 2 > len(glyphs),
        first_char_width=first.x1 - first.x0,
        first_word_width=word_end.x1 - first.x0,
        space_width=space_width or 0.3 * size,
        segments=_segments(parts, glyphs, runs) if len(runs) > 1 else (),
    )


def _segments(
    parts: list[str], glyphs: list[Char], runs: list[tuple[int, int]]
) -> tuple[tuple[float, float, str], ...]:
    bounds = [*runs, (len(parts), len(glyphs))]
    return tuple(
        (glyphs[g0].x0, max(c.x1 for c in glyphs[g0:g1]), "".join(parts[p0:p1]).strip())
        for (p0, g0), (p1, g1) in pairwise(bounds)
    )


def _collapse(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip()


def _dehyphenate(prev: str, nxt: str) -> str | None:
    """``sociā-`` + ``lās`` → ``sociālās``; None where the dash is a real one."""
    if prev.endswith(_SOFT_HYPHEN):
        return prev[:-1] + nxt
    if (
        prev.endswith(_HYPHENS)
        and len(prev) >= 2
        and prev[-2].isalpha()
        and nxt[:1].isalpha()
        and nxt[:1].islower()
    ):
        return prev[:-1] + nxt
    return None


def join_text_lines(lines: Sequence[TextLine]) -> str:
    """Lines of running text → one paragraph: spaces at wraps, hyphenation undone."""
    text = ""
    for line in lines:
        part = _collapse(line.text)
        if not text:
            text = part
            continue
        joined = _dehyphenate(text, part)
        if joined is not None:
            text = joined
        elif text.endswith("/") and not text.endswith(" /"):
            text += part
        else:
            text += " " + part
    return text.replace(_SOFT_HYPHEN, "")


def join_cell_lines(lines: Sequence[TextLine], inner_width: float | None) -> str:
    """The lines of one table cell → its text.

    ``inner_width`` is the width text may take in the cell (None when unknown).
    A word wider than the cell is cut where the cell ends, so a line that is a
    single word and has no room for the next line's first glyph was cut inside
    a word (``jūlij`` + ``s``). A line that had room for the next line's first
    word ended at an explicit line break, kept as ``\\n``.
    """
    text = ""
    prev: TextLine | None = None
    for line in lines:
        part = _collapse(line.text)
        if prev is None:
            text, prev = part, line
            continue
        sep = _separator(text, prev, part, line, inner_width)
        if sep == _UNHYPHENATE:
            text = text[:-1] + part
        else:
            text += sep + part
        prev = line
    return text.replace(_SOFT_HYPHEN, "")


class _HasLines(Protocol):
    text: str
    first_line: TextLine | None
    last_line: TextLine | None


def join_cell_parts(above: _HasLines, below: _HasLines, inner_width: float | None) -> str:
    """The text of a cell cut by a page break: its part above and its part below."""
    if not above.text or not below.text:
        return above.text + below.text
    if above.last_line is None or below.first_line is None:
        return above.text + " " + below.text
    head = _collapse(below.first_line.text)
    sep = _separator(above.text, above.last_line, head, below.first_line, inner_width)
    if sep == _UNHYPHENATE:
        return above.text[:-1] + below.text
    return above.text + sep + below.text


_UNHYPHENATE = "-"
# The most letters of a word cut at a cell's edge that go on the next line.
_MAX_CUT_TAIL = 3
_CLOSING = frozenset(".,;:)]!?%")


def _may_cut_between(last: str, first: str) -> bool:
    """Could a word have been cut between these two characters?

    A word that fills its line may still have ended there (``4256,00`` +
    ``EUR``), so the break counts as a cut only inside a run of letters
    (not lowercase then capital), of digits, or at a decimal mark.
    """
    if last.isalpha() and first.isalpha():
        return not (last.islower() and first.isupper())
    if first.isdigit():
        return last.isdigit() or last in ",."
    return last.isdigit() and first in ",."


def _is_word_tail(last: str, part: str) -> bool:
    """Is ``part`` plainly the rest of a word cut after ``last``?

    A lone letter after a letter (``jūlij`` + ``s``), a lone digit after a digit
    or a decimal mark, or closing punctuation (``aug`` + ``.``, ``49582`` + ``,43``).
    """
    first = part[0]
    if first in _CLOSING:
        return True
    if len(part) != 1:
        return False
    if first.isalpha():
        return last.isalpha() and not (first.isupper() and last.islower())
    return first.isdigit() and (last.isdigit() or last in ",.")


def _separator(
    text: str, prev: TextLine, part: str, line: TextLine, inner_width: float | None
) -> str:
    """What stood at the break between ``prev`` (ending ``text``) and ``line``.

    One of ``" "``, ``""``, ``"\\n"``, or ``_UNHYPHENATE`` (drop the hyphen, no space).
    """
    if _dehyphenate(text, part) is not None:
        return _UNHYPHENATE
    if text.endswith("/") and not text.endswith(" /"):
        return ""
    single_word = " " not in _collapse(prev.text)
    if single_word and _is_word_tail(text[-1], part):
        return ""
    if inner_width is None:
        return " "
    full = prev.width + line.first_char_width > inner_width - 0.5
    if single_word and full and _may_cut_between(text[-1], part[0]):
        # A word of letters wider than its cell overflows it, uncut
        # (``Konsolidētais``, then ``valsts``); the rest of a cut word is a
        # few letters, or the whole of its line (``septem`` + ``bris``), not a
        # word with more after it (``īstenošanai`` + ``kopā ar grozījumiem``).
        letters = text[-1].isalpha() and part[0].isalpha()
        overflows = prev.width > inner_width
        tail = part.split(" ", maxsplit=1)[0]
        if not letters or (not overflows and (len(tail) <= _MAX_CUT_TAIL or tail == part)):
            return ""
    room = inner_width - prev.width - prev.space_width
    if line.first_word_width < room - 1.0:
        return "\n"
    return " "
