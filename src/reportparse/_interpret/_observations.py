"""Turn the data rows of a laid-out table into observations, one per number."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import regex

from reportparse._codes import Basis, PeriodSource, Unit, WarningCode
from reportparse._interpret._layout import Column, Layout, TableText
from reportparse._interpret._territory import territory_named
from reportparse._lang._labels import (
    LabelRole,
    basis_of,
    component_count,
    head_label,
    label_role,
    names_the_same_span,
    split_components,
    value_in_label,
)
from reportparse._lang._periods import Period, find_period, parse_period, period_from_dates
from reportparse._lang._values import Quantity, bare_unit, counted_noun, header_unit, parse_cell
from reportparse._records._report import Number, Observation, ParseWarning, Territory

__all__ = ["DataRow", "RowKind", "TableContext", "read_rows", "stated_unit"]

_DIGIT = regex.compile(r"\d")
_TAIL_PAREN = regex.compile(r"\(([^()]*)\)\s*[.:]?\s*$")


@dataclass(frozen=True, slots=True)
class TableContext:
    """What the document around a table says about it."""

    table_id: int
    section: str | None
    report_interval: str | None
    year: int | None
    within: Callable[[Period], bool] | None = None
    #: Where ``report_interval`` comes from: the table's caption or the report's title.
    interval_source: PeriodSource = PeriodSource.REPORT
    #: The territory of the table's numbers, where no section row names another.
    territory: Territory | None = None
    #: The year whose classifier a territory the table names is looked up in:
    #: the report's, else the table's first dated column's.
    territory_year: int | None = None


#: What a row below the header is. A row with a label and no values names the
#: rows under it: a ``section`` (``PABALSTI``), the ``group`` label over period
#: rows (``Trūcīgs`` over ``2021.gads``), or a ``marker`` (``no tiem:``) that
#: makes the rows under it parts of the row above it.
RowKind = Literal["data", "section", "group", "marker"]


@dataclass(slots=True)
class DataRow:
    """One row below the header, with the indices of its observations by column."""

    row: int
    label: str
    role: LabelRole
    kind: RowKind = "data"
    #: The section the row is in; of a section row, the section it is in itself.
    section: str | None = None
    #: The period the row's label names, in a table with periods down the rows.
    period: Period | None = None
    #: The basis the row's period label names (``2019. gads (izpilde)``).
    basis: Basis | None = None
    #: column index -> indices (into the table's observations) of that cell's parts.
    cells: dict[int, list[int]] = field(default_factory=dict)
    #: column index -> index of the cell's one number where it has one: its
    #: only number, or the first where the rest annotate it in parentheses
    #: (``76475 (t.sk. valsts dotāc. 10780)``, ``10 pers. (31 dienn.)``).
    main: dict[int, int] = field(default_factory=dict)


def stated_unit(label: str) -> tuple[Unit | None, int]:
    """The unit a row label or label part states at its end, if any.

    Only the tail counts, so that a number inside a label ("Pabalsts 50%
    atlaide …") is not read as the unit of the row.

    >>> stated_unit("piesaistītā valsts finansējuma summa (EUR)")
    ('EUR', 1)
    >>> stated_unit("Izlietotie finanšu līdzekļi, tūkst. EUR")
    ('EUR', 1000)
    >>> stated_unit("Pabalsts 50% atlaide no maksas PII trūcīgas ģimenes bērnam")
    (None, 1)
    """
    candidates = []
    paren = _TAIL_PAREN.search(label)
    if paren:
        candidates.append(paren.group(1))
    if "," in label:
        candidates.append(label.rsplit(",", 1)[1])
    words = label.split()
    candidates.extend([" ".join(words[-2:]), " ".join(words[-1:])])
    for candidate in candidates:
        if candidate.strip() and not _DIGIT.search(candidate):
            unit, scale = header_unit(candidate)
            if unit is not None:
                return unit, scale
    return None, 1


def _scaled(value: Number | None, scale: int) -> Number | None:
    if scale == 1 or value is None:
        return value
    scaled = value * scale
    if isinstance(scaled, Decimal) and scaled == scaled.to_integral_value():
        return int(scaled)
    return scaled


@dataclass(slots=True)
class _Walk:
    """What the rows read so far say about the rows below: their section and group label."""

    section: str | None
    group_label: str | None = None
    #: The period a section row names ("2022. gada 4. ceturksnis", "Krāslavas novads
    #: 2023. g. IV cet."): the period of the rows under it that name none.
    period: Period | None = None
    #: The territory a section row names ("Krāslavas novads 2023. g. IV cet.").
    territory: Territory | None = None


def read_rows(
    text: TableText,
    layout: Layout,
    context: TableContext,
    observations: list[Observation],
    warnings: list[ParseWarning],
) -> list[DataRow]:
    """Append the table's observations and warnings; return its data rows for the total checks."""
    rows: list[DataRow] = []
    walk = _Walk(section=context.section)
    label_columns = [
        c
        for c in layout.label_columns
        if c not in layout.ordinal_columns and c not in layout.unit_columns
    ]
    n_rows = len(text.text)
    labels = [""] * layout.header_rows + [
        _row_label(text.text[r], label_columns) for r in range(layout.header_rows, n_rows)
    ]
    for r in range(layout.header_rows, n_rows):
        label = labels[r]
        spanning = _spanning_label(text, layout, r)
        if spanning is not None:
            # "1 | Trūcīgs" merged across the value columns: it names the rows below.
            labels[r] = spanning
            rows.append(_label_row(text, labels, r, context, walk))
            continue
        if not any(text.text[r][column.index].strip() for column in layout.columns):
            if label:
                rows.append(_label_row(text, labels, r, context, walk))
            continue
        # Month rows under a section year ("2016. gads" over "janvāris") are of that year.
        year = walk.period.start.year if walk.period is not None else context.year
        row_period, row_basis = _row_period(label, year)
        data_row = DataRow(
            r, label, label_role(label), section=walk.section, period=row_period, basis=row_basis
        )
        rows.append(data_row)
        _read_row(
            text, layout, context, walk, data_row, observations=observations, warnings=warnings
        )
    undated = [c.index for c in layout.columns if c.undated]
    if undated:
        warnings.append(
            ParseWarning(
                code=WarningCode.PERIOD_WITHOUT_YEAR,
                message="column headers name months or quarters but no year, and the report "
                "states no period; their observations take no period",
                table=context.table_id,
                column=undated[0],
            )
        )
    return rows


def _spanning_label(text: TableText, layout: Layout, r: int) -> str | None:
    """The text of a cell merged across every value column of row ``r``, if it is words."""
    if len(layout.columns) < 2:
        return None
    first, last = layout.columns[0].index, layout.columns[-1].index
    cell = text.cells[r][first]
    if cell is None or cell is not text.cells[r][last] or cell.row != r:
        return None
    words = head_label(cell.text)
    if not words or text.parsed(words) is not None:
        return None
    return words


def _label_row(
    text: TableText, labels: list[str], r: int, context: TableContext, walk: _Walk
) -> DataRow:
    """A row with a label and no values: a section, a group over period rows, or a marker."""
    label = labels[r]
    role = label_role(label)
    kind: RowKind = "section"
    own_period = parse_period(label, year=context.year)
    if role == "marker":
        kind = "marker"
    elif own_period is None and _heads_periods(text, labels, r + 1, context.year):
        # A group label over period rows is their indicator, not a section.
        kind = "group"
        walk.group_label = label.rstrip(" :")
    row = DataRow(r, label, role, kind, section=walk.section)
    if kind == "section":
        walk.section = label.rstrip(" :")
        # A section that is only a period ("2016. gads") says when, not what.
        walk.group_label = walk.section if own_period is None else None
        walk.period = own_period or _closing_period(label, context.year)
        walk.territory = territory_named(label, year=context.territory_year) or walk.territory
    return row


def _read_row(
    text: TableText,
    layout: Layout,
    context: TableContext,
    walk: _Walk,
    data_row: DataRow,
    *,
    observations: list[Observation],
    warnings: list[ParseWarning],
) -> None:
    """Every value cell of one data row into observations, noted on ``data_row`` for totals."""
    r, label, row_period = data_row.row, data_row.label, data_row.period
    row_text = text.text[r]
    listed = _row_unit(row_text, layout.unit_columns)
    row_unit = listed or _label_unit(row_text, layout, label)
    named_count = component_count(label) if label else None
    named = _period_named_by(label) if row_period is None else None
    dating, named = _label_dating(label, named, row_period, walk, context)
    row_first = len(observations)
    for column in layout.columns:
        raw = row_text[column.index]
        if text.cells[r][column.index] is not None and not text.is_origin(r, column.index):
            continue  # a value spanning columns is read once, where it starts
        first = len(observations)
        readable, annotated = _read_cell(
            raw,
            observations,
            label=label,
            named_count=named_count,
            column=column,
            row_unit=row_unit,
            listed=listed is not None,
            parsed=text.parsed,
            cell=_cell_fields(text, column, data_row, walk, context, dating=dating),
        )
        data_row.cells[column.index] = list(range(first, len(observations)))
        if len(observations) - first == 1 or annotated:
            data_row.main[column.index] = first
        noun = observations[first].unit_text if len(observations) > first else None
        warning = _cell_warning(raw, readable, noun)
        if warning is not None:
            code, message = warning
            warnings.append(ParseWarning(code, message, context.table_id, r, column.index))
    _row_warnings(label, named, observations[row_first:], context, r, warnings=warnings)


def _row_warnings(
    label: str,
    named: Period | None,
    row: list[Observation],
    context: TableContext,
    r: int,
    *,
    warnings: list[ParseWarning],
) -> None:
    """What a row's label tells of its numbers: a value read into it, another period."""
    held = value_in_label(label) if label and row else None
    if held is not None:
        warnings.append(
            ParseWarning(
                WarningCode.VALUE_IN_INDICATOR,
                f"the label holds {held!r}, which a value cell would",
                context.table_id,
                r,
            )
        )
    given = {o.period for o in row if o.period is not None}
    if named is not None and given and named.iso not in given:
        warnings.append(
            ParseWarning(
                WarningCode.PERIOD_IN_INDICATOR,
                f"the label names {named.iso}; its numbers are dated {min(given)}",
                context.table_id,
                r,
            )
        )


#: A number with a year in parentheses after it: "0,4 (2019)", "26,2 (2018.)".
_CELL_PERIOD = re.compile(
    r"([-+]?\s?[\d\s.,]*\d%?)\s*\(\s*((?:19|20)\d\d\.?(?:\s*g(?:ads|\.)?)?)\s*\)"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b")
# The most words a period closing a section label is printed in ("2023. gada 4. ceturksnis").
_MAX_CLOSING_WORDS = 6
_GROUPED_DECIMAL = re.compile(r"[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+,\d+")


def _cell_fields(
    text: TableText,
    column: Column,
    data_row: DataRow,
    walk: _Walk,
    context: TableContext,
    *,
    dating: tuple[str | None, PeriodSource | None],
) -> dict[str, Any]:
    """The fields every number of one cell shares: where it is, what it counts, when."""
    r, label = data_row.row, data_row.label
    indicator, measure = label or None, column.measure
    if data_row.period is not None:
        # Periods down the rows: the group label above them (or, in a
        # transposed table, the column head) says what is counted.
        indicator = walk.group_label or column.measure or label
        measure = column.measure if walk.group_label else None
    column_iso = _in_section_year(column, walk.period)
    row_iso, row_source = dating
    return {
        "table": context.table_id,
        "row": r,
        "column": column.index,
        "page": _page(text, r, column.index),
        "section": walk.section,
        "indicator": indicator,
        "measure": measure,
        "period": column_iso if column_iso is not None else row_iso,
        "period_source": PeriodSource.COLUMN if column_iso is not None else row_source,
        "basis": column.basis or data_row.basis,
        "raw": text.text[r][column.index],
        "territory": walk.territory or context.territory,
    }


def _closing_period(label: str, year: int | None) -> Period | None:
    """The period that ends a section label ("Krāslavas novads 2023. g. IV cet."), if the
    label ends in one; a year inside it ("… saskaņā ar 2019. gada noteikumiem Nr. 5") is not."""
    words = label.split()
    for k in range(min(len(words) - 1, _MAX_CLOSING_WORDS), 0, -1):
        period = parse_period(" ".join(words[-k:]), year=year)
        if period is not None:
            return period
    return None


def _period_named_by(label: str) -> Period | None:
    """The period a row's label names inside its words ("Pabalsti 2023. gadā"), if any."""
    return find_period(label) if _YEAR.search(label) else None


def _in_section_year(column: Column, section: Period | None) -> str | None:
    """The column's period, moved into the year a section row names ("2016. gads" over
    month columns dated by the report's 2015)."""
    period = column.period
    if (
        period is None
        or section is None
        or section.granularity != "year"
        or period.granularity not in ("month", "quarter", "half")
        or period.start.year == section.start.year
    ):
        return column.iso
    year = section.start.year
    end = period.end.replace(day=1, year=year)
    end = end.replace(day=calendar.monthrange(year, end.month)[1])
    return period_from_dates(period.start.replace(year=year), end).iso


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b")
# The most words a period closing a section label is printed in ("2023. gada 4. ceturksnis").
_MAX_CLOSING_WORDS = 6
_GROUPED_DECIMAL = re.compile(r"[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+,\d+")


def _label_dating(
    label: str,
    named: Period | None,
    row_period: Period | None,
    walk: _Walk,
    context: TableContext,
) -> tuple[tuple[str | None, PeriodSource | None], Period | None]:
    """The period of a row's cells whose column names none, with where it was
    printed; and the period its label names that is not theirs, if any."""
    if named is not None and named.granularity == "interval" and len(_DATE.findall(label)) == 2:
        # "Cilvēku/dienas no 01.01.2017. līdz 03.10.2017.": a span the label gives its row.
        return (named.iso, PeriodSource.ROW), named
    dating = _row_dating(row_period, walk.period, context)
    if named is not None and walk.period is None and names_the_same_span(label):
        # "… 2008. gadā uz šo periodu" under a table of 2009 until 10 July:
        # 2008 until 10 July, the period the label names.
        dating = _same_span_in(dating, named.start.year)
        return dating, None if dating[1] is PeriodSource.ROW else named
    return dating, named


def _same_span_in(
    dating: tuple[str | None, PeriodSource | None], year: int
) -> tuple[str | None, PeriodSource | None]:
    """The span of ``dating``'s period moved to ``year``, printed in the row's label."""
    iso = dating[0]
    if iso is None:
        return dating
    span = parse_period(iso, year=None)
    if span is None:
        return dating
    shift = year - span.start.year
    try:
        moved = period_from_dates(
            span.start.replace(year=span.start.year + shift),
            span.end.replace(year=span.end.year + shift),
        )
    except ValueError:  # 29 February moved to a year without one
        return dating
    return moved.iso, PeriodSource.ROW


def _row_dating(
    row_period: Period | None, section_period: Period | None, context: TableContext
) -> tuple[str | None, PeriodSource | None]:
    """The period of a row's cells whose column names none, and where it was printed."""
    if row_period is not None:
        return row_period.iso, PeriodSource.ROW
    if section_period is not None:
        return section_period.iso, PeriodSource.SECTION
    if context.report_interval is None:
        return None, None
    return context.report_interval, context.interval_source


def _cell_warning(raw: str, readable: bool, noun: str | None) -> tuple[WarningCode, str] | None:
    """What a cell's reading warns of: digits that gave no number, a noun that is no unit."""
    if not readable and _DIGIT.search(raw):
        return WarningCode.UNREADABLE_VALUE, f"could not read a number from {raw!r}"
    if noun:
        return WarningCode.UNKNOWN_UNIT, f"{noun!r} is no unit code: unit is null"
    return None


def _row_period(label: str, year: int | None) -> tuple[Period | None, Basis | None]:
    """The period a row's label names, and the basis it names with it (``2020. gada plāns``)."""
    if not label:
        return None, None
    period = parse_period(label, year=year)
    if period is not None:
        return period, None
    basis, rest = basis_of(label, beside_period=True)
    if basis is not None and rest:
        period = parse_period(rest, year=year)
        if period is not None:
            return period, basis
    return None, None


def _heads_periods(text: TableText, labels: list[str], start: int, year: int | None) -> bool:
    """Whether the next row with any text below ``start`` is labelled with a period."""
    for r in range(start, len(labels)):
        if labels[r]:
            return parse_period(labels[r], year=year) is not None
        if any(t.strip() for t in text.text[r]):
            return False
    return False


def _row_unit(row_text: list[str], unit_columns: tuple[int, ...]) -> tuple[Unit, int] | None:
    for c in unit_columns:
        unit = bare_unit(row_text[c])
        if unit is not None:
            return unit
    return None


def _label_unit(row_text: list[str], layout: Layout, label: str) -> tuple[Unit | None, int]:
    """The unit a row's label states: the first label column's own, else the whole label's
    ("… pieaugušais (%)" beside a column naming the plan it comes from)."""
    if not label:
        return None, 1
    for c in layout.label_columns:
        if c in layout.ordinal_columns or c in layout.unit_columns:
            continue
        unit = stated_unit(head_label(row_text[c]))
        if unit[0] is not None:
            return unit
        break
    return stated_unit(label)


def _row_label(row_text: list[str], label_columns: list[int]) -> str:
    parts: list[str] = []
    for c in label_columns:
        part = head_label(row_text[c])
        if part and part not in parts:
            parts.append(part)
    return " ".join(parts)


def _page(text: TableText, row: int, col: int) -> int | None:
    cell = text.cells[row][col] or text.cells[row][0]
    return cell.page if cell is not None and cell.page is not None else text.table.page


def _read_cell(
    raw: str,
    observations: list[Observation],
    *,
    label: str,
    named_count: int | None,
    column: Column,
    row_unit: tuple[Unit | None, int],
    listed: bool = False,
    parsed: Callable[[str], list[Quantity] | None],
    cell: dict[str, Any],
) -> tuple[bool, bool]:
    """Append one observation per number of the cell, each with the fields ``cell`` gives.

    ``named_count`` is how many quantities the row label names; ``parsed``
    reads a cell the way the layout already did (and remembers it). Returns
    whether the cell could be read, and whether its numbers after the first
    stand in a parenthesis after it, annotating it.
    """
    stripped, cell = _cell_dated(raw.strip(), cell)
    # "3 240" under a label naming two quantities is two numbers, not 3240; a number
    # with decimals grouped in thousands ("1 198,1") is one whatever the label.
    parts: list[Quantity] | None = (
        parsed(stripped)
        if named_count is None or _GROUPED_DECIMAL.fullmatch(stripped)
        else parse_cell(stripped, expected_parts=named_count)
    )
    if parts is None:
        counted = counted_noun(stripped)
        if counted is not None:
            value, noun = counted
            observations.append(
                Observation(part=0, component=None, value=value, unit=None, unit_text=noun, **cell)
            )
            return True, False
    if not parts:
        observations.append(Observation(part=0, component=None, value=None, unit=None, **cell))
        return parts is not None, False
    named = split_components(label, len(parts)) if len(parts) > 1 else None
    for i, quantity in enumerate(parts):
        component = named[i] if named else None
        unit, scale = _unit_of(
            quantity, component, column, row_unit, listed=listed, named=bool(named)
        )
        # One constructor call per number: a copy of a template per part
        # (dataclasses.replace) cost as much as reading the cell.
        observations.append(
            Observation(
                part=i,
                component=component,
                value=_scaled(quantity.value, scale),
                unit=unit,
                **cell,
            )
        )
    return True, len(parts) > 1 and _annotated(stripped, parts)


def _cell_dated(stripped: str, cell: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """``0,4 (2019)``: the value's text, and the cell's fields with the period it was
    measured in."""
    dated = _CELL_PERIOD.fullmatch(stripped)
    if dated is None:
        return stripped, cell
    period = parse_period(dated.group(2), year=None)
    if period is None or period.granularity != "year":
        return stripped, cell
    return dated.group(1), {**cell, "period": period.iso, "period_source": PeriodSource.CELL}


def _unit_of(
    quantity: Quantity,
    component: str | None,
    column: Column,
    row_unit: tuple[Unit | None, int],
    *,
    listed: bool,
    named: bool,
) -> tuple[Unit | None, int]:
    """A number's unit and scale: the cell's own word, else the part's name, a unit
    column of the row, the column's heads (or the caption), the row's label."""
    if quantity.unit is not None:
        return quantity.unit, 1
    if component:
        unit, scale = stated_unit(component)
        if unit is not None:
            return unit, scale
    if listed and (column.unit is None or column.caption_unit):
        # A unit column ("Valūta": lati, eiro) says more of its row than the
        # caption of the whole table, whose scale ("milj.") still holds.
        unit, scale = row_unit
        return unit, column.scale if scale == 1 and column.caption_unit else scale
    if column.unit is None and not named:
        return row_unit
    return column.unit, column.scale


def _annotated(text: str, parts: list[Quantity]) -> bool:
    opening = text.find("(", parts[0].end)
    return (
        opening != -1
        and parts[1].start > opening
        and not _DIGIT.search(text, parts[0].end, opening)
    )
