"""Find a report's title, period and publisher, and the title and section of each table."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from reportparse._interpret._fields import field_period, find_fields, published_on
from reportparse._interpret._publisher import find_publisher
from reportparse._interpret._territory import territory_named
from reportparse._lang._labels import clean_label
from reportparse._lang._periods import Period, find_period
from reportparse._lang._prose import key, words
from reportparse._model import Block, Document, Heading, Paragraph, Table
from reportparse._records._report import Field, ReportMeta, ReportPeriod

__all__ = [
    "Front",
    "TablePlace",
    "caption_period",
    "find_meta",
    "place_tables",
    "title_date",
]

# A title or caption is a line or two; a longer block is running text.
_MAX_TITLE_CHARS = 300
# A date closing a title: "… pakalpojumus 22.07.2011.".
_CLOSING_DATE = regex.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\.?\s*$")
# The report's period is stated in its title or first few paragraphs.
_PERIOD_BLOCKS = 6


@dataclass(frozen=True, slots=True)
class Front:
    """What a document says of itself: its metadata, which block is its title, its fields."""

    meta: ReportMeta
    title_index: int | None
    fields: list[Field]
    #: The day the page was published: a ``Publicēts:`` field, else a date closing the title.
    published: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class TablePlace:
    """Where a table sits: the caption printed right above it and the heading it is under."""

    table: Table
    title: str | None
    section: str | None
    #: The short lines just above the caption (nearest first), where a unit for
    #: the whole table is often printed alone: ``(Ls)``, ``(tūkst. latu)``.
    above: tuple[str, ...] = ()


def _is_title_like(block: Heading | Paragraph) -> bool:
    return 0 < len(block.text) <= _MAX_TITLE_CHARS


def find_meta(document: Document) -> Front:
    """The report's title, period and publisher, the index of the block that is its title,
    and the labelled fields of its text (which the title is not).

    The period is the first one the title or the opening paragraphs state;
    failing that, a date range in a field labelled as a period (``Projekta
    īstenošanas periods: no … līdz …``). The publisher is the one a field or
    an organisation's line names (:func:`find_publisher`).
    """
    title: str | None = None
    title_index: int | None = None
    for i, block in enumerate(document.blocks):
        if isinstance(block, Table):
            break
        if isinstance(block, Heading | Paragraph) and block.text.strip():
            if isinstance(block, Heading) or _is_title_like(block):
                title, title_index = clean_label(_wrapped_title(document, i)), i
            break
    if title is None and document.metadata_title:
        title = clean_label(document.metadata_title)
    period = None
    texts = [title or ""]
    texts += [
        b.text for b in document.blocks[:_PERIOD_BLOCKS] if isinstance(b, Heading | Paragraph)
    ]
    texts.append(document.metadata_title or "")
    for text in texts:
        found = find_period(clean_label(text)) if text else None
        if found is not None:
            period = ReportPeriod(found.start, found.end)
            break
    fields = find_fields(document, skip=title_index)
    if period is None:
        period = field_period(fields)
    publisher = find_publisher(document, fields, title_index=title_index)
    published = published_on(fields) or title_date(title)
    year = period.start.year if period else published.year if published else None
    # The territory its publisher or title names ("Krāslavas novada pašvaldība"); not
    # one the text goes on to name (a ministry's address in Rīga is no report on Rīga).
    heads = [publisher, title, document.metadata_title]
    territory = next((t for text in heads if (t := territory_named(text, year=year))), None)
    meta = ReportMeta(title=title, period=period, publisher=publisher, territory=territory)
    return Front(meta, title_index, fields, published)


def title_date(title: str | None) -> datetime.date | None:
    """The date a title closes on, as a news page prints its own under its headline.

    >>> title_date("Aktīvi izmanto sociālā dienesta pakalpojumus 22.07.2011.")
    datetime.date(2011, 7, 22)
    >>> title_date("Pārskats par 2011. gadu"), title_date(None)
    (None, None)
    """
    found = _CLOSING_DATE.search(title or "")
    if found is None:
        return None
    try:
        return datetime.date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        return None


def caption_period(caption: str | None, report: ReportPeriod | None) -> Period | None:
    """The period a table's caption states for its numbers, where it is not the report's.

    A caption that compares (``salīdzinot ar 2023. gadu``) states no period of
    the table's own.

    >>> import datetime
    >>> year = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    >>> caption_period("Klienti 2024. gada 1. pusgadā", year).iso
    '2024-H1'
    >>> caption_period("Klienti 2024. gadā", year), caption_period("Klienti", year)
    (None, None)
    >>> caption_period("Izmaiņas salīdzinot ar 2023. gadu", year) is None
    True
    """
    if not caption:
        return None
    text = clean_label(caption)
    found = find_period(text)
    if found is None:
        return None
    if report is not None and (found.start, found.end) == (report.start, report.end):
        return None
    comparison = words().comparison
    if any(key(word) in comparison for word in text.split()):
        return None
    return found


def _wrapped_title(document: Document, index: int) -> str:
    """A heading with the headings of its level that continue it in lower case.

    A PDF reader sees each printed line of a long title as a heading of its own
    (``Sociālā dienesta darbs 2024. gada 1.`` / ``pusgadā``).
    """
    first = document.blocks[index]
    text = first.text if isinstance(first, Heading | Paragraph) else ""
    if not isinstance(first, Heading):
        return text
    for block in document.blocks[index + 1 :]:
        line = block.text.strip() if isinstance(block, Heading) else ""
        if not (isinstance(block, Heading) and block.level == first.level and line[:1].islower()):
            break
        text = f"{text} {line}"
    return text


def place_tables(document: Document, title_index: int | None) -> list[TablePlace]:
    """Each table with its caption (the heading or short paragraph right above it) and section."""
    places: list[TablePlace] = []
    heading: str | None = None
    previous: Heading | Paragraph | Table | None = None
    for i, block in enumerate(document.blocks):
        if isinstance(block, Heading) and i != title_index:
            heading = _name(block.text)
        if isinstance(block, Table):
            caption = None
            if (
                isinstance(previous, Heading | Paragraph)
                and _is_title_like(previous)
                and previous is not _block(document, title_index)
            ):
                caption = _name(previous.text)
            above = _lines_above(document.blocks, i - (2 if caption is not None else 1))
            places.append(TablePlace(block, caption, heading, above))
        previous = block
    return places


def _lines_above(blocks: list[Block], start: int) -> tuple[str, ...]:
    """Up to two short headings or paragraphs ending at ``blocks[start]``, nearest first."""
    lines: list[str] = []
    for k in range(start, max(start - 2, -1), -1):
        block = blocks[k]
        if isinstance(block, Table) or not _is_title_like(block):
            break
        lines.append(clean_label(block.text))
    return tuple(lines)


def _block(document: Document, index: int | None) -> Heading | Paragraph | Table | None:
    return document.blocks[index] if index is not None else None


def _name(text: str) -> str:
    return clean_label(text).rstrip(" :")
