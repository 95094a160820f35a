"""The one column specification of the tabular outputs: ``to_frame()``, CSV and Parquet.

Every table a user loads (``Report.to_frame()``, a batch's ``observations.*``
and ``facts.csv``) is built from these tuples, and ``docs/columns.md`` is
generated from them; ``tests/test_columns.py`` fails when the records, the
tables or the page disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "BATCH_COLUMNS",
    "DOCUMENT_COLUMNS",
    "FACT_COLUMNS",
    "OBSERVATION_COLUMNS",
    "Column",
    "names",
    "value_of",
]

Kind = Literal["int", "text", "value"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, its kind (``value`` is an exact number) and what it holds.

    ``path`` leads to it inside a record where it is nested (``territory``'s
    ``code``); empty for the record's own field of that name.
    """

    name: str
    kind: Kind
    meaning: str
    path: tuple[str, ...] = ()


def value_of(record: object, column: Column) -> Any:
    """The column's value in a record: a record object or its JSON dict."""
    value = record
    for key in column.path or (column.name,):
        if value is None:
            return None
        value = value.get(key) if isinstance(value, dict) else getattr(value, key)
    return value


#: Where a row of ``to_frame()`` came from.
DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("source", "text", "the file's path as given (null for bytes or a stream)"),
    Column("sha256", "text", "SHA-256 of the file's bytes"),
)

#: What a batch adds before a document's columns: which input, and the format read.
BATCH_COLUMNS: tuple[Column, ...] = (
    Column("id", "text", "the document's id in the batch (`documents/<id>.json`)"),
    Column("source", "text", "the input file (the archive, for a member of one)"),
    Column("member", "text", "the path inside the archive; empty for a plain file"),
    Column("sha256", "text", "SHA-256 of the document's bytes"),
    Column("format", "text", "the format it was read as: `pdf`, `docx`, `html`, `text`"),
)

#: An observation, in the order of :class:`~reportparse._records._report.Observation`'s fields.
OBSERVATION_COLUMNS: tuple[Column, ...] = (
    Column("table", "int", "the table's `id` in `tables`, from 1"),
    Column("row", "int", "row in the table's full grid (header rows first), from 0"),
    Column("column", "int", "column in the table's grid, from 0"),
    Column("part", "int", "which number of a compound cell (`121ģim/173pers`), from 0"),
    Column("page", "int", "1-based page, for paged formats (PDF); else null"),
    Column("section", "text", "the heading or section row the table or row is under"),
    Column("indicator", "text", "the row's label as printed (the group label over period rows)"),
    Column("component", "text", "the part's name, where the label names the parts"),
    Column("measure", "text", "the column head or column group over the cell"),
    Column("period", "text", "ISO 8601: `2024`, `2024-07`, `2024-Q3`, `2024-H1` or an interval"),
    Column("value", "value", "the exact number in base units; null for a placeholder"),
    Column("unit", "text", "a unit code (docs/warnings.md lists them), or null"),
    Column("raw", "text", "the cell's printed text, footnote marks included"),
    Column("parent", "int", "index in `observations` of the total this number is a part of"),
    Column(
        "period_source",
        "text",
        "where the period was printed: `cell`, `column`, `row`, `section`, `caption` or `report`",
    ),
    Column("basis", "text", "`actual`, `plan`, `forecast`, `budget` or `target`, where heads say"),
    Column("unit_text", "text", "the noun after the number when it is no unit code (`komplekti`)"),
    Column(
        "territory_code",
        "text",
        "the ATVK code of the territory the number is of (its classifier in the JSON)",
        path=("territory", "code"),
    ),
    Column(
        "territory_name",
        "text",
        "the territory's name in the nominative (`Krāslavas novads`, `Rīga`)",
        path=("territory", "name"),
    ),
)

#: A fact, in the order of :class:`~reportparse._records._report.Fact`'s fields.
FACT_COLUMNS: tuple[Column, ...] = (
    Column("value", "value", "the exact number in base units"),
    Column("unit", "text", "a unit code, or null"),
    Column("text", "text", "the number with its currency, scale and unit words"),
    Column("sentence", "text", "the sentence around it"),
    Column("period", "text", "ISO 8601 period the sentence gives it, or null"),
    Column("counts", "text", "the noun phrase that says what it counts, where there is one"),
    Column("start", "int", "where `text` starts in `sentence`"),
    Column("end", "int", "where `text` ends in `sentence`"),
    Column("page", "int", "1-based page, for paged formats (PDF); else null"),
    Column("basis", "text", "`actual`, `plan` or `target` where the text says, else null"),
    Column("bbox", "text", "`[x0, top, x1, bottom]` in PDF points on `page` (PDF only)"),
)


def names(columns: tuple[Column, ...]) -> tuple[str, ...]:
    """The names of ``columns``, in order.

    >>> names(DOCUMENT_COLUMNS)
    ('source', 'sha256')
    """
    return tuple(c.name for c in columns)
