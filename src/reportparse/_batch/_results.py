"""The records a batch hands back: one result or error per input, and the batch's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportparse._records._report import Report

__all__ = ["BatchError", "BatchResult", "BatchSummary"]


@dataclass(frozen=True, slots=True)
class BatchError:
    """An input that could not be read: one line of ``errors.jsonl``.

    ``error`` is the class of the failure: a ``ReportParseError`` subclass
    (``CorruptFileError``, ``LimitExceededError`` for a zip bomb, …),
    ``UnsafePathError`` for a refused archive member, ``TimeoutError``,
    ``WorkerCrashError`` or ``InternalError`` (a bug of ours, please report).
    ``reason`` is the few words a user can act on; ``sha256`` is the input's
    content hash when it was read.
    """

    id: str
    input: str
    source: str
    member: str | None
    sha256: str | None
    error: str
    reason: str
    detail: str | None = None

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "input": self.input,
            "source": self.source,
            "member": self.member,
            "sha256": self.sha256,
            "error": self.error,
            "reason": self.reason,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchError:
        return cls(
            id=str(data["id"]),
            input=str(data["input"]),
            source=str(data["source"]),
            member=data.get("member"),
            sha256=data.get("sha256"),
            error=str(data["error"]),
            reason=str(data["reason"]),
            detail=data.get("detail"),
        )


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One input of :func:`reportparse.parse_many`: its ``report`` or its ``error``.

    ``ok`` says which.
    """

    id: str
    input: str
    source: str
    member: str | None
    sha256: str | None
    report: Report | None = None
    error: BatchError | None = None

    @property
    def ok(self) -> bool:
        return self.report is not None


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What :func:`reportparse.convert_batch` wrote; ``to_dict()`` is ``summary.json``.

    Everything but ``run`` depends only on the inputs, so an interrupted run
    finished by a re-run has the same summary as one uninterrupted run;
    ``run`` describes this invocation (engine, timings, files resumed, memory).
    """

    output: str
    inputs: int
    documents: int
    errors: int
    observations: int
    facts: int
    warnings: int
    formats: dict[str, int] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    run: dict[str, Any] = field(default_factory=dict)
    error_records: tuple[BatchError, ...] = ()
    #: The inputs (``source`` or ``source!member``) read that are no reports (``not_a_report``).
    not_reports: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Every input converted."""
        return self.errors == 0

    def to_dict(self) -> dict[str, Any]:
        from reportparse._version import __version__

        return {
            "reportparse": __version__,
            "counts": {
                "inputs": self.inputs,
                "documents": self.documents,
                "errors": self.errors,
                "not_reports": len(self.not_reports),
                "observations": self.observations,
                "facts": self.facts,
                "warnings": self.warnings,
            },
            "formats": dict(self.formats),
            "failures": dict(self.failures),
            "not_reports": list(self.not_reports),
            "run": dict(self.run),
        }
