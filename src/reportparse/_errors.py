"""Domain errors: a document that cannot be read, and why."""

from __future__ import annotations

__all__ = [
    "CorruptFileError",
    "EmptyFileError",
    "EncryptedFileError",
    "LimitExceededError",
    "MissingExtraError",
    "ReportParseError",
    "UnsupportedFormatError",
]


class ReportParseError(Exception):
    """A document could not be read.

    ``reason`` is a few words a user can act on (``not a PDF``, ``encrypted``);
    ``path`` names the file once the library knows it. ``str(error)`` is the
    one-line message the CLI prints.
    """

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class EmptyFileError(ReportParseError):
    """The file has no bytes, or no content once whitespace is removed."""


class UnsupportedFormatError(ReportParseError):
    """The content is none of the formats we read, or not the one asked for.

    ``detected`` is the format the content is, where it is one we read and
    the file's name claims another: ``parse(…, format=detected)`` reads it.
    """

    def __init__(self, reason: str, *, path: str | None = None, detected: str | None = None):
        super().__init__(reason, path=path)
        self.detected = detected


class CorruptFileError(ReportParseError):
    """The content claims a format but is damaged beyond repair (truncated, broken)."""


class EncryptedFileError(ReportParseError):
    """The document is encrypted and no (right) password was given."""


class LimitExceededError(ReportParseError):
    """Reading the document would pass a safety limit (size, pages, cells, depth)."""


class MissingExtraError(ImportError):
    """An output needs an optional dependency that is not installed.

    >>> print(MissingExtraError("a DataFrame", "pandas", "frames"))
    a DataFrame needs pandas: pip install 'reportparse[frames]'
    """

    def __init__(self, what: str, package: str, extra: str) -> None:
        super().__init__(f"{what} needs {package}: pip install 'reportparse[{extra}]'")
        self.package = package
        self.extra = extra
