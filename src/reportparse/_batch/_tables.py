"""The batch's tables on disk: observations, facts, warnings and documents, as CSV and Parquet.

Rows come from the one column specification (``_records/_columns.py``), so
the files have the columns of ``Report.to_frame()`` in the same order. Each
table is written as the documents come, row group by row group, so memory
stays flat however long the batch is; every file appears whole or not at all.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from reportparse._batch._atomic import atomic_file
from reportparse._batch._inputs import InputItem
from reportparse._batch._results import BatchError
from reportparse._records._columns import (
    DOCUMENT_COLUMNS,
    DOCUMENTS_TABLE,
    TABLES,
    VALUE_SCALE,
    Column,
    names,
)
from reportparse._records._period_dates import period_bounds
from reportparse._records._tables import document_head, items, record_rows

__all__ = ["DOCUMENTS_COLUMNS", "DocumentRow", "TableFiles", "parquet_available"]

_VALUE_PRECISION = 38
_ROW_GROUP = 65_536
DOCUMENTS_COLUMNS: tuple[Column, ...] = (*DOCUMENT_COLUMNS, *DOCUMENTS_TABLE)


def parquet_available() -> bool:
    """Whether pyarrow is installed (the ``frames`` extra)."""
    try:
        import pyarrow  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One input's line of ``documents.*``: its document, or its error."""

    item: InputItem
    document: dict[str, Any] | None
    error: BatchError | None
    seconds: float | None

    @property
    def not_a_report(self) -> bool:
        return self.document is not None and self.document.get("status") == "not_a_report"


class TableFiles:
    """Every table of the output folder, open for the length of one assembly."""

    def __init__(self, folder: Path, *, parquet: bool) -> None:
        self.folder = folder
        self.counts: Counter[str] = Counter()
        self.formats: Counter[str] = Counter()
        self.out_of_range = 0
        self._parquet = parquet
        self._stack = contextlib.ExitStack()
        self._writers: dict[str, _TableWriter] = {}

    def __enter__(self) -> TableFiles:
        with self._stack as stack:
            for name, spec in TABLES.items():
                self._writers[name] = stack.enter_context(
                    _TableWriter(self.folder, name, spec.all_columns, self._parquet)
                )
            self._writers["documents"] = stack.enter_context(
                _TableWriter(self.folder, "documents", DOCUMENTS_COLUMNS, self._parquet)
            )
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stack.__exit__(*exc)
        self.out_of_range = sum(w.out_of_range for w in self._writers.values())

    def add(self, row: DocumentRow) -> None:
        item, document = row.item, row.document
        if document is not None:
            full = document_head(
                document, document_id=item.id, source=item.source, member=item.member
            )
            self.formats[str(full[-1])] += 1
            for name, spec in TABLES.items():
                # A README's numbers are no figures: its JSON keeps them, the
                # tables keep reports only (and its not_a_report warning).
                if row.not_a_report and name != "warnings":
                    continue
                for record in record_rows(document, spec, full):
                    self._writers[name].add(record)
                    self.counts[name] += 1
        self._writers["documents"].add(_document_line(row))


def _document_line(row: DocumentRow) -> tuple[Any, ...]:
    item, document, error = row.item, row.document, row.error
    if document is None:
        sha = error.sha256 if error is not None else None
        status = ("error", *((error.error, error.reason, error.detail) if error else [None] * 3))
        return (item.id, item.source, item.member, sha, None, *status, *[None] * 11, row.seconds)
    source = document.get("source") or {}
    report = document.get("report") or {}
    period = report.get("period") or {}
    territory = report.get("territory") or {}
    bounds = period_bounds(f"{period.get('start')}/{period.get('end')}") if period else None
    return (
        item.id, item.source, item.member, source.get("sha256"), source.get("format"),
        "not_a_report" if row.not_a_report else "ok", None, None, None,
        report.get("title"), *(bounds or (None, None)), report.get("publisher"),
        territory.get("code"), territory.get("name"), source.get("pages"),
        *(len(items(document, key)) for key in ("tables", "observations", "facts", "warnings")),
        row.seconds,
    )  # fmt: skip


class _TableWriter:
    """``<name>.csv`` and, where pyarrow is installed, ``<name>.parquet``."""

    def __init__(self, folder: Path, name: str, columns: tuple[Column, ...], parquet: bool):
        self.folder, self.name, self.columns = folder, name, columns
        self.out_of_range = 0
        self._parquet = parquet
        self._rows: list[tuple[Any, ...]] = []
        self._stack = contextlib.ExitStack()
        self._kinds = [c.kind for c in columns]

    def __enter__(self) -> _TableWriter:
        with self._stack as stack:
            binary = stack.enter_context(atomic_file(self.folder / f"{self.name}.csv"))
            self._csv = csv.writer(stack.enter_context(_text(binary)), lineterminator="\n")
            self._csv.writerow(names(self.columns))
            if self._parquet:
                import pyarrow.parquet as pq  # type: ignore[import-untyped]

                stream = stack.enter_context(atomic_file(self.folder / f"{self.name}.parquet"))
                self._schema = _schema(self.columns)
                self._pq = stack.enter_context(pq.ParquetWriter(stream, self._schema))
            self._stack = stack.pop_all()
        return self

    def __exit__(self, kind: Any, error: BaseException | None, tb: Any) -> None:
        if error is None:
            try:
                self._flush()
            except BaseException as failure:
                self._stack.__exit__(type(failure), failure, failure.__traceback__)
                raise
        # An exception passed into each atomic_file deletes its temporary file
        # instead of renaming it over the previous output.
        self._stack.__exit__(kind, error, tb)

    def add(self, row: tuple[Any, ...]) -> None:
        self._csv.writerow([_text_of(v) for v in row])
        if self._parquet:
            self._rows.append(row)
            if len(self._rows) >= _ROW_GROUP:
                self._flush()

    def _flush(self) -> None:
        if not self._parquet or not self._rows:
            return
        import pyarrow as pa

        columns = [list(c) for c in zip(*self._rows, strict=True)]
        for position, kind in enumerate(self._kinds):
            if kind == "value":
                columns[position] = [self._exact(v) for v in columns[position]]
        table = pa.Table.from_arrays(
            [pa.array(c, type=f.type) for c, f in zip(columns, self._schema, strict=True)],
            schema=self._schema,
        )
        self._pq.write_table(table, row_group_size=_ROW_GROUP)
        self._rows = []

    def _exact(self, value: Any) -> Decimal | None:
        """The value as ``decimal128(38, 10)``; one it cannot hold exactly is null (counted)."""
        if value is None:
            return None
        number = Decimal(value)
        shape = number.as_tuple()
        exponent = shape.exponent
        if not isinstance(exponent, int):  # NaN or infinity: no figure a report prints
            self.out_of_range += 1
            return None
        whole_digits = len(shape.digits) + exponent
        if -exponent > VALUE_SCALE or whole_digits > _VALUE_PRECISION - VALUE_SCALE:
            self.out_of_range += 1
            return None
        return number


def _text_of(value: Any) -> Any:
    """A cell as CSV text: exact numbers as printed (never an exponent), dates ISO."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@contextlib.contextmanager
def _text(stream: IO[bytes]) -> Iterator[IO[str]]:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def _schema(columns: tuple[Column, ...]) -> Any:
    import pyarrow as pa

    types = {
        "int": pa.int64(),
        "text": pa.string(),
        "date": pa.date32(),
        "float": pa.float64(),
        "value": pa.decimal128(_VALUE_PRECISION, VALUE_SCALE),
    }
    return pa.schema([(c.name, types[c.kind]) for c in columns])
