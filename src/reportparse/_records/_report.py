"""The typed records a user gets: one :class:`Report` per document.

Field names are the keys of the JSON contract, so that the JSON Schema can be
generated from these classes and the JSON is ``to_dict()`` of them. Numbers
stay exact: ``int`` or ``Decimal``, never ``float``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from reportparse._codes import Basis, Format, PeriodSource, Unit, WarningCode

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DataColumn",
    "Fact",
    "Field",
    "FieldKind",
    "Observation",
    "ParseWarning",
    "Report",
    "ReportMeta",
    "ReportPeriod",
    "ReportStatus",
    "Source",
    "TableRecord",
    "Territory",
    "TerritoryLevel",
]

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Source:
    """Where a report came from."""

    path: str | None
    format: Format
    sha256: str
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """The period the whole report covers, as first and last day."""

    start: date
    end: date

    @property
    def interval(self) -> str:
        """ISO 8601 interval, the period of a cell that states none of its own.

        >>> ReportPeriod(date(2024, 7, 1), date(2024, 9, 30)).interval
        '2024-07-01/2024-09-30'
        """
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


TerritoryLevel = Literal["state_city", "municipality", "city", "parish"]


@dataclass(frozen=True, slots=True)
class Territory:
    """A territory by its ATVK classifier entry (docs/territories.md).

    ``classifier`` is the classifier version the code belongs to: ``2021``
    (since the 2021 reform) or ``2009`` (the one before). A name the
    classifier does not know keeps ``code``, ``level`` and ``classifier`` null.
    """

    code: str | None
    name: str
    level: TerritoryLevel | None
    classifier: str | None


@dataclass(frozen=True, slots=True)
class DataColumn:
    """One column of a data set, as its description page names and describes it
    (``PP gads – pārskata gads, …``); ``unit`` where the description counts something."""

    name: str
    description: str
    unit: Unit | None


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """What the report says about itself."""

    title: str | None = None
    period: ReportPeriod | None = None
    publisher: str | None = None
    #: The territory the report is of: named by its publisher, title or opening.
    territory: Territory | None = None


@dataclass(frozen=True, slots=True)
class TableRecord:
    """One table as printed: header rows and data rows of cell text."""

    id: int
    title: str | None
    section: str | None
    page: int | None
    header: list[list[str]]
    rows: list[list[str]]
    footnotes: list[str] = dataclasses.field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Observation:
    """One number of one table cell, with what it counts and where it was printed.

    ``row`` and ``column`` index the table's full grid, header rows first
    (``table.header + table.rows``), from 0. ``part`` numbers the numbers of
    a compound cell (``121ģim/173pers``) in reading order; every part keeps
    the cell's ``raw`` text. ``parent`` is the index, in the report's
    ``observations``, of the total this number is a part of.
    """

    table: int
    row: int
    column: int
    part: int
    page: int | None
    section: str | None
    indicator: str | None
    component: str | None
    measure: str | None
    period: str | None
    value: Number | None
    unit: Unit | None
    raw: str
    parent: int | None = None
    #: Where ``period`` was printed: the cell, its column or row heads, a section
    #: row, the caption, or nowhere near (the report's period).
    period_source: PeriodSource | None = None
    #: ``actual``, ``plan``, ``forecast``, ``budget`` or ``target`` where a head says.
    basis: Basis | None = None
    #: The noun printed after the number when it is no unit code (``12 komplekti``).
    unit_text: str | None = None
    #: The territory the number is of: a section row's, else the report's.
    territory: Territory | None = None


FieldKind = Literal["date", "date_range", "money", "number", "text"]
#: ``ok``: a report; ``not_a_report``: read, but with no figure of a report in it.
ReportStatus = Literal["ok", "not_a_report"]


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled value (``Projekta numurs: Nr.…``) and the typed value it holds, where one applies.

    ``typed`` is an ISO date (``2021-03-25``) for ``date``, an ISO interval
    (``2020-03-01/2023-08-31``) for ``date_range``, the exact amount or number
    (``int`` or ``Decimal``) for ``money`` and ``number``, and None for ``text``.
    ``unit`` is the amount's currency or the number's unit, as in observations.
    """

    label: str
    value: str
    kind: FieldKind = "text"
    typed: str | int | Decimal | None = None
    unit: Unit | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A number in running text, with its unit and the sentence around it.

    ``text`` is ``sentence[start:end]``: the number with its currency, scale
    and unit words (``EUR 493 465,57``, ``317 ārpusģimenes aprūpē esoši
    bērni``). ``counts`` is the noun phrase that says what the number counts
    (``personas ar garīga rakstura traucējumiem``), where the sentence names
    one. ``period`` is ISO 8601, as for observations.
    """

    value: Number
    unit: Unit | None
    text: str
    sentence: str
    period: str | None = None
    counts: str | None = None
    start: int = 0
    end: int = 0
    page: int | None = None
    #: ``actual``, ``plan`` or ``target`` where the text says (a status line above it,
    #: "mērķis … līdz 2023. gadam" in its sentence), else null.
    basis: Basis | None = None


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something the parse read past; ``table``, ``row``, ``column`` name its cell, if any."""

    code: WarningCode
    message: str
    table: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """Everything read from one document; ``to_dict()`` is the JSON contract."""

    reportparse: str
    source: Source
    report: ReportMeta
    tables: list[TableRecord]
    observations: list[Observation]
    fields: list[Field]
    facts: list[Fact]
    warnings: list[ParseWarning]
    #: The data set's columns as its description page names them (open data).
    columns: list[DataColumn] = field(default_factory=list)
    #: ``not_a_report`` (with its warning) for a document with no table of
    #: figures and no Latvian sentence or field with one: a README, a changelog.
    status: ReportStatus = "ok"

    @property
    def title(self) -> str | None:
        return self.report.title

    @property
    def period(self) -> ReportPeriod | None:
        return self.report.period

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object as Python values (numbers stay ``int``/``Decimal``)."""
        result: dict[str, Any] = _plain(self)
        return result

    def to_json(self, *, indent: int | None = None) -> str:
        """The contract's JSON text, with every number printed exactly as parsed."""
        from reportparse._records._json import dumps

        return dumps(self.to_dict(), indent=indent)

    def to_frame(self, table: str = "observations") -> pd.DataFrame:
        """A tidy DataFrame: one row per observation (or per ``"facts"`` or
        ``"warnings"``), the columns of the batch's tables, ``value`` exact (object dtype).

        Needs pandas (``pip install 'reportparse[frames]'``); without it
        :class:`MissingExtraError` says so.
        """
        from reportparse._records._frame import records_frame

        return records_frame(self, table)


def _plain(value: Any) -> Any:
    # dataclasses.asdict would deep-copy Decimals and cannot turn dates into
    # ISO text; one small walk does both and keeps field order.
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
