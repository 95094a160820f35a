"""Open-data tables of records: a period and a territory per row, an indicator per column.

The data sets behind the reports are published so (``PP gads | PP mēnesis |
ATVK kods | Pilsēta, novads | Sociālās rehabilitācijas pakalpojumi | …``):
each number is of its row's year and month (``2020`` + ``9`` → ``2020-09``)
and territory, and counts what its column's head names. A code printed in
the data is kept as printed, with the classifier version it belongs to; a
name the classifier does not know keeps the name and warns.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportparse._codes import PeriodSource, WarningCode
from reportparse._interpret._layout import TableText
from reportparse._interpret._territory import territory_named, territory_of
from reportparse._lang._labels import head_label, record_head
from reportparse._lang._territories import classifier_order, place_by_code
from reportparse._lang._values import header_unit, parse_cell
from reportparse._records._report import Observation, ParseWarning, Territory

__all__ = ["RecordColumns", "read_record_table", "record_columns"]


@dataclass(frozen=True, slots=True)
class RecordColumns:
    """Which columns of a table of records hold the year, month, code and territory name."""

    year: int
    month: int | None
    code: int | None
    name: int | None

    @property
    def keys(self) -> set[int]:
        return {c for c in (self.year, self.month, self.code, self.name) if c is not None}


def record_columns(text: TableText) -> RecordColumns | None:
    """The record columns of a table whose first row heads them, if it is such a table:
    a year column and a territory column (its code or its name) at least."""
    if len(text.text) < 2:
        return None
    found: dict[str, int] = {}
    for col, cell in enumerate(text.text[0]):
        kind = record_head(cell)
        if kind is not None and kind not in found:
            found[kind] = col
    if "year" not in found or not ({"code", "territory"} & found.keys()):
        return None
    return RecordColumns(
        found["year"], found.get("month"), found.get("code"), found.get("territory")
    )


def read_record_table(
    text: TableText, columns: RecordColumns, table_id: int, warnings: list[ParseWarning]
) -> list[Observation]:
    """One observation per number of the table's indicator columns."""
    heads = [head_label(t) for t in text.text[0]]
    observations: list[Observation] = []
    unknown: set[str] = set()
    for r, row in enumerate(text.text[1:], start=1):
        period = _period(row, columns)
        year = int(row[columns.year]) if row[columns.year].strip().isdigit() else None
        territory = _territory(row, columns, year)
        if territory is not None and territory.classifier is None and territory.name not in unknown:
            unknown.add(territory.name)
            warnings.append(
                ParseWarning(
                    WarningCode.UNKNOWN_TERRITORY,
                    f"{territory.name!r} is no territory of the classifier",
                    table_id,
                    r,
                    columns.name,
                )
            )
        for col, raw in enumerate(row):
            if col in columns.keys or not raw.strip():
                continue
            quantities = parse_cell(raw)
            if not quantities:
                continue
            unit, scale = header_unit(heads[col])
            for part, q in enumerate(quantities):
                value = q.value * scale if q.value is not None and scale != 1 else q.value
                observations.append(
                    Observation(
                        table=table_id,
                        row=r,
                        column=col,
                        part=part,
                        page=None,
                        section=None,
                        indicator=heads[col] or None,
                        component=None,
                        measure=None,
                        period=period,
                        value=value,
                        unit=q.unit or unit,
                        raw=raw,
                        period_source=PeriodSource.ROW if period else None,
                        territory=territory,
                    )
                )
    return observations


def _period(row: list[str], columns: RecordColumns) -> str | None:
    """``2020`` and ``9`` → ``2020-09``; the year alone where no month is printed."""
    year = row[columns.year].strip()
    if not (year.isdigit() and len(year) == 4):
        return None
    if columns.month is None:
        return year
    month = row[columns.month].strip()
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{year}-{int(month):02d}"
    return year


def _territory(row: list[str], columns: RecordColumns, year: int | None) -> Territory | None:
    """The row's territory: its code as printed, looked up in the classifier of its year."""
    name = row[columns.name].strip() if columns.name is not None else ""
    code = row[columns.code].strip() if columns.code is not None else ""
    if code.isdigit():
        code = code.zfill(7)
        for version in classifier_order(year):
            place = place_by_code(code, version)
            if place is not None:
                return territory_of(place)
    if name:
        named = territory_named(name, year=year)
        if named is not None:
            return named
    if code or name:
        # Kept as printed: the code of no classifier, or a name no classifier knows.
        return Territory(code or None, name or code, None, None)
    return None
