"""Interpretation: from the document model to a :class:`Report`, format-blind."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from reportparse._codes import PeriodSource, Unit, WarningCode
from reportparse._interpret._facts import find_facts
from reportparse._interpret._fields import is_field_table
from reportparse._interpret._layout import Layout, TableText, analyse
from reportparse._interpret._meta import (
    TablePlace,
    caption_period,
    find_meta,
    place_tables,
)
from reportparse._interpret._observations import TableContext, read_rows
from reportparse._interpret._records_table import read_record_table, record_columns
from reportparse._interpret._territory import (
    other_classifier_warnings,
    territory_in_years,
    territory_named,
)
from reportparse._interpret._totals import check_totals
from reportparse._lang._datasets import column_dictionary
from reportparse._lang._periods import Period, names_this_year, period_from_dates
from reportparse._lang._values import header_unit
from reportparse._limits import check_time
from reportparse._model import Document, Paragraph
from reportparse._records._report import (
    DataColumn,
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

__all__ = ["interpret"]

_CLOSING_PARENTHESIS = re.compile(r"\(([^()]{1,80})\)\s*[.:]?$")


def interpret(document: Document, source: Source) -> Report:
    """Read every table of ``document`` into observations, and its running text into
    fields and facts, with the report's title, period and publisher."""
    front = find_meta(document)
    places = place_tables(document, front.title_index)
    if front.meta.period is None:
        front = replace(front, meta=replace(front.meta, period=_year_of_the_heads(places)))
    published = front.published
    warnings = [ParseWarning(code, message) for code, message in document.notes]
    tables: list[TableRecord] = []
    observations: list[Observation] = []
    for table_id, place in enumerate(places, start=1):
        check_time()
        text = TableText(place.table)
        layout, context = _table_layout(
            text,
            place,
            table_id,
            front.meta.period,
            published=published,
            territory=front.meta.territory,
        )
        records = record_columns(text)
        if records is not None:
            # Open data: a row per year, month and territory, a column per indicator.
            observations.extend(read_record_table(text, records, table_id, warnings))
        # A label/value table ("Lauks | Vērtība") gave fields; its cells are not data.
        elif not is_field_table(place.table):
            observations.extend(
                _table_observations(text, layout, context, len(observations), warnings)
            )
        tables.append(_table_record(text, layout, place, table_id))
    facts = find_facts(
        document,
        period=front.meta.period,
        title_index=front.title_index,
        published=published,
    )
    observations = _in_the_classifier_of_their_years(observations, front.meta)
    warnings.extend(other_classifier_warnings(_dated_territories(front.meta, observations)))
    columns = [
        DataColumn(e.name, e.description, e.unit)
        for block in document.blocks
        if isinstance(block, Paragraph)
        for e in column_dictionary(block.text)
    ]
    return Report(
        columns=columns,
        reportparse=__version__,
        source=source,
        report=front.meta,
        tables=tables,
        observations=observations,
        fields=front.fields,
        facts=facts,
        warnings=warnings,
    )


def _dated_territories(
    meta: ReportMeta, observations: list[Observation]
) -> Iterator[tuple[Territory | None, tuple[int, int] | None]]:
    """Each territory with the years of its figures: an observation's period, else the report's."""
    span = (meta.period.start.year, meta.period.end.year) if meta.period is not None else None
    yield meta.territory, span
    for observation in observations:
        yield observation.territory, _years_of(observation.period) or span


def _in_the_classifier_of_their_years(
    observations: list[Observation], meta: ReportMeta
) -> list[Observation]:
    span = (meta.period.start.year, meta.period.end.year) if meta.period is not None else None
    moved = []
    for observation in observations:
        territory = territory_in_years(observation.territory, _years_of(observation.period) or span)
        moved.append(
            observation
            if territory is observation.territory
            else replace(observation, territory=territory)
        )
    return moved


def _years_of(period: str | None) -> tuple[int, int] | None:
    """The first and last year of an ISO period (``2024-Q3``, ``2020-03-01/2021-02-28``)."""
    if not period:
        return None
    first, _, last = period.partition("/")
    if not (first[:4].isdigit() and (last or first)[:4].isdigit()):
        return None
    return int(first[:4]), int((last or first)[:4])


def _table_layout(
    text: TableText,
    place: TablePlace,
    table_id: int,
    period: ReportPeriod | None,
    *,
    published: datetime.date | None,
    territory: Territory | None = None,
) -> tuple[Layout, TableContext]:
    """The table's header rows, label columns and column meanings, and the context of its cells."""
    caption_unit = _caption_unit(place)
    # A caption's own period ("Klienti 2023. gadā" in a report for 2024)
    # dates the table's month heads and the cells that name no period.
    own = caption_period(place.title, period) or _this_year(place.title, period, published)
    year = own.start.year if own is not None else period.start.year if period else None
    bounds = ReportPeriod(own.start, own.end) if own is not None else period
    within = _within(bounds) if bounds is not None else None
    layout = analyse(text, year=year, within=within, caption_unit=caption_unit)
    title = place.title or layout.caption
    if own is None and place.title is None:
        own = caption_period(layout.caption, period)
    if own is None and layout.corner_period is not None:
        own = layout.corner_period
    interval = own.iso if own is not None else period.interval if period else None
    dated = year or next((c.period.start.year for c in layout.columns if c.period), None)
    context = TableContext(
        table_id=table_id,
        section=title or place.section,
        report_interval=interval,
        year=year,
        within=within,
        interval_source=PeriodSource.CAPTION if own is not None else PeriodSource.REPORT,
        territory=territory_named(place.title, year=dated) or territory,
        territory_year=dated,
    )
    return layout, context


def _this_year(
    caption: str | None, period: ReportPeriod | None, published: datetime.date | None
) -> Period | None:
    """The year of publication, for a caption that says "this year" (``… pa mēnešiem
    šogad``) in a report that states no period of its own."""
    if period is not None or published is None or not caption or not names_this_year(caption):
        return None
    year = published.year
    return period_from_dates(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _year_of_the_heads(places: list[TablePlace]) -> ReportPeriod | None:
    """The one calendar year that every dated column head of the tables names
    (``2007.gada plāns | Grozījumi``), where the report states no period of its own.

    Not where a month or quarter head names no year: that the year of some
    other column is theirs is a guess.
    """
    columns = [
        column for place in places for column in analyse(TableText(place.table), year=None).columns
    ]
    periods = {column.period for column in columns if column.period is not None}
    if len(periods) != 1 or any(column.undated for column in columns):
        return None
    (period,) = periods
    if period.granularity != "year":
        return None
    return ReportPeriod(period.start, period.end)


def _caption_unit(place: TablePlace) -> tuple[Unit | None, int]:
    """The unit the caption states, else one printed in parentheses closing a line just
    above it (``(Ls)``, ``… sadalījumā pa decilēm (Ls uz vienu … mēnesī)``)."""
    if place.title:
        unit = header_unit(place.title)
        if unit[0] is not None:
            return unit
    for line in place.above:
        closing = _CLOSING_PARENTHESIS.search(line)
        if closing is not None:
            unit = header_unit(closing.group(1))
            if unit[0] is not None:
                return unit
    return None, 1


def _table_observations(
    text: TableText,
    layout: Layout,
    context: TableContext,
    offset: int,
    warnings: list[ParseWarning],
) -> list[Observation]:
    """One observation per number of the table, totals checked and linked to their parts."""
    observations: list[Observation] = []
    rows = read_rows(text, layout, context, observations, warnings)
    alike = _alike_columns(layout, observations)
    if alike and len(alike) == len({o.column for o in observations if o.value is not None}):
        warnings.append(
            ParseWarning(
                WarningCode.TABLE_NOT_UNDERSTOOD,
                "no heads tell its value columns apart",
                context.table_id,
            )
        )
        return []
    if alike:
        warnings.append(
            ParseWarning(
                WarningCode.COLUMNS_ALIKE,
                f"columns {', '.join(str(c + 1) for c in sorted(alike))} have heads that say "
                "the same; their numbers are not given",
                context.table_id,
                None,
                min(alike),
            )
        )
        # A placeholder keeps the cell's place (and its raw text) for the totals.
        observations = [replace(o, value=None) if o.column in alike else o for o in observations]
    warnings.extend(_headless_columns(layout, observations, context.table_id))
    check_totals(
        rows,
        observations,
        offset=offset,
        table_id=context.table_id,
        warnings=warnings,
        column_totals={c.index: c.totals for c in layout.columns if c.totals},
    )
    return observations


def _headless_columns(
    layout: Layout, observations: list[Observation], table_id: int
) -> list[ParseWarning]:
    """A warning per column of numbers without a head, in a table whose other columns have one."""
    if layout.header_rows == 0 or not any(c.header for c in layout.columns):
        return []
    numbered = {o.column for o in observations if o.value is not None}
    return [
        ParseWarning(
            WarningCode.COLUMN_WITHOUT_HEAD,
            f"column {column.index + 1} has numbers and no head",
            table_id,
            None,
            column.index,
        )
        for column in layout.columns
        if not column.header and column.index in numbered
    ]


def _alike_columns(layout: Layout, observations: list[Observation]) -> set[int]:
    """Value columns holding numbers whose printed heads, period and unit are another's:
    what a number in one counts cannot be told from the other's."""
    numbered = {o.column for o in observations if o.value is not None}
    groups: dict[tuple[object, ...], list[int]] = {}
    for column in layout.columns:
        if column.index in numbered:
            # The heads as printed: "Apstiprināts 2021. gadam" and "Precizētais 2021. gada
            # budžets" are both a 2021 budget, and still two columns a reader tells apart.
            key = (column.header, column.iso, column.unit)
            groups.setdefault(key, []).append(column.index)
    return {c for group in groups.values() if len(group) > 1 for c in group}


def _table_record(text: TableText, layout: Layout, place: TablePlace, table_id: int) -> TableRecord:
    """The table as printed: header rows, then data rows with spanned positions empty."""
    h = layout.header_rows
    return TableRecord(
        id=table_id,
        title=place.title or layout.caption,
        section=place.section,
        page=place.table.page,
        header=[list(row) for row in text.text[:h]],
        rows=[
            [t if text.is_origin(r, c) else "" for c, t in enumerate(row)]
            for r, row in enumerate(text.text[h:], start=h)
        ],
        footnotes=list(place.table.footnotes),
    )


def _within(period: ReportPeriod) -> Callable[[Period], bool]:
    def inside(candidate: Period) -> bool:
        return period.start <= candidate.start and candidate.end <= period.end

    return inside
