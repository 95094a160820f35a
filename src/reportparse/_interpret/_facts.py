"""Numbers in running text → facts: value, unit, what each counts, its period and sentence.

Paragraphs and list items are read, not tables and not headings (a heading
repeats a figure of the text below it), except a bold ``Label: value`` line
that a reader took for a heading. The title is never read.

A number is a digit run with its thousands groups (``1 250 300,00``,
``2 318``), a scale word (``12,4 miljoni``) and a unit word or sign, after it
or, for money, before it (``EUR 81 250,40``). Where the unit word is not
right after the number, the noun phrase is walked to its head
(``45 ārpusģimenes aprūpē esoši bērni``); a phrase whose head is another
noun (``20 vietas``, ``6 dienas aprūpes centri``) has no unit and says what
it counts in ``counts``.

What is not a fact, by shape: dates (``01.02.2020.``, ``2021-05-04``), times,
years (a four-digit number from 1990 to 2100 with no unit), ordinals
(``1. jūlija``, ``2.kārta``, a list's ``1.``), section numbers
(``9.2.2.1.``), codes glued to letters (``COVID-19``, ``LV-1010``) or slashes
(``16/A/010``), numbers with a leading zero, e-mails and URLs; by a cue word
before them (``lv_prose.toml``): phone numbers, identifiers, house numbers,
page and section references.

A fact's period is the period its clause names (``martā``, ``2021. gadā``,
``no 01.01.2022. līdz 31.05.2022.``), else the nearest one named before it in
its sentence; a month without a year takes the report's year. A period named
for comparison (``salīdzinot ar 2022. gadu``) is no fact's period.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import functools
import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import regex

from reportparse._codes import COUNTED_UNITS, MONEY_UNITS, SHARE_UNITS, Basis, Unit
from reportparse._interpret._boxes import placed
from reportparse._lang._periods import find_period, period_from_dates
from reportparse._lang._periods import month_number as _month_number
from reportparse._lang._prose import ProseWords, key, words
from reportparse._lang._sentences import Span, clauses, passages, sentences
from reportparse._lang._values import Number, parse_cell, parse_number, unit_of
from reportparse._limits import check_time
from reportparse._model import Document, Heading, Paragraph
from reportparse._records._report import Fact, ReportPeriod

__all__ = ["find_facts", "read_facts"]

_MONEY = MONEY_UNITS
_SHARE = SHARE_UNITS
# Units that a noun phrase can end in some words after its number; an amount
# or a share is marked right at it.
_COUNTED = COUNTED_UNITS

_NUM, _WORD, _SYM, _SPACE, _PUNCT = range(5)
# The standard library's engine is the faster one here; [^\W\d_] is a letter.
# In the order of the kinds above: group n is kind n - 1.
_TOKEN_PARTS = (
    r"[0-9]+(?:[.,][0-9]+)*",
    r"[^\W\d_]+(?:[.\-'’][^\W\d_]+)*\.?",
    r"[%€$£]",
    r"\s+",
    r".",
)
_TOKEN = re.compile("|".join(f"({part})" for part in _TOKEN_PARTS), re.DOTALL)
# Without groups findall gives the token texts alone; as the last part takes any
# character, they cover the text and each starts where the one before ends.
_TOKEN_TEXT = re.compile("|".join(_TOKEN_PARTS), re.DOTALL)
# Kind, key and whether it is a month in full (see _months) by token text:
# words repeat, and keying one is the dear part.
_KNOWN: dict[str, tuple[int, str, bool]] = {}
# Enough for any report's vocabulary; beyond it, a text of made-up words starts over.
_MAX_KNOWN = 100_000
# A shorter month word is an abbreviation ("nov", "apr"), another word as often as not.
_MIN_MONTH_CHARS = 5
_KIND, _KEY, _MONTH = (operator.itemgetter(n) for n in range(3))
# Shapes that are never counts: dates (01.02.2020., 31.12., 2021-05-04), times
# of day and international phone numbers; URLs and e-mails are looked for only
# in a sentence that has their mark, which keeps the common case fast.
# The standard library's engine is the faster one here too. Its \s takes the
# separators \x1c-\x1f, the regex module's (as in _SPACES) does not: _RE_SPACE
# is the latter.
_RE_SPACE = r"[^\S\x1c-\x1f]"
_SHAPES = re.compile(
    rf"""
    (?=[0-9+])
    (?:
      (?<![0-9.,])[0-9]{{1,2}}\.[0-9]{{1,2}}\.(?:[0-9]{{4}}|[0-9]{{2}})?(?![0-9])
    | (?<![0-9])[0-9]{{4}}-[0-9]{{2}}(?:-[0-9]{{2}})?(?![0-9])
    | (?<![0-9.,])[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?![0-9])
    | \+{_RE_SPACE}?\(?[0-9]{{3}}\)?(?:(?:{_RE_SPACE}|-)?[0-9]){{8}}
    )
    """,
    re.VERBOSE,
)
_ADDRESSES = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+")
_SPACES = regex.compile(r"\s+")
_LAST_WORD = regex.compile(r"([\p{L}\p{M}]+(?:\.[\p{L}\p{M}]+)*)\.$")
_AFTER_ORDINAL = regex.compile(r"[0-9]\.\s*$")
_DIGITS = regex.compile(r"[0-9]")
_YEAR_TOKEN = regex.compile(r"(?:19|20)\d\d")
_YEAR = regex.compile(r"(?<![0-9])(?:199[0-9]|20[0-9][0-9]|2100)(?![0-9])")
_FIELD_LINE = regex.compile(r"^[^:]{1,80}:\s+\S")
_DASHES = "-–—"
_OPENERS = "\"'“„«(["
# A month named after November or December in one sentence and before March
# is in the next year.
_LATE_MONTH, _EARLY_MONTH = 11, 2
# A year is a four-digit number in this range; reports go back to the 1990s.
_MIN_YEAR, _MAX_YEAR = 1990, 2100
# Longer digit runs without groups are identifiers (registration numbers, codes).
_MAX_PLAIN_DIGITS = 8
# How far a phrase after a head ("ar garīga rakstura traucējumiem") runs.
_MAX_POST_WORDS = 4
# Words before an amount's head that still describe it ("kopējā izmaksātā … summa").
_MAX_HEAD_MODIFIERS = 3
# Words an amount may stand from its head, going back ("summa martā sasniedza EUR …").
_MAX_HEAD_DISTANCE = 3


class _Toks:
    """One sentence's tokens as lists side by side: token ``i`` is ``kinds[i]``,
    ``texts[i]`` from ``starts[i]`` to ``ends[i]``, looked up as ``keys[i]``.

    Lists rather than an object a token: a sentence has dozens of tokens, and
    most are only ever looked at for their kind.
    """

    __slots__ = ("ends", "full_months", "keys", "kinds", "months", "starts", "texts")

    def __init__(self, text: str) -> None:
        texts: list[str] = _TOKEN_TEXT.findall(text)
        known = _KNOWN
        infos: list[tuple[int, str, bool] | None] = list(map(known.get, texts))
        for i in itertools.compress(itertools.count(), map(operator.not_, infos)):
            tok = texts[i]
            if "0" <= tok[0] <= "9":
                # A number is its own key, and seldom seen twice: not worth keeping.
                infos[i] = (_NUM, tok, False)
                continue
            info = known.get(tok) or _classify(tok)
            if len(known) >= _MAX_KNOWN:
                known.clear()
            known[tok] = infos[i] = info
        self.texts = texts
        # Every one filled in above.
        filled = cast(list[tuple[int, str, bool]], infos)
        self.kinds: list[int] = list(map(_KIND, filled))
        self.keys: list[str] = list(map(_KEY, filled))
        self.ends: list[int] = list(itertools.accumulate(map(len, texts)))
        self.starts: list[int] = [0, *self.ends[:-1]] if texts else []
        #: Whether each token is a month named in full, and whether any is.
        self.full_months: list[bool] = list(map(_MONTH, filled))
        self.months: bool = any(self.full_months)


def _classify(tok: str) -> tuple[int, str, bool]:
    """Kind, key and whether it is a month in full (see :func:`_months`) of a token text."""
    # Matched alone, a token takes the part it took in its text.
    match = _TOKEN.match(tok)
    kind = match.lastindex - 1 if match and match.lastindex else _PUNCT
    if kind == _WORD:
        full = len(tok) >= _MIN_MONTH_CHARS and not tok.endswith(".")
        return kind, key(tok), full and month_number(tok) is not None
    return kind, key(tok) if kind <= _SYM else "", False


@functools.lru_cache(maxsize=4096)
def _scale(word: str) -> int:
    """The factor of a scale word (``tūkst.``, ``miljoni``), else 1."""
    quantities = parse_cell(f"1 {word}")
    if quantities and len(quantities) == 1 and quantities[0].unit is None:
        value = quantities[0].value
        if isinstance(value, int) and value > 1:
            return value
    return 1


# Numbers repeat (small counts, shares) as words do.
_parse_number = functools.lru_cache(maxsize=8192)(parse_number)


@functools.lru_cache(maxsize=8192)
def _unit(word: str) -> Unit | None:
    return unit_of(word)


@functools.lru_cache(maxsize=8192)
def month_number(word: str) -> int | None:
    return _month_number(word)


@functools.cache
def _phone_shape(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class _Years:
    """Where a month named without its year takes one from."""

    period: ReportPeriod | None
    published: datetime.date | None

    def month_year(self, month: int, sentence_year: int | None) -> int | None:
        if sentence_year is not None:
            return sentence_year
        if self.period is not None:
            # The year that puts the month in the report's period, or nearest to it
            # ("decembrī" in a report on January to March is the December before).
            start = self.period.start.year * 12 + self.period.start.month
            end = self.period.end.year * 12 + self.period.end.month

            def distance(year: int) -> int:
                at = year * 12 + month
                return max(start - at, at - end, 0)

            first = self.period.start.year
            years = range(first - 1, self.period.end.year + 2)
            return min(years, key=lambda y: (distance(y), abs(y - first)))
        if self.published is not None:
            # A news item reports on the months before it.
            pub = self.published
            return pub.year if month <= pub.month else pub.year - 1
        return None


@dataclass(slots=True)
class _Found:
    """A number read from a passage, before it becomes a fact."""

    value: Number
    unit: Unit | None
    start: int
    end: int
    num_start: int
    num_end: int
    counts: str | None = None
    # The phrase's head is a noun the unit list does not know ("vietas").
    headed: bool = False
    tokens: tuple[int, int] = (0, 0)


def find_facts(
    document: Document,
    *,
    period: ReportPeriod | None = None,
    title_index: int | None = None,
    published: datetime.date | None = None,
) -> list[Fact]:
    """Every number of the document's running text, as facts in reading order."""
    lexicon = words()
    years = _Years(period, published)
    out: list[Fact] = []
    for basis, pieces in _status_segments(document, title_index, lexicon):
        for passage in passages(pieces):
            facts = placed(_read(passage.text, years, passage.page), passage)
            out.extend(facts if basis is None else [_with_basis(f, basis) for f in facts])
    return out


def _status_segments(
    document: Document, title_index: int | None, lexicon: ProseWords
) -> list[tuple[Basis | None, list[Paragraph | None]]]:
    """The running text cut where a status line ("PAVEIKTS", "PLĀNOTS") or a heading
    starts, each part with the basis the status line gives it."""
    segments: list[tuple[Basis | None, list[Paragraph | None]]] = [(None, [])]
    for index, block in enumerate(document.blocks):
        text = getattr(block, "text", "")
        status = lexicon.status_basis.get(key(text.strip(" :"))) if text else None
        if status is not None or isinstance(block, Heading):
            segments.append((Basis(status) if status else None, []))
            if status is not None:
                continue
        pieces = segments[-1][1]
        if index == title_index:
            pieces.append(None)
        elif isinstance(block, Paragraph):
            pieces.append(block)
        elif isinstance(block, Heading) and _FIELD_LINE.match(block.text):
            pieces.append(Paragraph(block.text, block.page))
        else:
            pieces.append(None)
    return [s for s in segments if s[1]]


def _target(toks: _Toks, lexicon: ProseWords) -> tuple[int, str] | None:
    """ "mērķis … līdz 2023. gadam": the token of the year a sentence's goal is to be
    reached by, and that year; None when the sentence names no goal."""
    keys, kinds, texts = toks.keys, toks.kinds, toks.texts
    if not lexicon.target_words.intersection(keys):
        return None
    for i, k in enumerate(keys):
        if k in lexicon.target_until:
            j = _next(toks, i + 1)
            if j < len(kinds) and kinds[j] == _NUM and _YEAR_TOKEN.fullmatch(texts[j]):
                return j, texts[j]
    return None


def _with_basis(fact: Fact, basis: Basis) -> Fact:
    return fact if fact.basis is not None else dataclasses.replace(fact, basis=basis)


def read_facts(
    text: str,
    *,
    period: ReportPeriod | None = None,
    published: datetime.date | None = None,
) -> list[Fact]:
    """The facts of one passage of running text.

    >>> for f in read_facts("Tiks novērtētas 120 personas ar garīga rakstura traucējumiem "
    ...                     "un 45 ārpusģimenes aprūpē esoši bērni."):
    ...     print(f.value, f.unit, f.counts)
    120 person personas ar garīga rakstura traucējumiem
    45 child ārpusģimenes aprūpē esoši bērni
    >>> [(f.value, f.unit) for f in read_facts("Kopā 12,4 miljoni eiro, t.sk. EUR 81 250,40 (65%)")]
    [(12400000, 'EUR'), (Decimal('81250.40'), 'EUR'), (65, 'percent')]
    >>> read_facts("Nr.1.2.3.4./16/A/010, tālr.: 67000000, 2023. gada 31. decembrī")
    []
    """
    return _read(text.strip(), _Years(period, published), None)


def _read(text: str, years: _Years, page: int | None) -> list[Fact]:
    lexicon = words()
    out: list[Fact] = []
    if not _DIGITS.search(text) and not _number_words().search(text):
        return out
    for s_start, s_end in sentences(text):
        # Running text has no size limit of its own: the time limit bounds it.
        check_time()
        sentence = text[s_start:s_end]
        if not _DIGITS.search(sentence) and not _number_words().search(sentence):
            continue
        toks = _Toks(sentence)
        masked = _masked(sentence, toks, lexicon)
        found: list[_Found] = []
        context = _Sentence(sentence, toks, masked, _next(toks, 0), lexicon)
        resume = 0
        for i in _number_tokens(toks, lexicon):
            if i < resume or i in masked:
                continue
            number = _number(context, i)
            if number is not None:
                found.append(number)
                resume = number.tokens[1] + 1
        if not found:
            continue
        _share_ranges(sentence, found, lexicon)
        _carry_into_ellipses(sentence, found)
        # Only a year (_ClausePeriod asks for one) or a month in full (_months)
        # gives a clause a period.
        periods = (
            _PeriodReader(sentence, toks, years, lexicon)
            if toks.months or _YEAR.search(sentence)
            else None
        )
        target = _target(toks, lexicon)
        for number in found:
            end = _clip(sentence, number.end, lexicon)
            counts = number.counts
            if counts is not None:
                counts = _single_spaced(counts[: _clip(counts, len(counts), lexicon)])
            out.append(
                Fact(
                    value=number.value,
                    unit=number.unit,
                    text=sentence[number.start : end],
                    sentence=sentence,
                    period=target[1]
                    if target is not None
                    else None
                    if periods is None
                    else periods.period(number.num_start),
                    counts=counts,
                    start=number.start,
                    end=end,
                    page=page,
                    basis=None if target is None else Basis.TARGET,
                )
            )
    return out


def _single_spaced(text: str) -> str:
    # Printable text has no space but " " (every other is a separator or a control).
    if "  " not in text and text.isprintable():
        return text
    return _SPACES.sub(" ", text)


def _clip(text: str, end: int, lexicon: ProseWords) -> int:
    """``end`` without the full stop that closes ``text``, unless it closes an abbreviation."""
    if end != len(text) or not text.endswith("."):
        return end
    word = _LAST_WORD.search(text.rsplit(None, 1)[-1])
    if word is not None and key(word.group(1)) in lexicon.abbreviations:
        return end
    return end - 1


# ---------------------------------------------------------------------------
# Tokens that are not facts
# ---------------------------------------------------------------------------


def _next(toks: _Toks, i: int) -> int:
    kinds = toks.kinds
    n = len(kinds)
    while i < n and kinds[i] == _SPACE:
        i += 1
    return i


def _previous(toks: _Toks, i: int) -> int:
    kinds = toks.kinds
    while i >= 0 and kinds[i] == _SPACE:
        i -= 1
    return i


def _masked(text: str, toks: _Toks, lexicon: ProseWords) -> set[int]:
    """Indices of the tokens that belong to something other than a count or an amount."""
    masked: set[int] = set()
    shapes = [m.span() for m in _SHAPES.finditer(text)]
    if "@" in text or "/" in text or "www." in text:
        shapes += [m.span() for m in _ADDRESSES.finditer(text)]
    if shapes:
        starts, ends = toks.starts, toks.ends
        n = len(starts)
        for start, end in shapes:
            index = bisect.bisect_right(starts, start) - 1
            while index < n and starts[index] < end:
                if ends[index] > start:
                    masked.add(index)
                index += 1
    cues = lexicon.not_fact_cues
    kinds, keys = toks.kinds, toks.keys
    if cues.isdisjoint(keys):
        return masked
    # Only a cue word starts a run to mask; any other word is passed over.
    resume = 0
    for i in [i for i, k in enumerate(keys) if k in cues and kinds[i] == _WORD]:
        if i < resume:
            continue
        k = keys[i]
        resume = i + 1
        cue_end = _phrase_end(toks, i, lexicon.phone_cues.get(k, ()))
        if cue_end:
            resume = _mask_phones(toks, cue_end, masked, lexicon)
        elif k in lexicon.identifier_cues:
            resume = _mask_run(toks, i + 1, masked, any_start=True)
        elif k in lexicon.address_cues or k in lexicon.page_cues or k in lexicon.section_cues:
            resume = _mask_run(toks, i + 1, masked, any_start=False)
    return masked


def _phrase_end(toks: _Toks, i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The index after a cue phrase that starts at ``i``, else 0."""
    keys = toks.keys
    n = len(keys)
    best = 0
    for phrase in phrases:
        j, k = i, 0
        while k < len(phrase) and j < n and keys[j] == phrase[k]:
            k += 1
            j = _next(toks, j + 1) if k < len(phrase) else j + 1
        if k == len(phrase):
            best = max(best, j)
    return best


def _mask_phones(toks: _Toks, i: int, masked: set[int], lexicon: ProseWords) -> int:
    """Mask the phone numbers after a cue ("tālr.: 67000000, 29000000"); the index after them."""
    kinds, texts, keys = toks.kinds, toks.texts, toks.keys
    n = len(kinds)
    seen = False
    j = i
    while j < n:
        kind = kinds[j]
        if kind == _NUM:
            masked.add(j)
            seen = True
        elif kind == _WORD and seen and keys[j] in lexicon.phone_joiners:
            following = _next(toks, j + 1)
            if following >= n or kinds[following] != _NUM:
                break
        elif not (kind == _SPACE or (kind == _PUNCT and texts[j] in ":,+()-–/")):
            break
        j += 1
    return j


def _mask_run(toks: _Toks, i: int, masked: set[int], *, any_start: bool) -> int:
    """Mask the next run of non-space tokens after a cue; the index after it.

    An identifier may start with anything (``Nr.9.2…``, ``ID LV-12``); a
    house, page or section number must start with a digit.
    """
    kinds, texts = toks.kinds, toks.texts
    n = len(kinds)
    j = i
    while j < n and (kinds[j] == _SPACE or (kinds[j] == _PUNCT and texts[j] in ":-–")):
        j += 1
    if j >= n or (not any_start and kinds[j] != _NUM):
        return i
    run = j
    while j < n and kinds[j] != _SPACE:
        j += 1
    if _NUM not in kinds[run:j]:
        return i  # a word ("ATVK kods – administratīvi …"), which may be a cue itself
    masked.update(range(run, j))
    return j


# ---------------------------------------------------------------------------
# One number
# ---------------------------------------------------------------------------


def _group_end(toks: _Toks, i: int, masked: set[int]) -> int:
    """The last token of the number that starts at ``i``: "1 250 300,00" is three tokens."""
    kinds, texts = toks.kinds, toks.texts
    first = texts[i]
    j = i
    if not (first.isdigit() and len(first) <= 3 and first[0] != "0"):
        return i
    n = len(kinds)
    while j + 2 < n and kinds[j + 1] == _SPACE and kinds[j + 2] == _NUM:
        group = texts[j + 2]
        whole = group.replace(",", ".").partition(".")[0]
        if j + 2 in masked or len(whole) != 3 or group.count(".") + group.count(",") > 1:
            break
        j += 2
        if whole != group:
            break  # a fraction ends the number
    return j


@dataclass(slots=True)
class _Sentence:
    """One sentence as tokens, with what is known about them before numbers are read."""

    text: str
    toks: _Toks
    masked: set[int]
    #: The first token that is not space: a number there with a full stop is a list's.
    first: int
    lexicon: ProseWords


@dataclass(slots=True)
class _Tail:
    """What is glued to a number's right or follows it: scale, unit, and where it ends."""

    factor: int = 1
    unit: Unit | None = None
    end: int = 0
    #: The index of the first token after what was read.
    scan: int = 0
    #: The number ends its sentence ("… saņēma 120."): nothing after it is its.
    closed: bool = False


@functools.cache
def _number_words() -> regex.Pattern[str]:
    forms = sorted(words().number_words, key=len, reverse=True)
    return regex.compile(rf"(?<!\w)(?:{'|'.join(map(regex.escape, forms))})(?!\w)", regex.I)


def _number_tokens(toks: _Toks, lexicon: ProseWords) -> list[int]:
    """The tokens that may start a number: digits, and counts written as words."""
    numbers = lexicon.number_words
    return [
        i
        for i, (kind, k) in enumerate(zip(toks.kinds, toks.keys, strict=True))
        if kind == _NUM or (kind == _WORD and k in numbers)
    ]


def _worded(s: _Sentence, i: int) -> _Found | None:
    """A count written as a word ("divas ģimenes"): a fact only with its unit noun right after."""
    toks = s.toks
    j = _next(toks, i + 1)
    if j >= len(toks.kinds) or toks.kinds[j] != _WORD:
        return None
    unit = _unit(toks.texts[j])
    if unit is None or unit not in _COUNTED:
        return None
    value = s.lexicon.number_words[toks.keys[i]]
    start, end = toks.starts[i], toks.ends[j]
    return _Found(value, unit, start, end, start, toks.ends[i], tokens=(i, j))


def _number(s: _Sentence, i: int) -> _Found | None:
    toks, lexicon = s.toks, s.lexicon
    kinds, starts, ends, texts = toks.kinds, toks.starts, toks.ends, toks.texts
    if kinds[i] == _WORD:
        return _worded(s, i)
    last = _group_end(toks, i, s.masked)
    raw = s.text[starts[i] : ends[last]]
    # A number of one token has no space to even out.
    spaced = raw if last == i else _SPACES.sub(" ", raw)
    if _glued_code(toks, i) or _not_a_count(spaced):
        return None
    value = _parse_number(spaced)
    if value is None:
        return None
    tail = _tail(s, i, last)
    if tail is None:
        return None
    start, end, unit, scan = starts[i], tail.end, tail.unit, tail.scan
    counts: str | None = None
    headed = False
    if not tail.closed:
        j = _next(toks, scan)
        phrase = _noun_phrase(s.text, toks, j, lexicon) if unit is None else None
        if phrase is not None:
            unit, counts, headed, head = phrase
            if head >= 0:
                end, scan = max(end, ends[head]), head + 1
    if unit is None:
        p = _previous(toks, i - 1)
        if p >= 0 and kinds[p] in (_WORD, _SYM) and _unit(texts[p]) in _MONEY:
            unit, start = _unit(texts[p]), starts[p]
    if raw.isdigit() and tail.factor == 1 and unit is None:
        if len(raw) == 4 and _MIN_YEAR <= int(raw) <= _MAX_YEAR:
            return None  # a year
        if _phone_shape(lexicon.phone_shape).fullmatch(raw):
            return None  # a phone number printed without its cue
    if unit is None and not headed:
        unit, back_counts = _unit_before(s.text, toks, i, lexicon)
        counts = back_counts or counts
    if unit in _MONEY or unit in _SHARE:
        before = i if start == starts[i] else _previous(toks, i - 1)
        counts = _measure(s.text, toks, before, _next(toks, scan), lexicon)
    scaled = _scaled(value, tail.factor)
    if _negative(s.text, starts[i], unit):
        scaled, start = -scaled, min(start, starts[i] - 1)
    # By position: with keywords the call costs twice as much, for every number read.
    return _Found(
        scaled,
        unit,
        start,
        end,
        starts[i],
        ends[last],
        counts,
        headed,
        (i, max(last, scan - 1)),
    )


def _negative(text: str, start: int, unit: Unit | None) -> bool:
    """Whether a minus sign glued to the number at ``start`` makes it negative.

    A true minus ("−5") always does; a hyphen ("-5%") only before a share or an
    amount and after a space, a colon or a parenthesis, since in prose it also
    opens list items ("-5 ģimenes") and joins ranges ("5-10").
    """
    if start == 0:
        return False
    sign = text[start - 1]
    if sign == "\u2212":
        return True
    if sign != "-" or start < 2 or not (unit in _SHARE or unit in _MONEY):
        return False
    before = text[start - 2]
    return before.isspace() or before in "(:"


def _glued_code(toks: _Toks, i: int) -> bool:
    """Whether something glued to the number's left makes it part of a code.

    "ES2020", "COVID-19", "LV-1010", "+371", "16/A/010"; but "12ģim/30pers"
    is two numbers, "5–10%" a range and "€12" an amount.
    """
    kinds, texts = toks.kinds, toks.texts
    if i == 0 or kinds[i - 1] in (_SPACE, _SYM):
        return False
    before = texts[i - 1]
    if kinds[i - 1] == _WORD:
        return _unit(before) not in _MONEY
    if before in "+/" and not (
        before == "/" and i > 1 and kinds[i - 2] == _WORD and _unit(texts[i - 2])
    ):
        return True
    if before in _DASHES and i > 1 and kinds[i - 2] == _NUM:
        return False  # a range: "5–10%", "20-25 ģimenes"
    return i > 1 and kinds[i - 2] in (_WORD, _NUM) and before != "/"


def _not_a_count(raw: str) -> bool:
    """A code by its shape: a leading zero ("0054010") or too many digits without groups.

    ``raw`` has its spaces evened out to one " ".
    """
    whole = raw.replace(" ", "").replace(",", ".").partition(".")[0]
    return (len(whole) > 1 and whole[0] == "0") or (raw.isdigit() and len(raw) > _MAX_PLAIN_DIGITS)


def _tail(s: _Sentence, i: int, last: int) -> _Tail | None:
    """What follows the number that is its own, or None when that makes it no count."""
    toks = s.toks
    kinds, texts, ends = toks.kinds, toks.texts, toks.ends
    n = len(kinds)
    tail = _Tail(end=ends[last], scan=last + 1)
    glued = tail.scan if tail.scan < n and kinds[tail.scan] != _SPACE else -1
    if glued >= 0 and kinds[glued] == _PUNCT:
        mark = texts[glued]
        if mark == ".":
            if "." in s.text[toks.starts[i] : ends[last]]:
                return None  # a section number or a date
            if not _ends_sentence(toks, glued, at_start=i == s.first):
                return None  # an ordinal: "1. jūlija", "2.kārta", a list's "1."
            tail.closed = True
        elif mark == "/":
            return None
        elif mark == ")" and (i == s.first or (i == s.first + 1 and texts[s.first] == "(")):
            return None  # "1)" and "(1)" open a list item
        elif mark in _DASHES and glued + 1 < n and kinds[glued + 1] == _WORD:
            return None  # "3-istabu"
        return tail
    if glued >= 0:
        tail.factor = _scale(texts[glued])
        tail.unit = _unit(texts[glued]) if tail.factor == 1 else None
        if tail.factor == 1 and tail.unit is None:
            return None  # "5G", "9a"
        tail.end, tail.scan = ends[glued], glued + 1
    if tail.unit is None and tail.factor == 1:
        j = _next(toks, tail.scan)
        if j < n and kinds[j] in (_WORD, _SYM):
            tail.factor = _scale(texts[j])
            if tail.factor > 1:
                tail.end, tail.scan = ends[j], j + 1
    return tail


def _scaled(value: Number, factor: int) -> Number:
    if factor == 1:
        return value
    scaled = value * factor
    if isinstance(scaled, int):
        return scaled
    return int(scaled) if scaled == scaled.to_integral_value() else scaled.normalize()


def _ends_sentence(toks: _Toks, dot: int, *, at_start: bool) -> bool:
    """Whether the full stop after a number ends a sentence, rather than making it an ordinal."""
    if at_start:
        return False  # "1. Pilngadīgi cilvēki…": a list's number
    kinds = toks.kinds
    after = dot + 1
    if after >= len(kinds):
        return True
    if kinds[after] != _SPACE:
        return False  # "1.uzsaukuma", "2023.GADAM", "1./2."
    following = _next(toks, after)
    if following >= len(kinds):
        return True
    text = toks.texts[following]
    return (kinds[following] == _WORD and text[0].isupper()) or text in _OPENERS


def _noun_phrase(
    text: str, toks: _Toks, j: int, lexicon: ProseWords
) -> tuple[Unit | None, str | None, bool, int] | None:
    """What the words from ``j`` say the number counts: (unit, counts, headed, head index).

    The head index is -1 when the phrase has neither a unit nor a known head.
    """
    kinds, starts, ends, texts, keys = toks.kinds, toks.starts, toks.ends, toks.texts, toks.keys
    n = len(kinds)
    first = j
    last_word = -1
    modifiers = 0
    while j < n and kinds[j] in (_WORD, _SYM):
        k = keys[j]
        if k in lexicon.stop_words:
            break
        after = _next(toks, j + 1)
        if after < n and kinds[after] == _WORD and _attributive(k, keys[after], lexicon):
            last_word = after
            j = _next(toks, after + 1)
            modifiers += 1
            if modifiers > lexicon.max_modifiers:
                break
            continue
        unit = _unit(texts[j])
        if unit is not None and (j == first or unit in _COUNTED):
            end = _post_modifier(toks, j, lexicon)
            return unit, text[starts[first] : ends[end]], False, j
        # A genitive plural before another noun is a modifier ("grupu dzīvokļu vietas").
        modifier = k.endswith("u") and after < n and kinds[after] == _WORD
        if kinds[j] == _WORD and lexicon.is_counted_head(texts[j]) and not modifier:
            end = _post_modifier(toks, j, lexicon)
            return None, text[starts[first] : ends[end]], True, j
        last_word = j
        modifiers += 1
        if modifiers > lexicon.max_modifiers:
            break
        j = _next(toks, j + 1)
    if last_word >= first and first < n:
        return None, text[starts[first] : ends[last_word]], False, -1
    return None


def _attributive(first: str, second: str, lexicon: ProseWords) -> bool:
    return second.startswith(lexicon.attributive_after.get(first, ()))


def _post_modifier(toks: _Toks, head: int, lexicon: ProseWords) -> int:
    """The last token of "ar …" after a head ("personas ar garīga rakstura traucējumiem")."""
    kinds, texts, keys = toks.kinds, toks.texts, toks.keys
    j = _next(toks, head + 1)
    n = len(kinds)
    if j >= n or kinds[j] != _WORD or keys[j] not in lexicon.post_modifiers:
        return head
    end = head
    k = _next(toks, j + 1)
    taken = 0
    while k < n and kinds[k] == _WORD and taken < _MAX_POST_WORDS:
        word, word_key = texts[k], keys[k]
        acronym = word.isupper() and len(word) > 1
        # A capital that is no acronym starts something else ("… ar FT Patstāvīgu dzīvi").
        if (
            word_key in lexicon.stop_words
            or (word[0].isupper() and not acronym)
            or not (acronym or word_key.endswith(lexicon.oblique_endings))
        ):
            break
        end = k
        taken += 1
        k = _next(toks, k + 1)
    return end


def _unit_before(
    text: str, toks: _Toks, i: int, lexicon: ProseWords
) -> tuple[Unit | None, str | None]:
    """A unit the text names before the number: "jauni klienti – 10", "bērnu skaits … 90"."""
    kinds, starts, ends, texts, keys = toks.kinds, toks.starts, toks.ends, toks.texts, toks.keys
    p = _previous(toks, i - 1)
    if p >= 0 and kinds[p] == _PUNCT and texts[p] in _DASHES + ":":
        q = _previous(toks, p - 1)
        if q >= 0 and kinds[q] == _WORD:
            unit = _unit(texts[q])
            if unit in _COUNTED:
                return unit, texts[q]
    j = p
    while j >= 1 and kinds[j] in (_WORD, _SPACE):
        if kinds[j] == _WORD and keys[j] in lexicon.count_words:
            q = _previous(toks, j - 1)
            if q >= 0 and kinds[q] == _WORD and _unit(texts[q]) in _COUNTED:
                return _unit(texts[q]), text[starts[q] : ends[j]]
        j -= 1
    return None, None


def _measure(text: str, toks: _Toks, before: int, after: int, lexicon: ProseWords) -> str | None:
    """What an amount or share is of: a head before it ("ar kopējo summu"), a label
    before a colon ("Kopējais finansējums:"), or a head after it ("… ir ESF līdzfinansējums")."""
    kinds, starts, ends, texts, keys = toks.kinds, toks.starts, toks.ends, toks.texts, toks.keys
    j = _previous(toks, before - 1)
    if j >= 0 and texts[j] == ":":
        last = _previous(toks, j - 1)
        label = _words_back(toks, last, lexicon.max_label_words, lexicon)
        return text[starts[label] : ends[last]] if label >= 0 else None
    distance = 0
    while j >= 0 and kinds[j] == _WORD and distance <= _MAX_HEAD_DISTANCE:
        if lexicon.is_measure_head(texts[j]) or keys[j] in lexicon.count_words:
            first = _words_back(toks, _previous(toks, j - 1), _MAX_HEAD_MODIFIERS, lexicon)
            return text[starts[first if first >= 0 else j] : ends[j]]
        if keys[j] in lexicon.stop_words and keys[j] not in lexicon.linking:
            break
        distance += keys[j] not in lexicon.linking
        j = _previous(toks, j - 1)
    j = _skip_parenthesis(toks, after)
    distance = 0
    previous = -1
    n = len(kinds)
    while j < n and kinds[j] == _WORD and distance <= _MAX_HEAD_DISTANCE:
        if lexicon.is_measure_head(texts[j]):
            first = previous if previous >= 0 and _describes(toks, previous, lexicon) else j
            return text[starts[first] : ends[j]]
        if keys[j] in lexicon.stop_words and keys[j] not in lexicon.linking:
            break
        distance += 1
        previous = j
        j = _next(toks, j + 1)
    return None


def _describes(toks: _Toks, j: int, lexicon: ProseWords) -> bool:
    """Whether a word can stand in a noun phrase: no function word, no verb the lexicon knows."""
    k = toks.keys[j]
    return (
        toks.kinds[j] == _WORD
        and _unit(toks.texts[j]) is None
        and k not in lexicon.stop_words
        and k not in lexicon.linking
        and k not in lexicon.sentence_words
    )


def _words_back(toks: _Toks, j: int, limit: int, lexicon: ProseWords) -> int:
    """The first of up to ``limit`` describing words that end at ``j``; -1 when there is none.

    A word after an ordinal's full stop ("2012. gadā") belongs to a date, not the phrase.
    """
    first = -1
    while j >= 0 and limit > 0 and _describes(toks, j, lexicon):
        before = _previous(toks, j - 1)
        if before >= 0 and toks.texts[before] == ".":
            break
        first = j
        limit -= 1
        j = before
    return first


def _skip_parenthesis(toks: _Toks, j: int) -> int:
    """The first token after a parenthesis that starts at ``j`` ("EUR (86%) ir …")."""
    texts = toks.texts
    n = len(texts)
    j = _next(toks, j)
    if j < n and texts[j] == "(":
        depth = 0
        while j < n:
            depth += texts[j] == "("
            depth -= texts[j] == ")"
            j += 1
            if depth == 0:
                break
        j = _next(toks, j)
    return j


def _share_ranges(text: str, found: list[_Found], lexicon: ProseWords) -> None:
    """ "no 10 līdz 15 personām", "23 no 26 līgumiem": the first number takes the second's unit."""
    for a, b in itertools.pairwise(found):
        if a.unit is not None or a.headed:
            continue
        between = text[a.num_end : b.num_start].strip()
        if between in _DASHES or key(between) in lexicon.range_words:
            a.unit, a.counts, a.headed = b.unit, b.counts, b.headed


# "Martā … 30 personas, aprīlī – 41": a clause that is a word, a dash and a number.
_ELLIPSIS = regex.compile(r",\s*[\p{L}.]+(?:\s+[\p{L}.]+)?\s*[\u2013\u2014-]\s*$")


def _carry_into_ellipses(text: str, found: list[_Found]) -> None:
    """A number alone after ", aprīlī –" counts what the number before it counted."""
    for a, b in itertools.pairwise(found):
        if b.unit is not None or b.headed or b.counts is not None or a.unit is None:
            continue
        if _ELLIPSIS.search(text, a.end, b.num_start) and _clause_ends(text, b.end):
            b.unit, b.counts = a.unit, a.counts


def _clause_ends(text: str, end: int) -> bool:
    rest = text[end:].lstrip()
    return not rest or rest[0] in ".,;)"


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------


class _PeriodReader:
    """The periods of one sentence's clauses, each read when a fact first needs it."""

    def __init__(self, sentence: str, toks: _Toks, years: _Years, lexicon: ProseWords) -> None:
        self.sentence = sentence
        self.toks = toks
        self.years = years
        self.lexicon = lexicon
        self.spans = _period_clauses(sentence, toks, lexicon)
        self.read: dict[int, _ClausePeriod] = {}

    def clause(self, index: int) -> _ClausePeriod:
        found = self.read.get(index)
        if found is None:
            start, end = self.spans[index]
            toks = self.toks
            inside = _between(toks, start, end)
            if not _YEAR.search(self.sentence[start:end]) and not any(
                toks.full_months[k] for k in inside
            ):
                # Whether compared or not, a clause that names no time is passed
                # over for the one before it: nothing more to read.
                found = _NO_TIME
            else:
                words_ = [k for k in inside if toks.kinds[k] == _WORD]
                found = _ClausePeriod.of(self.sentence, (start, end), toks, words_, self.lexicon)
            self.read[index] = found
        return found

    def period(self, position: int) -> str | None:
        own = 0
        for index, (start, _) in enumerate(self.spans):
            if start <= position:
                own = index
        for index in range(own, -1, -1):
            clause = self.clause(index)
            if clause.compared:
                continue
            if clause.iso is not None:
                return clause.iso
            if clause.months:
                earlier = [m for k in range(index) for m in self.clause(k).months]
                return self._months(clause.months, earlier)
        return None

    def _months(self, months: list[int], earlier: list[int]) -> str | None:
        # A month named without a year takes one the sentence names elsewhere.
        sentence_year = None
        for index in range(len(self.spans)):
            clause = self.clause(index)
            if clause.year is not None and not clause.compared:
                sentence_year = clause.year
                break
        first, last = min(months), max(months)
        year = self.years.month_year(first, sentence_year)
        if year is None:
            return None
        # "Decembrī … 38, janvārī – 29": a sentence that goes on past New Year.
        late = [m for m in earlier if m >= _LATE_MONTH]
        if sentence_year is None and late and last <= _EARLY_MONTH:
            before = self.years.month_year(max(late), None)
            year = year if before is None else before + 1
        if first == last:
            return f"{year:04d}-{first:02d}"
        end = datetime.date(year + (last == 12), last % 12 + 1, 1) - datetime.timedelta(days=1)
        return period_from_dates(datetime.date(year, first, 1), end).iso


def _between(toks: _Toks, start: int, end: int) -> range:
    """The indices of the tokens that start in ``start..end`` (end excluded)."""
    return range(bisect.bisect_left(toks.starts, start), bisect.bisect_left(toks.starts, end))


@dataclass(frozen=True, slots=True)
class _ClausePeriod:
    """What one clause says of time: a period it names, or months without their year."""

    iso: str | None
    year: int | None
    months: list[int]
    compared: bool

    @classmethod
    def of(
        cls, sentence: str, span: Span, toks: _Toks, words_: list[int], lexicon: ProseWords
    ) -> _ClausePeriod:
        """The clause ``span`` of ``sentence``, whose words are the tokens ``words_``."""
        keys = [toks.keys[k] for k in words_]
        compared = False
        for k, first in enumerate(keys):
            phrases = lexicon.comparison.get(first)
            if phrases and any(tuple(keys[k : k + len(p)]) == p for p in phrases):
                compared = True
                break
        months = _months(sentence, toks, words_) if compared else None
        if months == []:
            # No fact takes its period or year from a comparison, and its months
            # are none whatever find_period would say: no need to ask.
            return cls(None, None, [], compared)
        text = sentence[span[0] : span[1]]
        # Every period phrase of running text prints its year (_MIN_YEAR.._MAX_YEAR).
        found = find_period(text) if _YEAR.search(text) else None
        if found is not None:
            year = found.start.year if found.start.year == found.end.year else None
            return cls(found.iso, year, [], compared)
        return cls(
            None, None, _months(sentence, toks, words_) if months is None else months, compared
        )


_NO_TIME = _ClausePeriod(None, None, [], compared=False)


def _period_clauses(sentence: str, toks: _Toks, lexicon: ProseWords) -> list[Span]:
    """Clauses, a list of months ("aprīlī, maijā un jūnijā …") kept in one."""
    spans = clauses(sentence, (0, len(sentence)))
    merged: list[Span] = []
    for span in spans:
        if merged and _only_months(toks, _between(toks, *merged[-1]), lexicon):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _only_months(toks: _Toks, indices: range, lexicon: ProseWords) -> bool:
    kinds, texts, keys = toks.kinds, toks.texts, toks.keys
    named = False
    for k in indices:
        if kinds[k] == _SPACE:
            continue
        if kinds[k] != _WORD:
            return False
        if month_number(texts[k]) is not None:
            named = True
        elif keys[k] not in lexicon.stop_words:
            return False
    return named


def _months(text: str, toks: _Toks, words_: list[int]) -> list[int]:
    """The months a clause names in full, not as part of a date ("4. aprīļa")."""
    out: list[int] = []
    for k in words_:
        word = toks.texts[k]
        # Abbreviations ("nov.") are other words as often as months.
        if word.endswith(".") or len(word) < _MIN_MONTH_CHARS:
            continue
        number = month_number(word)
        if number is not None and not _after_ordinal(text, toks.starts[k]):
            out.append(number)
    return out


def _after_ordinal(text: str, end: int) -> bool:
    """Whether ``text`` before ``end`` ends in an ordinal's digit and full stop."""
    # The match is the digit, the dot and the space before ``end``: searching the
    # whole text before it would cost as much as the sentence is long. (str.isspace
    # takes every character that \s does.)
    start = end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return _AFTER_ORDINAL.search(text, max(0, start - 2), end) is not None
