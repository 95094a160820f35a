"""Find a table's header rows, label columns, and what each value column measures."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import regex

from reportparse._codes import Basis, Unit
from reportparse._lang._labels import (
    basis_of,
    clean_label,
    head_label,
    is_change_head,
    is_code_head,
    label_role,
)
from reportparse._lang._periods import Period, find_period, parse_period, period_from_dates
from reportparse._lang._values import (
    Quantity,
    bare_unit,
    counted_noun,
    header_unit,
    is_placeholder,
    is_unit_only,
    parse_cell,
)
from reportparse._model import Cell, Table

__all__ = ["CellKind", "Column", "Layout", "TableText", "analyse"]

CellKind = Literal["empty", "placeholder", "period", "value", "text"]

# Row numbers print as "1.", "2.1." or as a plain count 1, 2, 3 down the rows.
_ORDINAL = regex.compile(r"^\d{1,3}(?:\.\d{1,3})*\.$")
# A classification code: "10.400", "04.01.", "20.1", "A", "1a", "01".
_CODE = regex.compile(r"[\dA-Za-z]{1,6}(?:[.\-][\dA-Za-z]{1,6}){0,4}\.?")
_MIN_COUNTED_ROWS = 3
# Real reports stack at most three or four header rows; a longer run of
# wordy rows at the top is data whose values are words.
_MAX_HEADER_ROWS = 5
_DIGIT_IN = regex.compile(r"\d")
# A cell of a row numbering the columns: "1" to "99", or a capital letter.
_NUMBERING_CELL = regex.compile(r"[1-9][0-9]?|[A-Z]")
_YEAR_IN = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TRAILING_COMMA_PART = regex.compile(r"\s*,\s*([^,]+)$")
# The most words a period that opens a head is printed in ("2022. gada 1. pusgadā").
_MAX_PERIOD_WORDS = 4
_TRAILING_PARENTHESIS = regex.compile(r"\s*\(([^()]*)\)\s*$")
# Any year will do to ask whether a header is a month or quarter at all.
_ANY_YEAR = 2000


@dataclass(frozen=True, slots=True)
class Column:
    """What one value column holds, read from the header cells above it."""

    index: int
    header: tuple[str, ...]
    measure: str | None
    period: Period | None
    unit: Unit | None
    scale: int
    #: A header names a month or quarter but the table gives no year for it.
    undated: bool = False
    #: ``period.iso``, named once for all the cells of the column.
    iso: str | None = None
    #: The columns this one totals (``Gadā kopā`` after ``I cet.`` … ``IV cet.``).
    totals: tuple[int, ...] = ()
    #: What kind of figure the heads say the column holds (``2020. gada plāns``).
    basis: Basis | None = None
    #: ``unit`` and ``scale`` are the caption's, for the whole table, not the column's own.
    caption_unit: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    header_rows: int
    label_columns: tuple[int, ...]
    #: Label columns whose cells are only row numbers ("1.", "2.").
    ordinal_columns: tuple[int, ...]
    columns: tuple[Column, ...]
    #: Text of a header row spanning the whole table, which titles it.
    caption: str | None
    #: Label columns whose cells are only units ("Mērvienība": "EUR", "pers.", "%"):
    #: each states the unit of its row.
    unit_columns: tuple[int, ...] = ()
    #: A period printed in the corner, over the row labels ("2017.gads | Pārtikas
    #: preču komplekts | …"), where no value column names one: the table's own.
    corner_period: Period | None = None


_COMMA_GROUPED = regex.compile(r"[-+]?\d{1,3}(?:,\d{3})+")
_COMMA_MILLIONS = regex.compile(r"[-+]?\d{1,3}(?:,\d{3}){2,}")
_DECIMAL_COMMA = regex.compile(r"[-+]?\d+,\d{1,2}|[-+]?\d+,\d{4,}")


def _groups_with_commas(rows: list[list[str]]) -> bool:
    """Whether a table groups thousands with commas (``55,934,648``) and writes no
    decimal comma (``4,5``): then ``5,697`` in it is 5697."""
    cells = {t.strip() for row in rows for t in row}
    return any(_COMMA_MILLIONS.fullmatch(t) for t in cells) and not any(
        _DECIMAL_COMMA.fullmatch(t) for t in cells
    )


class TableText:
    """A table's grid with the text and parsed values of every cell, each computed once."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.cells: list[list[Cell | None]] = table.grid()
        self.text: list[list[str]] = [
            [c.text if c is not None else "" for c in row] for row in self.cells
        ]
        self._parsed: dict[str, list[Quantity] | None] = {}
        self.comma_thousands = _groups_with_commas(self.text)

    def parsed(self, text: str) -> list[Quantity] | None:
        if text not in self._parsed:
            if self.comma_thousands and _COMMA_GROUPED.fullmatch(text):
                # "5,697" in a table that prints "55,934,648": five thousand, not five.
                value = int(text.replace(",", ""))
                self._parsed[text] = [Quantity(value, None, text, 0, len(text))]
            else:
                self._parsed[text] = parse_cell(text)
        return self._parsed[text]

    def kind(self, text: str, *, year: int | None) -> CellKind:
        stripped = text.strip()
        if not stripped:
            return "empty"
        if is_placeholder(stripped):
            return "placeholder"
        if "\ufffd" in stripped and not stripped.replace("\ufffd", "").strip():
            # Glyphs of a font without a Unicode map: a value that cannot be
            # read, never a head (the warning names the font).
            return "value"
        if stripped[0] in "*\u2020\u2021":
            stripped = head_label(stripped)  # "**) 2008": the mark of a note under the table
        if parse_period(stripped, year=year) is not None:
            return "period"
        basis, rest = basis_of(stripped, beside_period=True)
        if basis is not None and rest and parse_period(rest, year=year) is not None:
            return "period"  # "2019 (izpilde)", "2020. gada plāns"
        note = _TRAILING_PARENTHESIS.search(stripped)
        if (
            note is not None
            and not _DIGIT_IN.search(note.group(1))
            and parse_period(stripped[: note.start()], year=year) is not None
        ):
            return "period"  # "2015 (provizoriskie dati)": a period with a note on it
        parsed = self.parsed(stripped)
        if parsed or (parsed is None and counted_noun(stripped) is not None):
            return "value"
        return "text"

    def is_origin(self, row: int, col: int) -> bool:
        cell = self.cells[row][col]
        return cell is not None and cell.row == row and cell.col == col


def analyse(
    text: TableText,
    *,
    year: int | None,
    within: Callable[[Period], bool] | None = None,
    caption_unit: tuple[Unit | None, int] = (None, 1),
) -> Layout:
    """The layout of one table; ``year`` dates month and quarter headers that name none.

    ``within`` says whether a period lies in the report's period; a month header
    whose first reading falls outside it is read again with the next year, so that
    a December–February report puts January in the later year.
    """
    n_rows, n_cols = len(text.text), text.table.n_cols
    header_rows = _count_header_rows(text, year=year)
    label_columns, ordinal_columns = _label_columns(text, header_rows, year=year)
    first_value = (max(label_columns) + 1) if label_columns else 0
    _fill_implicit_spans(text, header_rows, first_value)
    caption = _caption(text, header_rows)
    if caption is not None and caption_unit[0] is None:
        caption_unit = header_unit(caption)
    columns = []
    for col in range(first_value, n_cols):
        if all(not text.text[r][col].strip() for r in range(n_rows)):
            continue
        columns.append(
            _describe_column(
                text,
                col=col,
                header_rows=header_rows,
                caption=caption,
                year=year,
                within=within,
                caption_unit=caption_unit,
            )
        )
    described = _date_total_columns(_dated_changes(_dated_by_group(columns), within))
    return Layout(
        header_rows=header_rows,
        label_columns=label_columns,
        ordinal_columns=ordinal_columns,
        columns=described,
        caption=caption,
        unit_columns=_unit_columns(text, header_rows, label_columns),
        corner_period=_corner_period(text, header_rows, label_columns, described, year),
    )


def _corner_period(
    text: TableText,
    header_rows: int,
    label_columns: tuple[int, ...],
    columns: tuple[Column, ...],
    year: int | None,
) -> Period | None:
    """The period a head over the row labels names, where no value column names one."""
    if any(c.period is not None for c in columns):
        return None
    for r in range(header_rows):
        for c in label_columns:
            period = parse_period(head_label(text.text[r][c]), year=year)
            if period is not None:
                return period
    return None


def _count_header_rows(text: TableText, *, year: int | None) -> int:
    n_rows = len(text.text)
    count = 0
    dated: set[int] = set()
    for r in range(min(n_rows - 1, _MAX_HEADER_ROWS)):
        row = text.text[r]
        if label_role(row[0]) == "total":
            break
        if r and _spans_the_values(text, r) and _has_values(text, r + 1, year):
            break  # "1 | Trūcīgs" merged across the table over data: a section row
        kinds = [text.kind(t, year=year) for t in row[1:]]
        marked = any(c is not None and c.header for c in text.cells[r])
        filled = [k for k in kinds if k != "empty"]
        # Under heads that name periods, a row with nothing under any of them
        # is a section row ("1. | PAKALPOJUMI | | |"), not more header.
        if dated and not marked and all(kinds[c - 1] == "empty" for c in dated):
            break
        if (marked and "value" not in kinds) or (
            filled
            and all(k in ("period", "text") for k in filled)
            and not (r and _years_as_values(text, r, kinds, dated))
        ):
            dated.update(c for c, k in enumerate(kinds, start=1) if k == "period")
            count = r + 1
            continue
        break
    # Under the heads, a row that numbers the columns (``A | B | 1 | 2 | 3``, as
    # report forms print it) is no data: one more row of the header.
    while 0 < count < n_rows - 1 and is_column_numbering(text.text[count]):
        count += 1
    return count


def is_column_numbering(row: Sequence[str]) -> bool:
    """Whether a row numbers the columns: letters then numbers, each one more than
    the one before (``1 | 2 | 3 | 4``, ``A | B | 1 | 2``), three cells at least.

    >>> is_column_numbering(["1", "2", "3", "4"]), is_column_numbering(["A", "B", "1", "2"])
    (True, True)
    >>> is_column_numbering(["Pabalsti", "3", "4", "5"]), is_column_numbering(["1", "3", "4"])
    (False, False)
    """
    texts = [t.strip() for t in row]
    while texts and not texts[0]:
        texts.pop(0)  # the label column's cell may be left empty
    cells = [t for t in texts if t]
    if len(cells) < 3 or len(cells) != len(texts):
        return False
    if not all(_NUMBERING_CELL.fullmatch(c) for c in cells):
        return False
    letters = [c for c in cells if c.isalpha()]
    numbers = [int(c) for c in cells if c.isdigit()]
    if cells != letters + [str(n) for n in numbers]:
        return False
    return all(ord(b) == ord(a) + 1 for a, b in itertools.pairwise(letters)) and all(
        b == a + 1 for a, b in itertools.pairwise(numbers)
    )


def _spans_the_values(text: TableText, r: int) -> bool:
    """Whether one cell, starting in the first or second column, spans the rest of row ``r``."""
    cells = text.cells[r]
    if len(cells) < 3:
        return False
    start = 1 if cells[0] is not None and cells[0] is not cells[1] else 0
    cell = cells[start]
    return cell is not None and all(c is cell for c in cells[start:]) and cell.row == r


def _has_values(text: TableText, r: int, year: int | None) -> bool:
    """Whether row ``r`` holds a number (and so is data, not one more row of heads)."""
    if r >= len(text.text):
        return False
    return any(text.kind(t, year=year) == "value" for t in text.text[r][1:])


def _years_as_values(text: TableText, r: int, kinds: list[CellKind], dated: set[int]) -> bool:
    """Whether the bare years of a labelled row below the header are amounts (``2018`` EUR).

    A header row of years prints two or more, and no year under another year;
    a row with a label of its own and one bare year, or years under years, is data.
    """
    label = text.cells[r][0]
    if label is None or not label.text.strip() or label.row != r or label.header:
        return False
    years = [c for c, k in enumerate(kinds, start=1) if k == "period"]
    if not all(text.text[r][c].strip().isdigit() for c in years):
        return False
    if any(c in dated for c in years):
        return True
    # One year under a head of its own ("Izmaksāts" over "2012") is an amount;
    # under a caption over the whole table, or nothing, it is the head.
    return len(years) == 1 and _own_head_above(text, r, years[0])


def _own_head_above(text: TableText, r: int, col: int) -> bool:
    for above in range(r - 1, -1, -1):
        cell = text.cells[above][col]
        if cell is not None and cell.text.strip():
            return cell is not text.cells[above][0]
    return False


def _label_columns(
    text: TableText, header_rows: int, *, year: int | None
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Leading columns that hold row labels rather than values; the first always does."""
    n_cols = text.table.n_cols
    data = text.text[header_rows:]
    labels: list[int] = []
    ordinals: list[int] = []
    for col in range(n_cols - 1):  # the last column always holds values
        cells = [row[col].strip() for row in data if row[col].strip()]
        heads = [text.text[r][col] for r in range(header_rows)]
        coded = any(is_code_head(h) for h in heads) and all(_CODE.fullmatch(c) for c in cells)
        # A leading column that is empty below its head ("Funkciju klasifik. kods" left
        # blank) is passed over, so that the labels after it are found.
        empty = not cells and col < n_cols - 2
        if (col == 0 and _are_row_numbers(cells)) or coded or empty:
            labels.append(col)
            ordinals.append(col)
            continue
        wordy = sum(text.kind(c, year=year) in ("text", "period") for c in cells)
        if col == 0 or (cells and wordy * 2 > len(cells)):
            labels.append(col)
            continue
        break
    return tuple(labels or [0]), tuple(ordinals)


def _unit_columns(
    text: TableText, header_rows: int, label_columns: tuple[int, ...]
) -> tuple[int, ...]:
    """Label columns after the first whose every cell is a unit (``Mērvienība``: ``pers.``)."""
    found = []
    for col in label_columns[1:]:
        # A section row merged across the table is in no column of its own.
        cells = {
            text.text[r][col].strip()
            for r in range(header_rows, len(text.text))
            if (cell := text.cells[r][col]) is None or cell.colspan == 1
        } - {""}
        if cells and all(bare_unit(c) is not None for c in cells):
            found.append(col)
    return tuple(found)


def _are_row_numbers(cells: list[str]) -> bool:
    if cells and all(_ORDINAL.match(c) for c in cells):
        return True
    return len(cells) >= _MIN_COUNTED_ROWS and cells == [str(i) for i in range(1, len(cells) + 1)]


def _fill_implicit_spans(text: TableText, header_rows: int, first_value: int) -> None:
    # Text and some PDFs print a column group once, over empty cells, with the
    # sub-headers in the row below ("Iesniegumu skaits\t\t\tLēmumu skaits\t\t").
    for r in range(header_rows - 1):
        row, below = text.text[r], text.text[r + 1]
        for c in range(first_value + 1, len(row)):
            if not row[c].strip() and row[c - 1].strip() and below[c].strip():
                cell = text.cells[r][c]
                if cell is None or cell.colspan == 1:
                    row[c] = row[c - 1]


def _caption(text: TableText, header_rows: int) -> str | None:
    for r in range(header_rows):
        cells = [c for c in text.cells[r] if c is not None]
        if cells and all(c is cells[0] for c in cells) and text.table.n_cols > 1:
            return clean_label(cells[0].text)
    return None


def _describe_column(
    text: TableText,
    *,
    col: int,
    header_rows: int,
    caption: str | None,
    year: int | None,
    within: Callable[[Period], bool] | None,
    caption_unit: tuple[Unit | None, int],
) -> Column:
    path: list[str] = []
    for r in range(header_rows):
        item = head_label(text.text[r][col])
        if r and is_column_numbering(text.text[r]):
            continue  # the column's number on the form says nothing of it
        if item and item != caption and (not path or path[-1] != item):
            path.append(item)
    period: Period | None = None
    basis: Basis | None = None
    measure_parts: list[str] = []
    context_year = year
    for item in path:
        found, measure, item_basis = _read_head(item, context_year, within)
        basis = item_basis or basis
        if found is not None:
            period = found
            context_year = found.start.year
        if measure is not None and (not is_unit_only(measure) or len(path) == 1):
            # A head that is a unit alone ("EUR" under "2021") is no measure, unless
            # it is the column's only head ("Personas | EUR").
            measure_parts.append(measure)
    undated = (
        period is None
        and year is None
        and any(parse_period(item, year=_ANY_YEAR) is not None for item in path)
    )
    unit, scale = None, 1
    for item in reversed(path):
        unit, scale = header_unit(item)
        if unit is not None:
            break
    from_caption = unit is None and caption_unit[0] is not None
    if unit is None:
        unit, scale = caption_unit
    return Column(
        index=col,
        header=tuple(path),
        measure=" / ".join(measure_parts) or None,
        period=period,
        unit=unit,
        scale=scale,
        undated=undated,
        iso=period.iso if period is not None else None,
        basis=basis,
        caption_unit=from_caption,
    )


def _dated_by_group(columns: list[Column]) -> list[Column]:
    """Undated heads after a dated column take its period.

    Heads repeated after each dated column (``2005.gadā | grozījumi | 2006.gadā |
    grozījumi``) are the sub-heads of a year group the layout flattened: each
    takes the period of the dated column before it, until an undated head of
    a group of its own (``Tālākā laika posmā``) ends the group. A head alone
    (``2007.gada plāns | Grozījumi``) is no group: it keeps no period.
    """
    undated = Counter(c.header for c in columns if c.period is None and c.header)
    out: list[Column] = []
    last: Column | None = None
    for column in columns:
        if column.period is not None:
            last = column
        elif undated[column.header] < 2:
            last = None
        if (
            column.period is None
            and not column.undated
            and column.header
            and last is not None
            and undated[column.header] >= 2
        ):
            out.append(replace(column, period=last.period, iso=last.iso))
        else:
            out.append(column)
    return out


def _dated_changes(columns: list[Column], within: Callable[[Period], bool] | None) -> list[Column]:
    """A change column with no period of its own (``1997.g. | 1998.g. | Izmaiņas Ls``)
    is the change up to the latest period of the dated columns before it.

    Where that period lies in the report's, the column is the report's, as
    any column with no period of its own.
    """
    out: list[Column] = []
    latest: Period | None = None
    for column in columns:
        if column.period is not None and (latest is None or column.period.end > latest.end):
            latest = column.period
        if (
            column.period is None
            and not column.undated
            and latest is not None
            and not (within is not None and within(latest))
            and column.header
            and is_change_head(column.header[-1])
        ):
            out.append(replace(column, period=latest, iso=latest.iso))
        else:
            out.append(column)
    return out


def _date_total_columns(columns: list[Column]) -> tuple[Column, ...]:
    """A total column beside period columns under the same heads (``I cet.`` … ``IV cet.``,
    ``Gadā kopā``) counts what they count over all their periods: it takes their measure
    and the span of their periods, and totals them."""
    out = list(columns)
    for k, column in enumerate(columns):
        if column.period is not None or not column.header:
            continue
        if label_role(column.header[-1]) != "total":
            continue
        # The total's own heads, if any, are the periods' heads or the first of them
        # ("Klienti" over the months, "Kopā" beside it in the top row).
        heads = column.header[:-1]

        def beside(c: Column, heads: tuple[str, ...] = heads) -> bool:
            return c.period is not None and c.header[: len(heads)] == heads

        before = list(itertools.takewhile(beside, reversed(columns[:k])))
        after = list(itertools.takewhile(beside, columns[k + 1 :]))
        parts = before if len(before) >= 2 else after
        span = period_span([c.period for c in parts if c.period is not None])
        if len(parts) < 2 or span is None or len({c.header[:-1] for c in parts}) != 1:
            continue
        out[k] = replace(
            column,
            measure=parts[0].measure,
            period=span,
            iso=span.iso,
            totals=tuple(sorted(c.index for c in parts)),
        )
    return tuple(out)


def period_span(periods: Sequence[Period]) -> Period | None:
    """The periods joined, if they follow each other without a gap or overlap.

    >>> d = datetime.date
    >>> january = period_from_dates(d(2023, 1, 1), d(2023, 1, 31))
    >>> february = period_from_dates(d(2023, 2, 1), d(2023, 2, 28))
    >>> march = period_from_dates(d(2023, 3, 1), d(2023, 3, 31))
    >>> period_span([february, january]).iso
    '2023-01-01/2023-02-28'
    >>> period_span([january, march]) is None, period_span([]) is None
    (True, True)
    """
    if not periods:
        return None
    ordered = sorted(periods, key=lambda p: p.start)
    for before, after in itertools.pairwise(ordered):
        if after.start != before.end + datetime.timedelta(days=1):
            return None
    return period_from_dates(ordered[0].start, ordered[-1].end)


def _read_head(
    item: str, year: int | None, within: Callable[[Period], bool] | None
) -> tuple[Period | None, str | None, Basis | None]:
    """A column head's period, the measure it names (None when it is only a period),
    and the basis its words give (``2019. gads (izpilde)``, ``Faktiskā vērtība (2017)``)."""
    found = _read_period(item, year, within)
    if found is not None:
        return found, None, None
    with_period, rest = basis_of(item, beside_period=True)
    if with_period is not None and rest:
        found = _read_period(rest, year, within)
        if found is None and len(_YEAR_IN.findall(rest)) == 1:
            # "Precizētais 2021. gada budžets", "Apstiprināts 2021. gadam".
            found = find_period(rest)
        if found is not None:
            return found, None, with_period
    basis, _ = basis_of(item)
    # "Faktiskā vērtība (2017)", "Personu skaits, 2018": a measure with its period
    # in parentheses or after a comma; "2005.gadā kopā ar grozījumiem": before it.
    inner = _TRAILING_PARENTHESIS.search(item) or _TRAILING_COMMA_PART.search(item)
    if inner is not None:
        found = _read_period(inner.group(1), year, within)
        if found is not None and item[: inner.start()].strip():
            return found, item[: inner.start()].strip(), basis
    words = item.split()
    for k in range(min(len(words) - 1, _MAX_PERIOD_WORDS), 0, -1):
        rest = " ".join(words[k:]).strip(" ,;:-–")
        if _YEAR_IN.search(rest):
            break  # "2009 pret 2008": a comparison of two periods is neither
        found = _read_period(" ".join(words[:k]), year, within)
        if found is not None:
            return found, rest or None, basis
    trailing = _trailing_period(item, year, within)
    if trailing is not None:
        return trailing[0], trailing[1], basis
    return None, item, basis


def _trailing_period(
    item: str, year: int | None, within: Callable[[Period], bool] | None
) -> tuple[Period, str] | None:
    """A measure with its period after it, and its unit after a comma
    (``Pabalsta apmērs kopā 2018, EUR``): the period, and the measure with the unit."""
    unit_part = _TRAILING_COMMA_PART.search(item)
    unit = ""
    stem = item
    if unit_part is not None and is_unit_only(unit_part.group(1)):
        unit, stem = unit_part.group(1).strip(), item[: unit_part.start()]
    words = stem.split()
    for k in range(max(1, len(words) - _MAX_PERIOD_WORDS), len(words)):
        head = " ".join(words[:k]).strip(" ,;:-–")
        if _YEAR_IN.search(head):
            return None  # "2018 pret 2017": a comparison
        found = _read_period(" ".join(words[k:]), year, within)
        if found is not None:
            return found, ", ".join(p for p in (head, unit) if p)
    return None


def _read_period(
    item: str, year: int | None, within: Callable[[Period], bool] | None
) -> Period | None:
    period = parse_period(item, year=year)
    if period is None or within is None or year is None or within(period):
        return period
    later = parse_period(item, year=year + 1)
    return later if later is not None and within(later) else period
