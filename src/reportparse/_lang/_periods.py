"""The Latvian period grammar: which period a table header or a report states.

One grammar, read two ways. :func:`parse_period` reads a header cell and is
strict: the period must be essentially the whole cell, give or take a unit
(``, EUR``, ``(euro)``), footnote marks (``2015**``) and an opening word
(``par``, ``laika periodā``); anything more makes the cell a label and gives
None. :func:`find_period` reads running text and takes the first period phrase
it meets, so there a bare number or date never counts: only a year with its
year word (``2023. gadā``), a month, quarter or half-year with its year (a
bare year only where it ends the phrase: ``otrais ceturksnis 2024``), a range
(``no … līdz …``, ``janvārī - maijā``), an as-of phrase (``statuss uz …``) or
a date that is the whole text, as a heading prints it (``2024. gada 1. jūlijs``).
Two-digit years are read in headers only, and only in a date's full shape
(``01.01.22.``) or after a month with an apostrophe (``jūlijs '24``).

The words live in ``_data/lv_periods.toml``; this module knows shapes
(numbers, dots, dashes) and word classes only. Text is compared without case
and without diacritics, because PDF extraction often loses macrons.

Neither function raises on any ``str``: what is not a period gives None.
"""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from importlib.resources import files
from typing import Literal, NamedTuple

__all__ = [
    "Granularity",
    "Period",
    "find_period",
    "month_number",
    "names_this_year",
    "parse_period",
    "period_from_dates",
]

Granularity = Literal["year", "half", "quarter", "month", "day", "interval"]

# A four-digit number is a year only in this range: reports go back to the
# 1990s, and anything else is a count or an amount ("1500", "8613").
_MIN_YEAR = 1990
_MAX_YEAR = 2100
# A header that names a period is a few words; a longer cell is a label, and
# this bound keeps a pathological cell from costing more than a short one.
_MAX_HEADER_CHARS = 200
# The letters of the contract's quarter and half-year names ("2024-Q3",
# "2024-H1"), read back as well as written; they are not Latvian.
_ISO_QUARTER = "q"
_ISO_HALF = "h"
# What marks a two-digit year after a month word in a header ("jūlijs '24").
_APOSTROPHES = "'\u2018\u2019\u2032"
# A school year runs from 1 September to 31 August ("2021./2022. mācību gads").
_SCHOOL_YEAR_START = (9, 1)
_SCHOOL_YEAR_END = (8, 31)

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_FOOTNOTE_MARKS = "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TRANSLATION = str.maketrans(
    {
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_FOOTNOTE_MARKS, "*"),
        **dict.fromkeys(_INVISIBLE, None),
    }
)
_COMBINING = re.compile(r"[\u0300-\u036f]+")
# Digits and letters are separate tokens, so "2021.gads", "3.cet." and
# "121ģim" split the same way whether or not the printer left a space.
_TOKEN = re.compile(r"(\d+)|([^\W\d_]+)|(\S)")

_NUM, _WORD, _PUNCT = 1, 2, 3

# How a year was written, weakest first: "2024", "2024.", "2024. gada".
_BARE, _DOTTED, _WORDED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Period:
    """A closed range of days and the name it goes by.

    ``granularity`` is what :attr:`iso` names: a calendar year, half-year,
    quarter, month or day, else ``interval``. Build one with
    :func:`period_from_dates`, which picks the granularity; a constructor
    call whose granularity does not fit its dates raises ``ValueError``.

    >>> p = period_from_dates(datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    >>> p.granularity, p.iso
    ('quarter', '2024-Q3')
    >>> p.contains(period_from_dates(datetime.date(2024, 8, 1), datetime.date(2024, 8, 31)))
    True
    """

    start: datetime.date
    end: datetime.date
    granularity: Granularity

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"period starts after it ends: {self.start} > {self.end}")
        if self.granularity != "interval" and self.granularity != _granularity(
            self.start, self.end
        ):
            raise ValueError(
                f"{self.start}..{self.end} is not one {self.granularity}; use period_from_dates"
            )

    @property
    def iso(self) -> str:
        """The ISO 8601 name: ``2024``, ``2024-H1``, ``2024-Q3``, ``2024-07``, ``2024-07-15``,
        else the interval ``2022-01-01/2022-11-30``.

        >>> period_from_dates(datetime.date(2022, 1, 1), datetime.date(2022, 11, 30)).iso
        '2022-01-01/2022-11-30'
        """
        year = f"{self.start.year:04d}"
        month = self.start.month
        match self.granularity:
            case "year":
                return year
            case "half":
                return f"{year}-H{(month - 1) // 6 + 1}"
            case "quarter":
                return f"{year}-Q{(month - 1) // 3 + 1}"
            case "month":
                return f"{year}-{month:02d}"
            case "day":
                return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def contains(self, other: Period) -> bool:
        """Every day of ``other`` is a day of this period (a period contains itself)."""
        return self.start <= other.start and other.end <= self.end


def period_from_dates(start: datetime.date, end: datetime.date) -> Period:
    """The period from ``start`` to ``end`` (both included), named as precisely as it can be.

    Raises ``ValueError`` when ``start`` is after ``end``.

    >>> d = datetime.date
    >>> [period_from_dates(a, b).iso for a, b in [
    ...     (d(2024, 1, 1), d(2024, 12, 31)), (d(2024, 7, 1), d(2024, 12, 31)),
    ...     (d(2024, 7, 1), d(2024, 9, 30)), (d(2024, 2, 1), d(2024, 2, 29)),
    ...     (d(2019, 10, 15), d(2019, 10, 15)), (d(2022, 1, 1), d(2022, 5, 31))]]
    ['2024', '2024-H2', '2024-Q3', '2024-02', '2019-10-15', '2022-01-01/2022-05-31']
    """
    if start > end:
        raise ValueError(f"period starts after it ends: {start} > {end}")
    return Period(start, end, _granularity(start, end))


def parse_period(text: str, *, year: int | None = None) -> Period | None:
    """The period a table header (column or row) names, or None when it is not a period header.

    ``year`` is the year to assume when the text names none (the report's year):
    month, quarter and half-year headers need one, from the text or from here.
    Years, given or printed, count only from 1990 to 2100.

    Strict by design: a cell is a period header only when the period is its
    whole text, allowing a unit (``, EUR``, ``(euro)``), footnote marks and an
    opening word (``par``, ``laika periodā``). ``Iesniegumu skaits 2021. gadā``
    is a label and gives None, as does a bare date without its year
    (``1.1.`` is a row number as often as it is the first of January).

    >>> [parse_period(t).iso for t in ["2021. gads, EUR", "2015**", "2024.g. 3.cet."]]
    ['2021', '2015', '2024-Q3']
    >>> [parse_period(t, year=2024).iso for t in ["jūlijs", "aug.", "I pusgads", "01.01.-31.03."]]
    ['2024-07', '2024-08', '2024-H1', '2024-Q1']
    >>> [parse_period(t).iso for t in ["2022.gads uz 30.11.", "2022.gads līdz 30.11."]]
    ['2022-01-01/2022-11-30', '2022-01-01/2022-11-30']
    >>> [parse_period(t).iso for t in ["01.07.24.-30.09.24.", "jūlijs '24"]]
    ['2024-Q3', '2024-07']
    >>> parse_period("2021./2022. mācību gads").iso
    '2021-09-01/2022-08-31'
    >>> parse_period("2022. gada janvāris - maijs").iso
    '2022-01-01/2022-05-31'
    >>> parse_period("Statuss uz 15.10.2019.").iso
    '2019-10-15'
    >>> [parse_period(t, year=2024) for t in ["Personu skaits", "1500", "2018 EUR", "2/8", "22"]]
    [None, None, None, None, None]
    >>> parse_period("jūlijs") is None  # a month needs a year
    True
    """
    if len(text) > _MAX_HEADER_CHARS:
        return None
    # A report year the text could not print would give periods whose ISO
    # names do not parse back.
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        year = None
    return _parse_header(text, year)


def names_this_year(text: str) -> bool:
    """Whether a text says "this year" (``šogad``, ``šī gada``) of the time it names.

    >>> names_this_year("Izsniegto porciju skaits pa mēnešiem šogad"), names_this_year("2023")
    (True, False)
    """
    words = tuple(t.text for t in _tokens(text) if t.kind == _WORD)
    return any(
        words[k : k + len(phrase)] == phrase
        for phrase in _lexicon().this_year
        for k in range(len(words) - len(phrase) + 1)
    )


def find_period(text: str) -> Period | None:
    """The period a report states in running text (its title or first paragraphs), or None.

    The first period phrase wins; where phrases overlap, the longest one
    (``2024. gada 3. ceturksnī`` over ``2024. gada``). A date is an event, not
    a period (``2021. gada 15. marta lēmums``, ``08.03.2019``), unless it is
    the whole text with its month in the nominative, as a heading prints it
    (``2024. gada 1. jūlijs``); one labelled as the page's own (``Publicēts:
    25.03.2021``) or a deadline (``līdz 2023. gada 31. decembrim``) is read past.

    >>> find_period(
    ...     "Par Labklājības pārvaldes darbu laika periodā "
    ...     "no 2024. gada 1. jūlija līdz 2024. gada 30. septembrim"
    ... ).iso
    '2024-Q3'
    >>> [find_period(t).iso for t in [
    ...     "Laikposmā no 01.01.2022. līdz 31.05.2022.", "2022. gada janvārī - maijā",
    ...     "Statuss uz 15.10.2019.", "2023. gada 1. pusgadā", "Pārskats par 2023. gadu"]]
    ['2022-01-01/2022-05-31', '2022-01-01/2022-05-31', '2019-10-15', '2023-H1', '2023']
    >>> [find_period(t).iso for t in ["otrais ceturksnis 2024", "2024. gada 1. jūlijs"]]
    ['2024-Q2', '2024-07-01']
    >>> [find_period(t) for t in ["3. ceturksnī 2024 personas", "2024. gada 1. jūlijā"]]
    [None, None]
    >>> find_period("Publicēts: 25.03.2021. Projekts ilgst līdz 2023. gada 31. decembrim.") is None
    True
    """
    lexicon = _lexicon()
    grammar = _Grammar(_tokens(text), lexicon, text_mode=True)
    i = 0
    while i < len(grammar.toks):
        advance = i + 1
        for phrase in grammar.candidates(i):
            if phrase.kind == "skip":
                advance = phrase.end
                break
            period = _resolve(phrase, None, text_mode=True)
            if period is not None:
                return period
        i = advance
    return None


def month_number(word: str) -> int | None:
    """The month (1..12) a Latvian month word names, in any case form, abbreviated or not.

    >>> [month_number(w) for w in ["jūlijs", "JŪLIJĀ", "janv.", "Sept", "30. septembrim", "07"]]
    [7, 7, 1, 9, None, None]
    """
    return _lexicon().months.get(_key(word))


# --------------------------------------------------------------------------
# Language data
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, int]
    year: frozenset[str]
    quarter: frozenset[str]
    half: frozenset[str]
    month: frozenset[str]
    months_count: frozenset[str]
    #: Counts of months in words ("sešos" mēnešos), and the "first" before them.
    month_counts: dict[str, int]
    first_months: frozenset[str]
    #: Ordinals besides digits: roman numerals and ordinal words.
    ordinals: dict[str, int]
    # Phrases are tuples of words, longest first so that "statuss uz" is tried before "uz".
    from_: tuple[tuple[str, ...], ...]
    to: tuple[tuple[str, ...], ...]
    as_of: tuple[tuple[str, ...], ...]
    status: tuple[tuple[str, ...], ...]
    status_after: tuple[tuple[str, ...], ...]
    intro: tuple[tuple[str, ...], ...]
    labels: tuple[tuple[str, ...], ...]
    school_year: tuple[tuple[str, ...], ...]
    this_year: tuple[tuple[str, ...], ...]
    #: Month names a date standing alone in running text may end with.
    alone: frozenset[str]
    units: frozenset[str]
    #: The words a phrase in running text can start with; at any other word
    #: find_period moves on without trying the grammar.
    starters: frozenset[str] = frozenset()


def _fold(text: str, *, lower: bool = True) -> str:
    """Lower case, no diacritics, one kind of dash and of footnote mark, no invisible characters."""
    text = text.translate(_TRANSLATION)
    decomposed = unicodedata.normalize("NFD", text.lower() if lower else text)
    return _COMBINING.sub("", decomposed)


def _key(word: str) -> str:
    return _fold(word).strip().rstrip(".").strip()


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"lv_periods.toml: {where} must be a list of strings")
    return [_key(v) for v in value]


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"lv_periods.toml: [{where}] must be a table")
    return value


def _phrases(value: object, where: str) -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(t.text for t in _tokens(p)) for p in _strings(value, where)}
    return tuple(sorted((p for p in phrases if p), key=lambda p: (-len(p), p)))


def _numbered(value: object, where: str, top: int) -> dict[str, int]:
    """Form -> number from ``[[where]]`` tables of ``number`` and ``forms``."""
    if not isinstance(value, list):
        raise ValueError(f"lv_periods.toml: [[{where}]] is missing")
    forms: dict[str, int] = {}
    for entry in value:
        number = _table(entry, where).get("number")
        if not isinstance(number, int) or not 1 <= number <= top:
            raise ValueError(f"lv_periods.toml: bad {where} number {number!r}")
        for form in _strings(entry.get("forms"), f"{where} {number} forms"):
            forms[form] = number
    return forms


@functools.cache
def _lexicon() -> _Lexicon:
    resource = files("reportparse._lang") / "_data" / "lv_periods.toml"
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    words = _table(data.get("words"), "words")
    phrases = _table(data.get("phrases"), "phrases")
    decorations = _table(data.get("decorations"), "decorations")
    dates = _table(data.get("dates"), "dates")
    months = _numbered(data.get("months"), "months", 12)
    alone = frozenset(_strings(dates.get("alone"), "dates.alone"))
    if not alone <= months.keys():
        raise ValueError(
            f"lv_periods.toml: dates.alone {sorted(alone - months.keys())} are no months"
        )
    lexicon = _Lexicon(
        months=months,
        year=frozenset(_strings(words.get("year"), "words.year")),
        quarter=frozenset(_strings(words.get("quarter"), "words.quarter")),
        half=frozenset(_strings(words.get("half"), "words.half")),
        month=frozenset(_strings(words.get("month"), "words.month")),
        months_count=frozenset(_strings(words.get("months"), "words.months")),
        month_counts=_numbered(data.get("month_counts"), "month_counts", 11),
        first_months=frozenset(_strings(words.get("first_months"), "words.first_months")),
        ordinals=_numbered(data.get("ordinals"), "ordinals", 4),
        from_=_phrases(phrases.get("from"), "phrases.from"),
        to=_phrases(phrases.get("to"), "phrases.to"),
        as_of=_phrases(phrases.get("as_of"), "phrases.as_of"),
        status=_phrases(phrases.get("status"), "phrases.status"),
        status_after=_phrases(phrases.get("status_after"), "phrases.status_after"),
        intro=_phrases(phrases.get("intro"), "phrases.intro"),
        labels=_phrases(phrases.get("labels"), "phrases.labels"),
        school_year=_phrases(phrases.get("school_year"), "phrases.school_year"),
        this_year=_phrases(phrases.get("this_year"), "phrases.this_year"),
        alone=alone,
        units=frozenset(_strings(decorations.get("units"), "decorations.units")),
    )
    phrases_ = lexicon.from_ + lexicon.to + lexicon.as_of + lexicon.status + lexicon.labels
    starters = {
        *lexicon.months,
        *lexicon.ordinals,
        *lexicon.month_counts,
        *lexicon.first_months,
        _ISO_QUARTER,
        _ISO_HALF,
    }
    return replace(lexicon, starters=frozenset(starters | {p[0] for p in phrases_}))


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------


class _Tok(NamedTuple):
    text: str
    kind: int
    #: Whitespace precedes the token: ISO forms ("2024-07") allow none inside.
    spaced: bool
    #: The word was printed with a capital first letter.
    capital: bool = False


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    last = 0
    # Folded with its case kept, then each token lowered: the capitals say
    # where a title's line ends and the text under it begins.
    for m in _TOKEN.finditer(_fold(text, lower=False)):
        kind = _NUM if m.lastindex == 1 else _WORD if m.lastindex == 2 else _PUNCT
        word = m.group()
        toks.append(_Tok(word.lower(), kind, m.start() > last, word[:1].isupper()))
        last = m.end()
    return toks


# --------------------------------------------------------------------------
# Grammar
# --------------------------------------------------------------------------

_Unit = Literal["year", "half", "quarter", "month", "months", "day"]


@dataclass(frozen=True, slots=True)
class _Point:
    """One end of a period as written, its year possibly left to the context.

    ``n`` is the half, quarter or month (a day's month; for ``months``, how
    many months from January); ``strength`` says how the year was written.
    """

    unit: _Unit
    n: int = 0
    day: int = 0
    year: int | None = None
    strength: int = _BARE


class _Phrase(NamedTuple):
    #: point: one period; range: first..last; as_of: from 1 January to the day
    #: ``last`` (of the year ``first`` when given); status: the day ``last``;
    #: skip: read past (running text only).
    kind: Literal["point", "range", "as_of", "status", "skip"]
    first: _Point | None
    last: _Point | None
    end: int


class _Cursor:
    """One token list read by index: which token stands where, and where a word or phrase ends.

    Past the end of the list every reader answers as at a token that fits nothing.
    """

    def __init__(self, toks: list[_Tok], lexicon: _Lexicon, *, text_mode: bool) -> None:
        self.toks = toks
        self.lex = lexicon
        self.text_mode = text_mode

    def word(self, i: int) -> str | None:
        if i < len(self.toks) and self.toks[i].kind == _WORD:
            return self.toks[i].text
        return None

    def punct(self, i: int, chars: str) -> bool:
        return i < len(self.toks) and self.toks[i].kind == _PUNCT and self.toks[i].text in chars

    def num(self, i: int, low: int, high: int, digits: tuple[int, int] = (1, 2)) -> int | None:
        if i >= len(self.toks) or self.toks[i].kind != _NUM:
            return None
        text = self.toks[i].text
        # The length check comes first: int() of a huge digit string is slow or raises.
        if not digits[0] <= len(text) <= digits[1]:
            return None
        value = int(text)
        return value if low <= value <= high else None

    def glued(self, i: int) -> bool:
        return i < len(self.toks) and not self.toks[i].spaced

    def dot(self, i: int) -> int:
        return i + 1 if self.punct(i, ".") else i

    def colon(self, i: int) -> int:
        return i + 1 if self.punct(i, ":") else i

    def among(self, i: int, words: frozenset[str]) -> int | None:
        word = self.word(i)
        return self.dot(i + 1) if word is not None and word in words else None

    def phrase(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
        first = self.word(i)
        if first is None:
            return None
        for phrase in phrases:
            if phrase[0] == first and all(
                self.word(i + k) == w for k, w in enumerate(phrase[1:], start=1)
            ):
                return i + len(phrase)
        return None


class _Dates(_Cursor):
    """Years, and dates written in digits ("15.10.2019.", "2024-07-15")."""

    def year(self, i: int) -> tuple[int, int, int] | None:
        """(year, strength, end) of "2024", "2024.", "2024. gada", "2024.g."."""
        value = self.num(i, _MIN_YEAR, _MAX_YEAR, (4, 4))
        if value is None:
            return None
        end, strength = i + 1, _BARE
        if self.punct(end, "."):
            end, strength = end + 1, _DOTTED
        worded = self.among(end, self.lex.year)
        if worded is not None:
            end, strength = worded, _WORDED
        # In prose a bare four-digit number is a count or an amount far more often than a year.
        if self.text_mode and strength == _BARE:
            return None
        return value, strength, end

    def short_year(self, i: int) -> int | None:
        """The year a two-digit number at ``i`` stands for: "98" is 1998, "22" is 2022."""
        yy = self.num(i, 0, 99, (2, 2))
        if yy is None:
            return None
        return 1900 + yy if 1900 + yy >= _MIN_YEAR else 2000 + yy

    def iso(self, i: int) -> list[tuple[_Point, int]]:
        """ "2024-07-15", "2024-Q3", "2024-H1", and in headers "2024-07"."""
        year = self.num(i, _MIN_YEAR, _MAX_YEAR, (4, 4))
        if year is None or not (self.punct(i + 1, "-") and self.glued(i + 1) and self.glued(i + 2)):
            return []
        letter = self.word(i + 2)
        if letter in (_ISO_QUARTER, _ISO_HALF) and self.glued(i + 3):
            quarter = letter == _ISO_QUARTER
            number = self.num(i + 3, 1, 4 if quarter else 2, (1, 1))
            if number is None:
                return []
            return [(_Point("quarter" if quarter else "half", number, 0, year, _WORDED), i + 4)]
        month = self.num(i + 2, 1, 12, (2, 2))
        if month is None:
            return []
        out: list[tuple[_Point, int]] = []
        if self.punct(i + 3, "-") and self.glued(i + 3) and self.glued(i + 4):
            day = self.num(i + 4, 1, 31, (2, 2))
            if day is not None:
                out.append((_Point("day", month, day, year, _WORDED), i + 5))
        if not self.text_mode:
            out.append((_Point("month", month, 0, year, _WORDED), i + 3))
        return out

    def numeric(self, i: int) -> list[tuple[_Point, int]]:
        """ "15.10.2019.", "30.11." (year from elsewhere), and in headers "07.2024"."""
        out: list[tuple[_Point, int]] = []
        first = self.num(i, 1, 31)
        if first is None or not self.punct(i + 1, "./"):
            return out
        if not self.text_mode and first <= 12:
            year = self.num(i + 2, _MIN_YEAR, _MAX_YEAR, (4, 4))
            if year is not None:
                out.append((_Point("month", first, 0, year, _WORDED), self.dot(i + 3)))
        month = self.num(i + 2, 1, 12)
        if month is None or not self.punct(i + 1, "."):
            return out
        if self.punct(i + 3, "."):
            year = self.num(i + 4, _MIN_YEAR, _MAX_YEAR, (4, 4))
            if year is None and not self.text_mode and self.dd_mm_yy(i):
                year = self.short_year(i + 4)
            if year is not None:
                out.append((_Point("day", month, first, year, _WORDED), self.dot(i + 5)))
                return out
            out.append((_Point("day", month, first), i + 4))
        else:
            out.append((_Point("day", month, first), i + 3))
        return out

    def dd_mm_yy(self, i: int) -> bool:
        """ "01.01.22": two digits each, written without a space; "1.1.22." is a section number."""
        return all(len(self.toks[k].text) == 2 for k in (i, i + 2)) and all(
            self.glued(k) for k in range(i + 1, i + 5)
        )


class _Points(_Dates):
    """Every single period or date that starts at a token: the ends a phrase is made of.

    Besides dates in digits these are the named periods (a month, quarter or
    half-year, "9 mēneši"), with a year before or after them or none.
    """

    def __init__(self, toks: list[_Tok], lexicon: _Lexicon, *, text_mode: bool) -> None:
        super().__init__(toks, lexicon, text_mode=text_mode)
        self._points: dict[int, list[tuple[_Point, int]]] = {}

    def suffix_year(self, point: _Point, i: int) -> tuple[int, int, int] | None:
        """(year, strength, end) of the year printed after a point that ends at ``i``."""
        year = self.year(i + 1 if self.punct(i, ",") else i)
        if year is not None or point.unit not in ("month", "quarter", "half"):
            return year
        if self.text_mode:
            # "otrais ceturksnis 2024": a bare year only where nothing follows that
            # would make it a count ("3. ceturksnī 2024 personas", "2024,5", "2024 %").
            value = self.num(i, _MIN_YEAR, _MAX_YEAR, (4, 4))
            if value is None or not self.closes(i + 1):
                return None
            return value, _BARE, i + 1
        # "jūlijs '24": an apostrophe makes a two-digit number a year, after a month only.
        if point.unit == "month" and self.punct(i, _APOSTROPHES) and self.glued(i + 1):
            value = self.short_year(i + 1)
            if value is not None and not self.glued(i + 2):
                return value, _WORDED, i + 2
        return None

    def closes(self, i: int) -> bool:
        """Nothing that could go with the number before ``i`` starts at ``i``."""
        if i >= len(self.toks):
            return True
        tok = self.toks[i]
        return (
            tok.kind == _PUNCT
            and tok.text not in self.lex.units
            and not (i + 1 < len(self.toks) and self.toks[i + 1].kind == _NUM)
        )

    def ordinal(self, i: int, top: int) -> tuple[int, int] | None:
        """(value, end) of "3.", "3", "III" or "trešais" up to ``top``."""
        value = self.num(i, 1, top, (1, 1))
        if value is None:
            word = self.word(i)
            value = self.lex.ordinals.get(word) if word is not None else None
            if value is None or value > top:
                return None
        return value, self.dot(i + 1)

    def month_word(self, i: int) -> tuple[int, int] | None:
        word = self.word(i)
        number = self.lex.months.get(word) if word is not None else None
        return None if number is None else (number, self.dot(i + 1))

    def core(self, i: int) -> list[tuple[_Point, int]]:
        """Points that take their year from before or after them, or from the context."""
        out: list[tuple[_Point, int]] = []
        day = self.num(i, 1, 31)
        if day is not None and self.punct(i + 1, "."):
            month = self.month_word(i + 2)
            if month is not None:
                out.append((_Point("day", month[0], day), month[1]))
        month = self.month_word(i)
        if month is not None:
            end = self.among(month[1], self.lex.month)
            out.append((_Point("month", month[0]), month[1] if end is None else end))
        ordinal = self.ordinal(i, 4)
        if ordinal is not None:
            end = self.among(ordinal[1], self.lex.quarter)
            if end is not None:
                out.append((_Point("quarter", ordinal[0]), end))
            end = self.among(ordinal[1], self.lex.half)
            if end is not None and ordinal[0] <= 2:
                out.append((_Point("half", ordinal[0]), end))
        letter = self.word(i)
        if letter in (_ISO_QUARTER, _ISO_HALF) and self.glued(i + 1):
            quarter = letter == _ISO_QUARTER
            number = self.num(i + 1, 1, 4 if quarter else 2, (1, 1))
            if number is not None:
                out.append((_Point("quarter" if quarter else "half", number), i + 2))
        counted = self.month_count(i)
        if counted is not None:
            out.append((_Point("months", counted[0]), counted[1]))
        return out

    def month_count(self, i: int) -> tuple[int, int] | None:
        """ "9 mēnešos", "sešos mēnešos", "pirmajos sešos mēnešos": (months, end)."""
        if self.word(i) in self.lex.first_months:
            i += 1
        word = self.word(i)
        count = self.num(i, 1, 12)
        if count is None and word is not None:
            count = self.lex.month_counts.get(word)
        if count is None:
            return None
        end = self.among(i + 1, self.lex.months_count)
        return None if end is None else (count, end)

    def points(self, i: int) -> list[tuple[_Point, int]]:
        """Every single period or date that starts at token ``i``, with where it ends."""
        cached = self._points.get(i)
        if cached is not None:
            return cached
        out = self.iso(i) + self.numeric(i)
        year = self.year(i)
        if year is not None:
            value, strength, end = year
            out.append((_Point("year", 0, 0, value, strength), end))
            out += [(replace(p, year=value, strength=strength), e) for p, e in self.core(end)]
        for point, end in self.core(i):
            out.append((point, end))
            suffix = self.suffix_year(point, end)
            if suffix is not None:
                value, strength, suffix_end = suffix
                out.append((replace(point, year=value, strength=strength), suffix_end))
        self._points[i] = out
        return out

    def days(self, i: int) -> list[tuple[_Point, int]]:
        return [(p, e) for p, e in self.points(i) if p.unit == "day"]


class _Grammar(_Points):
    """Parsers over one token list; each returns every reading that starts at a token."""

    def __init__(self, toks: list[_Tok], lexicon: _Lexicon, *, text_mode: bool) -> None:
        super().__init__(toks, lexicon, text_mode=text_mode)
        self._content: tuple[int, int] | None = None

    def ranges(self, i: int) -> list[_Phrase]:
        out: list[_Phrase] = []
        opened = self.phrase(i, self.lex.from_)
        start = i if opened is None else opened
        # A shared tail: "I-III cet.", "2019. gada 1.-3. ceturksnī", "1.-15. jūlijs".
        prefix = self.year(start)
        at = start if prefix is None else prefix[2]
        ordinal = self.word(at)
        value = self.num(at, 1, 31) if ordinal is None else self.lex.ordinals.get(ordinal)
        if value is not None and self.punct(self.dot(at + 1), "-"):
            for tail, end in self.points(self.dot(at + 1) + 1):
                if prefix is not None and tail.year is not None:
                    continue
                last = tail if prefix is None else replace(tail, year=prefix[0], strength=prefix[1])
                if last.unit in ("quarter", "half") and value < last.n:
                    out.append(_Phrase("range", replace(last, n=value), last, end))
                elif last.unit == "day" and ordinal is None and value < last.day:
                    out.append(_Phrase("range", replace(last, day=value), last, end))
        for head, end in self.points(start):
            if head.unit == "months":
                continue
            joint = self.joint(end)
            if joint is None:
                continue
            for tail, tail_end in self.points(joint):
                # "2024 - Q3" is not January to September: a year pairs only
                # with an end that names its own year.
                if tail.unit == "months" or (
                    "year" in (head.unit, tail.unit) and None in (head.year, tail.year)
                ):
                    continue
                if self.punct(end, "/") and not (
                    head.unit == tail.unit == "day" and head.year and tail.year
                ):
                    continue
                out.append(_Phrase("range", head, tail, tail_end))
        return out

    def joint(self, i: int) -> int | None:
        """Where the second end of a range starts: after "-", "līdz", or the "/" of ISO."""
        if self.punct(i, "-"):
            return i + 1
        if self.punct(i, "/") and self.glued(i) and self.glued(i + 1):
            return i + 1
        return self.phrase(i, self.lex.to)

    def as_of(self, i: int) -> list[_Phrase]:
        out: list[_Phrase] = []
        status = self.phrase(i, self.lex.status)
        if status is not None:
            for day, end in self.days(self.colon(status)):
                out.append(_Phrase("status", None, day, end))
        starts: list[tuple[_Point | None, int]] = [(None, i)]
        year = self.year(i)
        if year is not None:
            starts.append((_Point("year", 0, 0, year[0], year[1]), year[2]))
        for named, j in starts:
            # "2022.gads līdz 30.11." in a header (a day with its own year makes a
            # range); in prose "līdz" after a year is a deadline within it, unless
            # the text ends there, as a title does ("Pabalsti 2009. gadā līdz 10. jūlijam").
            until = self.phrase(j, self.lex.to) if named is not None else None
            if until is not None:
                days = self.days(until)
                out += [
                    _Phrase("as_of", named, d, e)
                    for d, e in days
                    if d.year is None and (not self.text_mode or self.ends_text(e))
                ]
            after = self.phrase(j, self.lex.as_of)
            if after is None:
                continue
            for day, end in self.days(self.colon(after)):
                worded = self.phrase(end, self.lex.status_after)
                if worded is None:
                    out.append(_Phrase("as_of", named, day, end))
                else:
                    out.append(_Phrase("status", named, day, worded))
        return out

    def school_year(self, i: int) -> list[_Phrase]:
        """ "2021./2022. mācību gads", "2021-2022 mācību gadā": two years in a row."""
        first = self.num(i, _MIN_YEAR, _MAX_YEAR, (4, 4))
        joint = self.dot(i + 1)
        if first is None or not self.punct(joint, "/-"):
            return []
        second = self.num(joint + 1, _MIN_YEAR, _MAX_YEAR, (4, 4))
        end = self.phrase(self.dot(joint + 2), self.lex.school_year)
        if second != first + 1 or end is None:
            return []
        start = _Point("day", *_SCHOOL_YEAR_START, first, _WORDED)
        last = _Point("day", *_SCHOOL_YEAR_END, second, _WORDED)
        return [_Phrase("range", start, last, self.dot(end))]

    def ends_text(self, end: int) -> bool:
        """Whether only punctuation follows token ``end``, or a capitalised word
        (the title's line joined with the text under it)."""
        rest = [t for t in self.toks[end:] if t.kind != _PUNCT]
        return not rest or rest[0].capital

    def alone(self, i: int, end: int) -> bool:
        """The tokens from ``i`` to ``end`` are all of the text but punctuation, and end
        with a month name in the nominative ("2024. gada 1. jūlijs")."""
        if self._content is None:
            toks = self.toks
            first = next((k for k, t in enumerate(toks) if t.kind != _PUNCT), len(toks))
            last = next((k for k in range(len(toks), 0, -1) if toks[k - 1].kind != _PUNCT), 0)
            self._content = (first, last)
        first, last = self._content
        month = self.word(end - 2 if self.punct(end - 1, ".") else end - 1)
        return i == first and end >= last and month in self.lex.alone

    def skips(self, i: int) -> list[_Phrase]:
        """A dated label ("Publicēts: …") or a deadline ("līdz …"), read past as a whole."""
        out: list[_Phrase] = []
        for words in (self.lex.labels, self.lex.to):
            after = self.phrase(i, words)
            if after is None:
                continue
            after = self.colon(after)
            inner = [p.end for p in self.phrases(after)]
            if inner:
                out.append(_Phrase("skip", None, None, max(inner)))
        # "2017./ 2018.g. ziemas sezonai": a season over two years, which no
        # ISO name fits; its second year alone is not the report's period.
        first = self.num(i, _MIN_YEAR, _MAX_YEAR, (4, 4))
        joint = self.dot(i + 1)
        # "2017./ 2017.g." is the same season with a slip of the pen.
        if (
            first is not None
            and self.punct(joint, "/")
            and self.num(joint + 1, _MIN_YEAR, _MAX_YEAR, (4, 4)) in (first, first + 1)
        ):
            inner = [p.end for p in self.phrases(joint + 1)]
            out.append(_Phrase("skip", None, None, max(inner, default=joint + 2)))
        return out

    def phrases(self, i: int) -> list[_Phrase]:
        """Every reading at ``i``; where two cover the same tokens, the earlier one wins."""
        out: list[_Phrase] = []
        for point, end in self.points(i):
            # In prose a date is an event (a decision, a publication), not a period,
            # unless it stands alone as a heading does.
            kind: Literal["point", "skip"] = (
                "skip"
                if self.text_mode and point.unit == "day" and not self.alone(i, end)
                else "point"
            )
            out.append(_Phrase(kind, point, point, end))
        if not self.text_mode:
            out += self.school_year(i)
        return out + self.ranges(i) + self.as_of(i)

    def candidates(self, i: int) -> list[_Phrase]:
        """Readings at ``i`` in running text, longest first (a stable sort keeps priority)."""
        tok = self.toks[i]
        if tok.kind == _PUNCT or (tok.kind == _WORD and tok.text not in self.lex.starters):
            return []
        return sorted(self.phrases(i) + self.skips(i), key=lambda p: -p.end)


# --------------------------------------------------------------------------
# From phrases to periods
# --------------------------------------------------------------------------


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _month_end(year: int, month: int) -> datetime.date | None:
    if month == 12:
        return _date(year, 12, 31)
    first = _date(year, month + 1, 1)
    return None if first is None else first - datetime.timedelta(days=1)


def _bounds(point: _Point, year: int) -> tuple[datetime.date, datetime.date] | None:
    match point.unit:
        case "day":
            day = _date(year, point.n, point.day)
            return None if day is None else (day, day)
        case "year":
            first, last = 1, 12
        case "half":
            first = 6 * (point.n - 1) + 1
            last = first + 5
        case "quarter":
            first = 3 * (point.n - 1) + 1
            last = first + 2
        case "month":
            first = last = point.n
        case "months":
            first, last = 1, point.n
    start, end = _date(year, first, 1), _month_end(year, last)
    return None if start is None or end is None else (start, end)


def _granularity(start: datetime.date, end: datetime.date) -> Granularity:
    if start == end:
        return "day"
    month_end = _month_end(end.year, end.month)
    if start.day != 1 or end != month_end:
        return "interval"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        return "month"
    if months == 3 and start.month % 3 == 1:
        return "quarter"
    if months == 6 and start.month in (1, 7):
        return "half"
    if months == 12 and start.month == 1:
        return "year"
    return "interval"


def _resolve(phrase: _Phrase, year: int | None, *, text_mode: bool) -> Period | None:
    first, last = phrase.first, phrase.last
    if last is None:
        return None
    if phrase.kind == "point":
        return _resolve_point(last, year, text_mode=text_mode)
    if phrase.kind == "range" and first is not None:
        return _resolve_range(first, last, year, text_mode=text_mode)
    if phrase.kind in ("as_of", "status"):
        return _resolve_as_of(first, last, year, status=phrase.kind == "status")
    return None


def _resolve_point(point: _Point, year: int | None, *, text_mode: bool) -> Period | None:
    if text_mode and point.unit == "year" and point.strength < _WORDED:
        return None
    # A bare "1.1." is a row number as often as a date, and "9 mēneši" of
    # which year is anyone's guess: these need a year of their own.
    if point.year is None and (text_mode or point.unit in ("day", "months")):
        return None
    own = point.year if point.year is not None else year
    bounds = None if own is None else _bounds(point, own)
    return None if bounds is None else period_from_dates(*bounds)


def _resolve_range(
    first: _Point, last: _Point, year: int | None, *, text_mode: bool
) -> Period | None:
    if (
        text_mode
        and first.unit == last.unit == "year"
        and max(first.strength, last.strength) < _WORDED
    ):
        return None
    # An end without a year borrows the other end's, else the context's.
    last_year = last.year if last.year is not None else first.year
    last_year = last_year if last_year is not None else year
    first_year = first.year if first.year is not None else last_year
    if first_year is None or last_year is None:
        return None
    head, tail = _bounds(first, first_year), _bounds(last, last_year)
    if head is None or tail is None:
        return None
    # "no 1. novembra līdz 31. janvārim": the borrowed year is one off across New Year.
    if head[0] > tail[1] and first.year is None:
        head = _bounds(first, first_year - 1)
    elif head[0] > tail[1] and last.year is None:
        tail = _bounds(last, last_year + 1)
    if head is None or tail is None or head[0] > tail[1]:
        return None
    return period_from_dates(head[0], tail[1])


def _resolve_as_of(
    named: _Point | None, day: _Point, year: int | None, *, status: bool
) -> Period | None:
    named_year = named.year if named is not None else None
    day_year = day.year if day.year is not None else named_year
    day_year = day_year if day_year is not None else year
    if day_year is None:
        return None
    as_of = _date(day_year, day.n, day.day)
    if as_of is None:
        return None
    if status:
        return Period(as_of, as_of, "day")
    base = named_year if named_year is not None else day_year
    start = _date(base, 1, 1)
    # "2022. gads uz 31.01.2023.": the year's figures as they stood later on.
    end = as_of if day_year == base else _date(base, 12, 31)
    if start is None or end is None or day_year < base:
        return None
    return period_from_dates(start, end)


# --------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------


def _strip_decorations(toks: list[_Tok], units: frozenset[str]) -> tuple[list[_Tok], bool]:
    """The header without footnote marks and units; True when a unit stood loose after it."""
    kept: list[_Tok] = []
    i = 0
    while i < len(toks):
        if toks[i].text == "(":
            j = i + 1
            while j < len(toks) and (toks[j].text in units or toks[j].text in (".", "*")):
                j += 1
            if j > i + 1 and j < len(toks) and toks[j].text == ")":
                i = j + 1
                continue
        if toks[i].text != "*":
            kept.append(toks[i])
        i += 1
    end = len(kept)
    while end and (
        kept[end - 1].text in units
        or (end > 1 and kept[end - 1].text == "." and kept[end - 2].text in units)
    ):
        end -= 2 if kept[end - 1].text == "." else 1
    loose = end < len(kept)
    if loose and end and kept[end - 1].text in ",;":
        loose = False
    while end and kept[end - 1].kind == _PUNCT and kept[end - 1].text in ",;:":
        end -= 1
    return kept[:end], loose


@functools.lru_cache(maxsize=8192)
def _parse_header(text: str, year: int | None) -> Period | None:
    lexicon = _lexicon()
    toks, loose = _strip_decorations(_tokens(text), lexicon.units)
    # "2018 EUR" is an amount; "2021. gads EUR" and "2021 (EUR)" are headers.
    if not toks or (loose and len(toks) == 1):
        return None
    period = _whole_header(toks, year, lexicon)
    if period is None and any(t.text == "(" for t in toks):
        # "2022. gads (uz 30.11.)": a part of the period in parentheses.
        bare = [t for t in toks if t.text not in ("(", ")")]
        period = _whole_header(bare, year, lexicon) if bare else None
    return period


def _whole_header(toks: list[_Tok], year: int | None, lexicon: _Lexicon) -> Period | None:
    grammar = _Grammar(toks, lexicon, text_mode=False)
    opening = grammar.phrase(0, lexicon.intro)
    start = 0 if opening is None else grammar.colon(opening)
    for phrase in grammar.phrases(start):
        if phrase.end == len(toks):
            period = _resolve(phrase, year, text_mode=False)
            if period is not None:
                return period
    return None
