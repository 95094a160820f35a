"""The records' JSON text: every number printed with the digits it was parsed with."""

from __future__ import annotations

from typing import Any

import simplejson

__all__ = ["dumps"]


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON text with ``Decimal`` written as the number it is, not a float's rounding.

    >>> from decimal import Decimal
    >>> dumps({"value": Decimal("49582.43"), "n": 40, "s": "ģim"})
    '{"value": 49582.43, "n": 40, "s": "ģim"}'
    """
    # The standard json module can only write Decimal through float; simplejson's
    # use_decimal prints the Decimal's own digits.
    return simplejson.dumps(obj, use_decimal=True, ensure_ascii=False, indent=indent)
