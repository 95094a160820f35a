"""A report's observations as a tidy pandas DataFrame, from the column specification."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportparse._records._columns import DOCUMENT_COLUMNS, OBSERVATION_COLUMNS, names, value_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FRAME_COLUMNS", "observations_frame"]

FRAME_COLUMNS = names(DOCUMENT_COLUMNS + OBSERVATION_COLUMNS)
_INT_COLUMNS = tuple(c.name for c in OBSERVATION_COLUMNS if c.kind == "int")


def observations_frame(
    observations: Sequence[object], *, source: str | None, sha256: str
) -> pd.DataFrame:
    """One row per observation (a record with the observation columns' attributes),
    with the source path and hash on every row.

    ``value`` has object dtype holding ``int``, ``Decimal`` or ``None``, so no
    number passes through a float; integer columns are nullable ``Int64``.
    """
    import pandas as pd

    fields = list(names(OBSERVATION_COLUMNS))
    # astuple would deep-copy every value; plain attribute reads keep the same objects.
    rows = [tuple(value_of(o, c) for c in OBSERVATION_COLUMNS) for o in observations]
    frame = pd.DataFrame.from_records(rows, columns=fields)
    frame.insert(0, "sha256", sha256)
    frame.insert(0, "source", source)
    for column in _INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    frame["value"] = frame["value"].astype(object)
    return frame[list(FRAME_COLUMNS)]
