"""The output folder: atomic writes, resume state by sha256, tables assembled in input order."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import simplejson

from reportparse._batch._inputs import InputItem
from reportparse._batch._results import BatchError, BatchSummary
from reportparse._records import _columns as spec
from reportparse._records._columns import names

__all__ = [
    "FACT_COLUMNS",
    "OBSERVATION_COLUMNS",
    "OutputBusyError",
    "OutputDir",
    "atomic_write",
]

_OBSERVATION_FIELDS = names(spec.OBSERVATION_COLUMNS)
_FACT_FIELDS = names(spec.FACT_COLUMNS)
_HEAD = names(spec.BATCH_COLUMNS)
OBSERVATION_COLUMNS = (*_HEAD, "observation", *_OBSERVATION_FIELDS)
FACT_COLUMNS = (*_HEAD[:4], "fact", *_FACT_FIELDS)
_INT_COLUMNS = frozenset(
    {"observation", *(c.name for c in spec.OBSERVATION_COLUMNS if c.kind == "int")}
)
_VALUE_FIELDS = frozenset(
    c.name for c in spec.OBSERVATION_COLUMNS + spec.FACT_COLUMNS if c.kind == "value"
)
_VALUE = OBSERVATION_COLUMNS.index("value")
# Columns read from inside a record (``territory`` → ``territory_code``).
_NESTED = {c.name: c for c in spec.OBSERVATION_COLUMNS if c.path}
_ROW_GROUP = 65_536
_HEAD_BYTES = 4096
# The first sha256 in a document is its source's: `reportparse` and `source`
# are the JSON's first keys, and JSON escapes any quote inside a path.
_SHA_IN_HEAD = re.compile(rb'"sha256":\s*"([0-9a-f]{64})"')
_TEMP = re.compile(r"^\..+\.tmp\d+$")

Status = BatchError | None
"""An input's state at the end: ``None`` for a document in documents/, else its error."""


class OutputBusyError(RuntimeError):
    """Another batch is writing to the same output folder."""


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` complete, or not at all.

    Written beside it under a hidden temporary name and renamed into place,
    so that a batch killed at any moment (``kill -9``) leaves either the old
    file or the new one, never half of one.
    """
    temp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(temp, "wb") as stream:
            yield stream
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_file(path) as stream:
        stream.write(data)


class OutputDir:
    """``OUTDIR``: documents/, errors.jsonl, tables, summary.json, and what earlier runs left."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.documents = self.path / "documents"
        self.errors_path = self.path / "errors.jsonl"
        self._existing: set[str] = set()
        self._previous_errors: dict[str, BatchError] = {}
        self._journal: IO[str] | None = None
        self._lock: IO[bytes] | None = None

    def open(self) -> None:
        """Create the folder, take its lock, clear temporary files, read what is done."""
        self.documents.mkdir(parents=True, exist_ok=True)
        self._take_lock()
        for folder in (self.path, self.documents):
            for name in os.listdir(folder):
                if _TEMP.match(name):
                    with contextlib.suppress(FileNotFoundError):
                        (folder / name).unlink()
        self._existing = {
            name[: -len(".json")] for name in os.listdir(self.documents) if name.endswith(".json")
        }
        self._previous_errors = self._read_errors()
        # Rewritten first, so that a line torn by a kill does not swallow the next one.
        self._write_errors(list(self._previous_errors.values()))
        self._journal = open(self.errors_path, "a", encoding="utf-8")  # noqa: SIM115

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> OutputDir:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- resume state ---

    def has_document(self, id: str, sha256: str) -> bool:
        """Whether documents/<id>.json exists for this very content."""
        return id in self._existing and self._document_sha(id) == sha256

    def previous_error(self, id: str, sha256: str | None) -> BatchError | None:
        """The error an earlier run recorded for this very content, if any."""
        error = self._previous_errors.get(id)
        if error is not None and sha256 is not None and error.sha256 == sha256:
            return error
        return None

    def _document_sha(self, id: str) -> str | None:
        path = self.documents / f"{id}.json"
        try:
            with open(path, "rb") as stream:
                head = stream.read(_HEAD_BYTES)
                match = _SHA_IN_HEAD.search(head)
                if match:
                    return match.group(1).decode("ascii")
                sha = simplejson.loads(head + stream.read())["source"]["sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return sha if isinstance(sha, str) else None

    # --- writing as the batch goes ---

    def document_path(self, id: str) -> Path:
        return self.documents / f"{id}.json"

    def write_document(self, id: str, payload: bytes | None) -> None:
        """Write a document, or (``None``) note one that a worker has written."""
        if payload is not None:
            atomic_write(self.document_path(id), payload)
        self._existing.add(id)

    def record_error(self, error: BatchError) -> None:
        """Note a failure in the errors.jsonl journal; a stale document of the input goes."""
        # Unconditionally: a worker may have written the document and crashed
        # before it could say so.
        with contextlib.suppress(FileNotFoundError):
            self.document_path(error.id).unlink()
        self._existing.discard(error.id)
        if self._journal is not None:
            self._journal.write(json.dumps(error.to_dict(), ensure_ascii=False) + "\n")
            self._journal.flush()

    # --- the end ---

    def finish(
        self,
        items: Sequence[InputItem],
        statuses: dict[str, Status],
        run: dict[str, Any],
        *,
        clock: float | None = None,
    ) -> BatchSummary:
        """errors.jsonl, observations.csv/.parquet, facts.csv and summary.json, in input order.

        Everything is read back from documents/, so documents converted by an
        earlier, interrupted run count exactly as if converted now. ``run``
        goes into the summary as it is, with the assembly's time and, from
        ``clock`` (``time.monotonic()`` at the start), the whole run's.
        """
        assembly = time.monotonic()
        errors = [status for item in items if (status := statuses[item.id]) is not None]
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._write_errors(errors)
        with _Tables(self.path) as tables:
            for item in items:
                if statuses[item.id] is None:
                    with open(self.documents / f"{item.id}.json", "rb") as stream:
                        tables.add(item, simplejson.loads(stream.read(), use_decimal=True))
        current = {item.id for item in items}
        run = dict(run)
        run["stale_documents"] = len(self._existing - current)
        now = time.monotonic()
        run["assembly_seconds"] = round(now - assembly, 3)
        if clock is not None:
            run["seconds"] = round(now - clock, 3)
        summary = BatchSummary(
            output=str(self.path),
            inputs=len(items),
            documents=len(items) - len(errors),
            errors=len(errors),
            observations=tables.observations,
            facts=tables.facts,
            warnings=tables.warnings,
            formats=dict(sorted(tables.formats.items())),
            failures=dict(sorted(Counter(error.error for error in errors).items())),
            run=run,
            error_records=tuple(errors),
        )
        text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"
        atomic_write(self.path / "summary.json", text.encode("utf-8"))
        return summary

    # --- internals ---

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; one batch per folder is on the user
            return
        lock = open(self.path / ".lock", "wb")  # noqa: SIM115 -- held for the whole run
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            raise OutputBusyError(f"{self.path}: another batch is writing to it") from None
        self._lock = lock

    def _read_errors(self) -> dict[str, BatchError]:
        errors: dict[str, BatchError] = {}
        try:
            with open(self.errors_path, encoding="utf-8", errors="replace") as stream:
                for line in stream:
                    try:
                        error = BatchError.from_dict(json.loads(line))
                    except (ValueError, KeyError, TypeError, AttributeError):
                        continue  # a line torn by a kill: its input is simply done again
                    errors[error.id] = error
        except FileNotFoundError:
            pass
        return errors

    def _write_errors(self, errors: Sequence[BatchError]) -> None:
        text = "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in errors)
        atomic_write(self.errors_path, text.encode("utf-8"))


class _Tables:
    """observations.csv, observations.parquet and facts.csv, written one document at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.observations = self.facts = self.warnings = 0
        self.formats: Counter[str] = Counter()
        self._stack = contextlib.ExitStack()
        self._parquet = _ParquetStage(folder / f".observations.stage.tmp{os.getpid()}")

    def __enter__(self) -> _Tables:
        with self._stack as stack:
            obs_text = stack.enter_context(
                _text(stack.enter_context(atomic_file(self.folder / "observations.csv")))
            )
            facts_text = stack.enter_context(
                _text(stack.enter_context(atomic_file(self.folder / "facts.csv")))
            )
            self._stack = stack.pop_all()
        self._obs = csv.writer(obs_text, lineterminator="\n")
        self._facts = csv.writer(facts_text, lineterminator="\n")
        self._obs.writerow(OBSERVATION_COLUMNS)
        self._facts.writerow(FACT_COLUMNS)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: Any
    ) -> None:
        if error is None:
            try:
                self._parquet.finish(self.folder / "observations.parquet")
            except BaseException as failure:
                self._abort(failure)
                raise
            self._stack.close()  # the CSV files are renamed into place
        else:
            self._abort(error)

    def _abort(self, error: BaseException) -> None:
        # The exception passes into each atomic_file, which then deletes its
        # temporary file instead of renaming it over the previous output.
        self._parquet.discard()
        with contextlib.suppress(BaseException):
            self._stack.__exit__(type(error), error, error.__traceback__)

    def add(self, item: InputItem, document: dict[str, Any]) -> None:
        source = document.get("source") or {}
        sha = source.get("sha256")
        fmt = source.get("format")
        self.formats[str(fmt)] += 1
        self.warnings += len(document.get("warnings") or ())
        head = (item.id, item.source, item.member, sha)
        for index, o in enumerate(document.get("observations") or ()):
            row = (*head, fmt, index, *_fields(o, _OBSERVATION_FIELDS))
            self._obs.writerow(row)
            self._parquet.add(row)
            self.observations += 1
        for index, f in enumerate(document.get("facts") or ()):
            self._facts.writerow((*head, index, *_fields(f, _FACT_FIELDS)))
            self.facts += 1


@contextlib.contextmanager
def _text(stream: IO[bytes]) -> Iterator[IO[str]]:
    import io

    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def _fields(record: dict[str, Any], fields: tuple[str, ...]) -> tuple[Any, ...]:
    """A record's fields in column order, exact numbers as their text."""
    return tuple(
        _number(record.get(name))
        if name in _VALUE_FIELDS
        else spec.value_of(record, _NESTED[name])
        if name in _NESTED
        else _listed(record.get(name))
        for name in fields
    )


def _listed(value: Any) -> Any:
    """A list (a fact's ``bbox``) as its JSON text, ``[278.49, 169.3, 298.65, 181.3]``."""
    if isinstance(value, list):
        return "[" + ", ".join(str(_number(v)) for v in value) + "]"
    return value


def _number(value: Any) -> str | None:
    """A value as exact text: ``40``, ``49582.43``, ``4256.00`` (never an exponent)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class _ParquetStage:
    """Rows to Parquet in two steps: values as text first, then as one exact decimal type.

    The decimal type needs the largest scale of the whole batch, known only
    at the end; staging keeps memory flat however long the batch is.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._rows: list[tuple[Any, ...]] = []
        self._writer: Any = None
        self._scale = 0
        self._digits = 1

    def add(self, row: tuple[Any, ...]) -> None:
        value = row[_VALUE]
        if value is not None:
            whole, _, fraction = value.lstrip("-").partition(".")
            self._scale = max(self._scale, len(fraction))
            self._digits = max(self._digits, len(whole.lstrip("0")) or 1)
        self._rows.append(row)
        if len(self._rows) >= _ROW_GROUP:
            self._flush()

    def finish(self, target: Path) -> None:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        value_type = (
            pa.decimal128(38, self._scale) if self._digits + self._scale <= 38 else pa.string()
        )
        schema = _schema(value_type)
        with atomic_file(target) as stream:
            writer = pq.ParquetWriter(stream, schema)
            if self.path.exists():
                for batch in pq.ParquetFile(self.path).iter_batches(batch_size=_ROW_GROUP):
                    table = pa.Table.from_batches([batch]).cast(schema)
                    writer.write_table(table, row_group_size=_ROW_GROUP)
            writer.close()
        self.discard()

    def discard(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def _flush(self) -> None:
        if not self._rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _schema(pa.string())
        columns = list(zip(*self._rows, strict=True))
        table = pa.table(
            {name: pa.array(column, type=schema.field(name).type)
             for name, column in zip(OBSERVATION_COLUMNS, columns, strict=True)},
            schema=schema,
        )  # fmt: skip
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, schema)
        self._writer.write_table(table, row_group_size=_ROW_GROUP)
        self._rows = []


def _schema(value_type: Any) -> Any:
    import pyarrow as pa

    def column_type(name: str) -> Any:
        if name == "value":
            return value_type
        return pa.int64() if name in _INT_COLUMNS else pa.string()

    return pa.schema([(name, column_type(name)) for name in OBSERVATION_COLUMNS])
