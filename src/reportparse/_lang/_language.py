"""Whether running text is Latvian, by its function words (``lv_language.toml``)."""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources

import regex

from reportparse._lang._prose import key

__all__ = ["is_latvian"]

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:\.[\p{L}\p{M}]+)*")
# Enough words to tell a language; a whole 96-page report need not be read.
_SAMPLE = 50_000


@dataclass(frozen=True, slots=True)
class _Words:
    latvian: frozenset[str]
    other: frozenset[str]
    letters: frozenset[str]
    min_letter_share: float


@functools.cache
def _words() -> _Words:
    text = (resources.files("reportparse._lang") / "_data" / "lv_language.toml").read_text("utf-8")
    data = tomllib.loads(text)["language"]
    return _Words(
        latvian=frozenset(map(key, data["latvian_words"])),
        other=frozenset(map(key, data["other_words"])),
        letters=frozenset(data["letters"]),
        min_letter_share=float(data["min_letter_share"]),
    )


def is_latvian(text: str) -> bool:
    """True when ``text`` reads as Latvian: more Latvian function words than
    others, or, with none of either, many words with Latvian letters.

    >>> is_latvian("Pakalpojumu saņēma 120 personas, un 40 no tām ir bērni.")
    True
    >>> is_latvian("Run the tests with pytest, and the example with 2 commands.")
    False
    >>> is_latvian("Klienti: 25 pers.; ģimenes: 12")
    True
    >>> is_latvian("")
    False
    """
    table = _words()
    latvian = other = lettered = total = 0
    for match in _WORD.finditer(unicodedata.normalize("NFC", text[:_SAMPLE]).casefold()):
        word = match.group()
        total += 1
        latvian += word in table.latvian
        other += word in table.other
        lettered += not table.letters.isdisjoint(word)
    if latvian or other:
        return latvian > other
    return total > 0 and lettered / total >= table.min_letter_share
