"""The output folder: atomic writes, resume state by sha256, tables assembled in input order."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import simplejson

from reportparse._batch._atomic import atomic_write
from reportparse._batch._inputs import InputItem
from reportparse._batch._results import BatchError, BatchSummary
from reportparse._batch._tables import DocumentRow, TableFiles, parquet_available

__all__ = [
    "OutputBusyError",
    "OutputDir",
    "atomic_write",
]

_HEAD_BYTES = 4096
# The first sha256 in a document is its source's: `reportparse` and `source`
# are the JSON's first keys, and JSON escapes any quote inside a path.
_SHA_IN_HEAD = re.compile(rb'"sha256":\s*"([0-9a-f]{64})"')
_TEMP = re.compile(r"^\..+\.tmp\d+$")

Status = BatchError | None
"""An input's state at the end: ``None`` for a document in documents/, else its error."""


class OutputBusyError(RuntimeError):
    """Another batch is writing to the same output folder."""


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
        seconds: dict[str, float] | None = None,
    ) -> BatchSummary:
        """errors.jsonl, the tables (observations, facts, warnings, documents) and
        summary.json, in input order.

        Everything is read back from documents/, so documents converted by an
        earlier, interrupted run count exactly as if converted now. ``run``
        goes into the summary as it is, with the assembly's time and, from
        ``clock`` (``time.monotonic()`` at the start), the whole run's;
        ``seconds`` are the parse times of the documents converted now.
        """
        assembly = time.monotonic()
        seconds = seconds or {}
        errors = [status for item in items if (status := statuses[item.id]) is not None]
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._write_errors(errors)
        not_reports: list[str] = []
        parquet = parquet_available()
        with TableFiles(self.path, parquet=parquet) as tables:
            for item in items:
                error = statuses[item.id]
                document = None if error is not None else self._read_document(item.id)
                row = DocumentRow(item, document, error, seconds.get(item.id))
                if row.not_a_report:
                    not_reports.append(item.name)
                tables.add(row)
        run = _assembled(run, tables, parquet, stale=len(self._existing - {i.id for i in items}))
        now = time.monotonic()
        run["assembly_seconds"] = round(now - assembly, 3)
        if clock is not None:
            run["seconds"] = round(now - clock, 3)
        summary = BatchSummary(
            output=str(self.path),
            inputs=len(items),
            documents=len(items) - len(errors),
            errors=len(errors),
            observations=tables.counts["observations"],
            facts=tables.counts["facts"],
            warnings=tables.counts["warnings"],
            formats=dict(sorted(tables.formats.items())),
            failures=dict(sorted(Counter(error.error for error in errors).items())),
            run=run,
            error_records=tuple(errors),
            not_reports=tuple(not_reports),
        )
        text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"
        atomic_write(self.path / "summary.json", text.encode("utf-8"))
        return summary

    def _read_document(self, id: str) -> dict[str, Any]:
        with open(self.documents / f"{id}.json", "rb") as stream:
            document: dict[str, Any] = simplejson.loads(stream.read(), use_decimal=True)
        return document

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


def _assembled(
    run: dict[str, Any], tables: TableFiles, parquet: bool, *, stale: int
) -> dict[str, Any]:
    """``run`` with what the assembly found: stale documents, and how Parquet went."""
    run = dict(run)
    run["stale_documents"] = stale
    if not parquet:
        run["parquet"] = "not written: pip install 'reportparse[frames]' for the Parquet tables"
    elif tables.out_of_range:
        run["parquet_values_out_of_range"] = tables.out_of_range
    return run
