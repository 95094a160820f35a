"""Separated values (CSV and its kin): one table, through the standard library.

The encoding is found as for any text (UTF-8 with or without a BOM,
Windows-1257); the delimiter is the one of ``,``, ``;``, tab and ``|`` that
splits the first lines into the same number of fields. Quoted fields keep
their delimiters and line breaks. A decimal comma needs nothing here: a
field is text, and ``49582,43`` is read as a number after this, as in any
table.

>>> from reportparse._lang._reading import reading_conventions
>>> doc = read(b"PP gads;ATVK kods;Personas\\n2020;0001000;1 250\\n",
...            limits=Limits(), conventions=reading_conventions())
>>> [[c.text for c in row] for row in doc.tables[0].grid()]
[['PP gads', 'ATVK kods', 'Personas'], ['2020', '0001000', '1 250']]
"""

from __future__ import annotations

import csv
import io

from reportparse._errors import EmptyFileError, LimitExceededError
from reportparse._limits import Limits, check_time
from reportparse._model import Conventions, Document, Table
from reportparse._readers._encoding import decode_text

__all__ = ["looks_like_csv", "read"]

_DELIMITERS = (",", ";", "\t", "|")
# Lines looked at to find the delimiter.
_SNIFF_LINES = 30


def read(
    data: bytes,
    *,
    limits: Limits,
    conventions: Conventions,
    password: str | None = None,
) -> Document:
    """Read separated values into one table."""
    text, _ = decode_text(data)
    if not text.strip():
        raise EmptyFileError("empty file")
    delimiter = _delimiter(text) or ","
    rows: list[list[str]] = []
    cells = 0
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if not any(field.strip() for field in row):
            continue
        cells += len(row)
        if cells > limits.max_cells:
            raise LimitExceededError(f"more than {limits.max_cells} table cells")
        if len(rows) % 1000 == 0:
            check_time()
        rows.append([field.strip() for field in row])
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return Document(format="csv", blocks=[Table.from_rows(rows)])


def _delimiter(text: str) -> str | None:
    """The delimiter that splits the first lines into the same number (2+) of fields."""
    lines = [line for line in text.split("\n")[: _SNIFF_LINES * 2] if line.strip()][:_SNIFF_LINES]
    best: tuple[int, str] | None = None
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts or min(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        share = counts.count(common)
        if share * 10 >= len(counts) * 9 and (best is None or (share, common) > (best[0], 0)):
            best = (share, delimiter)
    return best[1] if best else None


def looks_like_csv(text: str) -> bool:
    """Whether a text is comma-separated values: five lines or more, all of the
    same two fields or more, a number among them (tabs and semicolons the text
    reader reads as tables itself)."""
    lines = [line for line in text.split("\n") if line.strip()][:_SNIFF_LINES]
    if len(lines) < 5:
        return False
    counts = [len(row) for row in csv.reader(lines)]
    return (
        min(counts) >= 2
        and len(set(counts)) == 1
        and any(ch.isdigit() for ch in "".join(lines[1:]))
        and "\t" not in lines[0]
    )
