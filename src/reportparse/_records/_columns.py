"""The one column specification of the tabular outputs: ``to_frame()``, CSV and Parquet.

Every table a user loads (``Report.to_frame()``, a batch's ``observations.*``,
``facts.*``, ``warnings.*`` and ``documents.*``) is built from these tuples
(``_records/_tables.py``), and ``docs/columns.md`` is generated from them;
``tests/test_columns.py`` fails when the records, the tables or the page
disagree. Names are no SQL keywords (``table_id``, not ``table``), so a
query needs no quoting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "DOCUMENTS_TABLE",
    "DOCUMENT_COLUMNS",
    "FACT_COLUMNS",
    "OBSERVATION_COLUMNS",
    "TABLES",
    "VALUE_SCALE",
    "WARNING_COLUMNS",
    "Column",
    "TableSpec",
    "names",
    "value_of",
]

Kind = Literal["int", "text", "value", "date", "float"]

#: The decimals of every ``value`` in Parquet, in every batch: ``decimal128(38, 10)``.
#: Printed figures have a few; ten leave room for a ``milj.`` share scaled to units.
VALUE_SCALE = 10


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, its kind (``value`` is an exact number) and what it holds.

    ``path`` leads to it inside a record (``territory``'s ``code``, or the
    record's ``table`` for ``table_id``); empty for the record's own field of
    that name. A ``derived`` column is computed from the record and its
    document (a period's first day, a table's title), not read.
    """

    name: str
    kind: Kind
    meaning: str
    path: tuple[str, ...] = ()
    derived: bool = False


def value_of(record: object, column: Column) -> Any:
    """The column's value in a record: a record object or its JSON dict."""
    value = record
    for key in column.path or (column.name,):
        if value is None:
            return None
        value = value.get(key) if isinstance(value, dict) else getattr(value, key)
    return value


#: The first columns of every table: which document a row is of.
DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "document_id",
        "text",
        "the document's id in a batch (`documents/<id>.json`); null from `to_frame()`",
    ),
    Column("source", "text", "the file's path as given (the archive, for a member of one)"),
    Column("member", "text", "the path inside the archive; null for a plain file"),
    Column("sha256", "text", "SHA-256 of the document's bytes"),
    Column("format", "text", "the format it was read as: `pdf`, `docx`, `html`, `text`, …"),
)

_PERIOD_BOUNDS = (
    Column("period_start", "date", "the period's first day (ISO date), null without a period",
           derived=True),
    Column("period_end", "date", "the period's last day: filter months and quarters by date",
           derived=True),
)  # fmt: skip

#: An observation, in the order of :class:`~reportparse._records._report.Observation`'s fields.
OBSERVATION_COLUMNS: tuple[Column, ...] = (
    Column("table_id", "int", "the table's `id` in `tables`, from 1", path=("table",)),
    Column("table_title", "text", "the table's title or caption, as in `tables`", derived=True),
    Column("row_index", "int", "row in the table's full grid (header rows first), from 0",
           path=("row",)),
    Column("column_index", "int", "column in the table's grid, from 0", path=("column",)),
    Column("part", "int", "which number of a compound cell (`121ģim/173pers`), from 0"),
    Column("page", "int", "1-based page, for paged formats (PDF); else null"),
    Column("section", "text", "the heading or section row the table or row is under"),
    Column("indicator", "text", "the row's label as printed (the group label over period rows)"),
    Column("component", "text", "the part's name, where the label names the parts"),
    Column("measure", "text", "the column head or column group over the cell"),
    Column("period", "text", "ISO 8601: `2024`, `2024-07`, `2024-Q3`, `2024-H1` or an interval"),
    *_PERIOD_BOUNDS,
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
)  # fmt: skip

#: A fact, in the order of :class:`~reportparse._records._report.Fact`'s fields.
FACT_COLUMNS: tuple[Column, ...] = (
    Column("value", "value", "the exact number in base units"),
    Column("unit", "text", "a unit code, or null"),
    Column("text", "text", "the number with its currency, scale and unit words"),
    Column("sentence", "text", "the sentence around it"),
    Column("period", "text", "ISO 8601 period the sentence gives it, or null"),
    *_PERIOD_BOUNDS,
    Column("counts", "text", "the noun phrase that says what it counts, where there is one"),
    Column(
        "text_start",
        "int",
        "where `text` starts in `sentence` (`start` in the JSON)",
        path=("start",),
    ),
    Column("text_end", "int", "where `text` ends in `sentence` (`end` in the JSON)", path=("end",)),
    Column("page", "int", "1-based page, for paged formats (PDF); else null"),
    Column("basis", "text", "`actual`, `plan` or `target` where the text says, else null"),
    Column("bbox", "text", "`[x0, top, x1, bottom]` in PDF points on `page` (PDF only)"),
)

#: A warning, in the order of :class:`~reportparse._records._report.ParseWarning`'s fields.
WARNING_COLUMNS: tuple[Column, ...] = (
    Column("code", "text", "the warning's code (docs/warnings.md)"),
    Column("message", "text", "what was read past, in words"),
    Column("table_id", "int", "the table it is about, or null", path=("table",)),
    Column("row_index", "int", "the row of that table, or null", path=("row",)),
    Column("column_index", "int", "the column of that row, or null", path=("column",)),
)

#: ``documents.*`` of a batch: one row per input, after the document columns.
DOCUMENTS_TABLE: tuple[Column, ...] = (
    Column("status", "text", "`ok`, `not_a_report` (read, but no table and no figure) or `error`"),
    Column("error", "text", "the failure's class (as in `errors.jsonl`), for `error`"),
    Column("reason", "text", "the failure in words, for `error`"),
    Column(
        "detail",
        "text",
        "how it failed, where it says more: `memory_limit`, `killed by signal 11 (SIGSEGV)`",
    ),
    Column("title", "text", "the report's title"),
    Column("period_start", "date", "the report's period: first day"),
    Column("period_end", "date", "the report's period: last day"),
    Column("publisher", "text", "the report's publisher"),
    Column("territory_code", "text", "the report's territory: ATVK code"),
    Column("territory_name", "text", "the report's territory: name"),
    Column("pages", "int", "pages, for paged formats"),
    Column("tables", "int", "tables read"),
    Column("observations", "int", "observations"),
    Column("facts", "int", "facts"),
    Column("warnings", "int", "warnings"),
    Column(
        "seconds",
        "float",
        "time its worker took to read it in this run; null when an earlier run read it",
    ),
)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One record table: the document's list it reads, its index column and its columns."""

    key: str
    index: str
    columns: tuple[Column, ...]

    @property
    def all_columns(self) -> tuple[Column, ...]:
        index = Column(self.index, "int", f"the index in the document's `{self.key}`, from 0")
        return (*DOCUMENT_COLUMNS, index, *self.columns)


#: The record tables, by the name of their batch files (``observations.csv``, …).
TABLES: dict[str, TableSpec] = {
    "observations": TableSpec("observations", "observation", OBSERVATION_COLUMNS),
    "facts": TableSpec("facts", "fact", FACT_COLUMNS),
    "warnings": TableSpec("warnings", "warning", WARNING_COLUMNS),
}


def names(columns: tuple[Column, ...]) -> tuple[str, ...]:
    """The names of ``columns``, in order.

    >>> names(DOCUMENT_COLUMNS)[:2]
    ('document_id', 'source')
    """
    return tuple(c.name for c in columns)
