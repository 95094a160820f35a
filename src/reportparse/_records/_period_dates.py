"""The first and last day of an ISO period as the records print it (``2024-Q3``)."""

from __future__ import annotations

import calendar
import datetime
import re

__all__ = ["period_bounds"]

_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def period_bounds(period: str | None) -> tuple[datetime.date, datetime.date] | None:
    """The first and the last day a period covers; None for no period or another text.

    >>> period_bounds("2024-Q3")
    (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    >>> period_bounds("2024-02")[1], period_bounds("2023-H2")[0]
    (datetime.date(2024, 2, 29), datetime.date(2023, 7, 1))
    >>> period_bounds("2022-01-01/2022-11-30")[1], period_bounds("2024")[1]
    (datetime.date(2022, 11, 30), datetime.date(2024, 12, 31))
    >>> period_bounds(None), period_bounds("jūlijs"), period_bounds("2024-13")
    (None, None, None)
    """
    if not period:
        return None
    first, slash, last = period.partition("/")
    if slash:
        start, end = _bounds(first), _bounds(last)
        return (start[0], end[1]) if start and end else None
    return _bounds(period)


def _bounds(text: str) -> tuple[datetime.date, datetime.date] | None:
    try:
        if m := _DAY.fullmatch(text):
            day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.fullmatch(text):
            return _months(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.fullmatch(text):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := _HALF.fullmatch(text):
            return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
        if m := _YEAR.fullmatch(text):
            return _months(int(m[1]), 1, 12)
    except ValueError:
        return None  # a month 13 or a day 31 of a short month: not a period
    return None


def _months(year: int, first: int, count: int) -> tuple[datetime.date, datetime.date]:
    last = first + count - 1
    end = datetime.date(year, last, calendar.monthrange(year, last)[1])
    return datetime.date(year, first, 1), end
