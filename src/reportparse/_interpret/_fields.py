"""Labelled fields from paragraphs and two-column tables, each with the typed value it holds.

Three layouts give a field:

- a ``Label: value`` line (``Projekta numurs: Nr.1.2.3.4./16/A/010``);
- a line that is only a label (``Projekta numurs:``) over its value: the next
  paragraph, the list items that follow, or, where the first paragraph is a
  sentence, every sentence paragraph up to the next label or heading;
- a two-column table of labels and values, with a header such as
  ``Lauks | Vērtība`` or none. Such a table is still a table, but its cells
  are fields, not observations (:func:`is_field_table`).

A label is a few words (``max_label_words`` in ``lv_prose.toml``) with no
digits and no verb the lexicon knows: ``Aktuālā informācija ir pieejama:``
opens a sentence, not a field.

The typed value: a date (``02.05.2022`` → ``2022-05-02``) or a date range
(``no 2019. gada 1. aprīļa līdz 2021. gada 30. jūnijam`` →
``2019-04-01/2021-06-30``) as the period grammar reads it; an amount with its
currency (``250 600,00 EUR``) or a number with its unit (``9 mēneši``) as
the value grammar reads a table cell; else text. A label that names a phone
number, code or address (``Tālrunis``) keeps its value as text.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

import regex

from reportparse._codes import MONEY_UNITS, Unit
from reportparse._interpret._facts import read_facts
from reportparse._lang._datasets import portal_fields
from reportparse._lang._labels import clean_label
from reportparse._lang._periods import parse_period
from reportparse._lang._prose import ProseWords, key, words
from reportparse._lang._values import counted_noun, parse_cell, unit_of
from reportparse._limits import check_time
from reportparse._model import Block, Document, Paragraph, Table
from reportparse._records._report import Field, FieldKind, ReportPeriod

__all__ = [
    "field_period",
    "find_fields",
    "is_field_table",
    "published_on",
    "table_fields",
    "typed_value",
]

_MONEY = MONEY_UNITS
_LINE = regex.compile(r"(?P<label>[^:\n]{1,100}?)\s*:\s+(?P<value>\S.*)", regex.DOTALL)
_LABEL_ONLY = regex.compile(r"(?P<label>[^:\n]{1,100}?)\s*:\s*")
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[.\-][\p{L}\p{M}]+)*\.?")
_DIGIT = regex.compile(r"[0-9]")
_COLON = regex.compile(r":\s+")
_CAPITAL_LABEL = regex.compile(r"\b[\p{Lu}/ ]{3,}:")
_SENTENCE_END = ".!?"
# A value names a web or mail address: text, whatever digits it holds.
_ADDRESS = regex.compile(r"@|https?://|www\.")
# A label in a two-column table is a short line of words.
_MAX_TABLE_LABEL_WORDS = 10
# A count's value names what it counts in a few words ("12 pašvaldības"); more is text.
_MAX_COUNTED_WORDS = 4
# A date, an amount or a number is a short value; a longer one is a description.
_MAX_TYPED_CHARS = 120


def find_fields(document: Document, *, skip: int | None = None) -> list[Field]:
    """Every field of the document in reading order; ``skip`` is the title's block index."""
    lexicon = words()
    blocks = document.blocks
    fields: list[Field] = []
    i = 0
    while i < len(blocks):
        check_time()
        block = blocks[i]
        i += 1
        if i - 1 == skip:
            continue
        if isinstance(block, Table):
            fields.extend(table_fields(block) or [])
            continue
        text = block.text.strip()
        label = _label_only(text, lexicon)
        if label is not None:
            value, i = _value_after(blocks, i, lexicon)
            if value:
                fields.append(_field(label, value))
            continue
        portal = portal_fields(text)
        if portal is not None:
            # A data-set page's "Lauks Vērtība" table, copied as one line.
            fields.extend(_field(label, value) for label, value in portal)
            continue
        lines = _label_lines(text, lexicon)
        fields.extend(_field(label, value) for label, value in lines)
    return fields


def _label_lines(text: str, lexicon: ProseWords) -> list[tuple[str, str]]:
    """The fields of a paragraph of ``Label: value`` lines.

    A plain-text reader joins lines that no blank line separates, so
    ``Projekta Nr.: 1.2.3.4/16/A/010 Projekta īstenošanas laiks: 01.04.2019.–…``
    is one paragraph; a new field starts at the longest run of capitalised
    label words before a colon (not a unit word: ``… 250 600,00 EUR ESF
    finansējums:``).
    """
    line = _label_line(text, lexicon)
    if line is None:
        return []
    label, rest = line
    out: list[tuple[str, str]] = []
    while True:
        split = _next_label(rest, lexicon)
        if split is None:
            out.append((label, clean_label(rest)))
            return out
        label_start, colon_end = split
        out.append((label, clean_label(rest[:label_start])))
        label = clean_label(rest[label_start:colon_end].rstrip(" :"))
        rest = rest[colon_end:].strip()


def _next_label(value: str, lexicon: ProseWords) -> tuple[int, int] | None:
    """(start of the next label, end of its colon) in ``value``, or None."""
    for colon in _COLON.finditer(value):
        before = value[: colon.start()]
        starts = [m.start() for m in _WORD.finditer(before) if m.group()[0].isupper()]
        for start in starts:
            label = before[start:]
            first = _WORD.match(label)
            if (
                start == 0
                or not before[:start].strip()
                or "," in label
                or (first is not None and unit_of(first.group()) is not None)
                or not _is_label(label, lexicon)
            ):
                continue
            if _label_line(value[start:], lexicon) is None:
                continue
            return start, colon.end()
    return None


def _label_only(text: str, lexicon: ProseWords) -> str | None:
    match = _LABEL_ONLY.fullmatch(text)
    # A line in capitals over what follows is a section's name ("DI PROGRAMMAS FINANSĒJUMS:").
    if match is None or match["label"].isupper() or not _is_label(match["label"], lexicon):
        return None
    return clean_label(match["label"])


def _label_line(text: str, lexicon: ProseWords) -> tuple[str, str] | None:
    match = _LINE.fullmatch(text)
    if match is None or not _is_label(match["label"], lexicon):
        return None
    value = match["value"].strip()
    # "FINANSĒJUMS: REZULTĀTI:", "PROJEKTU ĪSTENOŠANA: PROJEKTU ATLASE:": section
    # names side by side, as an infographic's columns come out of a PDF.
    if value.endswith(":") or (match["label"].isupper() and _CAPITAL_LABEL.search(value)):
        return None
    return clean_label(match["label"]), value


def _is_label(label: str, lexicon: ProseWords) -> bool:
    label = label.strip()
    if not label or not label[0].isalpha() or _DIGIT.search(label):
        return False
    body = label[:-1] if label.endswith(".") else label
    # Only an abbreviation's dot ("Tālr.") may stand inside a label.
    if any(ch in body for ch in "!?;") or not all(
        key(w) in lexicon.abbreviations for w in _WORD.findall(body) if "." in w
    ):
        return False
    found = _WORD.findall(label)
    if not 1 <= len(found) <= lexicon.max_label_words:
        return False
    return not any(key(w) in lexicon.sentence_words for w in found)


def _value_after(blocks: Sequence[Block], i: int, lexicon: ProseWords) -> tuple[str, int]:
    """The value under a label line, and the index of the block after it."""
    n = len(blocks)
    while i < n and not isinstance(blocks[i], Table) and not _text(blocks[i]):
        i += 1
    first = blocks[i] if i < n else None
    if (
        not isinstance(first, Paragraph)
        or _is_label_block(first, lexicon)
        or first.text.rstrip().endswith(":")
    ):
        return "", i
    if first.list_item:
        items: list[str] = []
        while i < n and _is_item(blocks[i]):
            items.append(clean_label(_text(blocks[i])))
            i += 1
        return "\n".join(items), i
    parts = [clean_label(first.text)]
    i += 1
    # A description runs over several paragraphs of sentences, up to the next label.
    while i < n and parts[-1][-1:] in _SENTENCE_END and _is_sentence(blocks[i], lexicon):
        parts.append(clean_label(_text(blocks[i])))
        i += 1
    return "\n".join(parts), i


def _text(block: Block) -> str:
    return "" if isinstance(block, Table) else block.text.strip()


def _is_item(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.list_item


def _is_sentence(block: Block, lexicon: ProseWords) -> bool:
    """A paragraph that goes on a description: sentences, not a label, not a list item."""
    return (
        isinstance(block, Paragraph)
        and not block.list_item
        and block.text.strip()[-1:] in _SENTENCE_END
        and not _is_label_block(block, lexicon)
    )


def _is_label_block(block: Block, lexicon: ProseWords) -> bool:
    text = _text(block)
    return bool(text) and (
        _label_only(text, lexicon) is not None or _label_line(text, lexicon) is not None
    )


def _field(label: str, value: str) -> Field:
    kind, typed, unit = typed_value(label, value)
    return Field(label=label, value=value, kind=kind, typed=typed, unit=unit)


# ---------------------------------------------------------------------------
# Two-column tables
# ---------------------------------------------------------------------------


def _rows(table: Table) -> list[tuple[str, str]]:
    return [
        (clean_label(row[0].text if row[0] else ""), clean_label(row[1].text if row[1] else ""))
        for row in table.grid()
    ]


def is_field_table(table: Table) -> bool:
    """Whether a table is a list of labels and their values rather than data.

    >>> is_field_table(Table.from_rows([["Lauks", "Vērtība"], ["Valoda", "Latviešu"]]))
    True
    >>> is_field_table(Table.from_rows([["Pabalsts", "Summa"], ["GMI", "40"], ["Mājokļa", "52"]]))
    False
    """
    return table_fields(table) is not None


def table_fields(table: Table) -> list[Field] | None:
    """The fields of a two-column label/value table, or None when it is not one."""
    if table.n_cols != 2 or table.n_rows < 2:
        return None
    lexicon = words()
    rows = _rows(table)
    head = (key(rows[0][0]), key(rows[0][1]))
    if head in lexicon.table_headers:
        rows = rows[1:]
        # "Rādītājs | Vērtība" over numbers is a form of figures: data, not fields.
        if _numeric_rows(rows) * 2 > len(rows):
            return None
    elif any(c.header for c in table.cells) or not _looks_like_fields(rows):
        return None
    fields: list[Field] = []
    for printed, value in rows:
        label = printed.rstrip(" :")
        if label and value:
            fields.append(_field(label, value))
    return fields


def _looks_like_fields(rows: list[tuple[str, str]]) -> bool:
    """Labels in the first column and values mostly not numbers: a field list, not data."""
    if any(
        not label or _DIGIT.search(label) or len(_WORD.findall(label)) > _MAX_TABLE_LABEL_WORDS
        for label, _ in rows
    ):
        return False
    return _numeric_rows(rows) * 2 < len(rows)


def _numeric_rows(rows: list[tuple[str, str]]) -> int:
    # A placeholder ("-", "nav") is a data cell as much as a number is, and so is
    # a count of something ("10 pakas").
    return sum(
        1 for _, value in rows if parse_cell(value) is not None or counted_noun(value) is not None
    )


# ---------------------------------------------------------------------------
# Typed values
# ---------------------------------------------------------------------------


Typed = tuple[FieldKind, str | int | Decimal | None, Unit | None]


def typed_value(label: str, value: str) -> Typed:
    """The kind of a field's value, the value typed, and its unit.

    >>> typed_value("Publicēts", "02.05.2022")
    ('date', '2022-05-02', None)
    >>> typed_value("Projekta periods", "no 2019. gada 1. aprīļa līdz 2021. gada 30. jūnijam")
    ('date_range', '2019-04-01/2021-06-30', None)
    >>> typed_value("Kopējās izmaksas", "250 600,00 EUR"), typed_value("Periods", "9 mēneši")
    (('money', Decimal('250600.00'), 'EUR'), ('number', 9, 'month'))
    >>> typed_value("Tālrunis", "67 000 000"), typed_value("Numurs", "Nr.1.2.3.4./16/A/010")
    (('text', None, None), ('text', None, None))
    >>> typed_value("Projekta partneri", "12 pašvaldības"), typed_value("Valoda", "Latviešu")
    (('number', 12, None), ('text', None, None))
    """
    lexicon = words()
    label_words = {key(w) for w in _WORD.findall(label)}
    if (
        len(value) > _MAX_TYPED_CHARS
        or label_words & lexicon.text_label_words
        or _ADDRESS.search(value)
    ):
        return "text", None, None
    quantities = [q for q in parse_cell(value) or () if q.value is not None]
    if quantities:
        first = quantities[0]
        return ("money" if first.unit in _MONEY else "number"), first.value, first.unit
    counted = _counted(value)
    if counted is not None:
        return counted
    period = _value_period(value, label_words, lexicon)
    if period is not None:
        start, end = period
        if start == end:
            return "date", start.isoformat(), None
        return "date_range", f"{start.isoformat()}/{end.isoformat()}", None
    return "text", None, None


def _counted(value: str) -> Typed | None:
    """A value that is one count of something the unit list does not name ("12 pašvaldības")."""
    if len(_WORD.findall(value)) > _MAX_COUNTED_WORDS:
        return None
    facts = read_facts(value)
    if len(facts) != 1 or facts[0].start != 0:
        return None
    fact = facts[0]
    return ("money" if fact.unit in _MONEY else "number"), fact.value, fact.unit


def _value_period(
    value: str, label_words: set[str], lexicon: ProseWords
) -> tuple[datetime.date, datetime.date] | None:
    text = value.strip().rstrip(".").strip()
    found = parse_period(text)
    if found is None:
        # "Projekta īstenošanas laiks līdz 2023. gada 31. decembrim": the label's
        # words and a deadline's "līdz" around one date.
        parts = text.split()
        while parts and (key(parts[0]) in label_words or key(parts[0]) in lexicon.date_fillers):
            parts.pop(0)
        if parts and len(parts) < len(text.split()):
            found = parse_period(" ".join(parts))
    return None if found is None else (found.start, found.end)


def published_on(fields: Sequence[Field]) -> datetime.date | None:
    """The date the page says it was published ("Publicēts: 02.05.2022"), if a field gives one."""
    labels = words().publication_labels
    for f in fields:
        if f.kind == "date" and isinstance(f.typed, str) and _phrase(f.label) in labels:
            return datetime.date.fromisoformat(f.typed)
    return None


def field_period(fields: Sequence[Field]) -> ReportPeriod | None:
    """A period a field states ("Projekta īstenošanas periods: no … līdz …"), if one does."""
    cues = words().period_label_words
    for f in fields:
        if f.kind == "date_range" and isinstance(f.typed, str) and set(_phrase(f.label)) & cues:
            start, _, end = f.typed.partition("/")
            return ReportPeriod(
                datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
            )
    return None


def _phrase(label: str) -> tuple[str, ...]:
    return tuple(key(w) for w in _WORD.findall(label))
