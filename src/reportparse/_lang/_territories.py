"""Territories by name, in any case form, with their ATVK codes (``_data/lv_territories_*.csv``).

Two versions of the classifier are kept: the one in force since the 2021
reform and the one before it (2009-2021), which older reports name
(``Salaspils novads``, ``Jēkabpils`` as a republic city). A name is looked
up in the version of the report's year first, then in the other; the code
is always the one of the version it was found in.
"""

from __future__ import annotations

import csv
import functools
import io
import tomllib
from dataclasses import dataclass
from importlib import resources

import regex

__all__ = [
    "CLASSIFIERS",
    "Place",
    "classifier_order",
    "find_territory",
    "in_force",
    "place_by_code",
]

#: The classifier versions, newest first: (version, first year in force).
CLASSIFIERS: tuple[tuple[str, int], ...] = (("2021", 2021), ("2009", 2009))

_WORD = regex.compile(r"\p{L}+")


@dataclass(frozen=True, slots=True)
class Place:
    """One territory of the classifier: its code, name as printed, level and version."""

    code: str
    name: str
    level: str
    classifier: str


@dataclass(frozen=True, slots=True)
class _Index:
    #: Form (words folded, joined by spaces) → places by version.
    forms: dict[str, dict[str, Place]]
    by_code: dict[tuple[str, str], Place]
    longest: int
    city_words: frozenset[str]


def _fold(text: str) -> str:
    return text.casefold()


def _read(version: str) -> list[Place]:
    name = f"lv_territories_{version}.csv"
    data = (resources.files("reportparse._lang") / "_data" / name).read_text("utf-8")
    return [
        Place(row["code"], row["name"], row["level"], version)
        for row in csv.DictReader(io.StringIO(data))
    ]


def _forms(name: str, rules: dict[str, object]) -> set[str]:
    """Every case form of a place's name, folded."""
    words = name.split()
    last_word: dict[str, list[str]] = rules["last_word"]  # type: ignore[assignment]
    if len(words) >= 2 and words[-1] in last_word:
        head = " ".join(words[:-1])
        return {_fold(f"{head} {form}") for form in last_word[words[-1]]}
    if len(words) != 1:
        return {_fold(name)}
    endings: dict[str, list[str]] = rules["city_endings"]  # type: ignore[assignment]
    for ending in sorted(endings, key=len, reverse=True):
        if name.endswith(ending):
            stem = name[: len(name) - len(ending)]
            return {_fold(stem + form) for form in endings[ending]}
    return {_fold(name)}


@functools.cache
def _index() -> _Index:
    text = (resources.files("reportparse._lang") / "_data" / "lv_territory_forms.toml").read_text(
        "utf-8"
    )
    rules = tomllib.loads(text)
    forms: dict[str, dict[str, Place]] = {}
    by_code: dict[tuple[str, str], Place] = {}
    for version, _ in CLASSIFIERS:
        for place in _read(version):
            by_code[(version, place.code)] = place
            for form in _forms(place.name, rules):
                # A city and a parish may share a name; the higher level is named first.
                forms.setdefault(form, {}).setdefault(version, place)
    longest = max(len(form.split()) for form in forms)
    city_words = frozenset(_fold(w) for w in rules["city_words"]["words"])
    return _Index(forms, by_code, longest, city_words)


def classifier_order(year: int | None) -> list[str]:
    """The classifier versions to look a territory up in: the one in force in
    ``year`` first (the newest without a year, the oldest before it), then the others.

    >>> classifier_order(2015), classifier_order(2023), classifier_order(None)
    (['2009', '2021'], ['2021', '2009'], ['2021', '2009'])
    """
    order = [v for v, since in CLASSIFIERS if year is None or year >= since] or [CLASSIFIERS[-1][0]]
    return order + [v for v, _ in CLASSIFIERS if v not in order]


def in_force(version: str, year: int) -> bool:
    """Whether a classifier version was in force during some of ``year``; in
    the year of a reform both were (the 2021 one from 1 July).

    >>> in_force("2009", 2021), in_force("2021", 2021), in_force("2021", 2017)
    (True, True, False)
    """
    since = dict(CLASSIFIERS)
    later = [s for s in since.values() if s > since[version]]
    return since[version] <= year <= min(later, default=year)


def place_by_code(code: str, classifier: str) -> Place | None:
    """The place a code names in a classifier version, if it names one."""
    return _index().by_code.get((classifier, code))


def find_territory(text: str, *, year: int | None = None) -> Place | None:
    """The first territory a text names (``Krāslavas novada pašvaldība``, ``Rīgā``).

    A name starts with a capital (``Ape`` the town, not a word of the text);
    the classifier of ``year`` (the one in force then) is asked first.

    >>> find_territory("Krāslavas novada sociālais dienests", year=2023).code
    '0032000'
    >>> p = find_territory("Jēkabpils pilsētas pašvaldība", year=2015)
    >>> (p.name, p.level, p.classifier)
    ('Jēkabpils', 'state_city', '2009')
    >>> find_territory("Pabalsti Rīgā 2024. gadā").name, find_territory("Sociālais dienests")
    ('Rīga', None)
    """
    index = _index()
    order = classifier_order(year)
    printed = [m.group() for m in _WORD.finditer(text)]
    words = [_fold(w) for w in printed]
    for k in range(len(words)):
        if not printed[k][:1].isupper():
            continue  # a place's name is written with a capital
        for n in range(min(index.longest, len(words) - k), 0, -1):
            found = index.forms.get(" ".join(words[k : k + n]))
            if found is None:
                continue
            for version in order:
                if version in found:
                    return found[version]
    return None
