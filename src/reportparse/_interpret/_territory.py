"""The territory a text names, as the record users get (code, name, level, classifier)."""

from __future__ import annotations

from reportparse._lang._territories import find_territory
from reportparse._records._report import Territory

__all__ = ["territory_named"]


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
    level = place.level if place.level in ("state_city", "municipality", "city", "parish") else None
    return Territory(place.code, place.name, level, place.classifier)  # type: ignore[arg-type]
