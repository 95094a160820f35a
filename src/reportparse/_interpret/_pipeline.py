"""Interpretation: from the document model to a :class:`Report`, format-blind."""

from __future__ import annotations

from collections.abc import Callable

from reportparse._interpret._facts import find_facts
from reportparse._interpret._fields import is_field_table, published_on
from reportparse._interpret._layout import TableText, analyse
from reportparse._interpret._meta import caption_period, find_meta, place_tables
from reportparse._interpret._observations import TableContext, read_rows
from reportparse._interpret._totals import check_totals
from reportparse._lang._periods import Period
from reportparse._lang._values import header_unit
from reportparse._limits import check_time
from reportparse._model import Document
from reportparse._records._report import (
    Observation,
    ParseWarning,
    Report,
    ReportPeriod,
    Source,
    TableRecord,
)
from reportparse._version import __version__

__all__ = ["interpret"]


def interpret(document: Document, source: Source) -> Report:
    """Read every table of ``document`` into observations, and its running text into
    fields and facts, with the report's title, period and publisher."""
    front = find_meta(document)
    meta, title_index, fields = front.meta, front.title_index, front.fields
    period = meta.period
    year = period.start.year if period else None
    within = _within(period) if period else None
    tables: list[TableRecord] = []
    observations: list[Observation] = []
    warnings: list[ParseWarning] = [ParseWarning(code, message) for code, message in document.notes]
    for table_id, place in enumerate(place_tables(document, title_index), start=1):
        check_time()
        text = TableText(place.table)
        caption_unit = header_unit(place.title) if place.title else (None, 1)
        # A caption's own period ("Klienti 2023. gadā" in a report for 2024)
        # dates the table's month heads and the cells that name no period.
        own = caption_period(place.title, period)
        table_year = own.start.year if own is not None else year
        table_within = _within(ReportPeriod(own.start, own.end)) if own is not None else within
        layout = analyse(text, year=table_year, within=table_within, caption_unit=caption_unit)
        title = place.title or layout.caption
        if own is None and place.title is None:
            own = caption_period(layout.caption, period)
        interval = own.iso if own is not None else period.interval if period else None
        context = TableContext(
            table_id=table_id,
            section=title or place.section,
            report_interval=interval,
            year=table_year,
            within=table_within,
        )
        # A label/value table ("Lauks | Vērtība") gave fields; its cells are not data.
        if not is_field_table(place.table):
            offset = len(observations)
            table_observations: list[Observation] = []
            rows = read_rows(text, layout, context, table_observations, warnings)
            check_totals(
                rows,
                table_observations,
                offset=offset,
                table_id=table_id,
                warnings=warnings,
                column_totals={c.index: c.totals for c in layout.columns if c.totals},
            )
            observations.extend(table_observations)
        h = layout.header_rows
        tables.append(
            TableRecord(
                id=table_id,
                title=title,
                section=place.section,
                page=place.table.page,
                header=[list(row) for row in text.text[:h]],
                rows=[
                    [t if text.is_origin(r, c) else "" for c, t in enumerate(row)]
                    for r, row in enumerate(text.text[h:], start=h)
                ],
                footnotes=list(place.table.footnotes),
            )
        )
    return Report(
        reportparse=__version__,
        source=source,
        report=meta,
        tables=tables,
        observations=observations,
        fields=fields,
        facts=find_facts(
            document, period=period, title_index=title_index, published=published_on(fields)
        ),
        warnings=warnings,
    )


def _within(period: ReportPeriod) -> Callable[[Period], bool]:
    def inside(candidate: Period) -> bool:
        return period.start <= candidate.start and candidate.end <= period.end

    return inside
