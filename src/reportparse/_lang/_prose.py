"""The words of running text (``_data/lv_prose.toml``), loaded once and keyed for lookup."""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["ProseWords", "key", "words"]


@functools.lru_cache(maxsize=16384)
def key(word: str) -> str:
    """A word as the lexicon stores it: NFC, case-folded, without a final dot.

    >>> key("Tālr."), key("ŅEMOT")
    ('tālr', 'ņemot')
    """
    return unicodedata.normalize("NFC", word.casefold()).strip().rstrip(".")


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(key(w) for w in text.split())


@dataclass(frozen=True, slots=True)
class ProseWords:
    """Word lists of ``lv_prose.toml``; phrases are tuples of keys."""

    abbreviations: frozenset[str]
    #: Phone cue phrases by their first word.
    phone_cues: dict[str, tuple[tuple[str, ...], ...]]
    phone_joiners: frozenset[str]
    phone_shape: str
    identifier_cues: frozenset[str]
    address_cues: frozenset[str]
    page_cues: frozenset[str]
    section_cues: frozenset[str]
    stop_words: frozenset[str]
    counted_heads: tuple[str, ...]
    max_head_ending: int
    attributive: frozenset[tuple[str, str]]
    max_modifiers: int
    count_words: frozenset[str]
    #: Counts written as words, by their key: "divas" -> 2.
    number_words: dict[str, int]
    #: A status line's word -> the basis of the facts under it ("paveikts" -> "actual").
    status_basis: dict[str, str]
    #: Words that name a goal, and the word before the year it is to be reached by.
    target_words: frozenset[str]
    target_until: frozenset[str]
    range_words: frozenset[str]
    post_modifiers: frozenset[str]
    oblique_endings: tuple[str, ...]
    measure_heads: tuple[str, ...]
    linking: frozenset[str]
    #: Comparison cue phrases by their first word.
    comparison: dict[str, tuple[tuple[str, ...], ...]]
    max_label_words: int
    sentence_words: frozenset[str]
    table_headers: frozenset[tuple[str, str]]
    text_label_words: frozenset[str]
    date_fillers: frozenset[str]
    publication_labels: frozenset[tuple[str, ...]]
    period_label_words: frozenset[str]
    publisher_labels: frozenset[tuple[str, ...]]
    organisation_heads: frozenset[str]
    #: ``attributive`` by its first word: the stems that may follow it.
    attributive_after: dict[str, tuple[str, ...]]
    #: Every cue of ``not_facts``: the words worth a closer look.
    not_fact_cues: frozenset[str]
    #: ``counted_heads`` as a set.
    counted_stems: frozenset[str]

    def is_counted_head(self, word: str) -> bool:
        k = key(word)
        # A word's stems are its first letters: a few lookups instead of a scan of the list.
        stems = self.counted_stems
        return any(k[:n] in stems for n in range(max(0, len(k) - self.max_head_ending), len(k) + 1))

    def is_measure_head(self, word: str) -> bool:
        return key(word).startswith(self.measure_heads)


def _by_first(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        out.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(sorted(p, key=len, reverse=True)) for first, p in out.items()}


def _keys(values: Any) -> frozenset[str]:
    return frozenset(key(v) for v in values)


def _basis_and_counts(data: dict[str, Any]) -> dict[str, Any]:
    """The ``[basis]`` and ``[number_words]`` tables, as ``ProseWords`` fields."""
    basis = data["basis"]
    return {
        "status_basis": {key(w): b for w, b in basis["status"].items()},
        "target_words": _keys(basis["target_words"]),
        "target_until": _keys(basis["target_until"]),
        "number_words": {
            key(form): int(value) for value, forms in data["number_words"].items() for form in forms
        },
    }


@functools.cache
def words() -> ProseWords:
    """The lexicon, read from the package data on first use."""
    text = (resources.files("reportparse._lang") / "_data" / "lv_prose.toml").read_text("utf-8")
    data = tomllib.loads(text)
    sentences, not_facts = data["sentences"], data["not_facts"]
    counting, fields, publisher = data["counting"], data["fields"], data["publisher"]
    attributive: set[tuple[str, str]] = set()
    for pair in counting["attributive"]:
        first, _, rest = key(pair).partition(" ")
        attributive.add((first, rest))
    after: dict[str, list[str]] = {}
    for first, rest in sorted(attributive):
        after.setdefault(first, []).append(rest)
    phone_cues = _by_first(_phrase(p) for p in not_facts["phone_cues"])
    identifier_cues = _keys(not_facts["identifier_cues"])
    address_cues = _keys(not_facts["address_cues"])
    page_cues = _keys(not_facts["page_cues"])
    section_cues = _keys(not_facts["section_cues"])
    counted_heads = tuple(key(s) for s in counting["counted_heads"])
    return ProseWords(
        abbreviations=_keys(sentences["abbreviations"]),
        phone_cues=phone_cues,
        phone_joiners=_keys(not_facts["phone_joiners"]),
        phone_shape=str(not_facts["phone_shape"]),
        identifier_cues=identifier_cues,
        address_cues=address_cues,
        page_cues=page_cues,
        section_cues=section_cues,
        stop_words=_keys(counting["stop_words"]),
        counted_heads=counted_heads,
        max_head_ending=int(counting["max_head_ending"]),
        attributive=frozenset(attributive),
        max_modifiers=int(counting["max_modifiers"]),
        count_words=_keys(counting["count_words"]),
        **_basis_and_counts(data),
        range_words=_keys(counting["range_words"]),
        post_modifiers=_keys(counting["post_modifiers"]),
        oblique_endings=tuple(key(e) for e in counting["oblique_endings"]),
        measure_heads=tuple(key(s) for s in counting["measure_heads"]),
        linking=_keys(counting["linking"]),
        comparison=_by_first(_phrase(p) for p in data["periods"]["comparison"]),
        max_label_words=int(fields["max_label_words"]),
        sentence_words=_keys(fields["sentence_words"]),
        table_headers=frozenset((key(a), key(b)) for a, b in fields["table_headers"]),
        text_label_words=_keys(fields["text_label_words"]),
        date_fillers=_keys(fields["date_fillers"]),
        publication_labels=frozenset(_phrase(p) for p in fields["publication_labels"]),
        period_label_words=_keys(fields["period_label_words"]),
        publisher_labels=frozenset(_phrase(p) for p in publisher["labels"]),
        organisation_heads=_keys(publisher["organisation_heads"]),
        attributive_after={first: tuple(rests) for first, rests in after.items()},
        not_fact_cues=frozenset(phone_cues).union(
            identifier_cues, address_cues, page_cues, section_cues
        ),
        counted_stems=frozenset(counted_heads),
    )
