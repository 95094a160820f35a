"""Whitespace rules shared by the markup readers (DOCX, HTML), and footnote digits.

Both formats hand over text with explicit line breaks already turned into
``\\n`` and everything else still raw: tabs, runs of spaces, no-break spaces,
soft hyphens. :func:`clean` makes that the text as printed.
"""

from __future__ import annotations

import re

__all__ = ["SUPERSCRIPT_DIGITS", "clean", "one_line"]

#: Footnote digits set above the line, as superscript characters, which the
#: value grammar reads as a mark and never as part of the number before them.
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# Any whitespace but the line break an author typed on purpose.
_SPACE_RUN = re.compile(r"[^\S\n]+")
# Invisible when printed: soft hyphen, zero-width characters, a stray BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Spaces that group digits (``1 279 538``); the value grammar reads them as
# part of the number, so between two digits they are kept as they are.
_DIGIT_SPACES = frozenset("\u00a0\u2007\u2009\u202f")
_HAS_DIGIT_SPACE = re.compile("[\u00a0\u2007\u2009\u202f]")
# Most cell texts ("40", "GMI pabalsts") need nothing done; this finds those that do.
_NEEDS_WORK = re.compile("[^\\S ]|  |^ | $|[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean(text: str) -> str:
    """Collapse spaces within each line, trim lines and drop empty ones.

    >>> clean("  5 klienti:\\t2\\u00a0pieaugušie ;\\n\\n 3 bērni ")
    '5 klienti: 2 pieaugušie ;\\n3 bērni'
    >>> clean("1\\u00a0279\\u00a0538 EUR")
    '1\\xa0279\\xa0538 EUR'
    """
    if not _NEEDS_WORK.search(text):
        return text
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    collapse = _collapse_keeping_digit_groups if _HAS_DIGIT_SPACE.search(text) else _collapse
    lines = (collapse(line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """:func:`clean`, with line breaks as spaces (headings, titles).

    >>> one_line("Valsts asistenta\\npakalpojums: ")
    'Valsts asistenta pakalpojums:'
    """
    return clean(text).replace("\n", " ")


def _collapse(line: str) -> str:
    return _SPACE_RUN.sub(" ", line)


def _collapse_keeping_digit_groups(line: str) -> str:
    return _SPACE_RUN.sub(_space, line)


def _space(match: re.Match[str]) -> str:
    run, start, end, line = match.group(), match.start(), match.end(), match.string
    if (
        len(run) == 1
        and run in _DIGIT_SPACES
        and start > 0
        and end < len(line)
        and line[start - 1].isdigit()
        and line[end].isdigit()
    ):
        return run
    return " "
