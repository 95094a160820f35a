"""Running text cut into passages, sentences and clauses, with offsets.

A passage is one paragraph or list item, or several paragraphs that a broken
layout split (text extracted from an infographic breaks a sentence, and even a
number, over "paragraphs": ``Izvērtētas 2 318 personu ar GRT un 1`` /
``250 bērnu``). A sentence ends at ``.``, ``!`` or ``?`` before a capital
letter or a digit, except after an abbreviation (``Nr.``, ``t.sk.``) or an
initial (``A. Ozola``). A clause is the part of a sentence between commas,
semicolons, colons and parentheses: what a period word (``martā``) or a unit
reaches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from reportparse._lang._prose import key, words
from reportparse._model import Paragraph

__all__ = ["Passage", "clauses", "passages", "sentences"]

Span = tuple[int, int]

# Where a paragraph plainly goes on: it ends without closing punctuation and
# the next one starts in lower case, or a number was cut between them.
_CLOSED = ".!?:;"
_CUT_AFTER = regex.compile(r"[0-9,(]$")
_SENTENCE_END = regex.compile(r"[.!?…]+[\"'”»)\]]*(?=\s)")
_OPENERS = "\"'“„«(["
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}]+(?:[.\-][\p{L}\p{M}]+)*)\.*$")
# A comma or colon separates clauses only before a space: "26,01" is a number.
_CLAUSE_BREAK = regex.compile(r"[,;:](?=\s)|[()\[\]]")
# Longer than a paragraph of a report (the longest sentence of the fixtures
# is 423): text with no full stops, a list or a code block run together, is
# cut into pieces a reader can check. Where to cut, best first.
MAX_SENTENCE = 500
_CUTS = tuple(regex.compile(p) for p in (r"\n", r"[;:](?=\s)", r"[,–—](?=\s)", r"\s"))


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of running text and the page it starts on."""

    text: str
    page: int | None = None


def passages(paragraphs: Iterable[Paragraph | None]) -> list[Passage]:
    """Paragraphs as passages, joining those a broken layout split; None breaks a join.

    >>> [p.text for p in passages([Paragraph("ar GRT un 1"), Paragraph("250 bērnu")])]
    ['ar GRT un 1 250 bērnu']
    >>> [p.text for p in passages([Paragraph("Izveidotas 20 vietas"), Paragraph("dzīvokļos")])]
    ['Izveidotas 20 vietas dzīvokļos']
    >>> [p.text for p in passages([Paragraph("Beigas."), Paragraph("jauns")])]
    ['Beigas.', 'jauns']
    """
    out: list[Passage] = []
    previous: Paragraph | None = None
    for paragraph in paragraphs:
        if paragraph is None or not paragraph.text.strip():
            previous = None
            continue
        text = paragraph.text.strip()
        if previous is not None and _continues(previous, paragraph):
            last = out[-1]
            out[-1] = Passage(f"{last.text} {text}", last.page)
        else:
            out.append(Passage(text, paragraph.page))
        previous = paragraph
    return out


def _continues(before: Paragraph, after: Paragraph) -> bool:
    if before.list_item or after.list_item:
        return False
    end = before.text.rstrip()
    start = after.text.lstrip()
    if not end or not start or end[-1] in _CLOSED:
        return False
    first = start[0]
    if first.isalpha():
        return first.islower()
    return first.isdigit() and bool(_CUT_AFTER.search(end))


def sentences(text: str) -> list[Span]:
    """The sentences of a passage as (start, end) offsets, surrounding space excluded.

    >>> t = "Martā to saņēma 120. Aprīlī – 135 (t.sk. Nr. 5). A. Ozola raksta."
    >>> [t[a:b] for a, b in sentences(t)]
    ['Martā to saņēma 120.', 'Aprīlī – 135 (t.sk. Nr. 5).', 'A. Ozola raksta.']
    >>> t = "Līdz 2024. gada 1. jūlijam. Pēc tam 3. kārta."
    >>> [t[a:b] for a, b in sentences(t)]
    ['Līdz 2024. gada 1. jūlijam.', 'Pēc tam 3. kārta.']
    """
    abbreviations = words().abbreviations
    spans: list[Span] = []
    start = 0
    n = len(text)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        # Looked for in place: a copy of the rest at every full stop costs as much
        # as the passage is long.
        at = end
        while at < n and text[at].isspace():
            at += 1
        if at == n:
            break
        nxt = text[at]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        if match.group().startswith("."):
            # The word is in the last run without spaces: no need to search before it.
            space = text.rfind(" ", start, match.start())
            before = _WORD_BEFORE.search(text, max(start, space + 1), match.start())
            if before is not None:
                word = before.group(1)
                if key(word) in abbreviations or (len(word) == 1 and word.isupper()):
                    continue
        spans.extend(_bounded(text, start, end))
        start = end
    if text[start:].strip():
        spans.extend(_bounded(text, start, len(text)))
    return spans


def _bounded(text: str, start: int, end: int) -> list[Span]:
    r"""``text[start:end]`` as one span, or as pieces of at most ``MAX_SENTENCE``,
    cut at a line's end where there is one (a list), else after a ``;`` or a
    ``:``, else after a comma or a dash, else at a space.

    >>> t = "vārds " * 200
    >>> [b - a for a, b in _bounded(t, 0, len(t))]
    [497, 497, 203]
    >>> t = "Saraksts:\n" + "punkts 12 personām\n" * 40
    >>> [t[a:b].endswith("personām") for a, b in _bounded(t, 0, len(t))]
    [True, True]
    """
    pieces: list[Span] = []
    start, end = _trimmed(text, start, end)
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = limit
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, start + 1, limit)]
            if found:
                cut = found[-1]
                break
        pieces.append(_trimmed(text, start, cut))
        start, end = _trimmed(text, cut, end)
    if end > start:
        pieces.append((start, end))
    return pieces


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clauses(text: str, span: Span) -> list[Span]:
    """The clauses of the sentence ``text[span[0]:span[1]]``, as offsets into ``text``.

    >>> t = "Martā 120 ģimenei (310 personām), bet februārī – 135 ģimenēm."
    >>> [t[a:b] for a, b in clauses(t, (0, len(t)))]
    ['Martā 120 ģimenei', '310 personām', 'bet februārī – 135 ģimenēm.']
    """
    out: list[Span] = []
    start = span[0]
    for match in _CLAUSE_BREAK.finditer(text, span[0], span[1]):
        if text[start : match.start()].strip():
            out.append(_trimmed(text, start, match.start()))
        start = match.end()
    if text[start : span[1]].strip():
        out.append(_trimmed(text, start, span[1]))
    return out
