"""reportparse: typed observations from Latvian social-services reports.

>>> import reportparse
>>> report = reportparse.parse(reportparse.example_path())
>>> report.observations[0].indicator, report.observations[0].value
('kopā', 316)
"""

from ._api import parse
from ._batch import BatchError, BatchResult, BatchSummary, convert_batch, parse_many
from ._errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    LimitExceededError,
    ReportParseError,
    UnsupportedFormatError,
)
from ._examples import example_path
from ._limits import Limits
from ._records import (
    Fact,
    Field,
    Observation,
    ParseWarning,
    Report,
    ReportMeta,
    ReportPeriod,
    Source,
    TableRecord,
)
from ._schema import json_schema
from ._version import __version__

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
    "Observation",
    "ParseWarning",
    "Report",
    "ReportMeta",
    "ReportParseError",
    "ReportPeriod",
    "Source",
    "TableRecord",
    "UnsupportedFormatError",
    "__version__",
    "convert_batch",
    "example_path",
    "json_schema",
    "parse",
    "parse_many",
]
