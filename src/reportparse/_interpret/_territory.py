"""The territory a text names, as the record users get (code, name, level, classifier)."""

from __future__ import annotations

from typing import get_args

from reportparse._lang._territories import Place, find_territory
from reportparse._records._report import Territory, TerritoryLevel

__all__ = ["territory_named", "territory_of"]


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
