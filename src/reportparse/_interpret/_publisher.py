"""The publisher a document names: a field so labelled, or an organisation's line.

``Sagatavoja: Kuldīgas novada Sociālais dienests`` or a ``Publicētājs |
Labklājības ministrija`` table row names it; failing that, a
short line at the top or the bottom of the page that ends in an
organisation's head noun (``Kuldīgas novada pašvaldība``, ``Zemgales plānošanas
reģions``). Nothing is guessed from an address, a domain or a person's name.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from reportparse._lang._labels import clean_label
from reportparse._lang._prose import ProseWords, key, words
from reportparse._model import Document, Heading, Paragraph
from reportparse._records._report import Field

__all__ = ["find_publisher"]

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[.\-][\p{L}\p{M}]+)*")
_NAME_END = regex.compile(r"[,;]\s|\.\s|\s[-–]\s|\.$|,$")
_DIGIT = regex.compile(r"[0-9]")
# How many blocks at each end of a document may carry the organisation's line,
# and how long that line may be.
_EDGE_BLOCKS = 4
_MAX_NAME_WORDS = 8


def find_publisher(
    document: Document, fields: Sequence[Field], *, title_index: int | None = None
) -> str | None:
    """The publisher's name, or None when the document names none.

    >>> page = [Paragraph("Zupas virtuve"), Paragraph("Kuldīgas novada pašvaldība")]
    >>> find_publisher(Document("text", page), [], title_index=0)
    'Kuldīgas novada pašvaldība'
    """
    lexicon = words()
    for f in fields:
        if tuple(key(w) for w in _WORD.findall(f.label)) in lexicon.publisher_labels:
            name = f.value.split("\n")[0].strip().rstrip(".")
            if name:
                return name
    blocks = document.blocks
    candidates = list(range(min(_EDGE_BLOCKS, len(blocks))))
    candidates += [i for i in range(max(len(blocks) - _EDGE_BLOCKS, 0), len(blocks))]
    seen: set[int] = set()
    for index in candidates:
        if index in seen or index == title_index:
            continue
        seen.add(index)
        block = blocks[index]
        before = blocks[index - 1] if index else None
        # A name under "Projekta īstenotājs:" is that field's value, not the page's publisher.
        if isinstance(before, Heading | Paragraph) and before.text.rstrip().endswith(":"):
            continue
        if isinstance(block, Paragraph) and not block.list_item:
            organisation = _organisation(clean_label(block.text).rstrip("."), lexicon)
            if organisation is not None:
                return organisation
    return None


def _organisation(text: str, lexicon: ProseWords) -> str | None:
    """The organisation a line names: all of it, or what follows a cue ("Sagatavoja …")."""
    found = _WORD.findall(text)
    if (
        found
        and len(found) <= _MAX_NAME_WORDS
        and not _DIGIT.search(text)
        and ":" not in text
        and key(found[-1]) in lexicon.organisation_heads
    ):
        return text
    spans = list(_WORD.finditer(text))
    keys = [key(m.group()) for m in spans]
    for label in lexicon.publisher_labels:
        if len(keys) > len(label) and tuple(keys[: len(label)]) == label:
            # The name runs to the first comma or full stop.
            rest = text[spans[len(label) - 1].end() :].strip()
            name = _NAME_END.split(rest, maxsplit=1)[0].strip()
            # A name, not the rest of a sentence ("Autors norāda, ka …").
            return name if name[:1].isupper() else None
    return None
