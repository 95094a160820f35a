"""Row and column labels: clean printed text, and say what a label is (total, part, list)."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any, Literal

import regex

from reportparse._codes import Basis
from reportparse._lang._values import unit_of

__all__ = [
    "LabelRole",
    "basis_of",
    "clean_label",
    "component_count",
    "head_label",
    "is_code_head",
    "label_role",
    "split_components",
]

LabelRole = Literal["total", "breakdown", "part", "marker", "plain"]

_MARKUP = regex.compile(r"</?(?:b|strong|i|em|u)\s*>|\*\*", regex.IGNORECASE)
# A hyphen at the end of a printed line splits one word ("sociā-\nlās");
# a dash with spaces around it ("pieņemšanas - nodošanas") is punctuation.
_LINE_HYPHEN = regex.compile(r"(?<=\p{Ll})[-\u00ad]\n\s*(?=\p{Ll})")
# A footnote mark raised after a word inside a label ("Izdevumi kopā⁹ euro");
# not the power of a unit ("m²", "m³").
_INNER_MARK = regex.compile(r"(?<=\p{L})(?<!\bm)[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_SPACES = regex.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
# Footnote marks ending a row or column head ("Dienas centrs*", "GMI¹", "Krīzes centrs *)").
_TRAILING_MARKS = regex.compile(r"\s*[*\u2020\u2021\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+\)?$")


@functools.cache
def _vocabulary() -> dict[str, Any]:
    text = (resources.files("reportparse._lang") / "_data" / "lv_labels.toml").read_text("utf-8")
    return tomllib.loads(text)


def clean_label(text: str) -> str:
    """The label as printed: markup removed, line-break hyphenation undone, spaces collapsed.

    >>> clean_label("<b>kopā</b>")
    'kopā'
    >>> clean_label("sociā-\\nlās  aprūpes\\n pakalpojums")
    'sociālās aprūpes pakalpojums'
    >>> clean_label("pieņemšanas - nodošanas")
    'pieņemšanas - nodošanas'
    >>> clean_label("Izmai- ņas Ls"), clean_label("pirms- un pēcskolas")
    ('Izmaiņas Ls', 'pirms- un pēcskolas')
    >>> clean_label("Izdevumi kopā⁹ euro"), clean_label("Platība, m²")
    ('Izdevumi kopā euro', 'Platība, m²')
    """
    text = _MARKUP.sub("", text).replace("\u00ad\n", "")
    text = _LINE_HYPHEN.sub("", text).replace("\u00ad", "")
    text = _copied_hyphen().sub("", text)
    text = _INNER_MARK.sub("", text)
    return _SPACES.sub(" ", text).strip()


@functools.cache
def _copied_hyphen() -> regex.Pattern[str]:
    """A hyphen and a space inside a word (``Izmai- ņas``): a line end a copy flattened."""
    suspended = "|".join(map(regex.escape, _vocabulary()["suspended_hyphen_before"]))
    return regex.compile(rf"(?<=\p{{Ll}}\p{{Ll}})- (?=\p{{Ll}})(?!(?:{suspended})\b)")


def head_label(text: str) -> str:
    """A row or column head as :func:`clean_label` gives it, without its footnote mark.

    The mark points to a note under the table; the cell's ``raw`` text keeps it.

    >>> head_label("Dienas aprūpes centrs*"), head_label("2019. gads**"), head_label("GMI ¹")
    ('Dienas aprūpes centrs', '2019. gads', 'GMI')
    >>> head_label("**) 2008"), head_label("* Pakalpojums")
    ('2008', 'Pakalpojums')
    >>> head_label("Īpatsvars (%) [98]"), head_label("Izdevumi kopā1, euro, t.sk.:")
    ('Īpatsvars (%)', 'Izdevumi kopā, euro, t.sk.:')
    >>> head_label("—pārvalde"), head_label("- deputāti"), head_label("-"), head_label("-5")
    ('pārvalde', 'deputāti', '-', '-5')
    >>> head_label("*"), head_label("Pabalsts 50% atlaide")
    ('*', 'Pabalsts 50% atlaide')
    """
    stripped = text.lstrip()
    if stripped[:1] in _LEADING_MARK_STARTS:
        # "**) 2008": a note mark printed before the head (before markup is taken
        # off, which would read the "**" as bold).
        text = _LEADING_MARKS.sub("", stripped) or text
    label = clean_label(text)
    if label[:1] in _BULLETS:
        # "—pārvalde", "– deputāti": a sub-item's list mark, not part of its name.
        label = _LEADING_BULLET.sub("", label) or label
    if _GLUED_NOTE.search(label):
        # "Izdevumi kopā1, euro": a footnote's superscript digit, flattened.
        label = _GLUED_NOTE.sub("", label)
    if label.endswith("]"):
        # "… (%) [98]": a reference to a note or a source, not part of the label.
        label = _TRAILING_REFERENCE.sub("", label) or label
    if not label or label[-1] not in _MARK_ENDS:
        return label
    return _TRAILING_MARKS.sub("", label) or label


_GLUED_NOTE = regex.compile(r"(?<=\p{Ll}{3})\d{1,2}(?=[,;:]|\s|$)")
_TRAILING_REFERENCE = regex.compile(r"\s*\[\d{1,3}\]$")
_BULLETS = frozenset("—–-•·▪◦●")
_LEADING_BULLET = regex.compile(r"^[—–\-•·▪◦●]\s*(?=\p{L})")
_LEADING_MARK_STARTS = frozenset("*\u2020\u2021")
_LEADING_MARKS = regex.compile(r"^[*\u2020\u2021]+\)?\s+")
_MARK_ENDS = frozenset("*\u2020\u2021\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079)")


def _fold(label: str) -> str:
    return clean_label(label).casefold().rstrip(" :.,;")


def label_role(label: str) -> LabelRole:
    """Whether a row label totals other rows, opens a breakdown, is a part, or is plain.

    A ``marker`` is a label that is nothing but a breakdown marker (``no tiem:``,
    ``t.sk.``): the rows under it break down the row above it.

    >>> [label_role(x) for x in ["kopā", "Kopā pabalstiem", "Pabalsti kopā:", "GMI pabalsts"]]
    ['total', 'total', 'total', 'plain']
    >>> label_role("kopējais klientu skaits, no tiem"), label_role("t.sk. bērniem")
    ('breakdown', 'part')
    >>> label_role("no tiem:"), label_role("tai skaitā"), label_role("T. sk.")
    ('marker', 'marker', 'marker')
    """
    folded = _fold(label)
    if not folded:
        return "plain"
    vocabulary = _vocabulary()
    markers: list[str] = [m.rstrip(".") for m in vocabulary["breakdown_markers"]]
    if folded in markers:
        return "marker"
    if any(folded.endswith(m) for m in markers):
        return "breakdown"
    if any(folded.startswith(m) for m in markers):
        return "part"
    words = folded.split()
    total_words: list[str] = vocabulary["total_words"]
    if words[0] in total_words or words[-1] in total_words:
        return "total"
    return "plain"


_LIST_ITEM = regex.compile(r"(?:^|[:;])\s*[-–]\s+")
# "Asistenta pakalpojums (ģimenes/personas)": the parts are named inside.
_PARENTHESIS_AT_END = regex.compile(r"\(([^()]*)\)\s*$")


def split_components(label: str, parts: int) -> list[str] | None:
    """Names for the ``parts`` numbers of a compound cell, where the label names them.

    A ``- a; - b`` list gives each item to as many numbers as divide evenly;
    else ``/`` or ``;`` splits the label when the pieces match the numbers.

    >>> split_components("stundu skaits/ valsts finansējuma summa (EUR)", 2)
    ['stundu skaits', 'valsts finansējuma summa (EUR)']
    >>> split_components("Transports: - personas/braucieni; - personas", 4)
    ['personas/braucieni', 'personas/braucieni', 'personas', 'personas']
    >>> split_components("Līgumi/ vienošanās", 1) is None
    True

    Parts named in a parenthesis at the end are named by it alone:

    >>> split_components("Asistenta pakalpojums (ģimenes/personas)", 2)
    ['ģimenes', 'personas']
    """
    if parts < 2:
        return None
    # The text before the first "- " introduces the list; it names no part.
    items = [i.strip(" ;") for i in _LIST_ITEM.split(label)[1:]]
    items = [i for i in items if i]
    if len(items) >= 2 and parts % len(items) == 0:
        per_item = parts // len(items)
        return [item for item in items for _ in range(per_item)]
    separators: list[str] = _vocabulary()["component_separators"]
    tail = _PARENTHESIS_AT_END.search(label)
    for text in (tail[1], label) if tail else (label,):
        for separator in separators:
            pieces = [p.strip() for p in text.split(separator)]
            if len(pieces) == parts and all(pieces):
                return pieces
    return None


def component_count(label: str) -> int | None:
    """How many quantities a label names, where it names more than one.

    >>> component_count("stundu skaits/ summa (EUR)"), component_count("GMI pabalsts")
    (2, None)
    """
    items = [i for i in _LIST_ITEM.split(label)[1:] if i.strip(" ;")]
    if len(items) >= 2:
        return len(items)
    separators: list[str] = _vocabulary()["component_separators"]
    for separator in separators:
        pieces = [p for p in label.split(separator) if p.strip()]
        if len(pieces) >= 2:
            return len(pieces)
    return None


@functools.cache
def _basis_pattern(beside_period: bool) -> tuple[regex.Pattern[str], dict[str, Basis]]:
    words: dict[str, Basis] = {}
    tables = [_vocabulary()["basis"]]
    if beside_period:
        tables.insert(0, _vocabulary()["basis_beside_a_period"])
    # Listed first wins a phrase two bases name.
    for table in tables:
        for name, phrases in reversed(list(table.items())):
            for phrase in phrases:
                words[phrase.casefold()] = Basis(name)
    alternatives = "|".join(regex.escape(p) for p in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE), words


def basis_of(text: str, *, beside_period: bool = False) -> tuple[Basis | None, str]:
    """The basis a head names, and the head without the words that name it.

    ``beside_period`` also counts the words that name a basis only where the
    head names a period too (``2023. gada budžets``): the caller checks the rest.

    >>> basis_of("2019. gads (izpilde)")
    ('actual', '2019. gads')
    >>> basis_of("2020. gada plāns")
    ('plan', '2020. gada')
    >>> basis_of("Faktiskā vērtība (2017)")
    ('actual', 'vērtība (2017)')
    >>> basis_of("plāna izpilde"), basis_of("Plānošanas reģions")
    (('actual', ''), (None, 'Plānošanas reģions'))
    >>> basis_of("Konsolidētais valsts budžets"), basis_of("2023. gada budžets", beside_period=True)
    ((None, 'Konsolidētais valsts budžets'), ('budget', '2023. gada'))
    """
    pattern, words = _basis_pattern(beside_period)
    found = list(pattern.finditer(text))
    if not found:
        return None, text
    order = list(Basis)
    basis = min((words[m.group().casefold()] for m in found), key=order.index)
    rest = pattern.sub(" ", text)
    # "(izpilde)" leaves "()" behind; a comma before it leaves a comma.
    rest = regex.sub(r"\(\s*\)|\[\s*\]", " ", rest)
    return basis, _SPACES.sub(" ", rest).strip(" ,;:-–")


def is_code_head(text: str) -> bool:
    """Whether a column head names codes or row numbers (``Programmas kods``, ``Nr.p.k.``).

    >>> is_code_head("Programmas kods"), is_code_head("Nr.p.k."), is_code_head("Kods")
    (True, True, True)
    >>> is_code_head("Kopā"), is_code_head("Pakalpojuma nosaukums")
    (False, False)
    """
    words = set(_vocabulary()["code_column_heads"])
    return any(word in words for word in clean_label(text).casefold().split())


def is_change_head(text: str) -> bool:
    """Whether a column head names a change between periods (``Izmaiņas %``, ``+/-``).

    >>> is_change_head("Izmaiņas Ls"), is_change_head("Pieaugums, %"), is_change_head("+/-")
    (True, True, True)
    >>> is_change_head("Grozījumi"), is_change_head("Kopā")
    (False, False)
    """
    folded = clean_label(text).casefold()
    stems: list[str] = _vocabulary()["change_head_stems"]
    return any(folded.startswith(stem) for stem in stems)


def names_the_same_span(label: str) -> bool:
    """Whether a label names "the same period" of another year (``2008. gadā uz šo periodu``).

    >>> names_the_same_span("GMI pabalsti 2008. gadā uz šo periodu")
    True
    >>> names_the_same_span("2008. gada attiecīgajā periodā"), names_the_same_span("GMI 2008")
    (True, False)
    """
    folded = _SPACES.sub(" ", clean_label(label).casefold())
    phrases: list[str] = _vocabulary()["same_span_phrases"]
    return any(phrase in folded for phrase in phrases)


_NUMBER_AND_WORD = regex.compile(
    r"(?<![\d.,/])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,]\d+)?\s*(\p{L}+\.?|%|€)"
)


def value_in_label(label: str) -> str | None:
    """A number with the unit it counts inside a row label (``4990 ģimenēm``), which
    a table's value rather than its label would hold; None when there is none.

    >>> value_in_label("Dzīvokļa pabalsts Saistošie noteikumi 4990 ģimenēm (7372 cilv.)")
    '4990 ģimenēm'
    >>> [value_in_label(t) for t in ["Izziņa uz 3 mēnešiem", "Trūcīgas personas uz 30.06.2018.",
    ...     "Pabalsts bērniem vecumā no 7 līdz 24 mēnešiem", "Nr. 47 pabalsts",
    ...     "Pabalsts 50% apmērā no maksas", "Ģimenes, ko veido 2 pieaugušie un bērni"]]
    [None, None, None, None, None, None]
    """
    guards = set(_vocabulary()["label_number_words"])
    text = clean_label(label)
    for match in _NUMBER_AND_WORD.finditer(text):
        if unit_of(match.group(2)) is None:
            continue
        before = text[: match.start()].split()
        if before and before[-1].casefold() in guards:
            continue
        # A value's shape: the label ends on it, or a count in brackets follows
        # (``4990 ģimenēm (7372 cilv.)``); inside a label it is a descriptor
        # (``Pabalsts 50% apmērā``, ``ko veido 2 pieaugušie un …``).
        rest = text[match.end() :]
        if not rest.strip(" .,;:") or _BRACKETED_COUNT.search(rest):
            return match.group(0)
    return None


_BRACKETED_COUNT = regex.compile(r"\(\s*\d[\d\s]*\s*\p{L}+\.?\s*\)")


RecordHead = Literal["year", "month", "code", "territory"]


def record_head(text: str) -> RecordHead | None:
    """What a column head of an open-data table of records names, if it is one of those.

    >>> [record_head(t) for t in ["PP gads", "PP mēnesis", "ATVK kods", "Pilsēta, novads", "GMI"]]
    ['year', 'month', 'code', 'territory', None]
    """
    folded = _SPACES.sub(" ", clean_label(text).casefold()).strip()
    heads: dict[str, list[str]] = _vocabulary()["record_heads"]
    for kind in ("year", "month", "code", "territory"):
        if folded in heads[kind]:
            return kind
    return None
