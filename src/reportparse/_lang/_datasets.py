"""The words of an open-data portal's data-set page: its field labels and column dictionary."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

import regex

from reportparse._codes import Unit
from reportparse._lang._values import unit_of

__all__ = ["DictionaryEntry", "column_dictionary", "portal_fields"]

# "PP gads – pārskata gads, …." with a dash of any kind, the full stop glued to
# the next name as the portal prints it (".PP mēnesis-").
_ENTRY = regex.compile(
    r"(?P<name>[\p{Lu}][^–—\-.]{1,120}?)\s*[–—-]\s*(?P<description>[^.]+?(?:\.(?=\d)[^.]*)*)(?:\.|$)"
)


@dataclass(frozen=True, slots=True)
class DictionaryEntry:
    """One column of a data set as its page describes it."""

    name: str
    description: str
    unit: Unit | None


@dataclass(frozen=True, slots=True)
class _Words:
    field_table_heads: tuple[str, ...]
    field_labels: regex.Pattern[str]
    min_columns: int
    count_words: frozenset[str]


@functools.cache
def _words() -> _Words:
    text = (resources.files("reportparse._lang") / "_data" / "lv_datasets.toml").read_text("utf-8")
    data = tomllib.loads(text)
    labels = sorted(data["field_labels"], key=len, reverse=True)
    return _Words(
        field_table_heads=tuple(data["field_table_heads"]),
        field_labels=regex.compile("|".join(map(regex.escape, labels)), regex.IGNORECASE),
        min_columns=int(data["min_columns"]),
        count_words=frozenset(data["count_words"]),
    )


def portal_fields(text: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a portal's table of fields copied as one line,
    or None when the text is no such table.

    >>> portal_fields("Lauks Vērtība Valoda Latviešu Datu izdošanas datums 2020-09-14")
    [('Valoda', 'Latviešu'), ('Datu izdošanas datums', '2020-09-14')]
    """
    words = _words()
    folded = text.casefold()
    head = next((h for h in words.field_table_heads if folded.startswith(h)), None)
    if head is None:
        return None
    body = text[len(head) :]
    found = list(words.field_labels.finditer(body))
    pairs = []
    for k, match in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(body)
        value = body[match.end() : end].strip()
        if value:
            pairs.append((match.group(), value))
    return pairs or None


def column_dictionary(text: str) -> list[DictionaryEntry]:
    """The columns a data set's page describes (``PP gads – pārskata gads, …``), if the
    text is a dictionary of several; the unit where a description counts something.

    >>> [e.name for e in column_dictionary(
    ...     "PP gads – pārskata gads.PP mēnesis- pārskata mēnesis.Atelpas brīža "
    ...     "pakalpojumi – personu, kurām šis pakalpojums norādīts, skaits.")]
    ['PP gads', 'PP mēnesis', 'Atelpas brīža pakalpojumi']
    >>> entries = column_dictionary("Atelpas – personu, kurām, skaits. A – b. C – d.")
    >>> entries[0].unit
    'person'
    """
    entries = [
        DictionaryEntry(m["name"].strip(), m["description"].strip(), _unit(m["description"]))
        for m in _ENTRY.finditer(text)
    ]
    return entries if len(entries) >= _words().min_columns else []


def _unit(description: str) -> Unit | None:
    """``personu, kurām …, skaits``: the count of what its first word names."""
    words = description.replace(",", " ").split()
    if not words or words[-1].casefold() not in _words().count_words:
        return None
    return unit_of(words[0])
