"""Exporters after the records: exact JSON text and a tidy DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import simplejson

if TYPE_CHECKING:
    import pandas as pd

    from reportparse._records._report import Report

__all__ = ["FRAME_COLUMNS", "dumps", "observations_frame"]


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON text with ``Decimal`` written as the number it is, not a float's rounding.

    >>> from decimal import Decimal
    >>> dumps({"value": Decimal("49582.43"), "n": 40, "s": "ģim"})
    '{"value": 49582.43, "n": 40, "s": "ģim"}'
    """
    # The standard json module can only write Decimal through float; simplejson's
    # use_decimal prints the Decimal's own digits.
    return simplejson.dumps(obj, use_decimal=True, ensure_ascii=False, indent=indent)


FRAME_COLUMNS = (
    "source",
    "sha256",
    "table",
    "row",
    "column",
    "part",
    "page",
    "section",
    "indicator",
    "component",
    "measure",
    "period",
    "value",
    "unit",
    "raw",
    "parent",
)


def observations_frame(report: Report) -> pd.DataFrame:
    """One row per observation, with the source path and hash on every row.

    ``value`` has object dtype holding ``int``, ``Decimal`` or ``None``, so no
    number passes through a float; integer columns are nullable ``Int64``.
    """
    import pandas as pd

    names = list(FRAME_COLUMNS[2:])
    # astuple would deep-copy every value; plain attribute reads keep the same objects.
    rows = [tuple(getattr(o, name) for name in names) for o in report.observations]
    frame = pd.DataFrame.from_records(rows, columns=names)
    frame.insert(0, "sha256", report.source.sha256)
    frame.insert(0, "source", report.source.path)
    for column in ("table", "row", "column", "part", "page", "parent"):
        frame[column] = frame[column].astype("Int64")
    frame["value"] = frame["value"].astype(object)
    return frame[list(FRAME_COLUMNS)]
