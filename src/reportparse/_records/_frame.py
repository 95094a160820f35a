"""A report's record tables as tidy pandas DataFrames, from the column specification."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportparse._errors import MissingExtraError
from reportparse._records._columns import TABLES, names
from reportparse._records._tables import document_head, record_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["records_frame"]


def records_frame(document: object, table: str = "observations") -> pd.DataFrame:
    """One row per record of ``table`` (``observations``, ``facts``, ``warnings``),
    the same columns in the same order as the batch's ``<table>.csv``.

    ``value`` has object dtype holding ``int``, ``Decimal`` or ``None``, so no
    number passes through a float; integer columns are nullable ``Int64``;
    ``period_start``/``period_end`` hold ``datetime.date`` objects.
    """
    spec = TABLES.get(table)
    if spec is None:
        raise ValueError(f"no table {table!r}: one of {', '.join(TABLES)}")
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("a DataFrame", "pandas", "frames") from None
    columns = spec.all_columns
    rows = list(record_rows(document, spec, document_head(document)))
    frame = pd.DataFrame.from_records(rows, columns=list(names(columns)))
    for column in columns:
        if column.kind == "int":
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.kind in ("value", "date"):
            frame[column.name] = frame[column.name].astype(object)
    return frame
