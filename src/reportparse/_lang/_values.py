"""The Latvian value grammar: the numbers of one table cell, with their units.

Small pure functions in the manner of price-parser: each takes any ``str`` and
answers, or answers ``None``; none of them raises. The words they know (unit
inflections and abbreviations, scale words, placeholders, note markers) live in
``_data/lv_units.toml``; the code knows digits, spaces and punctuation only.

A cell is read as a sequence of tokens: numbers, words, punctuation. A number
takes the scale word and the unit word that follow it (``1,5 tūkst.``,
``121ģim``, ``10 pers.``) or a currency before it (``EUR 12,50``). Words the
grammar does not know make the cell text (``None``), except in parentheses or
after a note marker (``76475 (t.sk. valsts dotāc. 10780)``), where a note may
say anything.

Numbers are written the Latvian way: decimal comma, thousands grouped with a
space (normal, no-break, thin or narrow no-break). A second digit group that
is not exactly three digits starts a new number (``3 24`` is 3 and 24).
"""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import Any

# `regex` ships no type information; the second code keeps this line valid
# once stubs or a mypy override exist.
import regex  # type: ignore[import-untyped,unused-ignore]

from reportparse._codes import Unit

__all__ = [
    "Quantity",
    "bare_unit",
    "counted_noun",
    "header_unit",
    "is_placeholder",
    "is_unit_only",
    "parse_cell",
    "parse_number",
    "unit_of",
]

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number of a cell: its exact value in base units and the unit the cell states.

    >>> parse_cell("10 pers. (31 dienn.)")[0]
    Quantity(value=10, unit='person', text='10 pers.', start=0, end=8)
    """

    #: Exact, with any scale word applied; ``int`` unless the text printed decimals.
    #: None for a placeholder part of a compound cell (the ``-`` of ``-/8``).
    value: Number | None
    #: A :class:`~reportparse._codes.Unit`, or None when the cell states no unit for this number.
    unit: Unit | None
    #: The substring of the input the number (with its sign, scale and unit) was read from.
    text: str
    start: int
    end: int


# ---------------------------------------------------------------------------
# Tokens. One findall splits a cell into token strings that cover it without a
# gap; the first character tells the kind. Match objects would cost more than
# the rest of the parse.
# ---------------------------------------------------------------------------

_DATE, _NUM, _WORD, _SPACE, _MARK, _OPEN, _CLOSE, _PUNCT, _OTHER = range(1, 10)

_GROUP_SPACES = "\u0020\u00a0\u2007\u2009\u202f"
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MON = r"(?:0?[1-9]|1[0-2])"
_RUN = rf"[0-9]+(?:[{_GROUP_SPACES}.,][0-9]+)*"
# Footnote marks: stars, daggers, superscript digits.
_MARK_CHARS = "*\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079\u2020\u2021"
_MARKS = regex.escape(_MARK_CHARS)
_PUNCT_CHARS = "-\u2212\u2013\u2014\u2012\u2015\u2011+/,;:.=&\"'„“”«»…~≈_|!"
# Invisible characters extraction leaves in text (zero-width spaces, BOM, soft
# hyphen) separate tokens like spaces.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))

_DATE_PATTERN = rf"""(?:
        [0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}
      | {_DAY}\.{_MON}\.(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9])\.?
      | {_DAY}\.{_MON}\.(?![0-9])
      | {_MON}\.(?:19|20)[0-9]{{2}}(?![0-9.,])
      | [0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?
    )(?![0-9])"""
_TOKEN = regex.compile(
    rf"""
      (?=[0-9])(?:{_DATE_PATTERN} | {_RUN})
    | [\p{{L}}\p{{M}}]+(?:\.[\p{{L}}\p{{M}}]+)*\.?
    | [\s{_INVISIBLE}]+
    | [{_MARKS}]+
    | .
    """,
    regex.VERBOSE | regex.DOTALL,
)
_CHAR_KIND: dict[str, int] = {
    **dict.fromkeys("([{", _OPEN),
    **dict.fromkeys(")]}", _CLOSE),
    **dict.fromkeys(_PUNCT_CHARS, _PUNCT),
    **dict.fromkeys(_MARK_CHARS, _MARK),
    **dict.fromkeys(_INVISIBLE, _SPACE),
}
# A part of a dotted compound word ("tūkst.EUR" → "tūkst." "EUR").
_WORD_PART = regex.compile(r"[\p{L}\p{M}]+\.?")
_NUMBER_ONLY = regex.compile(rf"(?P<sign>[-\u2212\u2013+]?)(?P<run>{_RUN})[{_MARKS}]*")
_DATE_ONLY = regex.compile(_DATE_PATTERN, regex.VERBOSE)
_SPACES = regex.compile(r"\s+")
# ",5" and "-,5": a fraction printed without its zero.
# One decimal digit then a full stop ("22.4."), which the date grammar takes for 22 April.
_DECIMAL_THEN_STOP = regex.compile(r"[-\u2212\u2013]?[0-9]{2,3}\.[0-9]\.")
_BARE_FRACTION = regex.compile(r"(?P<sign>[-\u2212\u2013]?)[,.](?P<digits>[0-9]+)")
# Parts of a compound cell ("-/8") that may be placeholders; more parts than
# this is no compound cell.
_MAX_PARTS = 4
_DIGIT = regex.compile(r"[0-9]")

_SIGNS = "-\u2212\u2013+"
# A sign binds to the number after it only at the start or after one of these;
# after a word ("1 pers.- 31 dienn.") or a number ("3-5") a dash separates.
_SIGN_AFTER = "/;:,=("
# Numbers longer than this are identifiers or garbage, and int() of a very long
# digit string raises (sys.int_info.str_digits_check_threshold).
_MAX_DIGITS = 30

# Word kinds.
_W_UNKNOWN, _W_UNIT, _W_SCALE, _W_NOTE, _W_FILLER, _W_DATE, _W_BLANK, _W_QUALIFIER = range(8)

# kind, start, end, word kind, payload (unit code or scale factor), lookup key
_Token = tuple[int, int, int, int, Any, str]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: dict[str, tuple[int, Any]]
    prefix_units: frozenset[str]
    header_units: frozenset[str]
    placeholders: frozenset[str]
    #: Whether a placeholder holds a digit (then every cell must be looked up).
    digit_placeholders: bool
    #: Multi-word note markers by their first word's key, as tuples of keys.
    markers: dict[str, list[tuple[str, ...]]]


def _key(word: str) -> str:
    return unicodedata.normalize("NFC", word.casefold()).rstrip(".")


def _phrase_key(text: str) -> str:
    return " ".join(_SPACES.split(unicodedata.normalize("NFC", text.casefold()).strip()))


@functools.cache
def _lexicon() -> _Lexicon:
    path = resources.files("reportparse._lang") / "_data" / "lv_units.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    words: dict[str, tuple[int, Any]] = {}
    # Later kinds win a word both lists name: a unit is never a filler.
    for w in data["dates"]["words"]:
        words[_key(w)] = (_W_DATE, None)
    for w in data["fillers"]["words"]:
        words[_key(w)] = (_W_FILLER, None)
    for w in data["placeholders"]["words"]:
        words[_key(w)] = (_W_BLANK, None)
    for w in data["qualifiers"]["words"]:
        words[_key(w)] = (_W_QUALIFIER, None)
    markers: dict[str, list[tuple[str, ...]]] = {}
    for m in data["notes"]["markers"]:
        keys = tuple(_key(p) for p in _WORD_PART.findall(m))
        if len(keys) == 1:
            words[keys[0]] = (_W_NOTE, None)
        # "t.sk." and "t. sk." are one marker: the compound's parts, joined.
        parts = tuple(k for key in keys for k in key.split("."))
        if len(parts) > 1:
            words[".".join(parts)] = (_W_NOTE, None)
            markers.setdefault(parts[0], []).append(parts)
    for scale in data["scales"]:
        for w in scale["words"]:
            words[_key(w)] = (_W_SCALE, int(scale["factor"]))
    prefix, header = set(), set()
    for name, spec in data["units"].items():
        # A unit the output does not know is a mistake in the data: fail on load.
        code = Unit(name)
        for w in spec["words"]:
            words[_key(w)] = (_W_UNIT, code)
        if spec.get("prefix"):
            prefix.add(code)
        if spec.get("header"):
            header.add(code)
    placeholders = frozenset(_phrase_key(p) for p in data["placeholders"]["cells"])
    return _Lexicon(
        words=words,
        prefix_units=frozenset(prefix),
        header_units=frozenset(header),
        placeholders=placeholders,
        digit_placeholders=any(_DIGIT.search(p) for p in placeholders),
        markers=markers,
    )


@functools.lru_cache(maxsize=8192)
def _classify(word: str) -> tuple[int, Any, str]:
    key = _key(word)
    kind, payload = _lexicon().words.get(key, (_W_UNKNOWN, None))
    return kind, payload, key


# Currency signs are words ("€ 12"); a combining mark may open a word of
# decomposed (NFD) text.
_WORDLIKE = frozenset({"Sc", "Mn", "Mc", "Me"})


def _scan(text: str) -> list[_Token]:
    """Tokens covering ``text`` without a gap, words classified."""
    tokens: list[_Token] = []
    start = 0
    piece: str
    for piece in _TOKEN.findall(text):
        end = start + len(piece)
        first = piece[0]
        if "0" <= first <= "9":
            # A date is the only digit token with "-", ":" or a final dot;
            # "12.2022" (month.year) is the one that needs a second look.
            if piece.isdigit() or not (
                "-" in piece
                or ":" in piece
                or piece[-1] == "."
                or ("." in piece and _DATE_ONLY.fullmatch(piece))
            ):
                tokens.append((_NUM, start, end, _W_UNKNOWN, None, ""))
            else:
                tokens.append((_DATE, start, end, _W_UNKNOWN, None, ""))
        elif first in _CHAR_KIND:
            tokens.append((_CHAR_KIND[first], start, end, _W_UNKNOWN, None, ""))
        elif first.isspace():
            tokens.append((_SPACE, start, end, _W_UNKNOWN, None, ""))
        elif first.isalpha() or first == "%" or unicodedata.category(first) in _WORDLIKE:
            tokens.extend(_words(piece, start))
        else:
            tokens.append((_OTHER, start, end, _W_UNKNOWN, None, ""))
        start = end
    return _slashed_words(text, tokens) if "/" in text else tokens


def _slashed_words(text: str, tokens: list[_Token]) -> list[_Token]:
    """Two words joined by a slash that the lexicon names as one (``cilvēku/dienas``)."""
    words = _lexicon().words
    out: list[_Token] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if (
            k + 2 < len(tokens)
            and token[0] == _WORD
            and tokens[k + 2][0] == _WORD
            and text[tokens[k + 1][1] : tokens[k + 1][2]] == "/"
        ):
            key = f"{token[5]}/{tokens[k + 2][5]}"
            known = words.get(key)
            if known is not None:
                out.append((_WORD, token[1], tokens[k + 2][2], known[0], known[1], key))
                k += 3
                continue
        out.append(token)
        k += 1
    return out


def _words(word: str, start: int) -> list[_Token]:
    """One word token, or the parts of a dotted compound whose parts all are words."""
    wkind, payload, key = _classify(word)
    if wkind == _W_UNKNOWN and "." in key:
        parts = [(p.start(), p.end(), _classify(p.group())) for p in _WORD_PART.finditer(word)]
        if all(c[0] != _W_UNKNOWN for _, _, c in parts):
            return [(_WORD, start + s, start + e, c[0], c[1], c[2]) for s, e, c in parts]
    return [(_WORD, start, start + len(word), wkind, payload, key)]


def _next(tokens: list[_Token], i: int) -> int:
    """Index of the first token at or after ``i`` that is not white space."""
    n = len(tokens)
    while i < n and tokens[i][0] == _SPACE:
        i += 1
    return i


def _scales_next_number(tokens: list[_Token], i: int, lexicon: _Lexicon) -> bool:
    """Whether the scale word at ``i`` stands right before a number, or a currency and one."""
    j = _next(tokens, i + 1)
    if j < len(tokens) and tokens[j][0] == _WORD and tokens[j][4] in lexicon.prefix_units:
        j = _next(tokens, j + 1)
    return j < len(tokens) and tokens[j][0] == _NUM


def _marker_end(tokens: list[_Token], i: int, lexicon: _Lexicon) -> int:
    """The index after a multi-word note marker starting at ``i``, else 0."""
    token = tokens[i]
    candidates = lexicon.markers.get(token[5].split(".")[0])
    if not candidates:
        return 0
    for marker in candidates:
        parts: list[str] = []
        j = i
        while len(parts) < len(marker) and j < len(tokens) and tokens[j][0] == _WORD:
            parts.extend(tokens[j][5].split("."))
            j = _next(tokens, j + 1)
        if tuple(parts) == marker:
            return j
    return 0


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _chunk(chunk: str) -> tuple[str, str | None] | None:
    """Integer and fraction digits of a space-free numeral, or None when it is none."""
    if chunk.isdigit():
        return chunk, None
    dots, commas = chunk.count("."), chunk.count(",")
    if dots and commas:
        # The later separator is the decimal one: "1.234,5" and "1,234.5".
        dec, thousands = (".", ",") if chunk.rfind(".") > chunk.rfind(",") else (",", ".")
        if chunk.count(dec) != 1:
            return None
        whole, frac = chunk.split(dec)
        groups = whole.split(thousands)
        return ("".join(groups), frac) if _grouped(groups) else None
    sep = "." if dots else ","
    if dots + commas == 1:
        # One separator is a decimal one, "1,234" included: the Latvian convention.
        whole, frac = chunk.split(sep)
        return whole, frac
    groups = chunk.split(sep)
    return ("".join(groups), None) if _grouped(groups) else None


def _number(whole: str, frac: str | None) -> Number | None:
    if len(whole) > _MAX_DIGITS or (frac is not None and len(frac) > _MAX_DIGITS):
        return None
    return int(whole) if frac is None else Decimal(f"{whole}.{frac}")


def _split_run(
    text: str, start: int, end: int, *, join: bool
) -> list[tuple[Number, int, int, bool]] | None:
    """The numbers of one digit run: (value, start, end, printed decimals) each.

    Space-separated groups join as thousands when the first has 1–3 digits and
    no leading zero and each next has exactly 3; otherwise each is a number.
    """
    run = text[start:end]
    if run.isdigit():
        value = _number(run, None)
        return None if value is None else [(value, start, end, False)]
    # (start, end, integer digits, fraction digits) of each space-separated piece;
    # str.split() splits on the no-break and thin spaces a run may hold too.
    chunks: list[tuple[int, int, str, str | None]] = []
    pos = start
    for piece in run.split():
        parsed = _chunk(piece)
        if parsed is None:
            return None
        chunks.append((pos, pos + len(piece), parsed[0], parsed[1]))
        pos += len(piece) + 1
    numbers: list[tuple[Number, int, int, bool]] = []
    i, n = 0, len(chunks)
    while i < n:
        c_start, c_end, whole, frac = chunks[i]
        i += 1
        if join and frac is None and len(whole) <= 3 and whole[0] != "0":
            # A piece continues the number when its integer part is 3 digits
            # ("1 234", "493 465,57"); a fraction ends it.
            while i < n and len(chunks[i][2]) == 3:
                _, c_end, more, frac = chunks[i]
                whole += more
                i += 1
                if frac is not None:
                    break
        value = _number(whole, frac)
        if value is None:
            return None
        numbers.append((value, c_start, c_end, frac is not None))
    return numbers


def _scaled(value: Number, factor: int) -> Number:
    if factor == 1:
        return value
    scaled = value * factor
    if isinstance(scaled, Decimal):
        return int(scaled) if scaled == scaled.to_integral_value() else scaled.normalize()
    return scaled


def parse_number(text: str) -> Number | None:
    """The one number ``text`` is, or None.

    >>> parse_number("1 279 538"), parse_number("1\\u00a0279\\u2009538"), parse_number("766060")
    (1279538, 1279538, 766060)
    >>> parse_number("49582,43"), parse_number("4323.20"), parse_number("1,234")
    (Decimal('49582.43'), Decimal('4323.20'), Decimal('1.234'))
    >>> parse_number("1.234.567"), parse_number("1 234,5"), parse_number("−12")
    (1234567, Decimal('1234.5'), -12)
    >>> parse_number("2018*"), parse_number("2018")
    (2018, 2018)
    >>> [parse_number(t) for t in ["-", "3 24", "12 EUR", "01.01.2022", "", "abc"]]
    [None, None, None, None, None, None]
    """
    s = text.strip()
    if s.isascii() and s.isdigit():
        return _number(s, None)
    m = _NUMBER_ONLY.fullmatch(s)
    if m is None or _DATE_ONLY.fullmatch(s):
        return None
    numbers = _split_run(s, m.start("run"), m.end("run"), join=True)
    if numbers is None or len(numbers) != 1:
        return None
    value = numbers[0][0]
    return -value if m.group("sign") in ("-", "\u2212", "\u2013") else value


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def unit_of(word: str) -> Unit | None:
    """The unit code one word names, in any case, inflection or abbreviation; else None.

    >>> [unit_of(w) for w in ["pers.", "personām", "ģimeņu", "ģim", "dienn.", "reizēm"]]
    ['person', 'person', 'family', 'family', 'day', 'time']
    >>> [unit_of(w) for w in ["€", "eiro", "Ls", "latos", "%", "tūkst.", "skaits", ""]]
    ['EUR', 'EUR', 'LVL', 'LVL', 'percent', None, None, None]
    """
    kind, payload, _ = _classify(word.strip())
    return Unit(payload) if kind == _W_UNIT else None


def is_placeholder(text: str) -> bool:
    """Whether a cell stands for "no value": empty, a dash, ``x``, ``nav``, ….

    >>> [is_placeholder(t) for t in ["", "  ", "-", "–", "x", "X", "…", "nav", "-*"]]
    [True, True, True, True, True, True, True, True, True]
    >>> [is_placeholder(t) for t in ["0", "5", "-5", "nav 5"]]
    [False, False, False, False]
    """
    if not text.isascii():
        text = text.translate(_DROP_INVISIBLE)
    s = text.strip().rstrip(_MARK_CHARS).strip()
    return not s or _phrase_key(s) in _lexicon().placeholders


def header_unit(text: str) -> tuple[Unit | None, int]:
    """The unit and scale a column or row header or a caption states for its values.

    Money and percent words count anywhere unless a number precedes them
    (``50% atlaide`` states no unit); any other unit only as the whole of a
    parenthesis (``(pers.)``): counting nouns in a label are not units.

    >>> header_unit("(EUR)"), header_unit("2021. gads, EUR"), header_unit("2015. (euro)")
    (('EUR', 1), ('EUR', 1), ('EUR', 1))
    >>> header_unit("Izlietotie finanšu līdzekļi, tūkst. EUR"), header_unit("milj. EUR")
    (('EUR', 1000), ('EUR', 1000000))
    >>> header_unit("(%)"), header_unit("latos"), header_unit("Ilgums (dienas)")
    (('percent', 1), ('LVL', 1), ('day', 1))
    >>> header_unit("Personu skaits"), header_unit("jūlijs"), header_unit("Pabalsts 50% atlaide")
    ((None, 1), (None, 1), (None, 1))
    """
    lexicon = _lexicon()
    tokens = _scan(text)
    unit: Unit | None = None
    scale = 0
    after_value = False
    for kind, _, _, wkind, payload, _ in tokens:
        if kind == _SPACE:
            continue
        if kind == _NUM:
            after_value = True
            continue
        if kind == _WORD and wkind == _W_SCALE:
            if not after_value and not scale:
                scale = payload
            continue
        if (
            kind == _WORD
            and wkind == _W_UNIT
            and payload in lexicon.header_units
            and not after_value
            and unit is None
        ):
            unit = payload
        after_value = False
    if unit is None:
        unit, group_scale = _paren_unit(tokens)
        scale = scale or group_scale
    return unit, scale or 1


def bare_unit(text: str) -> tuple[Unit, int] | None:
    """The unit and scale of a head or cell that names a unit and nothing more, else None.

    Such a head says how a column counts, not what (``EUR`` under ``2021``); such
    a cell, in a ``Mērvienība`` column, says the unit of its row.

    >>> [bare_unit(t) for t in ["EUR", "(tūkst. EUR)", "%", "Ls", "pers.", "milj. euro"]]
    [('EUR', 1), ('EUR', 1000), ('percent', 1), ('LVL', 1), ('person', 1), ('EUR', 1000000)]
    >>> [bare_unit(t) for t in ["Summa, EUR", "Personu skaits", "2021", "tūkst.", ""]]
    [None, None, None, None, None]
    """
    unit: Unit | None = None
    scale = 1
    for kind, _, _, wkind, payload, _ in _scan(text):
        if kind == _WORD:
            if wkind == _W_UNIT and unit is None:
                unit = payload
            elif wkind == _W_SCALE and scale == 1:
                scale = payload
            else:
                return None
        elif kind not in (_SPACE, _PUNCT, _OPEN, _CLOSE, _MARK):
            return None
    return None if unit is None else (unit, scale)


def is_unit_only(text: str) -> bool:
    """Whether a column head names a unit and nothing more: money, a share, or a
    unit in parentheses (``EUR``, ``tūkst. EUR``, ``%``, ``(pers.)``). A counting
    noun alone (``Personas``, ``Ģimenes``) names what the column counts.

    >>> is_unit_only("(EUR)"), is_unit_only("(pers.)"), is_unit_only("Personas")
    (True, True, False)
    """
    unit = bare_unit(text)
    if unit is None:
        return False
    return unit[0] in _lexicon().header_units or text.strip().startswith("(")


def _paren_unit(tokens: list[_Token]) -> tuple[Unit | None, int]:
    """The unit and scale of the first parenthesis that holds nothing else."""
    depth = 0
    unit: Unit | None = None
    scale = 0
    clean = False
    for kind, _, _, wkind, payload, _ in tokens:
        if kind == _OPEN:
            depth += 1
            if depth == 1:
                unit, scale, clean = None, 0, True
        elif kind == _CLOSE and depth:
            depth -= 1
            if depth == 0 and clean and unit is not None:
                return unit, scale or 1
        elif depth and kind != _SPACE:
            if kind == _WORD and wkind == _W_UNIT and unit is None:
                unit = payload
            elif kind == _WORD and wkind == _W_SCALE and not scale:
                scale = payload
            else:
                clean = False
    return None, 1


# ---------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------


def _signed(text: str, tokens: list[_Token], i: int) -> int | None:
    """Start of the sign bound to the number token ``i``, if one is."""
    if i == 0:
        return None
    kind, start, end, *_ = tokens[i - 1]
    if kind == _SPACE and i >= 2:
        # "- 0,67", "+ 7,8": a change printed with its sign set apart, opening the cell.
        kind, start, _, *_ = tokens[i - 2]
        opens = all(t[0] == _SPACE for t in tokens[: i - 2])
        return start if kind == _PUNCT and text[start] in _SIGNS and opens else None
    if kind != _PUNCT or end != tokens[i][1] or text[start] not in _SIGNS:
        return None
    j = i - 2
    while j >= 0 and tokens[j][0] == _SPACE:
        j -= 1
    if j < 0:
        return start
    kind, start_before, _, wkind, payload, _ = tokens[j]
    if (
        kind == _OPEN
        or (kind == _PUNCT and text[start_before] in _SIGN_AFTER)
        # A currency before the number is part of it: "EUR -500".
        or (kind == _WORD and wkind == _W_UNIT and payload in _lexicon().prefix_units)
    ):
        return start
    return None


# A step's answer once the cell turns out to be text; no index is negative.
_TEXT = -1


@dataclass(slots=True)
class _CellScan:
    """One walk over the tokens of a cell: what has been read, and what binds to the next number.

    Each step takes the token at an index and returns the index to go on at, or
    ``_TEXT`` when the cell holds something that is not a value.
    """

    text: str
    tokens: list[_Token]
    join: bool
    lexicon: _Lexicon
    out: list[Quantity] = field(default_factory=list)
    depth: int = 0
    # The parenthesis depth a note marker opened at; the note runs to its close.
    note_depth: int = -1
    # A currency before the number ("EUR 5"): its unit and where it starts.
    prefix: tuple[Unit, int] | None = None
    content: bool = False
    # The last quantity ended with its unit: a qualifier may describe it.
    after_unit: bool = False
    # A scale word before the number ("tūkst. EUR 5") scales the next one.
    scale_before: int = 1
    scale_start: int = 0

    def close(self) -> None:
        self.depth = max(self.depth - 1, 0)
        if self.depth < self.note_depth:
            self.note_depth = -1

    def word(self, i: int) -> int:
        _, start, _, wkind, payload, _ = self.tokens[i]
        free = self.depth > 0 or self.note_depth >= 0
        if wkind != _W_BLANK:
            self.content = True
        if wkind == _W_QUALIFIER and self.after_unit and self.note_depth < 0:
            self.note_depth = self.depth
            return i + 1
        self.after_unit = False
        marker_end = _marker_end(self.tokens, i, self.lexicon)
        if marker_end or wkind == _W_NOTE:
            if self.note_depth < 0:
                self.note_depth = self.depth
            return marker_end or i + 1
        if wkind == _W_UNIT:
            if payload in self.lexicon.prefix_units and self._currency_of_number(i):
                self.prefix = (payload, start)
            return i + 1
        if wkind == _W_SCALE and not free:
            scales = _scales_next_number(self.tokens, i, self.lexicon)
            self.scale_before = payload if scales else 1
            self.scale_start = start
            return i + 1
        if wkind in (_W_SCALE, _W_FILLER, _W_BLANK) or free:
            return i + 1
        return _TEXT  # an unknown word or a date word outside a note

    def _currency_of_number(self, i: int) -> bool:
        """Whether a number, perhaps signed ("EUR -500"), follows the word at ``i``."""
        tokens = self.tokens
        n = len(tokens)
        j = _next(tokens, i + 1)
        if j < n and tokens[j][0] == _PUNCT and j + 1 < n and self.text[tokens[j][1]] in _SIGNS:
            j += 1
        return j < n and tokens[j][0] == _NUM

    def number(self, i: int) -> int:
        text, tokens = self.text, self.tokens
        n = len(tokens)
        start, end = tokens[i][1], tokens[i][2]
        self.content = True
        numbers = _split_run(text, start, end, join=self.join)
        if numbers is None:
            if not (self.depth > 0 or self.note_depth >= 0):
                return _TEXT
            self.prefix = None
            return i + 1
        j = i + 1
        last_end = end
        if j < n and tokens[j][0] == _MARK and tokens[j][1] == end:
            last_end = tokens[j][2]
            j += 1
        k = _next(tokens, j)
        # Only a bare digit run takes an ordinal dot; "3 240." and "4,5." end a sentence.
        ordinal = (
            text[start:end].isdigit()
            and k < n
            and tokens[k][0] == _PUNCT
            and tokens[k][1] == last_end
            and text[tokens[k][1]] == "."
        )
        after = _next(tokens, k + 1) if ordinal else k
        dated = after < n and tokens[after][0] == _WORD and tokens[after][3] == _W_DATE
        if ordinal or dated:
            # "2022. gads", "1. jūlijs", "1." (a row number): a date or an ordinal.
            if not (self.depth > 0 or self.note_depth >= 0):
                return _TEXT
            self.prefix = None
            return after
        return self._quantities(i, numbers, j, k, last_end)

    def _opens_next_line(self, after: int, k: int) -> bool:
        """Whether the currency at token ``k`` starts a new line before a number of its
        own ("258\nEUR 48017.25"): it is that number's, not the one above's."""
        unit = self.tokens[k][4]
        if (
            unit not in self.lexicon.prefix_units
            or "\n" not in self.text[after : self.tokens[k][1]]
        ):
            return False
        following = _next(self.tokens, k + 1)
        return following < len(self.tokens) and self.tokens[following][0] == _NUM

    def _quantities(
        self, i: int, numbers: list[tuple[Number, int, int, bool]], j: int, k: int, last_end: int
    ) -> int:
        """Appends the numbers of the run at ``i`` with the scale and unit after it, from ``k``.

        ``j`` is where the walk goes on when no scale or unit word follows,
        ``last_end`` where the run's footnote marks end.
        """
        text, tokens = self.text, self.tokens
        n = len(tokens)
        factor, unit = self.scale_before, None
        scaled_from = self.scale_start if self.scale_before != 1 else None
        self.scale_before = 1
        if k < n and tokens[k][0] == _WORD and tokens[k][3] == _W_SCALE:
            factor, last_end = tokens[k][4], tokens[k][2]
            j = k + 1
            k = _next(tokens, j)
        if (
            k < n
            and tokens[k][0] == _WORD
            and tokens[k][3] == _W_UNIT
            and not self._opens_next_line(last_end, k)
        ):
            unit, last_end = tokens[k][4], tokens[k][2]
            j = k + 1
        sign_start = _signed(text, tokens, i)
        prefix = self.prefix
        last = len(numbers) - 1
        for index, (number, n_start, n_end, _) in enumerate(numbers):
            value, q_unit, q_start, q_end = number, None, n_start, n_end
            if index == last:
                value = _scaled(value, factor)
                q_unit, q_end = unit, last_end
            if index == 0:
                if sign_start is not None:
                    value = value if text[sign_start] == "+" else -value
                    q_start = sign_start
                if prefix is not None and q_unit is None:
                    q_unit, q_start = prefix
                if scaled_from is not None and index == last:
                    q_start = min(q_start, scaled_from)
            self.out.append(Quantity(value, q_unit, text[q_start:q_end], q_start, q_end))
        self.prefix = None
        self.after_unit = unit is not None
        return j


def _read_cell(text: str, *, join: bool) -> list[Quantity] | None:
    """The numbers of a cell, token by token; None when it is text."""
    scan = _CellScan(text, _scan(text), join, _lexicon())
    tokens = scan.tokens
    n = len(tokens)
    i = 0
    while i < n:
        kind = tokens[i][0]
        if kind in (_SPACE, _MARK, _PUNCT):
            i += 1
        elif kind == _WORD:
            i = scan.word(i)
            if i == _TEXT:
                return None
        elif kind == _NUM:
            i = scan.number(i)
            if i == _TEXT:
                return None
        elif kind == _OPEN:
            scan.depth += 1
            i += 1
        elif kind == _CLOSE:
            scan.close()
            i += 1
        else:  # a date or a character of no other kind: only a note may hold one
            if not (scan.depth > 0 or scan.note_depth >= 0):
                return None
            scan.content = True
            i += 1
    if not scan.out and scan.content:
        return None
    return scan.out


def parse_cell(text: str, *, expected_parts: int | None = None) -> list[Quantity] | None:
    """All numbers of one table cell in reading order, each with the unit the cell states.

    ``[]`` for a placeholder or empty cell; None when the cell holds something
    that is not a value (a date, a label, free text). ``expected_parts`` (how
    many quantities the row label names) only breaks a tie: ``3 240`` is 3240
    unless two parts are expected.

    >>> [(q.value, q.unit) for q in parse_cell("121ģim/173pers")]
    [(121, 'family'), (173, 'person')]
    >>> [(q.value, q.unit) for q in parse_cell("8613/49582,43")]
    [(8613, None), (Decimal('49582.43'), None)]
    >>> [(q.value, q.unit) for q in parse_cell("23 4 dienas")]
    [(23, None), (4, 'day')]
    >>> [q.value for q in parse_cell("3 240")]
    [3240]
    >>> [q.value for q in parse_cell("3 240", expected_parts=2)]
    [3, 240]
    >>> [(q.value, q.unit, q.text) for q in parse_cell("EUR 493 465,57")]
    [(Decimal('493465.57'), 'EUR', 'EUR 493 465,57')]
    >>> parse_cell("-"), parse_cell("01.01.2022."), parse_cell("skatīt pielikumu")
    ([], None, None)

    A placeholder part of a compound cell keeps its place, with no value:

    >>> [(q.value, q.unit) for q in parse_cell("-/8 pers.")]
    [(None, None), (8, 'person')]
    """
    s = text.strip()
    lead = len(text) - len(text.lstrip())
    if s.isascii() and s.isdigit():
        quantity = _plain_integer(s, lead)
        return None if quantity is None else [quantity]
    fraction = _BARE_FRACTION.fullmatch(s)
    if fraction is not None:
        return _fraction_cell(fraction, s, lead)
    if "/" in s:
        parts = _placeholder_parts(text)
        if parts is not None:
            return parts
    number = _NUMBER_ONLY.fullmatch(s)
    if number is not None and "." in s and _DATE_ONLY.fullmatch(s):
        number = None
    if _DECIMAL_THEN_STOP.fullmatch(s):
        return _decimal_then_stop(text, s, lead)
    # Placeholders hold no digit (the data file is checked for it at load), so a
    # cell with one skips the normalising lookup.
    if (
        number is None
        and (not _DIGIT.search(s) or _lexicon().digit_placeholders)
        and is_placeholder(text)
    ):
        return []
    quantities = _read_quantities(text, number, lead, join=True)
    if quantities is not None and expected_parts is not None and len(quantities) < expected_parts:
        split = _read_quantities(text, number, lead, join=False)
        if split is not None and len(split) == expected_parts:
            return split
    return quantities


def _decimal_then_stop(text: str, s: str, lead: int) -> list[Quantity] | None:
    """ "22.4." in a cell: a decimal and a full stop. A date without its year is
    written with two-digit months in a table ("22.04."), and "1.1." is a row number."""
    return _read_quantities(
        text[: lead + len(s) - 1], _NUMBER_ONLY.fullmatch(s[:-1]), lead, join=True
    )


def _read_quantities(text: str, number: Any, lead: int, *, join: bool) -> list[Quantity] | None:
    """The numbers of a cell that is no placeholder; ``number`` matched it as one digit run,
    if it is one."""
    if number is not None:
        return _number_cell(text, number, lead, join=join)
    return _read_cell(text, join=join)


def _fraction_cell(fraction: Any, s: str, lead: int) -> list[Quantity] | None:
    """The one number of a cell that is a fraction printed without its zero (``,5``)."""
    value = _number("0", fraction["digits"])
    if value is None:
        return None
    return [Quantity(-value if fraction["sign"] else value, None, s, lead, lead + len(s))]


def _placeholder_parts(text: str) -> list[Quantity] | None:
    """A compound cell with a placeholder part (``-/8``, ``12/x``), each part in its place.

    None unless some parts but not all are placeholders and every other part
    is one number.
    """
    pieces = text.split("/")
    if not 1 < len(pieces) <= _MAX_PARTS:
        return None
    blank = [is_placeholder(piece) for piece in pieces]
    if all(blank) or not any(blank):
        return None
    out: list[Quantity] = []
    offset = 0
    for piece, is_blank in zip(pieces, blank, strict=True):
        lead = offset + len(piece) - len(piece.lstrip())
        if is_blank:
            shown = piece.strip()
            out.append(Quantity(None, None, shown, lead, lead + len(shown)))
        else:
            read = parse_cell(piece)
            if read is None or len(read) != 1:
                return None
            q = read[0]
            out.append(Quantity(q.value, q.unit, q.text, offset + q.start, offset + q.end))
        offset += len(piece) + 1
    return out


@functools.lru_cache(maxsize=4096)
def _plain_integer(digits: str, start: int) -> Quantity | None:
    # Most cells are small integers that repeat; a Quantity is immutable, so one serves all.
    value = _number(digits, None)
    return None if value is None else Quantity(value, None, digits, start, start + len(digits))


def _number_cell(text: str, number: Any, lead: int, *, join: bool) -> list[Quantity] | None:
    """The numbers of a cell that is one digit run, with a sign and footnote marks at most."""
    numbers = _split_run(text, lead + number.start("run"), lead + number.end("run"), join=join)
    if numbers is None:
        return _read_cell(text, join=join)
    sign: str = number.group("sign")
    out: list[Quantity] = []
    last = len(numbers) - 1
    for index, (value, n_start, n_end, _) in enumerate(numbers):
        q_value, q_start, q_end = value, n_start, n_end
        if index == 0 and sign:
            q_value, q_start = (value if sign == "+" else -value), lead
        if index == last:
            q_end = lead + number.end()
        out.append(Quantity(q_value, None, text[q_start:q_end], q_start, q_end))
    return out


#: A number and one noun that is no unit: "10 pakas", "15 gultasvietas", "120 km*".
_COUNTED_NOUN = regex.compile(
    r"([-+]?\d[\d\s\u00a0.,]*?)\s*([^\W\d_]{2,}\.?)\s*\**"
    # Words after the noun that say which are counted ("1 paka katrai personai").
    r"(?:\s+[^\W\d_][^\W\d]*\.?){0,8}\s*"
)


def counted_noun(text: str) -> tuple[Number, str] | None:
    """The number and the noun of a cell that counts something no unit code names.

    A cell the value grammar reads (``32 reizes``) never gets here.

    >>> counted_noun("10 pakas"), counted_noun("120 km*"), counted_noun("1 paka katram bērnam")
    ((10, 'pakas'), (120, 'km'), (1, 'paka'))
    >>> counted_noun("1 paka bērnam no 7 līdz 24 mēnešiem"), counted_noun("Nr. 47")
    (None, None)
    """
    match = _COUNTED_NOUN.fullmatch(text)
    if match is None:
        return None
    value = parse_number(match.group(1).strip())
    return None if value is None else (value, match.group(2))
