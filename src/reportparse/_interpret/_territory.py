"""The territory a text names, as the record users get (code, name, level, classifier)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import get_args

from reportparse._codes import WarningCode
from reportparse._lang._territories import Place, find_territory, in_force
from reportparse._records._report import ParseWarning, Territory, TerritoryLevel

__all__ = [
    "other_classifier_warnings",
    "territory_in_years",
    "territory_named",
    "territory_of",
]


def territory_named(text: str | None, *, year: int | None) -> Territory | None:
    """The first territory ``text`` names, in the classifier of ``year`` where it is one.

    >>> territory_named("Krāslavas novada sociālais dienests", year=2023)
    Territory(code='0032000', name='Krāslavas novads', level='municipality', classifier='2021')
    """
    if not text:
        return None
    place = find_territory(text, year=year)
    if place is None:
        return None
    return territory_of(place)


def territory_of(place: Place) -> Territory:
    """The record of a classifier entry; a level the record does not name is null."""
    level = place.level if place.level in get_args(TerritoryLevel) else None
    return Territory(place.code, place.name, level, place.classifier)  # type: ignore[arg-type]


def territory_in_years(
    territory: Territory | None, span: tuple[int, int] | None
) -> Territory | None:
    """The same territory in the classifier in force over ``span`` (before
    2009: the oldest held), where that one has it.

    A report that states no period is looked up in the newest classifier; its
    2012 column of Rīga figures is the 2009 classifier's Rīga.

    >>> riga = territory_named("Rīgas dome", year=None)
    >>> territory_in_years(riga, (2012, 2012)).code, territory_in_years(riga, (2023, 2023)).code
    ('0010000', '0001000')
    """
    if territory is None or territory.classifier is None or span is None:
        return territory
    years = range(span[0], span[1] + 1)
    if any(in_force(territory.classifier, y) for y in years):
        return territory
    place = find_territory(territory.name, year=span[0])
    if place is None or place.name != territory.name or place.classifier == territory.classifier:
        return territory
    return territory_of(place)


def other_classifier_warnings(
    dated: Iterable[tuple[Territory | None, tuple[int, int] | None]],
) -> list[ParseWarning]:
    """One warning per territory whose code is of a classifier not in force over
    the years of its figures: a parish of a 2017 report has only its 2021 code.

    ``dated`` pairs each territory with the first and last year its figures are of.
    """
    years: dict[Territory, set[int]] = {}
    for territory, span in dated:
        if territory is None or territory.classifier is None or span is None:
            continue
        if not any(in_force(territory.classifier, y) for y in range(span[0], span[1] + 1)):
            years.setdefault(territory, set()).add(span[0])
    return [
        ParseWarning(
            WarningCode.TERRITORY_OTHER_CLASSIFIER,
            f"{t.name}: code {t.code} is of the {t.classifier} classifier, "
            f"not in force in {_years(sorted(ys))}",
        )
        for t, ys in years.items()
    ]


def _years(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
