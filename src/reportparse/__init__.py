"""reportparse: typed observations from Latvian social-services reports.

>>> import reportparse
>>> report = reportparse.parse(reportparse.example_path())
>>> report.observations[0].indicator, report.observations[0].value
('kopā', 316)
"""

from reportparse._api import parse
from reportparse._batch import BatchError, BatchResult, BatchSummary, convert_batch, parse_many
from reportparse._codes import Unit, WarningCode
from reportparse._errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    LimitExceededError,
    MissingExtraError,
    ReportParseError,
    UnsupportedFormatError,
)
from reportparse._examples import example_path
from reportparse._export._schema import json_schema
from reportparse._limits import Limits
from reportparse._records._report import (
    Fact,
    Field,
    Observation,
    ParseWarning,
    Report,
    ReportMeta,
    ReportPeriod,
    Source,
    TableRecord,
    Territory,
)
from reportparse._version import __version__

__all__ = [
    "BatchError",
    "BatchResult",
    "BatchSummary",
    "CorruptFileError",
    "EmptyFileError",
    "EncryptedFileError",
    "Fact",
    "Field",
    "LimitExceededError",
    "Limits",
    "MissingExtraError",
    "Observation",
    "ParseWarning",
    "Report",
    "ReportMeta",
    "ReportParseError",
    "ReportPeriod",
    "Source",
    "TableRecord",
    "Territory",
    "Unit",
    "UnsupportedFormatError",
    "WarningCode",
    "__version__",
    "convert_batch",
    "example_path",
    "json_schema",
    "parse",
    "parse_many",
]
